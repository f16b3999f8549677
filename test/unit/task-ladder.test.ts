import { fromProject } from '../../config/paths';
import { loadTaskPolicies, taskPolicySchema } from '../../config/task-policy';
import { assignedStatus, startRungOf } from '../../procedures/task/machine';
import type { TaskInput, TaskStatus } from '../../procedures/task/messages';
import { calendarConcerns, ladderOf, type Schedule } from '../../procedures/task/rules';

const policies = loadTaskPolicies(fromProject('config/task-policies.yaml'));
const routine = policies.get('ROUTINE')!;

const schedule: Schedule = {
  dueDate: '2027-03-31',
  dueAt: '2027-03-31T16:00:00.000Z',
  provisional: false,
  signForBy: '2027-03-02T16:00:00.000Z',
  reminders: [],
  yellowAt: '2027-03-26T16:00:00.000Z',
  progressDueAt: null,
  rungs: [
    { rung: 1, at: '2027-03-31T16:00:00.000Z' },
    { rung: 2, at: '2027-04-06T16:00:00.000Z' },
    { rung: 3, at: '2027-04-14T16:00:00.000Z' },
  ],
};

const input = (extra: Partial<TaskInput> = {}) =>
  ({
    taskId: 't-1',
    leadUnitId: 'u-lead',
    coUnitIds: [],
    leaderId: 'p-leader',
    policy: routine,
    assignedAt: '2027-03-01T02:00:00.000Z',
    createdBy: 'p-office',
    ...extra,
  }) as TaskInput;

/** Each rung as `L<level>@<point>`. */
const levels = (status: TaskStatus) => ladderOf(status, schedule).map((r) => `L${r.rung}@${r.point}`);

describe('the ladder of a task, raised by a 批示件 and by named supervision (挂牌督办)', () => {
  it('climbs L1–L3 at the three points for an ordinary task, under the keys it always had', () => {
    const rungs = ladderOf(assignedStatus(input()), schedule);
    expect(rungs.map((r) => r.key)).toEqual(['L1@2027-03-31', 'L2@2027-03-31', 'L3@2027-03-31']);
    expect(rungs.every((r) => r.rung === r.point && r.raisedBy.length === 0)).toBe(true);
  });

  it('starts a 批示件 at its severity’s rung by the policy, and never goes above L3', () => {
    expect(startRungOf(input({ instruction: { severity: 'DISTRICT', by: '区长' } }))).toBe(2);
    expect(startRungOf(input({ instruction: { severity: 'PROVINCIAL', by: '省委书记' } }))).toBe(3);
    const municipal = assignedStatus(input({ instruction: { severity: 'MUNICIPAL', by: '市长' } }));
    expect(levels(municipal)).toEqual(['L2@1', 'L3@2']);
    expect(ladderOf(municipal, schedule)[0]!.raisedBy).toEqual(['INSTRUCTION']);
    const provincial = assignedStatus(input({ instruction: { severity: 'PROVINCIAL', by: '省委书记' } }));
    expect(levels(provincial)).toEqual(['L3@1']);
    // A type whose policy starts a district leader's instruction at L1: an ordinary ladder.
    const mild = { ...routine, severityStartRung: { DISTRICT: 1, MUNICIPAL: 2, PROVINCIAL: 3 } as const };
    expect(levels(assignedStatus(input({ policy: mild, instruction: { severity: 'DISTRICT', by: '区长' } })))).toEqual([
      'L1@1',
      'L2@2',
      'L3@3',
    ]);
  });

  it('raises by one each rung falling due within a period of named supervision, and only those', () => {
    const named = assignedStatus(input({ namedSupervision: { reason: '重点事项' } }));
    expect(levels(named)).toEqual(['L2@1', 'L3@2']);
    // Marked after the deadline: the deadline's L1 stays, the next point reaches L3.
    const late = {
      ...assignedStatus(input()),
      supervision: { named: true, by: 'p', reason: 'r', periods: [{ since: '2027-04-01T02:00:00.000Z' }] },
    };
    expect(levels(late)).toEqual(['L1@1', 'L3@2']);
    // Marked before the deadline and lifted before the second point: only the deadline's rung is raised.
    const lifted = {
      ...assignedStatus(input()),
      supervision: {
        named: false,
        by: 'p',
        reason: 'r',
        periods: [{ since: '2027-03-20T02:00:00.000Z', until: '2027-04-02T02:00:00.000Z' }],
      },
    };
    expect(levels(lifted)).toEqual(['L2@1', 'L3@3']);
    // A 批示件 under named supervision: L3 at once, nothing after.
    const both = assignedStatus(
      input({ instruction: { severity: 'DISTRICT', by: '区长' }, namedSupervision: { reason: '重点事项' } }),
    );
    expect(ladderOf(both, schedule).map((r) => [r.rung, r.point, r.raisedBy])).toEqual([
      [3, 1, ['INSTRUCTION', 'NAMED']],
    ]);
  });

  it('checks the policy’s start rungs: defaults, range and order', () => {
    expect(routine.severityStartRung).toEqual({ DISTRICT: 2, MUNICIPAL: 2, PROVINCIAL: 3 });
    const parse = (severityStartRung: unknown) =>
      taskPolicySchema.safeParse({ type: 'X_TYPE', name: '测试', severityStartRung });
    expect(parse({ DISTRICT: 1 }).data?.severityStartRung).toEqual({ DISTRICT: 1, MUNICIPAL: 2, PROVINCIAL: 3 });
    expect(parse({ DISTRICT: 4 }).success).toBe(false);
    expect(parse({ DISTRICT: 3, MUNICIPAL: 2 }).error?.issues[0]?.message).toBe(
      '上级领导批示的起始督办级别不得低于下级',
    );
    expect(parse({ COUNTY: 2 }).success).toBe(false);
  });
});

describe('which calendar years concern a task', () => {
  it('is every year from the first day its timers count from to the last instant they reach', () => {
    const counted = ['2027-03-01T02:00:00.000Z'];
    expect(calendarConcerns(2027, schedule, counted)).toBe(true);
    expect(calendarConcerns(2026, schedule, counted)).toBe(false);
    expect(calendarConcerns(2028, schedule, counted)).toBe(false);
    // Assigned in late December: the year before the deadline's counts too.
    expect(calendarConcerns(2026, schedule, ['2026-12-28T02:00:00.000Z'])).toBe(true);
    // 31 Dec 2027 17:00 UTC is already 1 Jan 2028 in Shanghai.
    const lateRung = { ...schedule, rungs: [...schedule.rungs, { rung: 3 as const, at: '2027-12-31T17:00:00.000Z' }] };
    expect(calendarConcerns(2028, lateRung, counted)).toBe(true);
  });
});
