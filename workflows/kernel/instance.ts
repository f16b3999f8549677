import { WorkflowExecutionAlreadyStartedError, type QueryDefinition, type UpdateDefinition } from '@temporalio/common';
import {
  ParentClosePolicy,
  condition,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { calendarChanged } from '../../procedures/task/messages';

/** The activities of the procedures' workflows: one minute each, retried (backing off to a minute) until they succeed. */
export const activities = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * The handlers every procedure's workflow serves besides its actions: its status as a query, and the Update the API
 * waits on after starting it, which answers the status once the first step is in the read model.
 */
export function serveStatus<S>(
  query: QueryDefinition<S>,
  recordedUpdate: UpdateDefinition<S, []>,
  status: () => S,
  recorded: () => boolean,
): void {
  setHandler(query, status);
  setHandler(recordedUpdate, async () => {
    await condition(recorded);
    return status();
  });
}

/** The official calendar's changes as a workflow follows them: whether one came since the deadlines were planned. */
export interface CalendarWatch {
  changed(): boolean;
  /** The deadlines are being planned on the calendar as it is now. */
  planned(): void;
}

/** For workflows started before they followed the calendar: no change ever reaches their deadlines. */
export const calendarIgnored: CalendarWatch = { changed: () => false, planned: () => undefined };

/**
 * Follows the changes of the official calendar (a year's table loaded or replaced): a workflow that waits on
 * working-day deadlines wakes when one comes and works them out again.
 */
export function watchCalendar(): CalendarWatch {
  let version = 0;
  let plannedWith = 0;
  setHandler(calendarChanged, () => {
    version += 1;
  });
  return {
    changed: () => version !== plannedWith,
    planned: () => {
      plannedWith = version;
    },
  };
}

/** The workflow's id and its clock: Temporal's deterministic time, never the machine's. */
export function workflowClock(): { workflowId: string; now: () => number; nowIso: () => string } {
  // Inside a workflow the SDK replaces Date with the deterministic workflow time (replayed from the history).
  const now = () => Date.now();
  return { workflowId: workflowInfo().workflowId, now, nowIso: () => new Date(now()).toISOString() };
}

/**
 * Starts a child workflow (a task, a case, a meeting) once: it outlives its parent (ending or continuing the parent
 * must not end it), and one already started — a retried start after a crash — counts as started. Answers `ended`, a
 * promise of its end (never rejected), or undefined when it had been started before.
 */
export async function startChildOnce(
  type: string,
  workflowId: string,
  input: unknown,
): Promise<{ ended: Promise<unknown> } | undefined> {
  try {
    const child = await startChild(type, { workflowId, args: [input], parentClosePolicy: ParentClosePolicy.ABANDON });
    return { ended: child.result().catch(() => undefined) };
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    return undefined;
  }
}
