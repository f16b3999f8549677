import { milestoneLagging, milestonesOf } from './milestones';
import type { PauseRecord, RefusalRecord, TaskState, TaskStatus, TrafficLight } from './messages';

/**
 * Pure rules of the supervised task (DOMAIN.md "The supervised task"), shared by its machine and the workflow's
 * timer loop. No I/O and no clock of their own: `now` is passed in.
 */

/** The instants an activity computed on the working-day calendar for the deadline in force. */
export interface Schedule {
  dueDate: string;
  dueAt: string;
  provisional: boolean;
  signForBy: string;
  reminders: { daysBefore: number; at: string }[];
  yellowAt: string;
  progressDueAt: string | null;
  rungs: { rung: 1 | 2 | 3; at: string }[];
}

export type TimerEvent =
  | { kind: 'SIGN_FOR_LIMIT'; key: string; at: number }
  | { kind: 'REMINDER'; key: string; at: number; daysBefore: number }
  | { kind: 'YELLOW'; key: string; at: number }
  | { kind: 'PROGRESS_DUE'; key: string; at: number }
  /**
   * A rung of the ladder: `point` is its place in the schedule (1 the deadline, 2 and 3 the policy's offsets after
   * it), `rung` the level it reaches — higher than the point for a 批示件 or a task under named supervision, which
   * `raisedBy` says.
   */
  | { kind: 'RUNG'; key: string; at: number; rung: 1 | 2 | 3; point: 1 | 2 | 3; raisedBy: RaisedBy[] }
  /** A pause reached its limit: the clock runs again by itself. */
  | { kind: 'PAUSE_LIMIT'; key: string; at: number }
  /** A milestone's day ended (序时进度): met already, or missed now. */
  | { kind: 'MILESTONE'; key: string; at: number; milestoneId: string };

/** Why a rung goes higher than its place in the schedule: a leader's instruction (批示件), named supervision (挂牌督办). */
export type RaisedBy = 'INSTRUCTION' | 'NAMED';

/**
 * The rungs of the deadline in force, each at its level (issue 20 item 3): a 批示件 starts the ladder at its
 * severity's rung, and a rung falling due within a period of named supervision goes one level higher still,
 * never above L3. A level reached once is not reached again: points that would repeat it are dropped. A task with
 * neither climbs L1–L3 at the three points, as it always has.
 */
export function ladderOf(status: TaskStatus, schedule: Schedule): Extract<TimerEvent, { kind: 'RUNG' }>[] {
  const start = status.instruction?.startRung ?? 1;
  const periods = status.supervision?.periods ?? [];
  const underNamed = (at: number) =>
    periods.some((p) => at >= Date.parse(p.since) && (p.until === undefined || at < Date.parse(p.until)));
  const rungs: Extract<TimerEvent, { kind: 'RUNG' }>[] = [];
  let reached = 0;
  for (const r of schedule.rungs) {
    const at = Date.parse(r.at);
    const named = underNamed(at);
    const level = Math.min(3, r.rung + start - 1 + (named ? 1 : 0)) as 1 | 2 | 3;
    if (level <= reached) continue;
    reached = level;
    const raisedBy: RaisedBy[] = [
      ...(start > 1 ? (['INSTRUCTION'] as const) : []),
      ...(named ? (['NAMED'] as const) : []),
    ];
    rungs.push({ kind: 'RUNG', key: `L${level}@${schedule.dueDate}`, at, rung: level, point: r.rung, raisedBy });
  }
  return rungs;
}

export const OPEN_STATES: readonly TaskState[] = ['ASSIGNED', 'SIGNED', 'IN_PROGRESS', 'SUBMITTED'];
/** States in which the unit still owes its work: reminders, the light and the ladder apply. */
const WORKING_STATES: readonly TaskState[] = ['ASSIGNED', 'SIGNED', 'IN_PROGRESS'];

export const isOpen = (s: TaskState): boolean => OPEN_STATES.includes(s);
export const isWorking = (s: TaskState): boolean => WORKING_STATES.includes(s);

/** The pause awaiting the office's decision, if any (a task recorded before pauses existed has none). */
export const pendingPause = (s: TaskStatus): PauseRecord | undefined => (s.pauses ?? []).find((p) => !p.decision);
/** The pause in force: approved and not yet resumed. */
export const activePause = (s: TaskStatus): PauseRecord | undefined =>
  (s.pauses ?? []).find((p) => p.decision === 'APPROVED' && !p.resumedAt);
