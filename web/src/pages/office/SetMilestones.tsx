import { useId, useState, type FormEvent } from 'react';
import { ErrorBox } from '../../components/ErrorBox';
import { MilestoneRows, milestonesBody, type MilestoneDraft } from '../../components/MilestoneRows';
import { offered } from '../../components/TaskActionForm';
import { api, ApiError } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import type { Task } from '../../lib/types';
import { useAction } from '../../lib/queries';

/**
 * The office sets a running task's milestones (序时进度) from now on: the pending ones are shown to edit; those met or
 * judged stay as they are. Each problem is shown at its row.
 */
export function SetMilestones({ task, reload }: { task: Task; reload: () => void }) {
  const { t } = useI18n();
  const formId = useId();
  const pending = (task.milestones ?? []).filter((m) => m.state === 'PENDING');
  const [rows, setRows] = useState<MilestoneDraft[]>(
    pending.map((m) => ({ date: m.date, expected: m.expected ?? '', percent: m.percent?.toString() ?? '' })),
  );
  const [reason, setReason] = useState('');
  const { busy, error, perform } = useAction();
  if (!offered(task, 'milestones')) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { milestones: milestonesBody(rows), ...(reason.trim() ? { reason: reason.trim() } : {}) };
    if (await perform(() => api('POST', `/v1/tasks/${encodeURIComponent(task.id)}/milestones`, body))) reload();
  };
  return (
    <form className="action-form" onSubmit={(e) => void submit(e)} noValidate data-testid="milestones-form">
      <h3>{t('milestones.set')}</h3>
      <p className="muted small">{t('milestones.setHelp')}</p>
      <MilestoneRows
        rows={rows}
        onChange={setRows}
        problems={error instanceof ApiError ? error.fields : []}
        idPrefix={formId}
      />
      <label htmlFor={`${formId}-reason`}>{t('milestones.reason')}</label>
      <textarea id={`${formId}-reason`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      <ErrorBox error={error} />
      <button type="submit" disabled={busy}>
        {t('milestones.setButton')}
      </button>
    </form>
  );
}
