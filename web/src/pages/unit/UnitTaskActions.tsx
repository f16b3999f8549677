import { useSession } from '../../app/auth';
import { ActionForm } from '../../components/ActionForm';
import { ErrorBox } from '../../components/ErrorBox';
import { api } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import type { Task } from '../../lib/types';
import { useAction } from '../../lib/use-action';

const OPEN = new Set(['SIGNED', 'IN_PROGRESS']);

/** What the reader's unit can do on a task: sign for, report progress, submit, ask for an extension, or report its part. */
export function UnitTaskActions({ task, reload }: { task: Task; reload: () => void }) {
  const { t } = useI18n();
  const session = useSession();
  const { busy, error, perform } = useAction();
  const base = `/v1/tasks/${encodeURIComponent(task.id)}`;
  const lead = task.leadUnitId === session.unit.id;
  const co = task.coUnitIds.includes(session.unit.id);
  if (!lead && !co) return null;

  const signFor = async () => {
    if (await perform(() => api('POST', `${base}/sign`, {}))) reload();
  };

  return (
    <section className="panel" aria-labelledby="unit-actions-title">
      <h2 id="unit-actions-title">{t('unit.actions.title')}</h2>
      <ErrorBox error={error} />
      {lead && task.state === 'ASSIGNED' && (
        <div className="action-row">
          <p>{t('unit.actions.signHelp')}</p>
          <button type="button" className="primary" onClick={() => void signFor()} disabled={busy}>
            {t('unit.actions.sign')}
          </button>
        </div>
      )}
      {lead && OPEN.has(task.state) && (
        <div className="action-grid">
          <ActionForm
            testId="submit-form"
            title={t('unit.actions.submit')}
            path={`${base}/submit`}
            submitLabel={t('unit.actions.submitButton')}
            fields={[{ name: 'summary', label: 'unit.actions.summary', kind: 'textarea', required: true }]}
            onDone={reload}
          />
          <ActionForm
            testId="progress-form"
            title={t('unit.actions.progress')}
            path={`${base}/progress`}
            submitLabel={t('unit.actions.progressButton')}
            fields={[
              { name: 'text', label: 'unit.actions.progressText', kind: 'textarea', required: true },
              { name: 'percent', label: 'unit.actions.percent', kind: 'number', min: 0, max: 100 },
            ]}
            toBody={(v) => ({ text: v.text ?? '', ...(v.percent ? { percent: Number(v.percent) } : {}) })}
            onDone={reload}
          />
          {!task.pendingExtension && (task.remainingWorkingDays ?? 0) >= 0 && (
            <ActionForm
              testId="extension-form"
              title={t('unit.actions.extension')}
              path={`${base}/extension`}
              submitLabel={t('unit.actions.extensionButton')}
              fields={[
                { name: 'proposedDate', label: 'unit.actions.proposedDate', kind: 'date', required: true },
                { name: 'reason', label: 'unit.actions.reason', kind: 'textarea', required: true },
                { name: 'progress', label: 'unit.actions.progressSoFar', kind: 'textarea', required: true },
              ]}
              onDone={reload}
            />
          )}
        </div>
      )}
      {lead && task.state === 'SUBMITTED' && <p>{t('unit.actions.waitingReview')}</p>}
      {co && !lead && OPEN.has(task.state) && !task.coUnitReports[session.unit.id] && (
        <ActionForm
          testId="co-report-form"
          title={t('unit.actions.coReport')}
          path={`${base}/co-report`}
          submitLabel={t('unit.actions.coReportButton')}
          fields={[{ name: 'text', label: 'unit.actions.coReportText', kind: 'textarea', required: true }]}
          onDone={reload}
        />
      )}
      {co && !lead && task.coUnitReports[session.unit.id] && <p>{t('unit.actions.coReported')}</p>}
    </section>
  );
}
