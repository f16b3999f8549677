import type { components } from '../../../../clients/typescript/src/api-schema';
import { Link } from '../../app/router';
import { Chart } from '../../components/Chart';
import { unitsChart } from '../../../../render/charts';
import { CollaborationTable } from './CollaborationTable';
import { ErrorBox } from '../../components/ErrorBox';
import { addMessages, useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/queries';
import { formatDate, formatRemaining } from '../../lib/time';
import office from '../../lib/messages/office';

addMessages(office);

type Overview = components['schemas']['Overview'];

/** How many lead units the chart shows (the most overdue first). */
const UNITS_SHOWN = 8;

/**
 * Who is late and what needs the office, at a glance, whether or not a cycle is open (GET /v1/overview): the open
 * tasks by urgency and by lead unit, the escalation rungs and the L3 tasks, and the decisions awaiting the office.
 */
export function OverviewPanels() {
  const { t, lang } = useI18n();
  const { value: o, error, reload } = useApi<Overview>('/v1/overview');
  if (error) return <ErrorBox error={error} onRetry={reload} />;
  if (!o) return <p className="muted">{t('common.loading')}</p>;
  const { urgency, rungs, pending } = o;
  // The colours of the traffic light (styles.css --red, --yellow, --green).
  const shown = o.units.slice(0, UNITS_SHOWN).map((u) => ({
    unitName: u.unitName,
    parts: [
      { value: u.overdue, colour: '#a4161a', name: t('overview.overdue') },
      { value: u.dueSoon, colour: '#d69e2e', name: t('overview.dueSoon') },
      { value: u.onTime, colour: '#116329', name: t('overview.onTime') },
    ],
  }));
  const decisions = [
    {
      key: 'extensions',
      n: pending.extensions.office,
      text: t('overview.pending.extensions', { n: pending.extensions.office }),
    },
    {
      key: 'submitted',
      n: pending.submitted,
      text: t('overview.pending.submitted', { n: pending.submitted }),
      to: '/office/tasks?state=SUBMITTED',
    },
    {
      key: 'statements',
      n: pending.statements.received + pending.statements.overdue,
      text: t('overview.pending.statements', {
        received: pending.statements.received,
        overdue: pending.statements.overdue,
      }),
      to: '/office/cases',
    },
    ...pending.plans.map((p) => ({
      key: `plan-${p.cycleId}`,
      n: 1,
      text: t('overview.pending.plan', { year: p.year, version: p.version }),
      to: '/office/plan',
    })),
    // Case collaboration awaiting the office (counts only; null for leaders and the group).
    ...(pending.collaboration
      ? [
          {
            key: 'secondments',
            n: pending.collaboration.secondments,
            text: t('overview.pending.secondments', { n: pending.collaboration.secondments }),
            to: '/office/case-teams',
          },
          {
            key: 'swaps',
            n: pending.collaboration.swaps,
            text: t('overview.pending.swaps', { n: pending.collaboration.swaps }),
            to: '/office/rotations',
          },
          {
            key: 'referrals',
            n: pending.collaboration.referrals,
            text: t('overview.pending.referrals', { n: pending.collaboration.referrals }),
            to: '/referrals',
          },
        ]
      : []),
  ];
  return (
    <section className="overview" aria-labelledby="overview-title" data-testid="overview">
      <h2 id="overview-title" className="sr-only">
        {t('overview.title')}
      </h2>
      <div className="overview-grid">
        <section className="panel" aria-labelledby="ov-urgency">
          <h3 id="ov-urgency">{t('overview.urgency')}</h3>
          <ul className="stats">
            <li className="stat stat-overdue">
              <Link to="/office/tasks?overdue=true" data-testid="overview-overdue">
                <strong>{urgency.overdue}</strong> {t('overview.overdue')}
              </Link>
            </li>
            <li className="stat stat-soon">
              <strong>{urgency.dueSoon}</strong> {t('overview.dueSoon')}
            </li>
            <li className="stat stat-ontime">
              <strong>{urgency.onTime}</strong> {t('overview.onTime')}
            </li>
          </ul>
        </section>
        <section className="panel" aria-labelledby="ov-rungs">
          <h3 id="ov-rungs">{t('overview.rungs')}</h3>
          <ul className="stats">
            {([1, 2, 3] as const).map((r) => (
              <li key={r} className={`stat stat-rung-${r}`} data-testid={`overview-rung-${r}`}>
                <strong>{rungs[`l${r}`]}</strong> {t(`rung.${r}`)}
              </li>
            ))}
          </ul>
          <h4>{t('overview.l3')}</h4>
          {o.l3.length === 0 ? (
            <p className="muted">{t('common.none')}</p>
          ) : (
            <ul className="plain-list" data-testid="overview-l3">
              {o.l3.map((x) => (
                <li key={x.id}>
                  <Link to={`/tasks/${encodeURIComponent(x.id)}`}>{x.title}</Link>
                  <span className="muted small">
                    {' '}
                    {x.leadUnitName} · {formatRemaining(x.remainingWorkingDays, lang)}
                    {x.cycleId === null && ` · ${t('overview.adHoc')}`}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel" aria-labelledby="ov-pending">
          <h3 id="ov-pending">{t('overview.pending')}</h3>
          <ul className="plain-list decisions" data-testid="overview-pending">
            {decisions.map((d) => (
              <li key={d.key} className={d.n > 0 ? 'decision-due' : undefined}>
                {d.to && d.n > 0 ? <Link to={d.to}>{d.text}</Link> : d.text}
                {d.key === 'extensions' && pending.extensionRequests.length > 0 && (
                  <ul>
                    {pending.extensionRequests.map((x) => (
                      <li key={x.id}>
                        <Link to={`/tasks/${encodeURIComponent(x.id)}`}>{x.title}</Link>
                        <span className="muted small">
                          {' '}
                          {x.leadUnitName} ·{' '}
                          {t('overview.proposed', { date: x.proposedDate ? formatDate(x.proposedDate, lang) : '—' })}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </section>
      </div>
      {o.units.length > 0 && (
        <section className="panel overview-chart" aria-labelledby="ov-units">
          <h3 id="ov-units">{t('overview.unitsChart')}</h3>
          <Chart
            testId="overview-units"
            option={unitsChart(shown, '')}
            label={t('overview.unitsChart')}
            description={shown
              .map((u) => `${u.unitName}：${u.parts.map((p) => `${p.name} ${p.value}`).join('，')}`)
              .join('；')}
            height={Math.max(200, 70 + shown.length * 30)}
          />
        </section>
      )}
      {o.collaboration.units.length > 0 && (
        <CollaborationTable caption={t('overview.collaboration')} rows={o.collaboration.units} />
      )}
    </section>
  );
}
