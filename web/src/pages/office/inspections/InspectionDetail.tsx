import { Link } from '../../../app/router';
import { ErrorBox } from '../../../components/ErrorBox';
import { Timeline } from '../../../components/Timeline';
import { api } from '../../../lib/api';
import { useI18n } from '../../../lib/i18n';
import { useNames } from '../../../lib/names';
import { formatDate, formatDateTime } from '../../../lib/time';
import type { Inspection } from '../../../lib/types-office2';
import { useAction } from '../../../lib/use-action';
import { useLoad } from '../../../lib/use-load';
import { NotFound } from '../../shared/NotFound';
import { FindingsForm } from './FindingsForm';

/** One inspection round: each unit's self-check, the findings with their rectification tasks, and the close of findings. */
export function InspectionDetail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const names = useNames();
  const path = `/v1/inspections/${encodeURIComponent(id)}`;
  const { value: r, error, reload } = useLoad(() => api<Inspection>('GET', path), [id]);
  const close = useAction();
  if (error && (error.status === 404 || error.status === 403)) return <NotFound />;
  if (error) return <ErrorBox error={error} onRetry={reload} />;
  if (!r) return <p className="muted">{t('common.loading')}</p>;
  const open = r.state === 'SELF_CHECK' || r.state === 'INSPECTING';
  const pending = r.units.filter((u) => !u.findingsRecordedAt);
  const closeFindings = async () => {
    if (!window.confirm(t('o2.inspections.closeConfirm'))) return;
    if (await close.run('POST', `${path}/close-findings`)) reload();
  };
  return (
    <article>
      <p>
        <Link to={`/office/inspections?cycle=${encodeURIComponent(r.cycleId)}`}>{t('o2.inspections.back')}</Link>
      </p>
      <header className="task-head">
        <h1>{r.title}</h1>
        <div className="task-badges">
          <span className="badge" data-testid="round-state">
            {t(`o2.roundState.${r.state}`)}
          </span>
          <span className="badge">{t(`o2.roundKind.${r.kind}`)}</span>
        </div>
      </header>
      <dl className="facts">
        <dt>{t('o2.inspections.checklist')}</dt>
        <dd>
          <ol className="plain-list">
            {r.checklist.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ol>
        </dd>
        <dt>{t('o2.inspections.selfCheckDue')}</dt>
        <dd>{formatDate(r.selfCheckDueDate, lang)}</dd>
        <dt>{t('o2.inspections.findingsDue')}</dt>
        <dd>{formatDate(r.findingsDueDate, lang)}</dd>
      </dl>
      <section className="panel" aria-labelledby="units-title">
        <h2 id="units-title">{t('o2.inspections.selfChecks')}</h2>
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{t('o2.inspections.selfChecks')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('o2.unit')}</th>
                <th scope="col">{t('o2.inspections.selfCheck')}</th>
                <th scope="col">{t('o2.inspections.filedAt')}</th>
                <th scope="col">{t('o2.inspections.urged')}</th>
                <th scope="col">{t('o2.inspections.findingsRecorded')}</th>
              </tr>
            </thead>
            <tbody>
              {r.units.map((u) => (
                <tr key={u.unitId} data-unit={u.unitId}>
                  <td data-label={t('o2.unit')}>{u.unitName}</td>
                  <td data-label={t('o2.inspections.selfCheck')}>
                    <span className="badge">{t(`o2.selfCheck.${u.selfCheck}`)}</span>
                    {u.report && (
                      <details>
                        <summary>{t('o2.inspections.report')}</summary>
                        <p className="prose">{u.report}</p>
                      </details>
                    )}
                  </td>
                  <td data-label={t('o2.inspections.filedAt')}>{formatDateTime(u.filedAt, lang)}</td>
                  <td data-label={t('o2.inspections.urged')}>
                    {u.escalatedAt
                      ? t('o2.inspections.escalatedAt', { at: formatDateTime(u.escalatedAt, lang) })
                      : u.urgedAt
                        ? formatDateTime(u.urgedAt, lang)
                        : '—'}
                  </td>
                  <td data-label={t('o2.inspections.findingsRecorded')}>
                    {u.findingsRecordedAt ? formatDateTime(u.findingsRecordedAt, lang) : t('o2.inspections.notYet')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="panel" aria-labelledby="findings-title">
        <h2 id="findings-title">{t('o2.inspections.findings')}</h2>
        {r.findings.length === 0 ? (
          <p className="muted">{t('o2.inspections.noFindings')}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="sr-only">{t('o2.inspections.findings')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('o2.unit')}</th>
                  <th scope="col">{t('o2.inspections.severity')}</th>
                  <th scope="col">{t('o2.inspections.description')}</th>
                  <th scope="col">{t('o2.inspections.rectification')}</th>
                  <th scope="col">{t('task.dueDate')}</th>
                </tr>
              </thead>
              <tbody data-testid="findings">
                {r.findings.map((f) => (
                  <tr key={`${f.unitId}-${f.seq}`}>
                    <td data-label={t('o2.unit')}>{names[f.unitId] ?? f.unitId}</td>
                    <td data-label={t('o2.inspections.severity')}>
                      <span className={`badge severity-${f.severity.toLowerCase()}`}>
                        {t(`o2.severity.${f.severity}`)}
                      </span>
                    </td>
                    <td data-label={t('o2.inspections.description')}>{f.description}</td>
                    <td data-label={t('o2.inspections.rectification')}>
                      <Link to={`/tasks/${encodeURIComponent(f.taskId)}`}>{f.requirement}</Link>
                      <span className="muted small"> {f.taskState ? t(`state.${f.taskState}`) : t('o2.starting')}</span>
                    </td>
                    <td data-label={t('task.dueDate')}>{formatDate(f.taskDueDate, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {open && pending.length > 0 && <FindingsForm roundId={r.id} units={pending} onDone={reload} />}
      {open && (
        <div className="panel">
          <h2>{t('o2.inspections.closeFindings')}</h2>
          <p className="muted">{t('o2.inspections.closeHelp')}</p>
          <ErrorBox error={close.error} />
          <button type="button" onClick={() => void closeFindings()} disabled={close.busy}>
            {t('o2.inspections.closeButton')}
          </button>
        </div>
      )}
      <section aria-labelledby="round-timeline">
        <h2 id="round-timeline">{t('o2.timeline')}</h2>
        <Timeline entries={r.timeline} names={names} />
      </section>
    </article>
  );
}
