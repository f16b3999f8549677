import { randomBytes } from 'node:crypto';
import { readWorkingCalendar } from '../../db/queries/calendar';
import {
  appraisalRecorded,
  appraisalWorkflowId,
  getAppraisalStatus,
  closeAppraisal,
  inviteRaters,
  rateUnits,
  type AppraisalInput,
} from '../../procedures/appraisal/messages';
import * as wd from '../../procedures/time/working-days';
import { conductAppraisal } from '../../workflows';
import { apiActor as actor, rejected } from '../support/actors';
import { useHarness } from '../support/use-harness';
import { createWorkflowHarness } from '../support/workflow-harness';

const office = actor('p-huang-min', 'office', ['OFFICE'], 'req-open');
const bai = (req: string) => actor('p-bai-xue', 'office', ['OBSERVER'], req);
const kong = (req: string) => actor('p-kong-deming', 'office', ['OBSERVER'], req);

describe('the conduct appraisal workflow (行风评议)', () => {
  const h = useHarness(() => createWorkflowHarness({ name: 'appraisals' }));

  async function start(over: Partial<AppraisalInput> = {}) {
    const cycleId = await h.newCycle();
    const input: AppraisalInput = {
      appraisalId: `a-${randomBytes(5).toString('hex')}`,
      orgId: 'district',
      cycleId,
      year: Number(cycleId.slice(-4)),
      title: '政风行风评议',
      unitIds: ['town-dongguan', 'dept-finance'],
      memberIds: ['p-bai-xue', 'p-kong-deming'],
      workingDays: 5,
      openedBy: office,
      ...over,
    };
    const id = appraisalWorkflowId(input.appraisalId);
    const handle = await h.startRecorded(conductAppraisal, id, input, appraisalRecorded);
    return { handle, input, id };
  }

  it('invites the members, reminds those not finished the working day before the end, then closes and aggregates', async () => {
    const { handle, input, id } = await start();
    const opened = await handle.query(getAppraisalStatus);
    const day = wd.localDate(new Date(opened.openedAt!));
    const cal = await readWorkingCalendar(
      h.db.pool,
      'district',
      Number(day.slice(0, 4)) - 1,
      Number(day.slice(0, 4)) + 1,
    );
    const due = wd.addWorkingDays(cal, day, 5);
    expect(opened.dueAt).toBe(wd.localInstant(due, 24).toISOString());
    expect(opened.remindAt).toBe(wd.localInstant(wd.addWorkingDays(cal, due, -1), 9).toISOString());
    expect(await h.notified(id, 'APPRAISAL_INVITED')).toEqual(['p-bai-xue', 'p-kong-deming']);

    // Bai rates both units (then changes one); Kong rates one only.
    await handle.executeUpdate(rateUnits, {
      args: [{ actor: bai('r1'), ratings: [{ unitId: 'town-dongguan', rating: 'UNSATISFIED' }] }],
    });
    const changed = await handle.executeUpdate(rateUnits, {
      args: [
        {
          actor: bai('r2'),
          ratings: [
            { unitId: 'town-dongguan', rating: 'SATISFIED' },
            { unitId: 'dept-finance', rating: 'BASIC', comment: '窗口办事效率有待提高' },
          ],
        },
      ],
    });
    expect(changed.members.find((m) => m.personId === 'p-bai-xue')!.finishedAt).not.toBeNull();
    await handle.executeUpdate(rateUnits, {
      args: [{ actor: kong('r3'), ratings: [{ unitId: 'town-dongguan', rating: 'BASIC' }] }],
    });
    await expect(
      handle.executeUpdate(rateUnits, {
        args: [
          {
            actor: actor('p-he-wen', 'office', ['OBSERVER'], 'r4'),
            ratings: [{ unitId: 'town-dongguan', rating: 'BASIC' }],
          },
        ],
      }),
    ).rejects.toEqual(rejected(/您未受邀参加本次评议/));

    await h.skipUntil(opened.remindAt!, handle, getAppraisalStatus, () => true);
    const reminded = async () => h.notified(id, 'APPRAISAL_REMINDED');
    const closed = await h.skipUntil(opened.dueAt!, handle, getAppraisalStatus, (s) => s.state === 'CLOSED');
    expect(await reminded()).toEqual(['p-kong-deming']);
    expect(closed.closedAt).toBe(opened.dueAt);
    expect(closed.results).toEqual([
      {
        unitId: 'town-dongguan',
        unitName: expect.any(String),
        raters: 2,
        satisfied: 1,
        basic: 1,
        unsatisfied: 0,
        score: 80,
      },
      {
        unitId: 'dept-finance',
        unitName: expect.any(String),
        raters: 1,
        satisfied: 0,
        basic: 1,
        unsatisfied: 0,
        score: 60,
      },
    ]);
    // The workflow ends with the close: a later rating finds no running appraisal (the API answers 409).
    await expect(handle.result()).resolves.toMatchObject({ state: 'CLOSED' });

    const stored = await h.db.pool.query(
      `SELECT unit_id, raters, satisfied, basic, unsatisfied, score::float8 AS score FROM appraisal_results
       WHERE appraisal_id = $1 ORDER BY unit_id`,
      [input.appraisalId],
    );
    expect(stored.rows).toEqual([
      { unit_id: 'dept-finance', raters: 1, satisfied: 0, basic: 1, unsatisfied: 0, score: 60 },
      { unit_id: 'town-dongguan', raters: 2, satisfied: 1, basic: 1, unsatisfied: 0, score: 80 },
    ]);
    expect(await h.notified(id, 'APPRAISAL_RESULT')).toEqual(expect.arrayContaining([expect.any(String)]));
    const audit = await h.audit('appraisal', input.appraisalId);
    expect(audit.map((a) => a.action)).toEqual([
      'appraisal.open',
      'appraisal.rate',
      'appraisal.rate',
      'appraisal.rate',
    ]);
  });

  it('takes in a member invited while it runs, who is told and may rate', async () => {
    const { handle, id } = await start({ memberIds: ['p-bai-xue'] });
    const invited = await handle.executeUpdate(inviteRaters, {
      args: [{ actor: office, memberIds: ['p-bai-xue', 'p-kong-deming'] }],
    });
    expect(invited.members.map((m) => m.personId)).toEqual(['p-bai-xue', 'p-kong-deming']);
    expect(await h.notified(id, 'APPRAISAL_INVITED')).toEqual(['p-bai-xue', 'p-kong-deming']);
    const rated = await handle.executeUpdate(rateUnits, {
      args: [{ actor: kong('k1'), ratings: [{ unitId: 'dept-finance', rating: 'SATISFIED' }] }],
    });
    expect(rated.members.find((m) => m.personId === 'p-kong-deming')).toMatchObject({ rated: 1, finishedAt: null });
  });

  it('closes early at the office’s word once every member has rated every unit, and reminds nobody', async () => {
    const { handle, id } = await start({ memberIds: ['p-bai-xue'], unitIds: ['town-dongguan'] });
    await expect(handle.executeUpdate(closeAppraisal, { args: [{ actor: office }] })).rejects.toEqual(
      rejected(/尚有监督员未完成评议/),
    );
    await handle.executeUpdate(rateUnits, {
      args: [{ actor: bai('b1'), ratings: [{ unitId: 'town-dongguan', rating: 'SATISFIED' }] }],
    });
    const closed = await handle.executeUpdate(closeAppraisal, { args: [{ actor: office }] });
    expect(closed).toMatchObject({ state: 'CLOSED', results: [expect.objectContaining({ raters: 1, score: 100 })] });
    await expect(handle.result()).resolves.toMatchObject({ state: 'CLOSED' });
    expect(await h.notified(id, 'APPRAISAL_REMINDED')).toEqual([]);
  });
});
