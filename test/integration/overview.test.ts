import { readFileSync } from 'node:fs';
import type { components } from '../../clients/typescript/src/api-schema';
import { fromProject } from '../../config/paths';
import { localDate } from '../../procedures/time/working-days';
import { assignEarlier } from '../support/assigned-earlier';
import { eventually } from '../support/http';
import { useTestStack, type ApiClient } from '../support/use-test-stack';

const examplePlan = readFileSync(fromProject('examples/plan-2027.yaml'), 'utf8');
const daysFromNow = (n: number) => localDate(new Date(Date.now() + n * 86_400_000));
const task = (title: string, leadUnitId: string, due: { dueDate: string } | { workingDays: number }) => ({
  title,
  leadUnitId,
  leaderId: 'p-zhao-zhiqiang',
  requirements: '按要求落实',
  standard: '形成台账',
  ...due,
});

type Overview = components['schemas']['Overview'];

/** The caller's overview once `ready` holds for it. */
async function overviewWhen(client: ApiClient, ready: (o: Overview) => boolean): Promise<Overview> {
  let last: unknown;
  try {
    return await eventually(async () => {
      const res = await client('GET', '/v1/overview');
      last = res.body;
      return res.status === 200 && ready(res.body as Overview) ? (res.body as Overview) : undefined;
    }, 40_000);
  } catch (err) {
    throw new Error(`the overview never became as expected; last: ${JSON.stringify(last)}`, { cause: err });
  }
}

