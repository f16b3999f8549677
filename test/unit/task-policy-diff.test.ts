import { taskPolicyFields } from '../../config/task-policy';
import { diffTaskPolicies } from '../../config/task-policy-diff';

const policy = (fields: Record<string, unknown>) =>
  taskPolicyFields.parse({ type: 'RECTIFICATION', name: '整改落实', ...fields });

describe('the readable diff of two versions of task types', () => {
  it('says each changed field in a sentence, with its values before and after', () => {
    const before = policy({});
    const after = policy({
      progressEveryWorkingDays: 5,
      remindWorkingDaysBefore: [5, 1],
      extensionDecidedBy: 'LEADER',
      severityStartRung: { DISTRICT: 1 },
      requireEvidence: true,
    });

    const changes = diffTaskPolicies([before], [after], new Map());

    expect(changes.map((c) => [c.field, c.before, c.after, c.text])).toEqual([
      ['remindWorkingDaysBefore', [3, 1], [5, 1], '任务类型“整改落实”的到期提醒由期限前3、1个工作日改为5、1个工作日'],
      ['progressEveryWorkingDays', null, 5, '任务类型“整改落实”的进展反馈周期由不要求改为每5个工作日'],
      ['extensionDecidedBy', 'OFFICE', 'LEADER', '任务类型“整改落实”的延期审批人由组织协调室改为分管领导'],
      ['severityStartRung.DISTRICT', 2, 1, '任务类型“整改落实”的区级领导批示件的起始级别由二级督办改为一级督办'],
      ['requireEvidence', false, true, '任务类型“整改落实”的报结须附佐证材料由否改为是'],
    ]);
  });

  it('finds nothing between a version and itself', () => {
    expect(diffTaskPolicies([policy({})], [policy({})], new Map())).toEqual([]);
  });

  it('says a type added or removed, and whether the deployment has one of the same name', () => {
    const deployment = new Map([['RECTIFICATION', policy({})]]);
    const local = { ...policy({}), type: 'FLOOD_SEASON', name: '汛期督查' };

    expect(diffTaskPolicies([policy({})], [local], deployment).map((c) => [c.change, c.text])).toEqual([
      ['REMOVED', '删除任务类型“整改落实”（RECTIFICATION），改用部署的默认规则'],
      ['ADDED', '新增任务类型“汛期督查”（FLOOD_SEASON）'],
    ]);
  });
});
