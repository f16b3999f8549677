import { actionsOffered } from '../../procedures/kernel/machine';
import { meetingProcedure, noticedStatus, type MeetingMachine } from '../../procedures/meeting/machine';
import type { Attendance, MeetingState } from '../../procedures/meeting/messages';
import { cancelledStep, confirmStep, minutesEffect, urgedStep } from '../../procedures/meeting/steps';
import type { MeetingInput } from '../../procedures/cycle/messages';
import { namedActor, verdictOf } from '../support/actors';

const NOW = Date.parse('2027-04-10T02:00:00Z');
const actor = namedActor;
const member = actor('town-a', ['UNIT']);
const answered = actor('town-b', ['UNIT']);
const outsider = actor('town-x', ['UNIT']);
const office = actor('office', ['OFFICE']);

const entry = (unitId: string, answer: Attendance['answer'] = null): Attendance => ({
  unitId,
  unitName: unitId,
  status: answer ?? 'INVITED',
  answer,
  attendee: null,
  reason: null,
  answeredBy: null,
  answeredAt: null,
  urgedAt: null,
});

function meeting(state: MeetingState, recorded = true, kind: 'REGULAR' | 'AD_HOC' = 'AD_HOC'): MeetingMachine {
  const status = {
    ...noticedStatus('m-1'),
    state,
    attendance: [entry('town-a'), entry('town-b', 'CONFIRMED')],
    version: 1,
  };
  return { recorded, status, meeting: { kind, at: '2027-04-16T01:30:00.000Z' } };
}

const input = {
  meetingId: 'm-1',
  cycleId: 'district-2027',
  orgId: 'district',
  title: '第二季度联席会议',
  at: '2027-04-16T01:30:00.000Z',
  confirmBy: '2027-04-14T16:00:00.000Z',
  place: '区纪委第一会议室',
  topics: [],
} as unknown as MeetingInput;

const resolution = (title: string, leadUnitId = 'town-a', coUnitIds: string[] = []) => ({
  title,
  leadUnitId,
  coUnitIds,
  leaderId: 'p-leader',
  requirements: '落实',
  standard: '报告',
  limit: { kind: 'DATE' as const, date: '2027-05-31' },
  policy: {} as never,
});

const verdict = verdictOf(meetingProcedure, NOW);

describe('the joint meeting machine decides who may answer and record, with the reason', () => {
  it.each([
    ['NOTICED', true, 'confirmAttendance', member, { attending: true }, 'accepted'],
    ['NOTICED', false, 'confirmAttendance', member, { attending: true }, '会议通知正在发出，请稍后再确认'],
    ['NOTICED', true, 'confirmAttendance', office, { attending: true }, '参会确认由成员单位办理'],
    [
      'NOTICED',
      true,
      'confirmAttendance',
      outsider,
      { attending: true },
      '本单位不是本次联席会议的成员单位，无需确认参会',
    ],
    ['HELD', true, 'confirmAttendance', member, { attending: true }, '会议已经召开，不能再确认参会'],
    [
      'NOTICED',
      true,
      'confirmAttendance',
      answered,
      { attending: false, reason: '另有公务' },
      '本单位已答复（确认参会），不能重复确认；如有变化请与组织协调室联系',
    ],
    ['NOTICED', true, 'confirmAttendance', member, { attending: false, reason: ' ' }, '请假事由不能为空'],
    ['HELD', true, 'recordMinutes', office, { minutes: '会议议定…', resolutions: [] }, 'accepted'],
    ['HELD', true, 'recordMinutes', member, { minutes: '会议议定…', resolutions: [] }, '会议纪要由组织协调室录入'],
    [
      'NOTICED',
      true,
      'recordMinutes',
      office,
      { minutes: '会议议定…', resolutions: [] },
      '会议尚未召开，不能录入会议纪要',
    ],
    [
      'MINUTED',
      true,
      'recordMinutes',
      office,
      { minutes: '会议议定…', resolutions: [] },
      '会议纪要已经录入，不能重复录入',
    ],
    ['HELD', true, 'recordMinutes', office, { minutes: '', resolutions: [] }, '会议纪要不能为空'],
    [
      'HELD',
      true,
      'recordMinutes',
      office,
      { minutes: '会议议定…', resolutions: [resolution('整改', 'town-a', ['town-a'])] },
      '议定事项「整改」的牵头单位不能同时是协办单位',
    ],
  ] as const)('%s (recorded: %s) · %s by %s', (state, recorded, action, who, body, expected) => {
    expect(verdict(meeting(state, recorded), action, who, body)).toBe(expected);
  });

  const reason = { reason: '主要议题已在区委常委会研究' };
  it.each([
    ['NOTICED', 'AD_HOC', office, reason, 'accepted'],
    ['NOTICED', 'AD_HOC', member, reason, '联席会议由组织协调室取消'],
    ['NOTICED', 'AD_HOC', office, { reason: '  ' }, '取消理由不能为空'],
    [
      'NOTICED',
      'REGULAR',
      office,
      reason,
      '定期联席会议按年度安排召开，不能取消；如需调整议题或时间，请另行召集临时联席会议',
    ],
    ['CANCELLED', 'AD_HOC', office, reason, '会议已经取消，不能重复取消'],
    ['HELD', 'AD_HOC', office, reason, '会议已经召开，不能取消'],
    ['MINUTED', 'AD_HOC', office, reason, '会议已经召开，不能取消'],
  ] as const)('%s %s meeting · cancelMeeting by %s', (state, kind, who, body, expected) => {
    expect(verdict(meeting(state, true, kind), 'cancelMeeting', who, body)).toBe(expected);
  });

  it('refuses to cancel once the meeting’s time has come, and anything but the office’s actions once cancelled', () => {
    const atTime = Date.parse('2027-04-16T01:30:00.000Z');
    expect(verdict(meeting('NOTICED'), 'cancelMeeting', office, reason, atTime)).toBe(
      '会议时间已到，不能取消；如未实际召开，请在会议纪要中说明',
    );
    expect(verdict(meeting('CANCELLED'), 'confirmAttendance', member, { attending: true })).toBe(
      '会议已取消，无需确认参会',
    );
    expect(verdict(meeting('CANCELLED'), 'recordMinutes', office, { minutes: '纪要', resolutions: [] })).toBe(
      '会议已取消，不能录入会议纪要',
    );
    expect(actionsOffered(meetingProcedure, meeting('CANCELLED'), ['OFFICE', 'UNIT'])).toEqual([]);
  });
});

