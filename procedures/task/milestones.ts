import { localInstant } from '../time/working-days';
import type { ActionInput, TaskStatus } from './messages';

/**
 * Milestones (序时进度, issue 20 item 4): intermediate dates on the way to the deadline, each with an expected result
 * or a percentage to reach by then. A milestone is met when the unit reports against it (its id, or a percentage at
 * least the planned one) by the end of its day; otherwise it is missed at 24:00 (Asia/Shanghai): the light turns
 * yellow and the unit is reminded, but no rung is climbed — lateness is measured at the deadline alone.
 */

/** At most this many milestones on one task: a plan, not a diary. */
export const MAX_MILESTONES = 12;

/** A milestone as the office plans it. */
export interface MilestonePlan {
  /** Local date (Asia/Shanghai); the milestone falls due at 24:00 that day. */
  date: string;
  /** The expected result by then (预期成果). */
  expected?: string;
  /** The percentage of the whole to have reached by then. */
  percent?: number;
}

/**
 * PENDING: its day has not ended. MET: reported by its day. MISSED: its day ended unreported (the light turned yellow
 * until a late report). WAIVED: its day ended while the clock stood still (挂账), so it is not judged.
 */
export type MilestoneState = 'PENDING' | 'MET' | 'MISSED' | 'WAIVED';

/** A milestone with what became of it: planned (date, expected, percent) against actual (reported…). */
export interface Milestone extends MilestonePlan {
  id: string;
  /** The instant it falls due: 24:00 of `date`. */
  dueAt: string;
  state: MilestoneState;
  /** The first report against it (late ones too): when, how far and what was said. */
  reportedAt?: string;
  reportedPercent?: number;
  reportText?: string;
}

export interface SetMilestonesInput extends ActionInput {
  /** The plan from now on: replaces every milestone not yet met or judged; those stay as they are. */
  milestones: MilestonePlan[];
  reason?: string;
}

/** The instant a milestone of `date` falls due: the end of that local day. */
export const milestoneDueAt = (date: string): string => localInstant(date, 24).toISOString();

/** The task's milestones (none on a task recorded before they existed). */
export const milestonesOf = (s: TaskStatus): Milestone[] => s.milestones ?? [];

/** A missed milestone not reported since: it keeps the light yellow. */
export const milestoneLagging = (s: TaskStatus): boolean =>
  milestonesOf(s).some((m) => m.state === 'MISSED' && !m.reportedAt);

/** Milestones numbered from `first` (`m1`, `m2`, …) in date order. */
export function numberMilestones(plans: MilestonePlan[], first: number): Milestone[] {
  return [...plans]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((p, i) => ({
      id: `m${first + i}`,
      date: p.date,
      ...(p.expected ? { expected: p.expected } : {}),
      ...(p.percent !== undefined ? { percent: p.percent } : {}),
      dueAt: milestoneDueAt(p.date),
      state: 'PENDING' as const,
    }));
}

/** The next milestone number: one past the highest used, so an id is never given twice. */
export const nextMilestoneNumber = (s: TaskStatus): number =>
  milestonesOf(s).reduce((n, m) => Math.max(n, Number(m.id.slice(1)) || 0), 0) + 1;

/** Why a milestone plan is refused, as a code the API words in either language. */
export type MilestoneProblemCode =
  'TOO_MANY' | 'NO_CONTENT' | 'BEFORE_TODAY' | 'AFTER_DUE' | 'SAME_DAY' | 'NOT_INCREASING';

export interface MilestoneProblem {
  /** The offending milestone's index in the plan; `null`: the plan as a whole. */
  index: number | null;
  field?: 'date' | 'percent' | 'expected';
  code: MilestoneProblemCode;
  /** In Chinese, as the workflow refuses. */
  text: string;
}

/**
 * What is wrong with a milestone plan, every problem. `today`: the first date allowed; `dueDate`: the last one (the
 * deadline in force), when known; `kept`: the milestones that stay (met or judged), whose percentages the plan must go
 * beyond and whose days it must not take again.
 */
export function milestoneProblems(
  plans: MilestonePlan[],
  { today, dueDate, kept = [] }: { today: string; dueDate?: string | null; kept?: Milestone[] },
): MilestoneProblem[] {
  const problems: MilestoneProblem[] = [];
  if (plans.length + kept.length > MAX_MILESTONES) {
    problems.push({ index: null, code: 'TOO_MANY', text: `每项任务最多设置${MAX_MILESTONES}个序时进度节点` });
  }
  let lastPercent = Math.max(-1, ...kept.map((m) => m.percent ?? -1));
  const order = plans.map((p, i) => ({ p, i })).sort((a, b) => a.p.date.localeCompare(b.p.date));
  const seen = new Set(kept.map((m) => m.date));
  for (const { p, i } of order) {
    if (!p.expected?.trim() && p.percent === undefined) {
      problems.push({ index: i, field: 'expected', code: 'NO_CONTENT', text: '序时进度节点须写明预期成果或完成比例' });
    }
    if (p.date < today) {
      problems.push({ index: i, field: 'date', code: 'BEFORE_TODAY', text: '序时进度节点不能早于今天' });
    } else if (dueDate && p.date > dueDate) {
      const text = `序时进度节点不能晚于工作时限（${dueDate}）`;
      problems.push({ index: i, field: 'date', code: 'AFTER_DUE', text });
    } else if (seen.has(p.date)) {
      problems.push({ index: i, field: 'date', code: 'SAME_DAY', text: '同一天只能设置一个序时进度节点' });
    }
    seen.add(p.date);
    if (p.percent !== undefined) {
      if (p.percent <= lastPercent) {
        problems.push({ index: i, field: 'percent', code: 'NOT_INCREASING', text: '各节点的完成比例应随日期递增' });
      }
      lastPercent = Math.max(lastPercent, p.percent);
    }
  }
  return problems;
}
