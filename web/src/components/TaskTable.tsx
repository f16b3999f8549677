import { Link } from '../app/router';
import { query, type Page } from '../lib/api';
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
  /** One of the reader's saved views (GET /v1/views): its filter, under the others given. */
  view?: string;
}

/** The columns every task list shows, by name, for a list to pick from and add its own to. */
export function useTaskColumns() {
  const { t, lang } = useI18n();
  const columns = {
    light: {
      key: 'light',
      header: 'task.light',
      render: (task) => (
        <>
          <TrafficLight light={task.light} />
          {/* Milestones missed (序时进度滞后): the lag beside the light. */}
          {task.milestonesMissed > 0 && (
            <span className="badge badge-lag">{t('milestones.missedCount', { n: task.milestonesMissed })}</span>
          )}
        </>
      ),
    },
    title: {
      key: 'title',
      header: 'task.title',
      render: (task) => (
        <>
          <Link to={`/tasks/${encodeURIComponent(task.id)}`}>{task.title}</Link>
          {/* 挂牌督办 and 批示件: marked beside the title, on every list. */}
          {task.supervision?.named && <span className="badge badge-named">{t('task.named')}</span>}
          {task.instruction && <span className="badge badge-instruction">{t('task.instruction')}</span>}
        </>
      ),
    },
    state: { key: 'state', header: 'task.state', render: (task) => t(`state.${task.state}`) },
    due: { key: 'due', header: 'task.dueDate', render: (task) => formatDate(task.dueDate, lang) },
    remaining: {
      key: 'remaining',
      header: 'task.remaining',
      render: (task) => (
        <span className={task.remainingWorkingDays !== null && task.remainingWorkingDays < 0 ? 'overdue' : undefined}>
          {formatRemaining(task.remainingWorkingDays, lang)}
        </span>
      ),
    },
    rung: { key: 'rung', header: 'task.rung', render: (task) => (task.rung > 0 ? t(`rung.${task.rung}`) : '—') },
  } satisfies Record<string, Column<Task>>;
  return columns;
}

/**
 * Tasks the reader may see, most urgent first (overdue and red, then by time limit), paged by the server. `filter`
 * holds GET /v1/tasks's query; `columns` replaces the usual light, title, state, time limit, remaining days, rung.
 */
export function TaskTable({
  caption,
  filter = {},
  columns,
  pageSize,
  onLoaded,
}: {
  caption: string;
  filter?: object;
  columns?: Column<Task>[];
  pageSize?: number;
  onLoaded?: (page: Page<Task>) => void;
}) {
  const c = useTaskColumns();
  return (
    <PagedTable<Task>
      caption={caption}
      columns={columns ?? [c.light, c.title, c.state, c.due, c.remaining, c.rung]}
      rowKey={(task) => task.id}
      rowClass={(task) => `row-${task.light.toLowerCase()}`}
      pageSize={pageSize}
      onLoaded={onLoaded}
      path={(page) => `/v1/tasks${query({ sort: 'urgency', ...filter, limit: page.limit, offset: page.offset })}`}
    />
  );
}
