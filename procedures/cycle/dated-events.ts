import type * as c from './messages';
import type { CycleCalendar } from './messages';

/** What a regular inspection round checks (检查内容), in the order the notice lists it. */
export const REGULAR_CHECKLIST = [
  '党风廉政建设主体责任落实情况',
  '年度督办任务推进和办结情况',
  '联席会议议定事项落实情况',
  '上次检查发现问题整改情况',
];

/** A dated event of the cycle's year, with the key that marks it done (`plan-due`, `meeting:r1`, `bulletin:2027-01`). */
export type CycleEvent =
  | { kind: 'PLAN_DUE'; key: string; at: number }
  | { kind: 'INSPECTION'; key: string; at: number; round: c.RegularInspection }
  | { kind: 'CUT_OFF'; key: string; at: number }
  | { kind: 'MEETING'; key: string; at: number; meeting: c.RegularMeeting }
  | { kind: 'BULLETIN'; key: string; at: number; period: c.BulletinPeriodDue };

/** The year's dated events as the calendar activity worked them out, soonest first. */
export function dueEvents(calendar: CycleCalendar): CycleEvent[] {
  return [
    { kind: 'PLAN_DUE' as const, key: 'plan-due', at: Date.parse(calendar.planDueAt) },
    ...calendar.meetings.map((meeting) => ({
      kind: 'MEETING' as const,
      key: `meeting:${meeting.key}`,
      at: Date.parse(meeting.noticeAt),
      meeting,
    })),
    ...calendar.bulletins.map((period) => ({
      kind: 'BULLETIN' as const,
      key: `bulletin:${period.key}`,
      at: Date.parse(period.at),
      period,
    })),
    ...(calendar.inspections ?? []).map((round) => ({
      kind: 'INSPECTION' as const,
      key: `inspection:${round.key}`,
      at: Date.parse(round.at),
      round,
    })),
    ...(calendar.cutOffAt ? [{ kind: 'CUT_OFF' as const, key: 'cut-off', at: Date.parse(calendar.cutOffAt) }] : []),
  ].sort((a, b) => a.at - b.at);
}
