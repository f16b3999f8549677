import { TaskTable, useTaskColumns } from '../../components/TaskTable';
import type { Page } from '../../lib/api';
import type { Task } from '../../lib/types';
import { addMessages, useI18n } from '../../lib/i18n';
import bulk from '../../lib/messages/bulk';

addMessages(bulk);

/** Filters of GET /v1/tasks the office's lists use. */
export interface OfficeTaskFilter {
  cycle?: string;
  leadUnit?: string;
  goal?: string;
  dueMonth?: string;
  overdue?: 'true';
  state?: string;
  light?: string;
  q?: string;
  /** One of the office's saved views. */
  view?: string;
  sort?: 'urgency' | 'rung' | 'dueDate';
  order?: 'asc' | 'desc';
}

/** The office's view of tasks across units: the shared task columns plus the lead unit, the rung as a badge. */
export function OfficeTaskTable({
  caption,
  filter,
  names,
  pageSize = 10,
  selection,
  onLoaded,
}: {
  caption: string;
  filter: OfficeTaskFilter;
  names: Record<string, string>;
  pageSize?: number;
  /** A selection column for bulk work: whether a task is chosen, and choosing it or not. */
  selection?: { chosen: (task: Task) => boolean; toggle: (task: Task, on: boolean) => void; all: boolean };
  onLoaded?: (page: Page<Task>) => void;
}) {
  const { t } = useI18n();
  const c = useTaskColumns();
  const select = selection && {
    key: 'select',
    header: 'bulk.select',
    className: 'select-cell',
    render: (task: Task) => (
      <input
        type="checkbox"
        aria-label={t('bulk.selectTask', { title: task.title })}
        checked={selection.all || selection.chosen(task)}
        disabled={selection.all}
        onChange={(e) => selection.toggle(task, e.target.checked)}
        data-task={task.id}
      />
    ),
  };
  return (
    <TaskTable
      caption={caption}
      filter={filter}
      pageSize={pageSize}
      onLoaded={onLoaded}
      columns={[
        ...(select ? [select] : []),
        c.light,
        c.title,
        { key: 'unit', header: 'task.leadUnit', render: (task) => names[task.leadUnitId] ?? task.leadUnitId },
        c.state,
        c.due,
        c.remaining,
        {
          ...c.rung,
          render: (task) => (task.rung > 0 ? <span className="badge badge-rung">{t(`rung.${task.rung}`)}</span> : '—'),
        },
      ]}
    />
  );
}
