import { z } from 'zod';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import type { AnyRoute } from '../route';
import { actionRoute, createRoute, detailRoute, instanceParams, pageRoute } from './action-route';
import { assignmentFields, id, milestonePlans, offeredActions, text, timelineEntrySchema, timestamp } from '../schemas';
import {
  callAdHocMeeting,
  cancelAdHocMeeting,
  confirmMeetingAttendance,
  findMeetings,
  getMeeting,
  recordMeetingMinutes,
} from '../use-cases/meetings';

/** An instant as the caller wrote it: the use-case reads its UTC offset (an odd one is warned of), then normalises it. */
const instantAsGiven = z.iso.datetime({ offset: true });

const callMeetingBody = z
  .object({
    title: text(200).describe('e.g. 「2027年党风廉政建设责任制专题联席会议」'),
    at: instantAsGiven.describe(
      'When the meeting begins, with its UTC offset, e.g. 2027-04-16T09:30:00+08:00. In the past: 422; a day off, ' +
        'outside 8:00–18:00 Beijing time, an offset other than +08:00 or Z, or near a regular meeting: a warning',
    ),
    confirmBy: instantAsGiven.describe('Attendance must be confirmed by this moment; not after the meeting'),
    place: text(200),
    topics: z.array(text(500)).max(20).default([]).describe('Topics (议题), after the automatic status report'),
    kind: z
      .enum(['AD_HOC', 'MAJOR_CASE'])
      .default('AD_HOC')
      .describe(
        'AD_HOC: a joint meeting of the member units; MAJOR_CASE: a meeting of the major-case coordination group ' +
          '(大要案协调小组), whose members are its people and which only they and the office may see',
      ),
    referralId: text(100).optional().describe('MAJOR_CASE only: the referral (移送) the meeting is convened on'),
  })
  .strict();

const attendanceBody = z
  .object({
    attending: z.boolean().describe('true: the unit attends; false: it declines (请假) and gives a reason'),
    attendee: text(100).optional().describe('Who attends for the unit (参会人员)'),
    reason: text(1_000).optional().describe('Why the unit cannot attend (请假事由); required when not attending'),
  })
  .strict();

const cancelBody = z
  .object({
    reason: text(1_000).describe('Why the meeting is called off (取消理由); every member unit is told'),
  })
  .strict();

const resolutionBody = z
  .object({
    title: text(200).describe('The resolution (议定事项), which becomes the task’s title'),
    ...assignmentFields,
    milestones: milestonePlans
      .optional()
      .describe('Milestones (序时进度) of the resolution’s task, checked as in the create body'),
  })
  .strict();

const minutesBody = z
  .object({
    minutes: text(20_000).describe('The minutes (会议纪要) as recorded by the office'),
    resolutions: z.array(resolutionBody).max(50).default([]).describe('Each becomes a MEETING_RESOLUTION task'),
  })
  .strict();

const attendanceSchema = z
  .object({
    unitId: z.string(),
    unitName: z.string(),
    personId: z.string().optional().describe('A major-case group meeting: the member person (the unit is theirs)'),
    personName: z.string().optional(),
    status: z.enum(['INVITED', 'CONFIRMED', 'DECLINED', 'ABSENT', 'PRESENT']),
    answer: z.enum(['CONFIRMED', 'DECLINED']).nullable(),
    attendee: z.string().nullable(),
    reason: z.string().nullable(),
    answeredBy: z.string().nullable(),
    answeredAt: timestamp.nullable(),
    urgedAt: timestamp.nullable(),
  })
  .meta({ id: 'Attendance' });
const reportTask = {
  taskId: z.string(),
  title: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  dueDate: z.string().nullable(),
  rung: z.number().int(),
};
const agendaSchema = z
  .object({
    items: z.array(z.string()),
    report: z.object({
      asOf: z.string(),
      since: z.string(),
      byState: z.record(z.string(), z.number().int()),
      byLight: z.object({ GREEN: z.number().int(), YELLOW: z.number().int(), RED: z.number().int() }),
      total: z.number().int(),
      overdue: z.array(z.object({ ...reportTask, lateWorkingDays: z.number().int() })),
      overdueUnits: z.array(z.object({ unitId: z.string(), unitName: z.string(), tasks: z.number().int() })),
      escalations: z.array(z.object({ ...reportTask, at: z.string() })),
    }),
  })
  .meta({ id: 'Agenda' });
const resolutionSchema = z.object({ seq: z.number().int(), title: z.string(), taskId: z.string() });

