import { scheduleOn } from '../../activities/task-schedule';
import type { RunningTaskFacts } from '../../db/queries/running-tasks';
import type { TaskPolicy } from '../../procedures/task/messages';
import { policyImpact, type PolicyImpact } from '../../procedures/task/policy-impact';
import type { WorkingCalendar } from '../../procedures/time/working-days';

/** The rules a running task's timers follow: a working-day calendar and a policy. */
export interface TimerRules {
  calendar: WorkingCalendar;
  policy: TaskPolicy;
}

/** How many running tasks an impact preview lists at most; its `total` counts them all. */
export const PREVIEW_TASKS = 200;

/** The calendar years a preview of `facts` reads: from a year before the first assignment to two after the last due. */
export function yearsOf(facts: RunningTaskFacts[]): [number, number] {
  const years = facts.flatMap((t) => [t.assignedAt, t.dueDate ?? t.assignedAt]).map((x) => Number(x.slice(0, 4)));
  return [Math.min(...years) - 1, Math.max(...years) + 2];
}

/**
 * What changing the rules of a running task from `before` to `after` does to it (issue 22, the impact preview): its
 * deadline when a calendar moves it, the timers ahead that move and what falls due at once, each in a sentence. A
 * deadline a decision set (an extension, a return, a pause, the office's own) stays: the one stored differs from the
 * one its limit gives on today's calendar, and it is kept on both sides.
 */
export function runningTaskImpact(t: RunningTaskFacts, before: TimerRules, after: TimerRules, now: number) {
  const plan = (rules: TimerRules, dueDate: string | null) =>
    scheduleOn(rules.calendar, {
      orgId: '',
      limit: t.limit,
      assignedAt: t.assignedAt,
      dueDate,
      signAnchor: t.assignedAt,
      progressAnchor: rules.policy.progressEveryWorkingDays ? (t.lastProgressAt ?? t.signedAt) : null,
      policy: rules.policy,
    });
  const decided = plan(before, null).dueDate !== t.dueDate;
  const [from, to] = [plan(before, decided ? t.dueDate : null), plan(after, decided ? t.dueDate : null)];
  const status = {
    state: t.state,
    rung: t.rung as 0 | 1 | 2 | 3,
    light: t.light,
    supervision: t.supervision ?? undefined,
    instruction: startRungOf(t, before.policy),
  };
  const impact: PolicyImpact = policyImpact(status, from, to, now);
  const deadline = from.dueDate !== to.dueDate ? [`工作时限由${from.dueDate}改为${to.dueDate}`] : [];
  const { taskId, title, leadUnitId, leadUnitName, state, dueDate } = t;
  return {
    taskId,
    title,
    type: t.type,
    leadUnitId,
    leadUnitName,
    state,
    dueDate,
    changes: [...deadline, ...impact.changes],
    firesAtOnce: impact.firesAtOnce,
  };
}

/** A 批示件's starting rung as the task holds it, or as its policy says for its severity. */
function startRungOf(t: RunningTaskFacts, policy: TaskPolicy) {
  if (!t.instruction) return undefined;
  const startRung = t.instruction.startRung ?? policy.severityStartRung?.[t.instruction.severity] ?? 1;
  return { ...t.instruction, startRung };
}
