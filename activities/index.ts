import type { Pool } from 'pg';
import { loadPlanTasks, recordCycleEvent, type CycleEvent } from '../db/queries/cycles';
import { recordTaskEvent, type TaskEvent } from '../db/queries/tasks';
import { createNotificationActivities } from './notifications';
import { notifyTaskEvent, type TaskEventNotice } from './task-events';
import { measureLateness, planTaskTimers, type PlanInput } from './task-schedule';
import { localInstant } from './working-days';

export interface ActivityDeps {
  db: Pool;
  /** Outbound HTTP for webhooks; tests pass their own. */
  fetch?: typeof fetch;
}

/**
 * Builds the activities from their dependencies: the worker passes real ones, tests real or fake ones.
 * Every write is keyed by workflow id + step, so a retried or replayed activity never writes twice.
 */
export function createActivities({ db, fetch }: ActivityDeps) {
  const notifications = createNotificationActivities({ db, fetch });
  return {
    ...notifications,
    planTaskTimers: (p: PlanInput) => planTaskTimers(db, p),
    measureLateness: (p: { orgId: string; dueDate: string; at: string }) => measureLateness(db, p),
    recordTaskEvent: (e: TaskEvent) => recordTaskEvent(db, e),
    notifyTaskEvent: (n: TaskEventNotice) => notifyTaskEvent(db, notifications, n),
    recordCycleEvent: (e: CycleEvent) => recordCycleEvent(db, e),
    loadPlanTasks: (p: { cycleId: string; revision: number; offset: number; limit: number }) => loadPlanTasks(db, p),
    endOfLocalDay: async ({ date }: { date: string }) => localInstant(date, 24).toISOString(),
    /** Tells the office (its staff and its head) of a cycle event, such as a plan overdue for approval. */
    notifyCycleEvent: (n: { workflowId: string; step: string; orgId: string; title: string; body: string }) =>
      notifications.notify({
        ...n,
        kind: 'CYCLE',
        recipients: [
          { kind: 'OFFICE', orgId: n.orgId },
          { kind: 'UNIT_HEAD', unitId: 'office' },
        ],
      }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
