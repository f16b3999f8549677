import { useEffect } from 'react';
import { useAuth } from '../../app/auth';
import { useLocation } from '../../app/router';
import { api } from '../../lib/api';
import { taskPanels } from '../../app/routes';
import { ProcedureView } from '../../components/ProcedureView';
import { TaskMilestones } from '../../components/TaskMilestones';
import { TrafficLight } from '../../components/TrafficLight';
import { useI18n } from '../../lib/i18n';
import { useNames } from '../../lib/names';
import { formatDate, formatDateTime, formatRemaining } from '../../lib/time';
import type { Task } from '../../lib/types';
import { useRecord } from './use-record';

/**
 * One task: its four-in-place, light, time limit and remaining working days, the panels for the reader's role, then its
 * requirements and standard (the long text after the actions, so that a phone shows what to do first), and its timeline.
 */
export function TaskDetail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { hasRole } = useAuth();
  const names = useNames();
  const { value: task, reload, fallback } = useRecord<Task>(`/v1/tasks/${encodeURIComponent(id)}`);
  // Opened from the link in an e-mail or a robot message: the notice it carried is read (another person's: a 404).
  const notice = useLocation().search.get('notice');
  useEffect(() => {
    if (notice) api('POST', `/v1/inbox/${encodeURIComponent(notice)}/read`).catch(() => undefined);
  }, [notice]);
  if (!task) return fallback;
  const name = (x: string) => names[x] ?? x;
  const ext = task.pendingExtension;
  return (
    <ProcedureView
      className="task-detail"
      title={task.title}
      badges={
        <>
          <TrafficLight light={task.light} />
          <span className="badge" data-testid="task-state">
            {t(`state.${task.state}`)}
          </span>
          {task.rung > 0 && <span className="badge badge-rung">{t(`rung.${task.rung}`)}</span>}
        </>
      }
      facts={[
        {
          label: t('task.dueDate'),
          value: (
            <>
              {formatDate(task.dueDate, lang)}
              {task.provisional && <span className="muted small"> {t('task.provisional')}</span>}
              {task.originalDueDate && task.originalDueDate !== task.dueDate && (
                <span className="muted small">
                  {' '}
                  {t('task.originalDue', { date: formatDate(task.originalDueDate, lang) })}
                </span>
              )}
            </>
          ),
        },
        {
          label: t('task.remaining'),
          value: formatRemaining(task.remainingWorkingDays, lang),
          testId: 'task-remaining',
        },
        { label: t('task.leadUnit'), value: name(task.leadUnitId) },
        {
          label: t('task.coUnits'),
          value: task.coUnitIds.length ? task.coUnitIds.map(name).join('、') : t('common.none'),
        },
        { label: t('task.leader'), value: name(task.leaderId) },
        task.instruction && {
          label: t('task.instruction'),
          value: t('task.instructionValue', {
            by: task.instruction.by,
            severity: t(`severity.${task.instruction.severity}`),
            rung: t(`rung.${task.instruction.startRung}`),
          }),
          testId: 'task-instruction',
        },
        task.supervision?.named && {
          label: t('task.named'),
          value: task.supervision.reason,
          testId: 'task-named',
        },
        task.evidenceRequired && {
          label: t('task.evidence'),
          value: task.evidenceWaived
            ? t('task.evidenceWaived', { reason: task.evidenceWaived.reason })
            : t('task.evidenceRequired'),
          testId: 'task-evidence',
        },
        Object.keys(task.handlers ?? {}).length > 0 && {
          label: t('task.handlers'),
          value: Object.entries(task.handlers)
            .map(([unitId, personId]) => `${name(unitId)}：${name(personId)}`)
            .join('；'),
          testId: 'task-handlers',
        },
        { label: t('task.type'), value: task.typeName },
        task.rating && { label: t('task.rating'), value: t(`rating.${task.rating}`) },
        task.lateWorkingDays > 0 && { label: t('task.late'), value: t('task.lateDays', { n: task.lateWorkingDays }) },
        (task.milestones ?? []).length > 0 && {
          label: t('milestones.title'),
          value: (
            <>
              {task.milestonesMissed > 0 && (
                <span className="badge badge-lag">{t('milestones.missedCount', { n: task.milestonesMissed })}</span>
              )}
              <TaskMilestones task={task} />
            </>
          ),
          testId: 'task-milestones-fact',
        },
        ext && {
          label: t('task.pendingExtension'),
          value: t('task.pendingExtensionText', {
            date: formatDate(ext.proposedDate, lang),
            at: formatDateTime(ext.requestedAt, lang),
          }),
        },
      ]}
      details={[
        { label: t('task.requirements'), value: task.requirements, prose: true },
        { label: t('task.standard'), value: task.standard, prose: true },
      ]}
      actions={taskPanels
        .filter((p) => hasRole(...p.roles))
        .map((p) => (
          <div>{p.render(task, reload)}</div>
        ))}
      timeline={{ entries: task.timeline ?? [], heading: 'task.timeline', id: 'timeline-title' }}
    />
  );
}
