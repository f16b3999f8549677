import type { Recipient } from '../kernel/recipients';
import type { Step } from '../kernel/machine';
import type { MeetingInput } from '../cycle/messages';
import type { TaskInput } from '../task/messages';
import type { MeetingMachine } from './machine';
import * as mm from './messages';
import type { Attendance, StatusReport } from './messages';

/**
 * What the joint meeting records at each turn (DOMAIN.md "The annual cycle" step 3): the notice, the answers, the
 * urging of silent units, the meeting held with its status report, the minutes and their distribution. Pure:
 * each function updates the machine it is given and returns the step to record.
 */
export type MeetingStep = Step & {
  notice?: { title: string; body?: string; recipients: Recipient[] };
  /** For a timer's step: the instant it was due. */
  at?: string;
};

/** 2027-03-19T01:30:00Z → 3月19日 09:30 (Asia/Shanghai, UTC+8), for notices. */
export function localText(iso: string): string {
  const t = new Date(Date.parse(iso) + 8 * 3_600_000);
  const hh = String(t.getUTCHours()).padStart(2, '0');
  const mi = String(t.getUTCMinutes()).padStart(2, '0');
  // An end-of-day deadline reads as 24:00 of that day, as deadlines are written in notices.
  if (hh === '00' && mi === '00') {
    const day = new Date(t.getTime() - 86_400_000);
    return `${day.getUTCMonth() + 1}月${day.getUTCDate()}日24:00`;
  }
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日${hh}:${mi}`;
}

const names = (list: Attendance[]) => list.map((a) => a.unitName).join('、');
const iso = (ms: number) => new Date(ms).toISOString();

/** The notice to every member unit, once their list is known. */
export function noticedStep(meeting: MeetingInput, status: mm.MeetingStatus): MeetingStep {
  const topics = meeting.topics.length > 0 ? `，议题：${meeting.topics.join('；')}` : '';
  const when = localText(meeting.at);
  // What the API warned the office of when it called the meeting (a day off, an odd hour…): on record, not in the notice.
  const warned = meeting.warnings?.length ? `（召集时提示：${meeting.warnings.join('；')}）` : '';
  return {
    kind: 'NOTICED',
    message: `发出「${meeting.title}」会议通知：${when}在${meeting.place}召开${topics}，请各成员单位于${localText(meeting.confirmBy)}前确认参会${warned}`,
    notice: {
      title: `【会议通知】${meeting.title}`,
      body:
        `定于${when}在${meeting.place}召开${meeting.title}${topics}。` +
        `请于${localText(meeting.confirmBy)}前确认参会人员；不能参会的，请说明事由（会议编号${meeting.meetingId}）。`,
      recipients: status.attendance.map((a): Recipient => ({ kind: 'UNIT', unitId: a.unitId })),
    },
  };
}

/** The office calls off an ad-hoc meeting before it begins: every member unit is told, with the reason. */
export function cancelledStep(
  m: MeetingMachine,
  meeting: MeetingInput,
  { actor, reason }: mm.CancelMeetingInput,
  now: number,
): MeetingStep {
  const why = reason.trim().replace(/[。.]$/, '');
  m.status.state = 'CANCELLED';
  m.status.cancelled = { by: actor.personId, at: iso(now), reason: why };
  return {
    kind: 'CANCELLED',
    message: `组织协调室取消会议，取消理由：${why}`,
    actor,
    action: 'meeting.cancel',
    payload: { reason: why },
    notice: {
      title: `【会议取消】${meeting.title}`,
      body:
        `原定于${localText(meeting.at)}在${meeting.place}召开的${meeting.title}取消。取消理由：${why}。` +
        `${m.meeting.kind === 'MAJOR_CASE' ? '各小组成员' : '各成员单位'}无需参会，已确认的参会安排一并取消（会议编号${meeting.meetingId}）。`,
      // A major-case group meeting's members are people (大要案协调小组): each is told in person.
      recipients: m.status.attendance.map((a): Recipient =>
        a.personId ? { kind: 'PERSON', personId: a.personId } : { kind: 'UNIT', unitId: a.unitId },
      ),
    },
  };
}

/** A member unit confirms or declines; an answer after the confirmation deadline is marked late. */
export function confirmStep(
  m: MeetingMachine,
  { actor, attending, attendee, reason }: mm.ConfirmAttendanceInput,
  { now, confirmBy }: { now: number; confirmBy: string },
): MeetingStep {
  const entry = m.status.attendance.find((a) => a.unitId === actor.unitId)!;
  const late = now > Date.parse(confirmBy) ? '（逾期答复）' : '';
  entry.answer = attending ? 'CONFIRMED' : 'DECLINED';
  entry.status = entry.answer;
  entry.attendee = attendee?.trim() || null;
  entry.reason = attending ? null : (reason?.trim() ?? null);
  entry.answeredBy = actor.personId;
  entry.answeredAt = iso(now);
  const who = entry.attendee ? `，参会人员：${entry.attendee}` : '';
  return {
    kind: attending ? 'CONFIRMED' : 'DECLINED',
    message: attending
      ? `${entry.unitName}确认参会${who}${late}`
      : `${entry.unitName}请假，不能参会，事由：${entry.reason ?? ''}${late}`,
    actor,
    action: 'meeting.confirm',
    payload: { unitId: entry.unitId, attending, attendee, reason },
  };
}

/** The confirmation deadline: the units that have not answered are urged (催报) through their heads. */
export function urgedStep(m: MeetingMachine, meeting: MeetingInput, at: string): MeetingStep | undefined {
  const silent = m.status.attendance.filter((a) => a.answer === null);
  if (silent.length === 0) return undefined;
  for (const a of silent) a.urgedAt = at;
  return {
    kind: 'URGED',
    message: `参会确认时限已到，${silent.length}个成员单位未答复，已催报：${names(silent)}`,
    notice: {
      title: `【催报】${meeting.title}参会确认`,
      body: `贵单位尚未确认是否参加${localText(meeting.at)}召开的${meeting.title}，请尽快确认参会人员或说明请假事由（会议编号${meeting.meetingId}）。`,
      recipients: silent.map((a): Recipient => ({ kind: 'UNIT_HEAD', unitId: a.unitId })),
    },
    at,
  };
}

/** The meeting begins: the status report goes on the agenda, and who is present is recorded. */
export function heldStep(
  m: MeetingMachine,
  meeting: MeetingInput,
  report: StatusReport,
  minutesDueAt: string,
): MeetingStep {
  const { status } = m;
  status.agenda = { items: ['通报督办工作推进情况（系统自动生成）', ...meeting.topics], report };
  for (const a of status.attendance) a.status = a.answer === 'CONFIRMED' ? 'PRESENT' : 'ABSENT';
  status.state = 'HELD';
  status.heldAt = meeting.at;
  status.minutesDueAt = minutesDueAt;
  const absent = status.attendance.filter((a) => a.status === 'ABSENT');
  const declined = absent.filter((a) => a.answer === 'DECLINED').length;
  const absentText =
    absent.length === 0
      ? '成员单位全部到会'
      : `缺席${absent.length}个（请假${declined}个、未答复${absent.length - declined}个）：${names(absent)}`;
  return {
    kind: 'HELD',
    message:
      `会议召开，到会成员单位${status.attendance.length - absent.length}个，${absentText}。` +
      `督办工作情况：任务${report.total}项，逾期未办结${report.overdue.length}项，上次会议以来督办升级${report.escalations.length}次`,
    notice: {
      title: `【待录入纪要】${meeting.title}`,
      body: `${meeting.title}已召开，请于${localText(minutesDueAt)}前录入会议纪要，议定事项将逐项交办督办。`,
      recipients: [{ kind: 'OFFICE', orgId: meeting.orgId }],
    },
    at: meeting.at,
  };
}

/** The minutes are recorded; each resolution becomes a supervised task the workflow then starts. */
export function minutesEffect(
  m: MeetingMachine,
  { actor, minutes, resolutions }: mm.RecordMinutesInput,
  { now, meeting }: { now: number; meeting: MeetingInput },
): { step: MeetingStep; tasks: TaskInput[] } {
  const { status } = m;
  status.state = 'MINUTED';
  status.minutes = minutes;
  status.minutedBy = actor.personId;
  status.minutedAt = iso(now);
  const tasks: TaskInput[] = resolutions.map((r, i) => ({
    ...r,
    taskId: mm.resolutionTaskId(meeting.meetingId, i + 1),
    orgId: meeting.orgId,
    cycleId: meeting.cycleId,
    assignedAt: status.minutedAt!,
    createdBy: actor.personId,
    actor,
  }));
  status.resolutions = tasks.map((t, i) => ({ seq: i + 1, title: t.title, taskId: t.taskId }));
  const count = tasks.length > 0 ? `，议定事项${tasks.length}项，逐项交办督办` : '';
  return {
    step: {
      kind: 'MINUTED',
      message: `组织协调室录入会议纪要${count}`,
      actor,
      action: 'meeting.minutes',
      payload: { minutes, resolutions: status.resolutions },
    },
    tasks,
  };
}

/** The minutes go to the units present, the office and the leadership group. */
export function distributedStep(m: MeetingMachine, meeting: MeetingInput, minutes: string): MeetingStep {
  const present = m.status.attendance.filter((a) => a.status === 'PRESENT');
  const items = m.status.resolutions.map((r) => `${r.seq}. ${r.title}（任务编号${r.taskId}）`).join('\n');
  return {
    kind: 'DISTRIBUTED',
    message: `会议纪要已分送参会单位（${present.length}个）、组织协调室和领导小组`,
    notice: {
      title: `【会议纪要】${meeting.title}`,
      body: `${meeting.title}会议纪要：\n${minutes}${items ? `\n议定事项（已作为督办任务交办）：\n${items}` : ''}`,
      recipients: [
        ...present.map((a): Recipient => ({ kind: 'UNIT', unitId: a.unitId })),
        { kind: 'OFFICE', orgId: meeting.orgId },
        { kind: 'GROUP', orgId: meeting.orgId },
      ],
    },
  };
}

/** Minutes still missing at their limit (five working days unless the meeting says): the office is reminded, once. */
export function minutesOverdueStep(m: MeetingMachine, meeting: MeetingInput, at: string): MeetingStep {
  m.status.minutesReminded = true;
  return {
    kind: 'MINUTES_OVERDUE',
    message: `会议召开已满${meeting.minutesWorkingDays ?? mm.MINUTES_WORKING_DAYS}个工作日，会议纪要仍未录入，已提醒组织协调室`,
    notice: {
      title: `【提醒】${meeting.title}会议纪要尚未录入`,
      body: `${meeting.title}已于${localText(meeting.at)}召开，会议纪要至今未录入，请尽快录入并交办议定事项。`,
      recipients: [{ kind: 'OFFICE', orgId: meeting.orgId }],
    },
    at,
  };
}
