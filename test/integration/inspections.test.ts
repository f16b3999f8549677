import { eventually } from '../support/http';
import { openThisYearsCycle, useTestStack } from '../support/use-test-stack';

/** A local date (Asia/Shanghai) `days` from today. */
const localDay = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

const roundBody = () => ({
  title: '2027年上半年作风建设专项检查',
  unitIds: ['town-dongguan', 'dept-finance', 'town-xicheng', 'village-dongling'],
  checklist: ['落实中央八项规定精神情况', '专项资金使用管理情况'],
  selfCheckDueDate: localDay(7),
  findingsDueDate: localDay(21),
});

const finding = (severity: string, description: string) => ({
  severity,
  description,
  requirement: '立行立改，建立问题台账',
  workingDays: 10,
});

describe('inspection rounds over HTTP', () => {
  const { office, dongguan, finance, village, villageLeader, group } = useTestStack({
    office: 'p-huang-min',
    dongguan: 'p-xie-hua', // head of town-dongguan (in scope)
    finance: 'p-lin-feng', // head of dept-finance (in scope)
    village: 'p-lu-shuigen', // head of village-hekou (not in scope)
    villageLeader: 'p-qian-yong', // UNIT of town-qingshi, LEADER of village-dongling
    group: 'p-li-jianguo',
  });
  let cycleId: string;

  beforeAll(async () => {
    cycleId = await openThisYearsCycle(office);
  });

  it('refuses a round for an unknown cycle, by a unit, or with units and dates that cannot work', async () => {
    expect((await office('POST', '/v1/cycles/district-1999/inspections', roundBody())).status).toBe(404);
    expect((await dongguan('POST', `/v1/cycles/${cycleId}/inspections`, roundBody())).status).toBe(403);

    const bad = await office('POST', `/v1/cycles/${cycleId}/inspections`, {
      ...roundBody(),
      unitIds: ['town-dongguan', 'office', 'dept-nowhere'],
      findingsDueDate: localDay(3),
    });

    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      { field: 'body.unitIds[1]', message: '组织协调室、领导小组和执法审计机关不是检查对象' },
      { field: 'body.unitIds[2]', message: '单位不存在' },
      { field: 'body.findingsDueDate', message: '不能早于自查时限（selfCheckDueDate）' },
    ]);
  });

  it('runs a round from its definition to the close of findings, each unit seeing only its own', async () => {
    const defined = await office('POST', `/v1/cycles/${cycleId}/inspections`, roundBody(), {
      'idempotency-key': 'r-1',
    });
    expect(defined.status).toBe(201);
    const roundId = defined.body.id as string;
    expect(roundId).toBe(`${cycleId}-x1`);
    expect(defined.headers.get('location')).toBe(`/v1/inspections/${roundId}`);
    const again = await office('POST', `/v1/cycles/${cycleId}/inspections`, roundBody(), { 'idempotency-key': 'r-1' });
    expect(again.body.id).toBe(roundId);

    // The notice, and who sees the round.
    const notice = await eventually(async () => {
      const items = (await finance('GET', '/v1/inbox')).body.items as { kind: string; body: string }[];
      return items.find((n) => n.kind === 'INSPECTION_NOTICED');
    });
    expect(notice.body).toContain('专项资金使用管理情况');
    expect((await village('GET', `/v1/inspections/${roundId}`)).status).toBe(404);
    expect((await village('GET', '/v1/inspections')).body.total).toBe(0);
    expect(
      (await dongguan('GET', `/v1/inspections?cycleId=${cycleId}`)).body.items.map((r: { id: string }) => r.id),
    ).toEqual([roundId]);

    // Self-checks: own unit only; refiled until the deadline.
    const filed = await dongguan('POST', `/v1/inspections/${roundId}/self-check`, { report: '逐项自查，未发现问题。' });
    expect(filed.status).toBe(200);
    expect(filed.body).toMatchObject({ unitId: 'town-dongguan', selfCheck: 'FILED' });
    expect((await dongguan('POST', `/v1/inspections/${roundId}/self-check`, { report: '修订稿' })).status).toBe(200);
    expect((await village('POST', `/v1/inspections/${roundId}/self-check`, { report: '自查' })).status).toBe(404);
    expect((await office('POST', `/v1/inspections/${roundId}/self-check`, { report: '自查' })).status).toBe(403);

    // Findings: the office only, once per unit; each becomes a RECTIFICATION task of the unit under its leader.
    const byUnit = { unitId: 'dept-finance', findings: [finding('SERIOUS', '专项资金拨付未经集体决策')] };
    expect((await finance('POST', `/v1/inspections/${roundId}/findings`, byUnit)).status).toBe(403);
    const outside = await office('POST', `/v1/inspections/${roundId}/findings`, { ...byUnit, unitId: 'village-hekou' });
    expect(outside.status).toBe(422);
    const recorded = await office('POST', `/v1/inspections/${roundId}/findings`, {
      ...byUnit,
      findings: [...byUnit.findings, finding('MINOR', '会议记录不完整')],
    });
    expect(recorded.status).toBe(200);
    const taskIds = recorded.body.findings.map((f: { taskId: string }) => f.taskId);
    expect(taskIds).toEqual([`${roundId}-dept-finance-1`, `${roundId}-dept-finance-2`]);
    const twice = await office('POST', `/v1/inspections/${roundId}/findings`, byUnit);
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toMatch(/不能重复录入/);
    await office('POST', `/v1/inspections/${roundId}/findings`, {
      unitId: 'town-dongguan',
      findings: [finding('MAJOR', '公务接待审批单不规范')],
    });
    const task = await eventually(async () => {
      const res = await office('GET', `/v1/tasks/${taskIds[0]}`);
      return res.status === 200 ? res.body : undefined;
    });
    expect(task).toMatchObject({
      type: 'RECTIFICATION',
      cycleId,
      leadUnitId: 'dept-finance',
      leaderId: 'p-wu-haitao',
    });

    // A unit sees its own self-check and findings, never another unit's; a leader those of the units they lead (a
    // leader who is also a unit's staff, those of both).
    const own = (await dongguan('GET', `/v1/inspections/${roundId}`)).body;
    expect(own.units.map((u: { unitId: string }) => u.unitId)).toEqual(['town-dongguan']);
    expect(own.findings.map((f: { unitId: string }) => f.unitId)).toEqual(['town-dongguan']);
    expect(own.timeline.every((e: { unitId: string | null }) => [null, 'town-dongguan'].includes(e.unitId))).toBe(true);
    const led = (await villageLeader('GET', `/v1/inspections/${roundId}`)).body;
    expect(led.units.map((u: { unitId: string }) => u.unitId)).toEqual(['village-dongling']);
    expect(led.findings).toEqual([]);
    const whole = (await office('GET', `/v1/inspections/${roundId}`)).body;
    expect(whole.units).toHaveLength(4);
    expect(whole.findings).toHaveLength(3);

    // The report, as it stands, for the office and the group only.
    const report = await group('GET', `/v1/inspections/${roundId}/report`);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      final: false,
      units: 4,
      selfChecks: { onTime: 1, missing: 3 },
      findings: { total: 3, bySeverity: { SERIOUS: 1, MAJOR: 1, MINOR: 1 } },
    });
    expect((await dongguan('GET', `/v1/inspections/${roundId}/report`)).status).toBe(403);

    // Closing the findings: no more findings after it.
    const closed = await office('POST', `/v1/inspections/${roundId}/close-findings`);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ state: 'RECTIFYING', findings: 3 });
    const late = await office('POST', `/v1/inspections/${roundId}/findings`, {
      unitId: 'town-xicheng',
      findings: [],
    });
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/问题录入已经结束/);
  }, 90_000);
});
