import { useState } from 'react';
import { Link } from '../../app/router';
import { useSession } from '../../app/auth';
import { ErrorBox } from '../../components/ErrorBox';
import { TrafficLight } from '../../components/TrafficLight';
import { ApiError } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { useOrgLists } from '../../lib/org-lists';
import { useAction } from '../../lib/queries';
import { formatDate } from '../../lib/time';
import type { Task } from '../../lib/types';
import { FieldError, fieldProblems } from '../office/FieldError';

const WORKING = ['ASSIGNED', 'SIGNED', 'IN_PROGRESS'];

/**
 * Cascade (三级联动): a task's villages' sub-tasks with their lights, and — for its lead unit and the office, while the
 * unit still owes the work — the form that splits it for the villages under the lead unit (分解到村（社区）): each
 * village checked gets its own time limit, not later than the task's. A sub-task links back to its parent.
 */
export function SubtaskPanel({ task, reload }: { task: Task; reload: () => void }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const { units } = useOrgLists();
  const { busy, error, run } = useAction();
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [requirements, setRequirements] = useState('');
  const subtasks = task.subtasks ?? [];
  const villages = units.filter((u) => u.kind === 'VILLAGE' && u.parentId === task.leadUnitId);
  const had = new Set(subtasks.map((s) => s.unitId));
  const roles = session.person.roles;
  const maySplit =
    !task.parentTaskId &&
    WORKING.includes(task.state) &&
    (roles.includes('OFFICE') || (roles.includes('UNIT') && session.unit.id === task.leadUnitId)) &&
    villages.some((v) => !had.has(v.id));
  if (!task.parentTaskId && subtasks.length === 0 && !maySplit) return null;
  const problems = (field: string) => fieldProblems(error instanceof ApiError ? error.fields : [], field);

  const split = async () => {
    const ids = Object.keys(chosen);
    const body = {
      subtasks: ids.map((unitId) => ({
        unitId,
        dueDate: chosen[unitId] || task.dueDate || '',
        ...(requirements.trim() ? { requirements } : {}),
      })),
    };
    if (await run('POST', `/v1/tasks/${encodeURIComponent(task.id)}/subtasks`, body)) {
      setChosen({});
      setRequirements('');
      reload();
    }
  };

  return (
    <section className="panel" aria-labelledby="subtasks-title" data-testid="subtasks">
      <h2 id="subtasks-title">{t('subtasks.title')}</h2>
      {task.parentTaskId && (
        <p>
          {t('subtasks.parent')}{' '}
          <Link to={`/tasks/${encodeURIComponent(task.parentTaskId)}`} data-testid="subtask-parent">
            {task.parentTaskId}
          </Link>
        </p>
      )}
      {subtasks.length > 0 && (
        <ul className="subtask-list">
          {subtasks.map((s) => (
            <li key={s.id} data-unit={s.unitId}>
              <TrafficLight light={s.light} /> <Link to={`/tasks/${encodeURIComponent(s.id)}`}>{s.title}</Link>{' '}
              <span className="muted small">
                {t(`state.${s.state}`)} · {formatDate(s.dueDate, lang)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {maySplit && (
        <form
          className="action-form"
          data-testid="subtasks-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void split();
          }}
        >
          <h3>{t('subtasks.split')}</h3>
          <p className="muted small">{t('subtasks.help', { date: formatDate(task.dueDate, lang) })}</p>
          {villages
            .filter((v) => !had.has(v.id))
            .map((v) => {
              const at = Object.keys(chosen).indexOf(v.id);
              return (
                <div className="field" key={v.id}>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={v.id in chosen}
                      onChange={(e) => {
                        const next = { ...chosen };
                        if (e.target.checked) next[v.id] = task.dueDate ?? '';
                        else delete next[v.id];
                        setChosen(next);
                      }}
                    />{' '}
                    {v.name}
                  </label>
                  {v.id in chosen && (
                    <label>
                      {t('subtasks.dueDate', { name: v.name })}
                      <input
                        type="date"
                        value={chosen[v.id]}
                        max={task.dueDate ?? undefined}
                        onChange={(e) => setChosen({ ...chosen, [v.id]: e.target.value })}
                      />
                    </label>
                  )}
                  <FieldError
                    id={`subtask-${v.id}-error`}
                    messages={
                      at >= 0 ? [...problems(`subtasks[${at}].unitId`), ...problems(`subtasks[${at}].dueDate`)] : []
                    }
                  />
                </div>
              );
            })}
          <label>
            {t('subtasks.requirements')}
            <textarea rows={2} value={requirements} onChange={(e) => setRequirements(e.target.value)} />
          </label>
          <ErrorBox error={error} />
          <button type="submit" className="primary" disabled={busy || Object.keys(chosen).length === 0}>
            {t('subtasks.splitButton')}
          </button>
        </form>
      )}
    </section>
  );
}
