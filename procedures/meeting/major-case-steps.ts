import type { MeetingInput } from '../cycle/messages';
import { personRef } from '../kernel/named-refs';
import type { Recipient } from '../kernel/recipients';
import { memberEntryOf, type MeetingMachine } from './machine';
import type * as mm from './messages';
import type { Attendance } from './messages';
import { localText, type MeetingStep } from './steps';

/**
 * What a meeting of the major-case coordination group (大要案协调小组, issue 18 part 4; DOMAIN.md "Case collaboration")
 * records where it differs from a joint meeting: its members are people, who alone (with the office) are told
 * anything of it; its agenda is its own topics, without the cycle's status report; its minutes go to the members
 * present and the office, not to the leadership group. Everything here is need-to-know: the notices say so.
 */

const CONFIDENTIAL = '会议内容仅限小组成员知悉，请注意保密。';
const iso = (ms: number) => new Date(ms).toISOString();
const names = (list: Attendance[]) => list.map((a) => personRef(a.personId ?? '')).join('、');
const toMembers = (list: Attendance[]): Recipient[] =>
  list.map((a): Recipient => ({ kind: 'PERSON', personId: a.personId ?? '' }));

/** The notice to every member of the group, in person. */
export function memberNoticedStep(meeting: MeetingInput, status: mm.MeetingStatus): MeetingStep {
  const topics = meeting.topics.length > 0 ? `，议题：${meeting.topics.join('；')}` : '';
  const when = localText(meeting.at);
  const referral = meeting.referralId ? `（就移送事项${meeting.referralId}）` : '';
  const warned = meeting.warnings?.length ? `（召集时提示：${meeting.warnings.join('；')}）` : '';
  return {
    kind: 'NOTICED',
    // The office's call is audited here: it does not go through the cycle, whose step audits a joint meeting's call.
    ...(meeting.calledBy ? { actor: meeting.calledBy, action: 'meeting.call' } : {}),
    payload: { title: meeting.title, at: meeting.at, confirmBy: meeting.confirmBy, referralId: meeting.referralId },
    message:
      `组织协调室召集大要案协调小组会议「${meeting.title}」${referral}：${when}在${meeting.place}召开${topics}，` +
      `通知小组成员${status.attendance.length}人于${localText(meeting.confirmBy)}前确认参会${warned}`,
    notice: {
      title: `【大要案协调小组会议通知】${meeting.title}`,
      body:
        `定于${when}在${meeting.place}召开大要案协调小组会议${referral}${topics}。` +
        `请于${localText(meeting.confirmBy)}前确认是否参会；不能参会的，请说明事由（会议编号${meeting.meetingId}）。` +
        CONFIDENTIAL,
      recipients: toMembers(status.attendance),
    },
  };
}

/** A member answers for themself; an answer after the confirmation deadline is marked late. */
export function memberConfirmStep(
  m: MeetingMachine,
  { actor, attending, attendee, reason }: mm.ConfirmMemberAttendanceInput,
  { now, confirmBy }: { now: number; confirmBy: string },
): MeetingStep {
  const entry = memberEntryOf(m, actor.personId)!;
  const late = now > Date.parse(confirmBy) ? '（逾期答复）' : '';
  entry.answer = attending ? 'CONFIRMED' : 'DECLINED';
  entry.status = entry.answer;
  entry.attendee = attendee?.trim() || null;
  entry.reason = attending ? null : (reason?.trim() ?? null);
  entry.answeredBy = actor.personId;
  entry.answeredAt = iso(now);
  const who = personRef(actor.personId);
  const with_ = entry.attendee ? `，随同人员：${entry.attendee}` : '';
  return {
    kind: attending ? 'CONFIRMED' : 'DECLINED',
    message: attending ? `${who}确认参会${with_}${late}` : `${who}请假，不能参会，事由：${entry.reason ?? ''}${late}`,
    actor,
    action: 'majorCaseMeeting.confirm',
    payload: { personId: actor.personId, attending, attendee, reason },
  };
}

/** The confirmation deadline: the members who have not answered are urged (催报), in person. */
export function memberUrgedStep(m: MeetingMachine, meeting: MeetingInput, at: string): MeetingStep | undefined {
  const silent = m.status.attendance.filter((a) => a.answer === null);
  if (silent.length === 0) return undefined;
  for (const a of silent) a.urgedAt = at;
  return {
    kind: 'URGED',
    message: `参会确认时限已到，${silent.length}名小组成员未答复，已催报：${names(silent)}`,
    notice: {
      title: `【催报】${meeting.title}参会确认`,
      body:
        `您尚未确认是否参加${localText(meeting.at)}召开的大要案协调小组会议，请尽快确认或说明请假事由` +
        `（会议编号${meeting.meetingId}）。${CONFIDENTIAL}`,
      recipients: toMembers(silent),
    },
    at,
  };
}

/** The meeting begins: its agenda is its topics (no status report), and who is present is recorded. */
export function majorCaseHeldStep(m: MeetingMachine, meeting: MeetingInput, minutesDueAt: string): MeetingStep {
  const { status } = m;
  status.agenda = { items: [...meeting.topics], report: null };
  for (const a of status.attendance) a.status = a.answer === 'CONFIRMED' ? 'PRESENT' : 'ABSENT';
  status.state = 'HELD';
  status.heldAt = meeting.at;
  status.minutesDueAt = minutesDueAt;
  const absent = status.attendance.filter((a) => a.status === 'ABSENT');
  const absentText = absent.length === 0 ? '小组成员全部到会' : `缺席${absent.length}人：${names(absent)}`;
  return {
    kind: 'HELD',
    message: `会议召开，到会小组成员${status.attendance.length - absent.length}人，${absentText}`,
    notice: {
      title: `【待录入纪要】${meeting.title}`,
      body: `大要案协调小组会议已召开，请于${localText(minutesDueAt)}前录入会议纪要，议定事项将逐项交办督办。`,
      recipients: [{ kind: 'OFFICE', orgId: meeting.orgId }],
    },
    at: meeting.at,
  };
}

/** The minutes go to the members present and the office only (not the leadership group as a whole). */
export function majorCaseDistributedStep(m: MeetingMachine, meeting: MeetingInput, minutes: string): MeetingStep {
  const present = m.status.attendance.filter((a) => a.status === 'PRESENT');
  const items = m.status.resolutions.map((r) => `${r.seq}. ${r.title}（任务编号${r.taskId}）`).join('\n');
  return {
    kind: 'DISTRIBUTED',
    message: `会议纪要已分送到会小组成员（${present.length}人）和组织协调室`,
    notice: {
      title: `【会议纪要】${meeting.title}`,
      body:
        `大要案协调小组会议纪要：\n${minutes}${items ? `\n议定事项（已作为督办任务交办）：\n${items}` : ''}\n` +
        CONFIDENTIAL,
      recipients: [...toMembers(present), { kind: 'OFFICE', orgId: meeting.orgId }],
    },
  };
}
