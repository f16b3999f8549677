import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  sleep,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { Recipient } from '../procedures/kernel/recipients';
import type { MeetingInput } from '../procedures/cycle/messages';
import * as mm from '../procedures/meeting/messages';
import type { MeetingStatus } from '../procedures/meeting/messages';
import { taskWorkflowId, type Actor, type TaskInput } from '../procedures/task/messages';
import { reject, requireText } from '../procedures/task/rules';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Resolutions one set of minutes may carry: each becomes a child workflow started from this history. */
const MAX_RESOLUTIONS = 50;

/** 2027-03-19T01:30:00Z → 3月19日 09:30 (Asia/Shanghai, UTC+8), for notices. */
function localText(iso: string): string {
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

/**
 * A joint meeting (联席会议), DOMAIN.md "The annual cycle" step 3, started by the cycle for each regular meeting at
 * its notice time and for each one the office calls. The notice goes to every member unit; units confirm or decline
 * until the meeting begins, and those that have not answered by the confirmation deadline are urged (催报). When
 * the meeting begins its agenda gets the status report from the read model and absences are recorded. The office
 * then records the minutes; every resolution becomes a supervised task (MEETING_RESOLUTION), and the minutes go to
 * the inboxes of the units present, the office and the leadership group. Minutes still missing five working days
 * after the meeting remind the office once.
 */
export async function jointMeeting(input: MeetingInput): Promise<MeetingStatus> {
  const { workflowId } = workflowInfo();
  const now = () => Date.now(); // Temporal's deterministic workflow time
  const nowIso = () => new Date(now()).toISOString();

  const status: MeetingStatus = {
    meetingId: input.meetingId,
    state: 'NOTICED',
    // Filled from the organisation before the notice goes out (handlers must be set before the first await).
    attendance: [],
    agenda: null,
    heldAt: null,
    minutes: null,
    minutedBy: null,
    minutedAt: null,
    minutesDueAt: null,
    minutesReminded: false,
    resolutions: [],
    version: 0,
  };
  let step = 0;
  let recorded = false;
  let distributed = false;
  const confirmByMs = Date.parse(input.confirmBy);
  const atMs = Date.parse(input.at);

  async function record(
    kind: string,
    message: string,
    opts: {
      actor?: Actor | null;
      action?: string;
      payload?: unknown;
      notice?: { title: string; body?: string; recipients: Recipient[] };
      /** For a timer's step: the instant it was due. */
      at?: string;
    } = {},
  ): Promise<void> {
    status.version += 1;
    const stepId = `${++step}-${kind.toLowerCase()}`;
    await acts.recordMeetingEvent({
      workflowId,
      meeting: input,
      status: { ...status, attendance: status.attendance.map((a) => ({ ...a })), resolutions: [...status.resolutions] },
      entry: { step: stepId, kind, message, at: opts.at ?? nowIso(), actor: opts.actor },
      audit: opts.action ? { action: opts.action, payload: opts.payload ?? {} } : undefined,
      notice: opts.notice
        ? {
            kind: `MEETING_${kind}`,
            title: opts.notice.title,
            body: opts.notice.body ?? message,
            recipients: opts.notice.recipients,
          }
        : undefined,
    });
  }

  /** A timer's instant, as its step is recorded: the timer fires a few ms after it; much later means a late start. */
  const dueInstant = (iso: string) => (now() - Date.parse(iso) < 60_000 ? iso : nowIso());
  const unitsOf = (pick: (a: mm.Attendance) => boolean) => status.attendance.filter(pick);
  const names = (list: mm.Attendance[]) => list.map((a) => a.unitName).join('、');

  /** The resolutions' tasks: the meeting follows them until each is closed (议定事项落实到位). */
  const resolutionTasks: Promise<unknown>[] = [];

  /** Starts a resolution's task once; a child already started (a retried start after a crash) counts as started. */
  async function startTask(task: TaskInput): Promise<void> {
    try {
      const child = await startChild('supervisedTask', {
        workflowId: taskWorkflowId(task.taskId),
        args: [task],
        // Ending the meeting's workflow early (terminated by an operator) must not end its tasks.
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      resolutionTasks.push(child.result().catch(() => undefined));
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  // ---- queries and updates --------------------------------------------------------------------------
  setHandler(mm.getMeetingStatus, () => status);
  setHandler(mm.meetingRecorded, async () => {
    await condition(() => recorded);
    return status;
  });

  setHandler(
    mm.confirmAttendance,
    async ({ actor, attending, attendee, reason }) => {
      const entry = status.attendance.find((a) => a.unitId === actor.unitId)!;
      const late = now() > confirmByMs ? '（逾期答复）' : '';
      entry.answer = attending ? 'CONFIRMED' : 'DECLINED';
      entry.status = entry.answer;
      entry.attendee = attendee?.trim() || null;
      entry.reason = attending ? null : (reason?.trim() ?? null);
      entry.answeredBy = actor.personId;
      entry.answeredAt = nowIso();
      const who = entry.attendee ? `，参会人员：${entry.attendee}` : '';
      await record(
        attending ? 'CONFIRMED' : 'DECLINED',
        attending
          ? `${entry.unitName}确认参会${who}${late}`
          : `${entry.unitName}请假，不能参会，事由：${entry.reason ?? ''}${late}`,
        { actor, action: 'meeting.confirm', payload: { unitId: entry.unitId, attending, attendee, reason } },
      );
      return status;
    },
    {
      validator: ({ actor, attending, reason }) => {
        if (!recorded) reject('会议通知正在发出，请稍后再确认');
        if (!actor.roles.includes('UNIT')) reject('参会确认由成员单位办理');
        const entry = status.attendance.find((a) => a.unitId === actor.unitId);
        if (!entry) reject('本单位不是本次联席会议的成员单位，无需确认参会');
        if (status.state !== 'NOTICED') reject('会议已经召开，不能再确认参会');
        if (entry.answer) {
          const said = entry.answer === 'CONFIRMED' ? '确认参会' : '请假';
          reject(`本单位已答复（${said}），不能重复确认；如有变化请与组织协调室联系`);
        }
        if (!attending) requireText(reason, '请假事由');
      },
    },
  );

  setHandler(
    mm.recordMinutes,
    async ({ actor, minutes, resolutions }) => {
      status.state = 'MINUTED';
      status.minutes = minutes;
      status.minutedBy = actor.personId;
      status.minutedAt = nowIso();
      const tasks: TaskInput[] = resolutions.map((r, i) => ({
        ...r,
        taskId: mm.resolutionTaskId(input.meetingId, i + 1),
        orgId: input.orgId,
        cycleId: input.cycleId,
        assignedAt: status.minutedAt!,
        createdBy: actor.personId,
        actor,
      }));
      status.resolutions = tasks.map((t, i) => ({ seq: i + 1, title: t.title, taskId: t.taskId }));
      const count = tasks.length > 0 ? `，议定事项${tasks.length}项，逐项交办督办` : '';
      await record('MINUTED', `组织协调室录入会议纪要${count}`, {
        actor,
        action: 'meeting.minutes',
        payload: { minutes, resolutions: status.resolutions },
      });
      await Promise.all(tasks.map(startTask));
      const present = unitsOf((a) => a.status === 'PRESENT');
      const items = status.resolutions.map((r) => `${r.seq}. ${r.title}（任务编号${r.taskId}）`).join('\n');
      await record('DISTRIBUTED', `会议纪要已分送参会单位（${present.length}个）、组织协调室和领导小组`, {
        notice: {
          title: `【会议纪要】${input.title}`,
          body: `${input.title}会议纪要：\n${minutes}${items ? `\n议定事项（已作为督办任务交办）：\n${items}` : ''}`,
          recipients: [
            ...present.map((a): Recipient => ({ kind: 'UNIT', unitId: a.unitId })),
            { kind: 'OFFICE', orgId: input.orgId },
            { kind: 'GROUP', orgId: input.orgId },
          ],
        },
      });
      distributed = true;
      return status;
    },
    {
      validator: ({ actor, minutes, resolutions }) => {
        if (!actor.roles.includes('OFFICE')) reject('会议纪要由组织协调室录入');
        if (status.state === 'NOTICED') reject('会议尚未召开，不能录入会议纪要');
        if (status.state === 'MINUTED') reject('会议纪要已经录入，不能重复录入');
        requireText(minutes, '会议纪要');
        if (resolutions.length > MAX_RESOLUTIONS) reject(`一次纪要的议定事项不超过${MAX_RESOLUTIONS}项`);
        for (const r of resolutions) {
          requireText(r.title, '议定事项名称');
          if (r.coUnitIds.includes(r.leadUnitId)) reject(`议定事项「${r.title}」的牵头单位不能同时是协办单位`);
        }
      },
    },
  );

  // ---- the meeting's course ---------------------------------------------------------------------------
  const members = await acts.listMeetingMembers({ orgId: input.orgId });
  status.attendance = members.map((u) => ({
    unitId: u.unitId,
    unitName: u.unitName,
    status: 'INVITED',
    answer: null,
    attendee: null,
    reason: null,
    answeredBy: null,
    answeredAt: null,
    urgedAt: null,
  }));
  const topics = input.topics.length > 0 ? `，议题：${input.topics.join('；')}` : '';
  await record(
    'NOTICED',
    `发出「${input.title}」会议通知：${localText(input.at)}在${input.place}召开${topics}，请各成员单位于${localText(input.confirmBy)}前确认参会`,
    {
      notice: {
        title: `【会议通知】${input.title}`,
        body:
          `定于${localText(input.at)}在${input.place}召开${input.title}${topics}。` +
          `请于${localText(input.confirmBy)}前确认参会人员；不能参会的，请说明事由（会议编号${input.meetingId}）。`,
        recipients: status.attendance.map((a): Recipient => ({ kind: 'UNIT', unitId: a.unitId })),
      },
    },
  );
  recorded = true;

  // Confirmation deadline: urge (催报) the units that have not answered, by notice to their heads.
  await sleep(Math.max(0, confirmByMs - now()));
  const silent = unitsOf((a) => a.answer === null);
  if (silent.length > 0) {
    for (const a of silent) a.urgedAt = dueInstant(input.confirmBy);
    await record('URGED', `参会确认时限已到，${silent.length}个成员单位未答复，已催报：${names(silent)}`, {
      notice: {
        title: `【催报】${input.title}参会确认`,
        body: `贵单位尚未确认是否参加${localText(input.at)}召开的${input.title}，请尽快确认参会人员或说明请假事由（会议编号${input.meetingId}）。`,
        recipients: silent.map((a): Recipient => ({ kind: 'UNIT_HEAD', unitId: a.unitId })),
      },
      at: dueInstant(input.confirmBy),
    });
  }

  // The meeting begins: its status report goes on the agenda, and who is there is recorded.
  await sleep(Math.max(0, atMs - now()));
  const report = await acts.buildMeetingReport({
    orgId: input.orgId,
    cycleId: input.cycleId,
    since: input.since,
    asOf: input.at,
  });
  const minutesDueAt = await acts.meetingMinutesDueAt({ at: input.at, workingDays: mm.MINUTES_WORKING_DAYS });
  status.agenda = { items: ['通报督办工作推进情况（系统自动生成）', ...input.topics], report };
  for (const a of status.attendance) a.status = a.answer === 'CONFIRMED' ? 'PRESENT' : 'ABSENT';
  status.state = 'HELD';
  status.heldAt = input.at;
  status.minutesDueAt = minutesDueAt;
  const absent = unitsOf((a) => a.status === 'ABSENT');
  const declined = absent.filter((a) => a.answer === 'DECLINED').length;
  const absentText =
    absent.length === 0
      ? '成员单位全部到会'
      : `缺席${absent.length}个（请假${declined}个、未答复${absent.length - declined}个）：${names(absent)}`;
  await record(
    'HELD',
    `会议召开，到会成员单位${status.attendance.length - absent.length}个，${absentText}。` +
      `督办工作情况：任务${report.total}项，逾期未办结${report.overdue.length}项，上次会议以来督办升级${report.escalations.length}次`,
    {
      notice: {
        title: `【待录入纪要】${input.title}`,
        body: `${input.title}已召开，请于${localText(minutesDueAt)}前录入会议纪要，议定事项将逐项交办督办。`,
        recipients: [{ kind: 'OFFICE', orgId: input.orgId }],
      },
      at: input.at,
    },
  );

  // Minutes: recorded through the Update; missing after five working days, the office is reminded once.
  const minuted = await condition(() => status.state === 'MINUTED', Math.max(0, Date.parse(minutesDueAt) - now()));
  if (!minuted) {
    status.minutesReminded = true;
    await record(
      'MINUTES_OVERDUE',
      `会议召开已满${mm.MINUTES_WORKING_DAYS}个工作日，会议纪要仍未录入，已提醒组织协调室`,
      {
        notice: {
          title: `【提醒】${input.title}会议纪要尚未录入`,
          body: `${input.title}已于${localText(input.at)}召开，会议纪要至今未录入，请尽快录入并交办议定事项。`,
          recipients: [{ kind: 'OFFICE', orgId: input.orgId }],
        },
        at: dueInstant(minutesDueAt),
      },
    );
  }
  await condition(() => distributed);
  if (resolutionTasks.length > 0) {
    // The meeting stays open until every resolution's task is closed, then records that its resolutions are done.
    await Promise.all(resolutionTasks);
    await record('RESOLUTIONS_CLOSED', `会议议定事项${resolutionTasks.length}项均已办结或撤销`);
  }
  await condition(allHandlersFinished);
  return status;
}
