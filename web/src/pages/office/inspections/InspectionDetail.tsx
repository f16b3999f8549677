import { Link } from '../../../app/router';
import { DataTable, unitRows } from '../../../components/DataTable';
import { ErrorBox } from '../../../components/ErrorBox';
import { NumberedList } from '../../../components/NumberedList';
import { ProcedureView } from '../../../components/ProcedureView';
import { addMessages, useI18n } from '../../../lib/i18n';
import { useNames } from '../../../lib/names';
import { formatDate, formatDateTime } from '../../../lib/time';
import type { Inspection } from '../../../lib/types-office2';
import { useAction } from '../../../lib/queries';
import { useRecord } from '../../shared/use-record';
import { FindingsForm } from './FindingsForm';
import office2 from '../../../lib/messages/office2';

addMessages(office2);

/** One inspection round: each unit's self-check, the findings with their rectification tasks, and the close of findings. */
export function InspectionDetail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const names = useNames();
  const path = `/v1/inspections/${encodeURIComponent(id)}`;
  const { value: r, reload, fallback } = useRecord<Inspection>(path);
  const close = useAction();
  if (!r) return fallback;
  const open = r.state === 'SELF_CHECK' || r.state === 'INSPECTING';
  const pending = r.units.filter((u) => !u.findingsRecordedAt);
  const closeFindings = async () => {
    if (!window.confirm(t('o2.inspections.closeConfirm'))) return;
    await close.run('POST', `${path}/close-findings`);
  };
  return (
    <ProcedureView
      back={<Link to={`/office/inspections?cycle=${encodeURIComponent(r.cycleId)}`}>{t('o2.inspections.back')}</Link>}
      title={r.title}
      badges={
        <>
          <span className="badge" data-testid="round-state">
            {t(`o2.roundState.${r.state}`)}
          </span>
          <span className="badge">{t(`o2.roundKind.${r.kind}`)}</span>
        </>
      }
      facts={[
        { label: t('o2.inspections.checklist'), value: <NumberedList items={r.checklist} /> },
        { label: t('o2.inspections.selfCheckDue'), value: formatDate(r.selfCheckDueDate, lang) },
        { label: t('o2.inspections.findingsDue'), value: formatDate(r.findingsDueDate, lang) },
      ]}
      actions={[
        open && pending.length > 0 && <FindingsForm roundId={r.id} units={pending} onDone={reload} />,
        open && (
          <div className="panel">
            <h2>{t('o2.inspections.closeFindings')}</h2>
            <p className="muted">{t('o2.inspections.closeHelp')}</p>
            <ErrorBox error={close.error} />
            <button type="button" onClick={() => void closeFindings()} disabled={close.busy}>
              {t('o2.inspections.closeButton')}
            </button>
          </div>
        ),
      ]}
      timeline={{ entries: r.timeline, heading: 'o2.timeline', id: 'round-timeline' }}
    >
      <section className="panel" aria-labelledby="units-title">
        <h2 id="units-title">{t('o2.inspections.selfChecks')}</h2>
        <DataTable
          caption={t('o2.inspections.selfChecks')}
          captionClass="sr-only"
          rows={r.units}
          {...unitRows}
          columns={[
            { key: 'unit', header: 'o2.unit', render: (u) => u.unitName },
            {
              key: 'selfCheck',
              header: 'o2.inspections.selfCheck',
              render: (u) => (
                <>
                  <span className="badge">{t(`o2.selfCheck.${u.selfCheck}`)}</span>
                  {u.report && (
                    <details>
                      <summary>{t('o2.inspections.report')}</summary>
                      <p className="prose">{u.report}</p>
                    </details>
                  )}
                </>
              ),
            },
            { key: 'filedAt', header: 'o2.inspections.filedAt', render: (u) => formatDateTime(u.filedAt, lang) },
            {
              key: 'urged',
              header: 'o2.inspections.urged',
              render: (u) =>
                u.escalatedAt
                  ? t('o2.inspections.escalatedAt', { at: formatDateTime(u.escalatedAt, lang) })
                  : u.urgedAt
                    ? formatDateTime(u.urgedAt, lang)
                    : '—',
            },
            {
              key: 'findings',
              header: 'o2.inspections.findingsRecorded',
              render: (u) =>
                u.findingsRecordedAt ? formatDateTime(u.findingsRecordedAt, lang) : t('o2.inspections.notYet'),
            },
          ]}
        />
      </section>
      <section className="panel" aria-labelledby="findings-title">
        <h2 id="findings-title">{t('o2.inspections.findings')}</h2>
        {r.findings.length === 0 ? (
          <p className="muted">{t('o2.inspections.noFindings')}</p>
        ) : (
          <DataTable
            caption={t('o2.inspections.findings')}
            captionClass="sr-only"
            bodyTestId="findings"
            rows={r.findings}
            rowKey={(f) => `${f.unitId}-${f.seq}`}
            columns={[
              { key: 'unit', header: 'o2.unit', render: (f) => names[f.unitId] ?? f.unitId },
              {
                key: 'severity',
                header: 'o2.inspections.severity',
                render: (f) => (
                  <span className={`badge severity-${f.severity.toLowerCase()}`}>{t(`o2.severity.${f.severity}`)}</span>
                ),
              },
              { key: 'description', header: 'o2.inspections.description', render: (f) => f.description },
              {
                key: 'rectification',
                header: 'o2.inspections.rectification',
                render: (f) => (
                  <>
                    <Link to={`/tasks/${encodeURIComponent(f.taskId)}`}>{f.requirement}</Link>
                    <span className="muted small"> {f.taskState ? t(`state.${f.taskState}`) : t('o2.starting')}</span>
                  </>
                ),
              },
              { key: 'due', header: 'task.dueDate', render: (f) => formatDate(f.taskDueDate, lang) },
            ]}
          />
        )}
      </section>
    </ProcedureView>
  );
}
