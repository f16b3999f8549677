import { Link } from '../../app/router';
import { PagedTable, type Column } from '../../components/PagedTable';
import { TrafficLight } from '../../components/TrafficLight';
import { api, query, type Page } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { formatDate, formatRemaining } from '../../lib/time';
import type { Task } from '../../lib/types';

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

/** The office's view of tasks across units: light, title, lead unit, state, time limit, rung; paged by the server. */
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
  const { t, lang } = useI18n();
  const columns: Column<Task>[] = [
    { key: 'light', header: 'task.light', render: (task) => <TrafficLight light={task.light} /> },
    {
      key: 'title',
      header: 'task.title',
      render: (task) => <Link to={`/tasks/${encodeURIComponent(task.id)}`}>{task.title}</Link>,
    },
    { key: 'unit', header: 'task.leadUnit', render: (task) => names[task.leadUnitId] ?? task.leadUnitId },
    { key: 'state', header: 'task.state', render: (task) => t(`state.${task.state}`) },
    { key: 'due', header: 'task.dueDate', render: (task) => formatDate(task.dueDate, lang) },
    {
      key: 'remaining',
      header: 'task.remaining',
      render: (task) => (
        <span className={task.remainingWorkingDays !== null && task.remainingWorkingDays < 0 ? 'overdue' : undefined}>
          {formatRemaining(task.remainingWorkingDays, lang)}
        </span>
      ),
    },
    {
      key: 'rung',
      header: 'task.rung',
      render: (task) => (task.rung > 0 ? <span className="badge badge-rung">{t(`rung.${task.rung}`)}</span> : '—'),
    },
  ];
  return (
    <PagedTable<Task>
      caption={caption}
      columns={columns}
      rowKey={(task) => task.id}
      rowClass={(task) => `row-${task.light.toLowerCase()}`}
      deps={[filter]}
      pageSize={pageSize}
      load={(page) =>
        api<Page<Task>>(
          'GET',
          `/v1/tasks${query({ sort: 'urgency', ...filter, limit: page.limit, offset: page.offset })}`,
        )
      }
    />
  );
}
