import { useState } from 'react';
import { choice, type Field } from '../../components/ActionForm';
import { ErrorBox } from '../../components/ErrorBox';
import { TaskActionForm } from '../../components/TaskActionForm';
import { api } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { formatDate } from '../../lib/time';
import type { Task } from '../../lib/types';
import { useAction, useLoaded } from '../../lib/queries';
import { loadOrgOptions } from './org-options';
import { SetMilestones } from './SetMilestones';

const RUNNING = new Set(['ASSIGNED', 'SIGNED', 'IN_PROGRESS']);
const RATINGS = ['EXCELLENT', 'GOOD', 'FAIR', 'POOR'];
const RETURN: Field[] = [
  { name: 'reasons', label: 'office.review.reasons', kind: 'textarea', required: true },
  { name: 'newDueDate', label: 'office.review.newDueDate', kind: 'date' },
];
const OVERRIDE: Field[] = [{ name: 'reason', label: 'office.review.overrideReason', kind: 'textarea', required: true }];
const WAIVER: Field[] = [{ name: 'reason', label: 'office.review.waiverReason', kind: 'textarea', required: true }];
const RESUME: Field[] = [{ name: 'comment', label: 'office.review.resumeComment', kind: 'textarea' }];
const URGE: Field[] = [
  { name: 'text', label: 'office.review.urgeText', kind: 'textarea', required: true },
  { name: 'toLeader', label: 'office.review.urgeToLeader', kind: 'checkbox' },
];
const EXTEND: Field[] = [
  { name: 'newDueDate', label: 'office.review.extendDate', kind: 'date', required: true },
  { name: 'reason', label: 'office.review.extendReason', kind: 'textarea', required: true },
];
const SUPERVISE: Field[] = [
  { name: 'reason', label: 'office.review.superviseReason', kind: 'textarea', required: true },
];
const LIFT: Field[] = [{ name: 'reason', label: 'office.review.liftReason', kind: 'textarea', required: true }];
const CANCEL: Field[] = [{ name: 'reason', label: 'office.review.cancelReason', kind: 'textarea', required: true }];

/**
 * The office's panel on a task (复核与督办): review a submission (办结 with a rating, or 退回 with reasons), decide
 * a pending extension, let the lead unit submit without a co-unit's report, withdraw (撤销) or reassign (改派).
 */
