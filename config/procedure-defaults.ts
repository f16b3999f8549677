import { z } from 'zod';
import { defaultCycleSettings, type CycleSettings } from '../procedures/cycle/messages';
import { REGULAR_CHECKLIST } from '../procedures/cycle/dated-events';
import { ESCALATE_AFTER_WORKING_DAYS } from '../procedures/inspection/messages';
import { REGULAR_MEETING_PLACE, MINUTES_WORKING_DAYS } from '../procedures/meeting/messages';
import { said } from '../procedures/kernel/said';
import { schemaMessage } from './issue-text';
import {
  listedTwice,
  outOfRange,
  scalarChanges,
  workingDaysText,
  type ContentProblem,
  type RuleChange,
  type ScalarField,
} from './rule-content';

/**
 * The defaults of the meeting and inspection procedures as the office edits them (issue 22, rule kind
 * `procedure-defaults`). Version 0 is the code's own: DOMAIN.md's quarterly meetings, the cycle's default settings,
 * `MINUTES_WORKING_DAYS`, `ESCALATE_AFTER_WORKING_DAYS`, the regular checklist. Cycles opened afterwards take the
 * calendar of the version in force (months, day, time, notice and confirmation limits, self-check and findings
 * limits); meetings and rounds started afterwards take its minutes limit, escalation offset, place and checklist.
 */
export interface ProcedureDefaults {
  meeting: {
    /** Months of the regular joint meetings (联席会议), in calendar order. */
    months: number[];
    day: number;
    time: string;
    /** Where a regular meeting is held, as its notice says. */
    place: string;
    noticeWorkingDays: number;
    confirmWorkingDays: number;
    /** The minutes are due this many working days after the meeting, else the office is reminded once. */
    minutesWorkingDays: number;
  };
  inspection: {
    /** Months of the regular inspection rounds (检查督办), in calendar order; none: no regular rounds. */
    months: number[];
    /** The checklist of a regular round (检查内容), one item a line of the notice. */
    checklist: string[];
    selfCheckWorkingDays: number;
    findingsWorkingDays: number;
    /** A self-check still missing this many working days after its deadline goes to the unit's leader. */
    escalateAfterWorkingDays: number;
  };
}

/** Version 0 of every organisation: the code's own defaults. */
export function shippedProcedureDefaults(): ProcedureDefaults {
  const s = defaultCycleSettings(2000);
  return {
    meeting: {
      months: s.meetingMonths,
      day: s.meetingDay,
      time: s.meetingTime,
      place: REGULAR_MEETING_PLACE,
      noticeWorkingDays: s.noticeWorkingDays,
      confirmWorkingDays: s.confirmWorkingDays,
      minutesWorkingDays: MINUTES_WORKING_DAYS,
    },
    inspection: {
      months: s.inspectionMonths,
      checklist: [...REGULAR_CHECKLIST],
      selfCheckWorkingDays: s.selfCheckWorkingDays,
      findingsWorkingDays: s.findingsWorkingDays,
      escalateAfterWorkingDays: ESCALATE_AFTER_WORKING_DAYS,
    },
  };
}

/** What a cycle opened under a version takes from it (the office's own settings for the cycle still win). */
export const cycleSettingsOf = ({ meeting, inspection }: ProcedureDefaults): Partial<CycleSettings> => ({
  meetingMonths: meeting.months,
  meetingDay: meeting.day,
  meetingTime: meeting.time,
  noticeWorkingDays: meeting.noticeWorkingDays,
  confirmWorkingDays: meeting.confirmWorkingDays,
  inspectionMonths: inspection.months,
  selfCheckWorkingDays: inspection.selfCheckWorkingDays,
  findingsWorkingDays: inspection.findingsWorkingDays,
});

const days = z.number().int();
const months = z.array(z.number().int()).max(12);
const line = z.string().trim().min(1).max(200);

/** The shape of a content (a wrong one is a 400); what it means together is `procedureDefaultsProblems`' (422). */
export const procedureDefaultsShape = z
  .object({
    meeting: z
      .object({
        months: months.describe('Months (1–12) of the regular joint meetings, in calendar order; DOMAIN.md: quarterly'),
        day: z.number().int().describe('Day of the month (1–31), moved to the next working day when that is a day off'),
        time: z
          .string()
          .regex(/^([01]\d|2[0-3]):[0-5]\d$/, schemaMessage('须为时间，格式 HH:MM', 'expected HH:MM'))
          .describe('Local time of a regular meeting'),
        place: z.string().trim().min(1).max(100).describe('Where a regular meeting is held'),
        noticeWorkingDays: days.describe('The notice goes out this many working days before (1–30)'),
        confirmWorkingDays: days.describe('Attendance is confirmed by this many working days before (0–29)'),
        minutesWorkingDays: days.describe('The minutes are due this many working days after the meeting (1–30)'),
      })
      .strict(),
    inspection: z
      .object({
        months: months.describe('Months (1–12) of the regular inspection rounds, in calendar order; [] for none'),
        checklist: z.array(line).max(30).describe('The checklist of a regular round, one item a line'),
        selfCheckWorkingDays: days.describe('Self-checks are due this many working days after a round starts (1–60)'),
        findingsWorkingDays: days.describe('Findings are due this many working days after it starts (2–120)'),
        escalateAfterWorkingDays: days.describe(
          'A self-check still missing this many working days late goes up (1–30)',
        ),
      })
      .strict(),
  })
  .strict();