describe('the overview of who is late and what awaits a decision (GET /v1/overview)', () => {
  const { t, office, group, hekou, xicheng, dongguan, fangLiang, observer } = useTestStack({
    office: 'p-huang-min',
    group: 'p-li-jianguo',
    hekou: 'p-lu-shuigen', // head of village-hekou
    xicheng: 'p-han-bing', // head of town-xicheng
    dongguan: 'p-xie-hua', // head of town-dongguan
    fangLiang: 'p-fang-liang', // responsible leader of village-hekou only
    observer: 'p-bai-xue',
  });
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    // Without any cycle: tasks the office assigned on its own, one long overdue (L3), one just late (L1).
    ids.l3 = await assignEarlier(t, task('整改信访反映问题', 'village-hekou', { dueDate: daysFromNow(-21) }), 30);
    ids.l1 = await assignEarlier(t, task('整改巡察反馈问题', 'town-xicheng', { dueDate: daysFromNow(-1) }), 1);
    const create = async (body: object) => {
      const res = await office('POST', '/v1/tasks', body);
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    ids.onTime = await create(task('开展作风建设专项检查', 'town-dongguan', { workingDays: 30 }));
    ids.dueSoon = await create(task('报送廉政谈话记录', 'town-dongguan', { workingDays: 1 }));
    ids.extension = await create(task('开展村务公开检查', 'town-xicheng', { workingDays: 30 }));
    ids.submitted = await create(task('报送半年工作总结', 'town-dongguan', { workingDays: 30 }));
    expect((await xicheng('POST', `/v1/tasks/${ids.extension}/sign`, {})).status).toBe(200);
    const extension = { reason: '需补充调查', proposedDate: daysFromNow(90), progress: '过半' };
    expect((await xicheng('POST', `/v1/tasks/${ids.extension}/extension`, extension)).status).toBe(200);
    expect((await dongguan('POST', `/v1/tasks/${ids.submitted}/sign`, {})).status).toBe(200);
    expect((await dongguan('POST', `/v1/tasks/${ids.submitted}/submit`, { summary: '已报送' })).status).toBe(200);
  }, 120_000);

  it('counts the open tasks by urgency and rung, ad-hoc ones included, and names the L3 tasks, with no cycle open', async () => {
    const o = await overviewWhen(
      office,
      (b) => b.rungs.l3 === 1 && b.rungs.l1 === 1 && b.urgency.dueSoon === 1 && b.pending.submitted === 1,
    );

    expect(o.cycle).toBeNull();
    expect(o.urgency).toEqual({ overdue: 2, dueSoon: 1, onTime: 2 });
    expect(o.rungs).toEqual({ l1: 1, l2: 0, l3: 1 });
    expect(o.l3).toEqual([
      expect.objectContaining({
        id: ids.l3,
        cycleId: null,
        leadUnitId: 'village-hekou',
        leadUnitName: expect.any(String),
        rung: 3,
        light: 'RED',
        dueDate: daysFromNow(-21),
      }),
    ]);
    expect(o.l3[0]?.remainingWorkingDays).toBeLessThanOrEqual(-5);
    // The most overdue units first; a unit's submitted task is not owed by it any more.
    expect(
      o.units
        .slice(0, 2)
        .map((u: { unitId: string }) => u.unitId)
        .sort(),
    ).toEqual(['town-xicheng', 'village-hekou']);
    expect(o.units).toEqual(
      expect.arrayContaining([
        { unitId: 'village-hekou', unitName: expect.any(String), overdue: 1, dueSoon: 0, onTime: 0 },
        { unitId: 'town-xicheng', unitName: expect.any(String), overdue: 1, dueSoon: 0, onTime: 1 },
        { unitId: 'town-dongguan', unitName: expect.any(String), overdue: 0, dueSoon: 1, onTime: 1 },
      ]),
    );
    expect(o.units).toHaveLength(3);
  });

  it('lists what awaits a decision: the extension request, the submission', async () => {
    const o = await overviewWhen(
      office,
      (b) => b.pending.extensions.office === 1 && b.pending.statements.awaited === 1,
    );

    expect(o.pending).toEqual({
      extensions: { office: 1, leader: 0 },
      extensionRequests: [
        expect.objectContaining({ id: ids.extension, leadUnitId: 'town-xicheng', proposedDate: daysFromNow(90) }),
      ],
      submitted: 1,
      // The L3 task's referral opened its case; the unit's statement is awaited.
      statements: { received: 0, overdue: 0, awaited: 1 },
      plans: [],
      // Case collaboration awaiting the office: nothing here (test/integration/collaboration-figures.test.ts).
      collaboration: { secondments: 0, swaps: 0, referrals: 0 },
      // The supervision network's submissions to triage or answer: none here (test/integration/submissions.test.ts).
      submissions: { triage: 0, answer: 0, overdue: 0 },
    });
  });

  it('shows a responsible leader only their units’ tasks, and refuses units and the external supervisor', async () => {
    const o = await overviewWhen(fangLiang, (b) => b.rungs.l3 === 1);

    expect(o.urgency).toEqual({ overdue: 1, dueSoon: 0, onTime: 0 });
    expect(o.rungs).toEqual({ l1: 0, l2: 0, l3: 1 });
    expect(o.units.map((u: { unitId: string }) => u.unitId)).toEqual(['village-hekou']);
    expect(o.pending.submitted).toBe(0);
    expect(o.pending.extensionRequests).toEqual([]);
    expect((await group('GET', '/v1/overview')).body.urgency).toEqual({ overdue: 2, dueSoon: 1, onTime: 2 });
    expect((await hekou('GET', '/v1/overview')).status).toBe(403);
    expect((await observer('GET', '/v1/overview')).status).toBe(403);
  });

  it('names the plan awaiting approval and the statements of cases, once a cycle is open', async () => {
    expect((await office('POST', '/v1/cycles', { year: 2027 })).status).toBe(201);
    const put = await office('PUT', '/v1/cycles/district-2027/plan', examplePlan, {
      'content-type': 'application/yaml',
    });
    expect(put.status).toBeLessThan(300);
    // The L3 task's referral opens its case (with no cycle, on its own): one statement awaited already.
    await eventually(async () => {
      const res = await office('GET', '/v1/cases');
      return res.body.items?.some((c: { sourceKind: string; state: string }) => c.sourceKind === 'L3')
        ? true
        : undefined;
    }, 40_000);
    const opened = await office('POST', '/v1/cases', {
      unitId: 'village-hekou',
      reason: '信访反映问题整改严重超期',
      cycleId: 'district-2027',
    });
    expect(opened.status).toBe(201);

    const o = await overviewWhen(office, (b) => b.pending.plans.length === 1 && b.pending.statements.awaited === 2);
    expect(o.cycle).toEqual({
      id: 'district-2027',
      year: 2027,
      phase: 'PLANNING',
      planVersion: 1,
      approvedVersion: null,
    });
    expect(o.pending.plans).toEqual([{ cycleId: 'district-2027', year: 2027, version: 1 }]);

    expect((await hekou('POST', `/v1/cases/${opened.body.id}/statement`, { text: '已整改到位' })).status).toBe(200);
    const after = await overviewWhen(office, (b) => b.pending.statements.received === 1);
    expect(after.pending.statements).toEqual({ received: 1, overdue: 0, awaited: 1 });
  }, 120_000);
});
