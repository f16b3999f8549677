import { useAuth } from '../../app/auth';
import { taskPanels } from '../../app/routes';
import { ErrorBox } from '../../components/ErrorBox';
import { Timeline } from '../../components/Timeline';
import { TrafficLight } from '../../components/TrafficLight';
import { api } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { useNames } from '../../lib/names';
import { formatDate, formatDateTime, formatRemaining } from '../../lib/time';
import type { Task } from '../../lib/types';
import { useLoad } from '../../lib/use-load';
import { NotFound } from './NotFound';

/** One task: its four-in-place, light, time limit and remaining working days, the panels for the reader's role, and its timeline. */
export function TaskDetail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { hasRole } = useAuth();
  const names = useNames();
  const {
    value: task,
    error,
    loading,
    reload,
  } = useLoad(() => api<Task>('GET', `/v1/tasks/${encodeURIComponent(id)}`), [id]);
  if (error && (error.status === 404 || error.status === 403)) return <NotFound />;
  if (error) return <ErrorBox error={error} onRetry={reload} />;
  if (!task) return <p className="muted">{loading ? t('common.loading') : ''}</p>;
  const name = (x: string) => names[x] ?? x;
  return (
    <article className="task-detail">
      <header className="task-head">
        <h1>{task.title}</h1>
        <div className="task-badges">
          <TrafficLight light={task.light} />
          <span className="badge" data-testid="task-state">
            {t(`state.${task.state}`)}
          </span>
          {task.rung > 0 && <span className="badge badge-rung">{t(`rung.${task.rung}`)}</span>}
        </div>
      </header>
      <dl className="facts">
        <dt>{t('task.dueDate')}</dt>
        <dd>
          {formatDate(task.dueDate, lang)}
          {task.provisional && <span className="muted small"> {t('task.provisional')}</span>}
          {task.originalDueDate && task.originalDueDate !== task.dueDate && (
            <span className="muted small">
              {' '}
              {t('task.originalDue', { date: formatDate(task.originalDueDate, lang) })}
            </span>
          )}
        </dd>
        <dt>{t('task.remaining')}</dt>
        <dd data-testid="task-remaining">{formatRemaining(task.remainingWorkingDays, lang)}</dd>
        <dt>{t('task.leadUnit')}</dt>
        <dd>{name(task.leadUnitId)}</dd>
        <dt>{t('task.coUnits')}</dt>
        <dd>{task.coUnitIds.length ? task.coUnitIds.map(name).join('、') : t('common.none')}</dd>
        <dt>{t('task.leader')}</dt>
        <dd>{name(task.leaderId)}</dd>
        <dt>{t('task.type')}</dt>
        <dd>{task.typeName}</dd>
        <dt>{t('task.requirements')}</dt>
        <dd className="prose">{task.requirements}</dd>
        <dt>{t('task.standard')}</dt>
        <dd className="prose">{task.standard}</dd>
        {task.rating && (
          <>
            <dt>{t('task.rating')}</dt>
            <dd>{t(`rating.${task.rating}`)}</dd>
          </>
        )}
        {task.lateWorkingDays > 0 && (
          <>
            <dt>{t('task.late')}</dt>
            <dd>{t('task.lateDays', { n: task.lateWorkingDays })}</dd>
          </>
        )}
        {task.pendingExtension && (
          <>
            <dt>{t('task.pendingExtension')}</dt>
            <dd>
              {t('task.pendingExtensionText', {
                date: formatDate(task.pendingExtension.proposedDate, lang),
                at: formatDateTime(task.pendingExtension.requestedAt, lang),
              })}
            </dd>
          </>
        )}
      </dl>
      {taskPanels
        .filter((p) => hasRole(...p.roles))
        .map((p, i) => (
          <div key={i}>{p.render(task, reload)}</div>
        ))}
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('task.timeline')}</h2>
        <Timeline entries={task.timeline ?? []} names={names} />
      </section>
    </article>
  );
}