function monthProblems(path: string[], list: number[], atLeastOne: boolean): ContentProblem[] {
  const problems = list.flatMap((m, i) => outOfRange([...path, i], m, 1, 12));
  if (atLeastOne && list.length === 0) {
    problems.push({ path, message: said('至少须有一个月份', 'needs at least one month') });
  }
  list.forEach((m, i) => {
    if (i > 0 && m <= list[i - 1]!) {
      const message = said('月份须按先后顺序排列，且不重复', 'months go in calendar order, each once');
      problems.push({ path: [...path, i], message });
    }
  });
  return problems;
}

/**
 * What a well-shaped content means nonsense by, every problem at once: a month outside 1–12, out of order or twice,
 * no regular meeting, a limit out of range, a confirmation not before the meeting's notice is out, findings due no
 * later than the self-checks, an empty checklist or an item listed twice.
 */
export function procedureDefaultsProblems({ meeting: m, inspection: i }: ProcedureDefaults): ContentProblem[] {
  const problems = [
    ...monthProblems(['meeting', 'months'], m.months, true),
    ...outOfRange(['meeting', 'day'], m.day, 1, 31),
    ...outOfRange(['meeting', 'noticeWorkingDays'], m.noticeWorkingDays, 1, 30),
    ...outOfRange(['meeting', 'confirmWorkingDays'], m.confirmWorkingDays, 0, 29),
    ...outOfRange(['meeting', 'minutesWorkingDays'], m.minutesWorkingDays, 1, 30),
    ...monthProblems(['inspection', 'months'], i.months, false),
    ...outOfRange(['inspection', 'selfCheckWorkingDays'], i.selfCheckWorkingDays, 1, 60),
    ...outOfRange(['inspection', 'findingsWorkingDays'], i.findingsWorkingDays, 2, 120),
    ...outOfRange(['inspection', 'escalateAfterWorkingDays'], i.escalateAfterWorkingDays, 1, 30),
    ...listedTwice(
      i.checklist,
      (x) => x,
      (n) => ['inspection', 'checklist', n],
      said('检查内容', 'item'),
    ),
  ];
  if (m.confirmWorkingDays >= m.noticeWorkingDays) {
    problems.push({
      path: ['meeting', 'confirmWorkingDays'],
      message: said(
        `确认参会时限须早于会议通知发出（少于${m.noticeWorkingDays}个工作日）`,
        `must be fewer than the notice's ${m.noticeWorkingDays} working days`,
      ),
    });
  }
  if (i.findingsWorkingDays <= i.selfCheckWorkingDays) {
    problems.push({
      path: ['inspection', 'findingsWorkingDays'],
      message: said(
        `检查发现问题的录入时限须晚于自查报告时限（多于${i.selfCheckWorkingDays}个工作日）`,
        `must be more than the self-checks' ${i.selfCheckWorkingDays} working days`,
      ),
    });
  }
  if (i.checklist.length === 0) {
    problems.push({
      path: ['inspection', 'checklist'],
      message: said('至少须有一项检查内容', 'needs at least one item'),
    });
  }
  return problems;
}

const monthsText = (v: unknown) => ((v as number[]).length ? (v as number[]).map((m) => `${m}月`).join('、') : '无');

const FIELDS: ScalarField<ProcedureDefaults>[] = [
  { field: 'meeting.months', name: '定期联席会议月份', read: (c) => c.meeting.months, show: monthsText },
  { field: 'meeting.day', name: '定期联席会议日期', read: (c) => c.meeting.day, show: (v) => `每月${String(v)}日` },
  { field: 'meeting.time', name: '定期联席会议时间', read: (c) => c.meeting.time, show: String },
  { field: 'meeting.place', name: '定期联席会议地点', read: (c) => c.meeting.place, show: (v) => `“${String(v)}”` },
  {
    field: 'meeting.noticeWorkingDays',
    name: '会议通知提前时间',
    read: (c) => c.meeting.noticeWorkingDays,
    show: workingDaysText,
  },
  {
    field: 'meeting.confirmWorkingDays',
    name: '确认参会提前时间',
    read: (c) => c.meeting.confirmWorkingDays,
    show: workingDaysText,
  },
  {
    field: 'meeting.minutesWorkingDays',
    name: '会议纪要录入时限',
    read: (c) => c.meeting.minutesWorkingDays,
    show: workingDaysText,
  },
  { field: 'inspection.months', name: '定期检查督办月份', read: (c) => c.inspection.months, show: monthsText },
  {
    field: 'inspection.selfCheckWorkingDays',
    name: '自查报告时限',
    read: (c) => c.inspection.selfCheckWorkingDays,
    show: workingDaysText,
  },
  {
    field: 'inspection.findingsWorkingDays',
    name: '检查发现问题录入时限',
    read: (c) => c.inspection.findingsWorkingDays,
    show: workingDaysText,
  },
  {
    field: 'inspection.escalateAfterWorkingDays',
    name: '自查报告逾期报分管领导的期限',
    read: (c) => c.inspection.escalateAfterWorkingDays,
    show: workingDaysText,
  },
];

/**
 * What changed from one version of the defaults to another, in sentences (「会议纪要录入时限由5个工作日改为3个工作日」),
 * then the checklist's items added and removed.
 */
export function diffProcedureDefaults(a: ProcedureDefaults, b: ProcedureDefaults): RuleChange[] {
  const changes = scalarChanges(FIELDS, a, b);
  const field = 'inspection.checklist';
  for (const x of a.inspection.checklist.filter((x) => !b.inspection.checklist.includes(x))) {
    changes.push({ field, item: x, change: 'REMOVED', before: x, after: null, text: `检查内容删除“${x}”` });
  }
  for (const y of b.inspection.checklist.filter((y) => !a.inspection.checklist.includes(y))) {
    changes.push({ field, item: y, change: 'ADDED', before: null, after: y, text: `检查内容新增“${y}”` });
  }
  return changes;
}