export function OfficeTaskPanel({ task, reload }: { task: Task; reload: () => void }) {
  const { t } = useI18n();
  const closed = task.state === 'ACCEPTED' || task.state === 'CANCELLED';
  const missingCoReports = task.coUnitIds.filter((u) => !task.coUnitReports[u]);
  return (
    <section className="panel office-panel" aria-labelledby="office-panel-title" data-testid="office-panel">
      <h2 id="office-panel-title">{t('office.review.title')}</h2>
      {closed && <p>{t('office.review.closed', { state: t(`state.${task.state}`) })}</p>}
      {task.state === 'SUBMITTED' && (
        <>
          <p>{t('office.review.submitted')}</p>
          <div className="action-grid">
            <TaskActionForm
              task={task}
              verb="accept"
              name="office.review.accept"
              fields={[
                choice(
                  'rating',
                  'office.review.rating',
                  RATINGS.map((r) => ({ value: r, label: t(`rating.${r}`) })),
                ),
                { name: 'comment', label: 'office.review.comment', kind: 'textarea' },
              ]}
              onDone={reload}
            />
            <TaskActionForm task={task} verb="return" name="office.review.return" fields={RETURN} onDone={reload} />
          </div>
        </>
      )}
      {task.pendingExtension && <ExtensionDecision task={task} reload={reload} />}
      {!closed && (
        <div className="action-grid">
          <TaskActionForm
            task={task}
            verb="pause-decision"
            name="office.review.pauseDecision"
            fields={[
              choice('approve', 'office.review.pauseApprove', [
                { value: 'yes', label: t('office.review.yes') },
                { value: 'no', label: t('office.review.no') },
              ]),
              { name: 'limitWorkingDays', label: 'office.review.pauseLimit', kind: 'number', min: 1, max: 250 },
              { name: 'comment', label: 'office.review.pauseComment', kind: 'textarea' },
            ]}
            toBody={({ approve, ...rest }) => ({ ...rest, approve: approve === 'yes' })}
            onDone={reload}
          />
          <TaskActionForm task={task} verb="resume" name="office.review.resume" fields={RESUME} onDone={reload} />
          <TaskActionForm
            task={task}
            verb="refusal-ruling"
            name="office.review.refusalRuling"
            fields={[
              choice(
                'ruling',
                'office.review.ruling',
                ['REASSIGN', 'INSIST'].map((r) => ({ value: r, label: t(`ruling.${r}`) })),
              ),
              { name: 'reason', label: 'office.review.rulingReason', kind: 'textarea', required: true },
            ]}
            onDone={reload}
          />
        </div>
      )}
      {RUNNING.has(task.state) && (
        <div className="action-grid">
          {missingCoReports.length > 0 && (
            <TaskActionForm
              task={task}
              verb="co-report-override"
              testId="override-form"
              name="kind.CO_UNIT_OVERRIDE"
              submitLabel={t('kind.CO_UNIT_OVERRIDE')}
              fields={OVERRIDE}
              onDone={reload}
            />
          )}
          <Reassign task={task} reload={reload} />
          <SetMilestones task={task} reload={reload} />
          <TaskActionForm task={task} verb="urgings" name="office.review.urge" fields={URGE} onDone={reload} />
          <TaskActionForm
            task={task}
            verb="office-extension"
            name="office.review.extend"
            fields={EXTEND}
            onDone={reload}
          />
          <TaskActionForm
            task={task}
            verb="evidence-waiver"
            name="office.review.evidenceWaiver"
            fields={WAIVER}
            onDone={reload}
          />
          <TaskActionForm
            task={task}
            verb="subtask-override"
            name="office.review.subtaskOverride"
            fields={OVERRIDE}
            onDone={reload}
          />
          {task.supervision?.named ? (
            <TaskActionForm
              task={task}
              verb="supervision"
              name="office.review.lift"
              fields={LIFT}
              toBody={(b) => ({ ...b, named: false })}
              onDone={reload}
            />
          ) : (
            <TaskActionForm
              task={task}
              verb="supervision"
              name="office.review.supervise"
              fields={SUPERVISE}
              toBody={(b) => ({ ...b, named: true })}
              onDone={reload}
            />
          )}
          <TaskActionForm task={task} verb="cancel" name="office.review.cancel" fields={CANCEL} onDone={reload} />
        </div>
      )}
    </section>
  );
}

function ExtensionDecision({ task, reload }: { task: Task; reload: () => void }) {
  const { t, lang } = useI18n();
  const [comment, setComment] = useState('');
  const { busy, error, perform } = useAction();
  const ext = task.pendingExtension;
  if (!ext) return null;
  const decide = async (approve: boolean) => {
    const body = { approve, ...(comment.trim() ? { comment: comment.trim() } : {}) };
    if (await perform(() => api('POST', `/v1/tasks/${encodeURIComponent(task.id)}/extension-decision`, body))) reload();
  };
  return (
    <div className="action-form" data-testid="extension-decision">
      <h3>{t('office.review.extension')}</h3>
      <p>
        {t('office.review.extensionText', {
          date: formatDate(ext.proposedDate, lang),
          reason: ext.reason,
          progress: ext.progress,
        })}
      </p>
      <div className="field">
        <label htmlFor="extension-comment">{t('office.review.extensionComment')}</label>
        <textarea id="extension-comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
      <ErrorBox error={error} />
      <div className="action-row">
        <button type="button" className="primary" disabled={busy} onClick={() => void decide(true)}>
          {t('office.review.approveExtension')}
        </button>
        <button type="button" disabled={busy} onClick={() => void decide(false)}>
          {t('office.review.denyExtension')}
        </button>
      </div>
    </div>
  );
}

function Reassign({ task, reload }: { task: Task; reload: () => void }) {
  const { value: options } = useLoaded(['org-options'], loadOrgOptions, { live: false });
  if (!options) return null;
  const units = options.units.filter((u) => u.id !== task.leadUnitId).map((u) => ({ value: u.id, label: u.name }));
  const leaders = options.leaders.map((p) => ({ value: p.id, label: `${p.name}（${p.title}）` }));
  return (
    <TaskActionForm
      task={task}
      verb="reassign"
      name="office.review.reassign"
      fields={[
        choice('leadUnitId', 'office.review.reassignLead', units),
        choice('leaderId', 'office.review.reassignLeader', leaders),
        { name: 'reason', label: 'office.review.reassignReason', kind: 'textarea', required: true },
      ]}
      onDone={reload}
    />
  );
}