describe('the joint meeting machine records the steps of the meeting', () => {
  it('marks an answer after the confirmation deadline as late', () => {
    const m = meeting('NOTICED');
    const step = confirmStep(
      m,
      { actor: member, attending: true, attendee: ' 王科长 ' },
      {
        now: Date.parse(input.confirmBy) + 1,
        confirmBy: input.confirmBy,
      },
    );
    expect(step.message).toBe('town-a确认参会，参会人员：王科长（逾期答复）');
    expect(m.status.attendance[0]).toMatchObject({ answer: 'CONFIRMED', attendee: '王科长', answeredBy: 'p-town-a' });
  });

  it('urges only the units that have not answered, through their heads', () => {
    const m = meeting('NOTICED');
    const step = urgedStep(m, input, input.confirmBy);
    expect(step?.notice?.recipients).toEqual([{ kind: 'UNIT_HEAD', unitId: 'town-a' }]);
    expect(m.status.attendance[0]?.urgedAt).toBe(input.confirmBy);
    m.status.attendance[0]!.answer = 'DECLINED';
    expect(urgedStep(m, input, input.confirmBy)).toBeUndefined();
  });

  it('turns each resolution into a task of the meeting, numbered in order', () => {
    const m = meeting('HELD');
    const { step, tasks } = minutesEffect(
      m,
      { actor: office, minutes: '议定两项', resolutions: [resolution('整改一'), resolution('整改二')] },
      { now: NOW, meeting: input },
    );
    expect(step.message).toBe('组织协调室录入会议纪要，议定事项2项，逐项交办督办');
    expect(tasks.map((t) => t.taskId)).toEqual(['m-1-1', 'm-1-2']);
    expect(m.status).toMatchObject({
      state: 'MINUTED',
      resolutions: [{ seq: 1, title: '整改一', taskId: 'm-1-1' }, { seq: 2 }],
    });
  });

  it('calls a meeting off with its reason, told to every member unit', () => {
    const m = meeting('NOTICED');
    const step = cancelledStep(m, input, { actor: office, reason: ' 主要议题已在区委常委会研究。' }, NOW);
    expect(step).toMatchObject({
      kind: 'CANCELLED',
      message: '组织协调室取消会议，取消理由：主要议题已在区委常委会研究',
    });
    expect(step.notice?.body).toContain('取消理由：主要议题已在区委常委会研究。');
    expect(step.notice?.body).toContain('4月16日09:30');
    expect(step.notice?.recipients).toEqual([
      { kind: 'UNIT', unitId: 'town-a' },
      { kind: 'UNIT', unitId: 'town-b' },
    ]);
    expect(m.status).toMatchObject({
      state: 'CANCELLED',
      cancelled: { by: 'p-office', reason: '主要议题已在区委常委会研究' },
    });
  });
});