const summaryFields = {
  id: z.string(),
  workflowId: z.string(),
  cycleId: z.string(),
  orgId: z.string(),
  key: z.string(),
  kind: z.enum(['REGULAR', 'AD_HOC', 'MAJOR_CASE']),
  title: z.string(),
  place: z.string(),
  topics: z.array(z.string()),
  at: timestamp,
  confirmBy: timestamp,
  since: timestamp,
  calledBy: z.string().nullable(),
  state: z.enum(['NOTICED', 'HELD', 'MINUTED', 'CANCELLED']),
  heldAt: timestamp.nullable(),
  minutesDueAt: timestamp.nullable(),
  minutesReminded: z.boolean(),
  invitedUnits: z.number().int(),
  invitedMembers: z.number().int().describe('A major-case group meeting: its member people; else 0'),
  referralId: z.string().nullable().describe('A major-case group meeting convened on a referral (移送)'),
};
const summarySchema = z.object(summaryFields).meta({ id: 'MeetingSummary' });
const meetingSchema = z
  .object({
    ...summaryFields,
    actions: offeredActions('meetings'),
    attendance: z.array(attendanceSchema),
    agenda: agendaSchema
      .nullable()
      .describe(
        'Fixed when the meeting begins: its items and the status report. Always null for a major-case group ' +
          'meeting (MAJOR_CASE), which has no status report: its agenda is its topics',
      ),
    minutes: z.string().nullable(),
    minutedBy: z.string().nullable(),
    minutedAt: timestamp.nullable(),
    resolutions: z.array(resolutionSchema.extend({ state: z.string().nullable().describe('The task’s state') })),
    timeline: z.array(timelineEntrySchema),
  })
  .meta({ id: 'Meeting' });
const calledSchema = z.object({
  id: z.string(),
  workflowId: z.string(),
  cycleId: z.string(),
  kind: z.enum(['AD_HOC', 'MAJOR_CASE']),
  title: z.string(),
  at: z.string(),
  confirmBy: z.string(),
  warnings: z
    .array(z.object({ field: z.string(), message: z.string() }))
    .describe('What is unusual about the times (a day off, an odd hour or offset…): the call went ahead, noted'),
});

/** Joint meetings (联席会议, DOMAIN.md annual cycle step 3). */
export const meetingRoutes = (deps: AppDeps): AnyRoute[] => [
  createRoute({
    path: '/cycles/:id/meetings',
    kind: 'meetings',
    summary:
      'Call an ad-hoc joint meeting of a cycle (office): the notice goes to every member unit; or (kind MAJOR_CASE) ' +
      'convene the major-case coordination group: the notice goes to each of its members in person',
    params: instanceParams,
    body: callMeetingBody,
    response: calledSchema,
    errors: [403, 404, 409, 422],
    handler: (body, caller, key, params) => callAdHocMeeting(deps, caller, params.id, body, key),
  }),
  pageRoute({
    kind: 'meetings',
    summary: 'Joint meetings the caller may see (a unit: those it is invited to), newest first',
    filters: {
      cycleId: id.optional().describe('Only this cycle’s meetings'),
      kind: z.enum(['REGULAR', 'AD_HOC', 'MAJOR_CASE']).optional().describe('Only meetings of this kind'),
    },
    item: summarySchema,
    handler: (filter, page, caller) => findMeetings(deps, caller, filter, page),
  }),
  detailRoute({
    kind: 'meetings',
    summary: 'A joint meeting: attendance, agenda with its status report, minutes, resolutions and their tasks',
    response: meetingSchema,
    handler: (id, caller) => getMeeting(deps, caller, id),
  }),
  actionRoute({
    kind: 'meetings',
    verb: 'attendance',
    summary:
      'Confirm attendance, or decline with a reason, for the caller’s own member unit (until the meeting begins); ' +
      'a major-case group meeting: for the caller themself, a member of the group',
    body: attendanceBody,
    response: z.object({ meetingId: z.string(), state: z.string(), attendance: attendanceSchema }),
    handler: (id, body, req) => confirmMeetingAttendance(deps, callerOf(req), id, body),
  }),
  actionRoute({
    kind: 'meetings',
    verb: 'minutes',
    summary: 'Record the minutes of a held meeting (office); each resolution becomes a supervised task',
    body: minutesBody,
    response: z.object({ meetingId: z.string(), state: z.string(), resolutions: z.array(resolutionSchema) }),
    handler: (id, body, req) => recordMeetingMinutes(deps, callerOf(req), id, body),
  }),
  actionRoute({
    kind: 'meetings',
    verb: 'cancel',
    summary:
      'Call off an ad-hoc meeting before it begins (office), with a reason every member unit is told; a regular meeting is held as scheduled (409)',
    body: cancelBody,
    response: z.object({
      meetingId: z.string(),
      state: z.string(),
      cancelled: z.object({ by: z.string(), at: timestamp, reason: z.string() }).nullable(),
    }),
    handler: (id, body, req) => cancelAdHocMeeting(deps, callerOf(req), id, body),
  }),
];