/** The refusal (退单) awaiting the office's ruling, if any. */
export const pendingRefusal = (s: TaskStatus): RefusalRecord | undefined => (s.refusals ?? []).find((r) => !r.ruling);

/**
 * Every timer that may still fire for the current state, soonest first. While paused only the pause's limit (the
 * automatic resumption) is pending; while a refusal awaits its ruling the sign-for limit stands still.
 */
export function pendingEvents(status: TaskStatus, schedule: Schedule, fired: ReadonlySet<string>): TimerEvent[] {
  if (!isWorking(status.state)) return [];
  const paused = activePause(status);
  if (paused?.until)
    return [{ kind: 'PAUSE_LIMIT', key: `pause-${paused.seq}@${paused.until}`, at: Date.parse(paused.until) }];
  const due = schedule.dueDate;
  const events: TimerEvent[] = [];
  if (status.state === 'ASSIGNED' && !pendingRefusal(status)) {
    events.push({
      kind: 'SIGN_FOR_LIMIT',
      key: `sign-limit@${schedule.signForBy}`,
      at: Date.parse(schedule.signForBy),
    });
  }
  for (const r of schedule.reminders) {
    events.push({
      kind: 'REMINDER',
      key: `remind-${r.daysBefore}@${due}`,
      at: Date.parse(r.at),
      daysBefore: r.daysBefore,
    });
  }
  events.push({ kind: 'YELLOW', key: `yellow@${due}`, at: Date.parse(schedule.yellowAt) });
  if (schedule.progressDueAt && status.state !== 'ASSIGNED') {
    events.push({
      kind: 'PROGRESS_DUE',
      key: `progress@${schedule.progressDueAt}`,
      at: Date.parse(schedule.progressDueAt),
    });
  }
  events.push(...ladderOf(status, schedule));
  for (const m of milestonesOf(status).filter((x) => x.state === 'PENDING'))
    events.push({ kind: 'MILESTONE', key: `milestone-${m.id}@${m.date}`, at: Date.parse(m.dueAt), milestoneId: m.id });
  return events.filter((e) => !fired.has(e.key)).sort((a, b) => a.at - b.at);
}

/**
 * The traffic light (DOMAIN.md): red once the deadline in force has passed without submission, yellow
 * within the policy's window or while a progress report is missing, green otherwise; none when closed; paused while
 * the clock stands still (挂账).
 * A submitted task keeps the light it had when it was submitted.
 */
export function lightAt(now: number, status: TaskStatus, schedule: Schedule, progressMissing: boolean): TrafficLight {
  if (!isOpen(status.state)) return 'NONE';
  if (status.state === 'SUBMITTED') return status.light;
  if (activePause(status)) return 'PAUSED';
  if (now >= Date.parse(schedule.dueAt)) return 'RED';
  if (now >= Date.parse(schedule.yellowAt) || progressMissing) return 'YELLOW';
  // A missed milestone not yet made good (序时进度滞后): yellow, never red — the deadline alone makes a task late.
  if (milestoneLagging(status)) return 'YELLOW';
  return 'GREEN';
}

/**
 * Whether the working-day table of `year` can change any of the task's timers: a year from the first day its
 * timers count from (assignment, the sign-for anchor, the progress anchor, a pause's decision) to the last instant
 * they reach (the last rung, a pause's limit). A table for a year outside that span changes nothing.
 */
export function calendarConcerns(
  year: number,
  schedule: Schedule,
  counted: readonly (string | null | undefined)[],
): boolean {
  const instants = [
    ...counted,
    schedule.dueAt,
    schedule.signForBy,
    schedule.yellowAt,
    schedule.progressDueAt,
    ...schedule.reminders.map((r) => r.at),
    ...schedule.rungs.map((r) => r.at),
  ]
    .filter((x): x is string => !!x)
    .map((x) => Date.parse(x))
    .filter((x) => !Number.isNaN(x));
  if (instants.length === 0) return true;
  const years = instants.map((x) => Number(localDateOf(x).slice(0, 4)));
  return year >= Math.min(...years) && year <= Math.max(...years);
}

/** The local (Asia/Shanghai, UTC+8 without daylight saving) date of a workflow-time instant. */
export const localDateOf = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

export const RATING_LABEL = { EXCELLENT: '优秀', GOOD: '良好', FAIR: '一般', POOR: '较差' } as const;
