import { useSession } from '../../app/auth';
import type { Field } from '../../components/ActionForm';
import { ErrorBox } from '../../components/ErrorBox';
import { offered, TaskActionForm } from '../../components/TaskActionForm';
import { api } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import type { Task } from '../../lib/types';
import { useAction } from '../../lib/queries';
import { useOrgLists } from '../../lib/org-lists';
import { choice } from '../../components/ActionForm';

const OPEN = new Set(['SIGNED', 'IN_PROGRESS']);

const required = (kind: Field['kind'], name: string, label: string): Field => ({ name, label, kind, required: true });
const SUBMIT = [required('textarea', 'summary', 'unit.actions.summary')];
const PROGRESS: Field[] = [
  required('textarea', 'text', 'unit.actions.progressText'),
  { name: 'percent', label: 'unit.actions.percent', kind: 'number', min: 0, max: 100 },
];
const EXTENSION = [
  required('date', 'proposedDate', 'unit.actions.proposedDate'),
  required('textarea', 'reason', 'unit.actions.reason'),
  required('textarea', 'progress', 'unit.actions.progressSoFar'),
];
const CO_REPORT = [required('textarea', 'text', 'unit.actions.coReportText')];
const PAUSE_CATEGORIES = ['HIGHER_AUTHORITY', 'COURT', 'BUDGET', 'OTHER'];
const RESUME: Field[] = [{ name: 'comment', label: 'unit.actions.resumeComment', kind: 'textarea' }];
/** Units a refusal may name as responsible (退单): departments, towns and villages. */
const RESPONSIBLE = new Set(['DEPARTMENT', 'TOWN', 'VILLAGE']);

/** The milestone (序时进度) a progress report may name: those not yet reported, by date; none without any. */
function milestoneField(task: Task): Field[] {
  const open = (task.milestones ?? []).filter((m) => !m.reportedAt && (m.state === 'PENDING' || m.state === 'MISSED'));
  if (open.length === 0) return [];
  const options = open.map((m) => ({
    value: m.id,
    label: `${m.date} ${[m.expected, m.percent !== undefined ? `${m.percent}%` : ''].filter(Boolean).join('，')}`,
  }));
  return [{ name: 'milestoneId', label: 'milestones.reportFor', kind: 'select', options }];
}

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
      {lead && task.state === 'ASSIGNED' && offered(task, 'sign') && (
        <div className="action-row">
          <p>{t('unit.actions.signHelp')}</p>
          <button type="button" className="primary" onClick={() => void signFor()} disabled={busy}>
            {t('unit.actions.sign')}
          </button>
        </div>
      )}
      {lead && OPEN.has(task.state) && (
        <div className="action-grid">
          <TaskActionForm task={task} verb="submit" name="unit.actions.submit" fields={SUBMIT} onDone={reload} files />
          <TaskActionForm
            task={task}
            verb="progress"
            files
            name="unit.actions.progress"
            fields={[...PROGRESS, ...milestoneField(task)]}
            onDone={reload}
          />
          {!task.pendingExtension && (task.remainingWorkingDays ?? 0) >= 0 && (
            <TaskActionForm
              task={task}
              verb="extension"
              files
              name="unit.actions.extension"
              fields={EXTENSION}
              onDone={reload}
            />
          )}
        </div>
      )}
      {lead && OPEN.has(task.state) && (
        <div className="action-grid">
          <TaskActionForm
            task={task}
            verb="pause"
            files
            name="unit.actions.pause"
            fields={[
              choice(
                'category',
                'unit.actions.pauseCategory',
                PAUSE_CATEGORIES.map((c) => ({ value: c, label: t(`pauseCategory.${c}`) })),
              ),
              required('textarea', 'reason', 'unit.actions.pauseReason'),
            ]}
            onDone={reload}
          />
          <TaskActionForm task={task} verb="resume" name="unit.actions.resume" fields={RESUME} onDone={reload} />
        </div>
      )}
      {lead && task.state === 'ASSIGNED' && <Refuse task={task} reload={reload} />}
      {lead && task.state === 'SUBMITTED' && <p>{t('unit.actions.waitingReview')}</p>}
      {co && !lead && OPEN.has(task.state) && !task.coUnitReports[session.unit.id] && (
        <TaskActionForm
          task={task}
          verb="co-report"
          name="unit.actions.coReport"
          fields={CO_REPORT}
          onDone={reload}
          files
        />
      )}
      {co && !lead && task.coUnitReports[session.unit.id] && <p>{t('unit.actions.coReported')}</p>}
      {(lead || co) && !CLOSED.has(task.state) && <NameHandler task={task} reload={reload} />}
    </section>
  );
}

const CLOSED = new Set(['ACCEPTED', 'CANCELLED']);

/** 承办人: the lead unit or a co-organising unit names the person of theirs who handles the task. */
function NameHandler({ task, reload }: { task: Task; reload: () => void }) {
  const session = useSession();
  const lists = useOrgLists();
  const current = task.handlers?.[session.unit.id];
  const people = lists.people
    .filter((p) => p.unitId === session.unit.id && p.id !== current)
    .map((p) => ({ value: p.id, label: p.name }));
  return (
    <TaskActionForm
      task={task}
      verb="handler"
      name="unit.actions.handler"
      fields={[choice('handlerId', 'unit.actions.handlerPick', people)]}
      onDone={reload}
    />
  );
}

/** 退单: within the sign-for limit, the lead unit names the unit it believes responsible, once per task. */
function Refuse({ task, reload }: { task: Task; reload: () => void }) {
  const session = useSession();
  const lists = useOrgLists();
  if (!offered(task, 'refuse')) return null;
  const units = lists.units
    .filter((u) => RESPONSIBLE.has(u.kind) && u.id !== session.unit.id)
    .map((u) => ({ value: u.id, label: u.name }));
  return (
    <TaskActionForm
      task={task}
      verb="refuse"
      name="unit.actions.refuse"
      fields={[
        choice('responsibleUnitId', 'unit.actions.refuseUnit', units),
        required('textarea', 'reason', 'unit.actions.refuseReason'),
      ]}
      onDone={reload}
    />
  );
}
