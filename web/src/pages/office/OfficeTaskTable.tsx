import { TaskTable, useTaskColumns } from '../../components/TaskTable';
import { useI18n } from '../../lib/i18n';

/** Filters of GET /v1/tasks the office's lists use. */
export interface OfficeTaskFilter {
  cycle?: string;
  leadUnit?: string;
  goal?: string;
  dueMonth?: string;
  overdue?: 'true';
  state?: string;
  sort?: 'urgency' | 'rung' | 'dueDate';
  order?: 'asc' | 'desc';
}

/** The office's view of tasks across units: the shared task columns plus the lead unit, the rung as a badge. */
export function OfficeTaskTable({
  caption,
  filter,
  names,
  pageSize = 10,
}: {
  caption: string;
  filter: OfficeTaskFilter;
  names: Record<string, string>;
  pageSize?: number;
}) {
  const { t } = useI18n();
  const c = useTaskColumns();
  return (
    <TaskTable
      caption={caption}
      filter={filter}
      pageSize={pageSize}
      columns={[
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
