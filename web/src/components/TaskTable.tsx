import { Link } from '../app/router';
import { api, query, type Page } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { formatDate, formatRemaining } from '../lib/time';
import type { Task } from '../lib/types';
import { PagedTable, type Column } from './PagedTable';
import { TrafficLight } from './TrafficLight';

export interface TaskFilter {
  state?: string;
  light?: string;
  overdue?: string;
  q?: string;
  unit?: string;
  leader?: string;
  sort?: string;
}

/** Tasks the reader may see, most urgent first (overdue and red, then by time limit), paged by the server. */
export function TaskTable({ caption, filter = {} }: { caption: string; filter?: TaskFilter }) {
  const { t, lang } = useI18n();
  const columns: Column<Task>[] = [
    { key: 'light', header: 'task.light', render: (task) => <TrafficLight light={task.light} /> },
    {
      key: 'title',
      header: 'task.title',
      render: (task) => <Link to={`/tasks/${encodeURIComponent(task.id)}`}>{task.title}</Link>,
    },
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
    { key: 'rung', header: 'task.rung', render: (task) => (task.rung > 0 ? t(`rung.${task.rung}`) : '—') },
  ];
  return (
    <PagedTable<Task>
      caption={caption}
      columns={columns}
      rowKey={(task) => task.id}
      rowClass={(task) => `row-${task.light.toLowerCase()}`}
      deps={[filter]}
      load={(page) =>
        api<Page<Task>>(
          'GET',
          `/v1/tasks${query({ sort: 'urgency', ...filter, limit: page.limit, offset: page.offset })}`,
        )
      }
    />
  );
}
