import type { TaskMachine } from './machine';
import type { ReportProgressInput } from './messages';
import {
  milestonesOf,
  nextMilestoneNumber,
  numberMilestones,
  type Milestone,
  type SetMilestonesInput,
} from './milestones';
import { refreshLight, type TaskStep } from './steps';

/**
 * What milestones (序时进度) change and record: the office's plan, a report against a milestone, and a milestone's
 * day ending. Pure, like the task's other steps; none of them climbs a rung.
 */

const iso = (ms: number) => new Date(ms).toISOString();
const planned = (x: Milestone) =>
  [x.expected, x.percent !== undefined ? `完成${x.percent}%` : ''].filter(Boolean).join('，');

function replace(t: TaskMachine, next: Milestone): void {
  t.status.milestones = milestonesOf(t.status).map((x) => (x.id === next.id ? next : x));
}

/** The office's plan from now on: milestones met or judged stay, the pending ones are replaced. */
export function setMilestonesSteps(t: TaskMachine, { actor, milestones, reason }: SetMilestonesInput, now: number) {
  const kept = milestonesOf(t.status).filter((x) => x.state !== 'PENDING');
  const added = numberMilestones(milestones, nextMilestoneNumber(t.status));
  t.status.milestones = [...kept, ...added].sort((a, b) => a.date.localeCompare(b.date));
  refreshLight(t, now);
  const list = added.map((x) => `${x.date}（${planned(x)}）`).join('；') || '无';
  const why = reason ? `，理由：${reason}` : '';
  return [
    {
      kind: 'MILESTONES_SET',
      message: `组织协调室调整序时进度节点：${list}${why}`,
      actor,
      action: 'task.setMilestones',
      payload: { milestones, reason },
      details: { milestones: added.map(({ id, date }) => ({ id, date })) },
    },
  ] satisfies TaskStep[];
}

/**
 * A progress report against milestones: the one it names, and every one whose planned percentage the reported one
 * reaches. Reported by its day, a milestone is met; reported after it was missed, the lag is made good (the light
 * turns back) but it stays missed.
 */
export function milestoneReportSteps(
  t: TaskMachine,
  { actor, text, percent, milestoneId }: ReportProgressInput,
  now: number,
): TaskStep[] {
  const answered = milestonesOf(t.status).filter(
    (x) =>
      !x.reportedAt &&
      (x.state === 'PENDING' || x.state === 'MISSED') &&
      (x.id === milestoneId || (percent !== undefined && x.percent !== undefined && percent >= x.percent)),
  );
  const steps: TaskStep[] = [];
  for (const x of answered) {
    const onTime = x.state === 'PENDING' && now < Date.parse(x.dueAt);
    const report = { reportedAt: iso(now), ...(percent !== undefined ? { reportedPercent: percent } : {}) };
    replace(t, { ...x, ...report, reportText: text, state: onTime ? 'MET' : 'MISSED' });
    steps.push({
      kind: 'MILESTONE_MET',
      message: onTime
        ? `序时进度节点（${x.date}，${planned(x)}）按期完成`
        : `序时进度节点（${x.date}，${planned(x)}）逾期后补报完成`,
      actor,
      details: { milestoneId: x.id, date: x.date, onTime },
    });
  }
  refreshLight(t, now);
  return steps;
}

/**
 * A milestone's day ended. Met already: nothing. Otherwise missed — yellow light and a reminder to the unit, no rung
 * — unless the clock stood still (挂账) at that moment: then it is waived, not judged.
 */
export function milestoneDueSteps(t: TaskMachine, milestoneId: string, now: number): TaskStep[] {
  const x = milestonesOf(t.status).find((m) => m.id === milestoneId);
  if (!x || x.state !== 'PENDING') return [];
  const at = Date.parse(x.dueAt);
  const paused = (t.status.pauses ?? []).some(
    (p) =>
      p.decision === 'APPROVED' &&
      p.decidedAt !== undefined &&
      Date.parse(p.decidedAt) <= at &&
      (!p.resumedAt || Date.parse(p.resumedAt) >= at),
  );
  if (paused) {
    replace(t, { ...x, state: 'WAIVED' });
    return [
      {
        kind: 'MILESTONE_WAIVED',
        message: `序时进度节点（${x.date}）届至时任务处于中止计时，不作考核`,
        details: { milestoneId: x.id, date: x.date },
      },
    ];
  }
  replace(t, { ...x, state: 'MISSED' });
  refreshLight(t, now);
  return [
    {
      kind: 'MILESTONE_MISSED',
      message: `序时进度节点（${x.date}，${planned(x)}）未按期完成，亮黄灯，已提醒牵头单位`,
      details: { milestoneId: x.id, date: x.date, expected: planned(x) },
    },
  ];
}
