import { Link } from '../../app/router';
import { ErrorBox } from '../../components/ErrorBox';
import { TrafficLight } from '../../components/TrafficLight';
import { api } from '../../lib/api';
import { addMessages, useI18n } from '../../lib/i18n';
import { useNames } from '../../lib/names';
import { formatDate, formatDateTime } from '../../lib/time';
import { useLoaded } from '../../lib/queries';
import { CycleBoard } from './CycleBoard';
import { InspectionRounds } from './InspectionRounds';
import { loadCurrentCycle, type CycleDetail } from './cycle';
import { OfficeTaskTable } from './OfficeTaskTable';
import { NewTaskLink } from './OfficeTasks';
import { OverviewPanels } from './Overview';
import './office.css';
import office from '../../lib/messages/office';

addMessages(office);

/**
 * The office's start page: who is late and what awaits the office (the overview, cycle or not), then the current
 * cycle's board (units × goals, traffic lights), the overdue and escalated tasks, the next deadlines, and the
 * meetings and bulletins ahead. Without a cycle: the overview, the way to open one, and every overdue task.
 */
export function OfficeHome() {
  const { t, lang } = useI18n();
  const names = useNames();
  const {
    value: cycle,
    error,
    reload,
  } = useLoaded(['office-home'], async () => {
    const current = await loadCurrentCycle();
    return current ? api<CycleDetail>('GET', `/v1/cycles/${encodeURIComponent(current.id)}`) : null;
  });
  if (error) return <ErrorBox error={error} onRetry={reload} />;
  if (cycle === undefined) return <p className="muted">{t('common.loading')}</p>;
  if (cycle === null) {
    return (
      <div className="office-home">
        <header className="section-head">
          <h1>{t('office.title')}</h1>
          <NewTaskLink />
        </header>
        <OverviewPanels />
        <p className="panel">
          {t('office.noCycle')} <Link to="/office/plan">{t('office.toPlan')}</Link>
        </p>
        <section aria-labelledby="overdue-title">
          <h2 id="overdue-title">{t('office.overdue.title')}</h2>
          <OfficeTaskTable
            caption={t('office.overdue.caption')}
            filter={{ overdue: 'true', sort: 'rung', order: 'desc' }}
            names={names}
          />
        </section>
      </div>
    );
  }
  return (
    <div className="office-home">
      <header className="section-head">
        <h1>
          {t('office.title')} · {t('office.cycle', { year: cycle.year })}
        </h1>
        <p className="office-phase">
          <span className="badge">{t(`office.phase.${cycle.phase}`)}</span>{' '}
          <span data-testid="cycle-totals">
            {t('office.totals', { total: cycle.totals.total, overdue: cycle.totals.overdue })}
          </span>
        </p>
        <NewTaskLink />
      </header>
      <OverviewPanels />
      {cycle.phase === 'PLANNING' && (
        <p className="panel">
          {t(cycle.planVersion ? 'office.planPending' : 'office.planMissing', { version: cycle.planVersion ?? 0 })}{' '}
          <Link to="/office/plan">{t('nav.office.plan')}</Link>
        </p>
      )}
      <CycleBoard cycleId={cycle.id} />
      <section aria-labelledby="overdue-title">
        <h2 id="overdue-title">{t('office.overdue.title')}</h2>
        <OfficeTaskTable
          caption={t('office.overdue.caption')}
          filter={{ cycle: cycle.id, overdue: 'true', sort: 'rung', order: 'desc' }}
          names={names}
        />
      </section>
      <div className="office-columns">
        <section aria-labelledby="deadlines-title">
          <h2 id="deadlines-title">{t('office.deadlines.title')}</h2>
          {cycle.upcomingDeadlines.length === 0 ? (
            <p className="muted">{t('table.empty')}</p>
          ) : (
            <ul className="plain-list">
              {cycle.upcomingDeadlines.map((d) => (
                <li key={d.id}>
                  <TrafficLight light={d.light} /> <Link to={`/tasks/${encodeURIComponent(d.id)}`}>{d.title}</Link>
                  <span className="muted small">
                    {' '}
                    {names[d.leadUnitId] ?? d.leadUnitId} · {formatDate(d.dueDate, lang)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="upcoming-title">
          <h2 id="upcoming-title">{t('office.upcoming.title')}</h2>
          {cycle.upcoming.length === 0 ? (
            <p className="muted">{t('table.empty')}</p>
          ) : (
            <ul className="plain-list">
              {cycle.upcoming.slice(0, 8).map((e) => (
                <li key={`${e.kind}-${e.key}`}>
                  <span className="badge">{t(`office.upcoming.${e.kind}`)}</span> {e.title}
                  <span className="muted small"> {formatDateTime(e.at, lang)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <InspectionRounds cycleId={cycle.id} year={cycle.year} months={cycle.settings.inspectionMonths ?? []} />
      </div>
    </div>
  );
}
