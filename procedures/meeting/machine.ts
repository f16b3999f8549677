import { byRole, defineProcedure, nonBlank, refuse, refuseWhen, type Guard } from '../kernel/machine';
import type { MeetingKind } from '../cycle/messages';
import * as mm from './messages';
import type { MeetingStatus } from './messages';

/**
 * The joint meeting (联席会议) as a state machine, DOMAIN.md "The annual cycle" step 3: member units answer the
 * notice until the meeting begins; the office records the minutes once it has been held. The office may call off
 * an ad-hoc meeting before it begins; a regular one is part of the cycle's schedule (联席会议制度) and is held.
 */
export interface MeetingMachine {
  status: MeetingStatus;
  /** False until the notice is in the read model: an answer before it would have nothing to answer. */
  recorded: boolean;
  /** The meeting as it was started: regular, ad hoc or of the major-case group (MAJOR_CASE), and when it begins. */
  meeting: { kind: MeetingKind; at: string };
}

/** A meeting as its notice goes out: no member has answered, nothing held or minuted. */
export const noticedStatus = (meetingId: string): MeetingStatus => ({
  meetingId,
  state: 'NOTICED',
  attendance: [],
  agenda: null,
  heldAt: null,
  minutes: null,
  minutedBy: null,
  minutedAt: null,
  minutesDueAt: null,
  minutesReminded: false,
  resolutions: [],
  cancelled: null,
  version: 0,
});

/** Resolutions one set of minutes may carry: each becomes a child workflow started from this history. */
export const MAX_RESOLUTIONS = 50;

type G<I> = Guard<MeetingMachine, I>;
const entryOf = (m: MeetingMachine, unitId: string) => m.status.attendance.find((a) => a.unitId === unitId);

const answeredAlready: G<mm.ConfirmAttendanceInput> = ({ state, actor }) => {
  const answer = entryOf(state, actor.unitId)?.answer;
  if (!answer) return null;
  const said = answer === 'CONFIRMED' ? '确认参会' : '请假';
  return refuse('WRONG_STATE', `本单位已答复（${said}），不能重复确认；如有变化请与组织协调室联系`);
};

/** A member's own entry in a major-case group meeting (大要案协调小组): attendance is by person there. */
export const memberEntryOf = (m: MeetingMachine, personId: string) =>
  m.meeting.kind === 'MAJOR_CASE' ? m.status.attendance.find((a) => a.personId === personId) : undefined;

const memberAnsweredAlready: G<mm.ConfirmMemberAttendanceInput> = ({ state, actor }) => {
  const answer = memberEntryOf(state, actor.personId)?.answer;
  if (!answer) return null;
  const said = answer === 'CONFIRMED' ? '确认参会' : '请假';
  return refuse('WRONG_STATE', `您已答复（${said}），不能重复确认；如有变化请与组织协调室联系`);
};

const isMajorCase = (m: MeetingMachine) => m.meeting.kind === 'MAJOR_CASE';

const resolutionsWellFormed: G<mm.RecordMinutesInput> = ({ input }) => {
  if (input.resolutions.length > MAX_RESOLUTIONS) {
    return refuse('INVALID', `一次纪要的议定事项不超过${MAX_RESOLUTIONS}项`);
  }
  for (const r of input.resolutions) {
    if (!r.title || !r.title.trim()) return refuse('INVALID', '议定事项名称不能为空');
    if (r.coUnitIds.includes(r.leadUnitId)) {
      return refuse('INVALID', `议定事项「${r.title}」的牵头单位不能同时是协办单位`);
    }
  }
  return null;
};

export const meetingProcedure = defineProcedure({
  kind: 'meetings',
  states: ['NOTICED', 'HELD', 'MINUTED', 'CANCELLED'],
  stateOf: (m: MeetingMachine) => m.status.state,
  actions: {
    confirmAttendance: {
      update: mm.confirmAttendance,
      from: ['NOTICED'],
      by: ['UNIT'],
      guards: [
        refuseWhen('NOT_READY', ({ state }) => !state.recorded, '会议通知正在发出，请稍后再确认'),
        byRole('UNIT', '参会确认由成员单位办理'),
        refuseWhen('NOT_ALLOWED', ({ state }) => isMajorCase(state), '大要案协调小组会议由小组成员本人确认参会'),
        refuseWhen(
          'NOT_ALLOWED',
          ({ state, actor }) => !entryOf(state, actor.unitId),
          '本单位不是本次联席会议的成员单位，无需确认参会',
        ),
        refuseWhen('WRONG_STATE', ({ state }) => state.status.state === 'CANCELLED', '会议已取消，无需确认参会'),
        refuseWhen('WRONG_STATE', ({ state }) => state.status.state !== 'NOTICED', '会议已经召开，不能再确认参会'),
        answeredAlready,
        ({ input, state, actor, now }) =>
          !input.attending &&
          nonBlank((i: mm.ConfirmAttendanceInput) => i.reason, '请假事由')({ input, state, actor, now }),
      ],
    },
    // The major-case coordination group (大要案协调小组, issue 18 part 4): each member person answers for themself,
    // whatever their role (the commission's and 公检法's leaders).
    confirmMemberAttendance: {
      update: mm.confirmMemberAttendance,
      from: ['NOTICED'],
      by: 'ANY',
      guards: [
        refuseWhen('NOT_READY', ({ state }) => !state.recorded, '会议通知正在发出，请稍后再确认'),
        refuseWhen(
          'NOT_ALLOWED',
          ({ state }) => !isMajorCase(state),
          '本次会议由成员单位确认参会，不是大要案协调小组会议',
        ),
        refuseWhen(
          'NOT_ALLOWED',
          ({ state, actor }) => !memberEntryOf(state, actor.personId),
          '您不是本次大要案协调小组会议的成员，无需确认参会',
        ),
        refuseWhen('WRONG_STATE', ({ state }) => state.status.state === 'CANCELLED', '会议已取消，无需确认参会'),
        refuseWhen('WRONG_STATE', ({ state }) => state.status.state !== 'NOTICED', '会议已经召开，不能再确认参会'),
        memberAnsweredAlready,
        ({ input, state, actor, now }) =>
          !input.attending &&
          nonBlank((i: mm.ConfirmMemberAttendanceInput) => i.reason, '请假事由')({ input, state, actor, now }),
      ],
    },
    recordMinutes: {
      update: mm.recordMinutes,
      from: ['HELD'],
      by: ['OFFICE'],
      guards: [
        byRole('OFFICE', '会议纪要由组织协调室录入'),
        refuseWhen('WRONG_STATE', ({ state }) => state.status.state === 'CANCELLED', '会议已取消，不能录入会议纪要'),
        refuseWhen('WRONG_STATE', ({ state }) => state.status.state === 'NOTICED', '会议尚未召开，不能录入会议纪要'),
        refuseWhen('WRONG_STATE', ({ state }) => state.status.state === 'MINUTED', '会议纪要已经录入，不能重复录入'),
        nonBlank((i: mm.RecordMinutesInput) => i.minutes, '会议纪要'),
        resolutionsWellFormed,
      ],
    },
    cancelMeeting: {
      update: mm.cancelMeeting,
      from: ['NOTICED'],
      by: ['OFFICE'],
      guards: [
        refuseWhen('NOT_READY', ({ state }) => !state.recorded, '会议通知正在发出，请稍后再取消'),
        byRole('OFFICE', '联席会议由组织协调室取消'),
        refuseWhen('WRONG_STATE', ({ state }) => state.status.state === 'CANCELLED', '会议已经取消，不能重复取消'),
        refuseWhen('WRONG_STATE', ({ state }) => state.status.state !== 'NOTICED', '会议已经召开，不能取消'),
        refuseWhen(
          'WRONG_STATE',
          ({ state, now }) => now >= Date.parse(state.meeting.at),
          '会议时间已到，不能取消；如未实际召开，请在会议纪要中说明',
        ),
        refuseWhen(
          'NOT_ALLOWED',
          ({ state }) => state.meeting.kind === 'REGULAR',
          '定期联席会议按年度安排召开，不能取消；如需调整议题或时间，请另行召集临时联席会议',
        ),
        nonBlank((i: mm.CancelMeetingInput) => i.reason, '取消理由'),
      ],
    },
  },
});
