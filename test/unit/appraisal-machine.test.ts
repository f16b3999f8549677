import {
  aggregate,
  appraisalProcedure,
  closedStep,
  openingStatus,
  ratedStep,
} from '../../procedures/appraisal/machine';
import type { AppraisalMachine } from '../../procedures/appraisal/machine';
import type { AppraisalInput } from '../../procedures/appraisal/messages';
import { namedActor, verdictOf } from '../support/actors';

const NOW = Date.parse('2027-11-10T02:00:00Z');
const verdict = verdictOf(appraisalProcedure, NOW);
const office = namedActor('office', ['OFFICE'], 'p-office');
const member = namedActor('office', ['OBSERVER'], 'p-bai-xue');
const stranger = namedActor('office', ['OBSERVER'], 'p-kong-deming');
const unit = namedActor('town-a', ['UNIT']);

function machine(over: Partial<AppraisalMachine['status']> = {}, recorded = true): AppraisalMachine {
  const input: AppraisalInput = {
    appraisalId: 'a-1',
    orgId: 'district',
    cycleId: 'district-2027',
    year: 2027,
    title: '2027年度政风行风评议',
    unitIds: ['town-a', 'town-b'],
    memberIds: ['p-bai-xue'],
    workingDays: 10,
    openedBy: office,
  };
  const status = {
    ...openingStatus(input),
    units: [
      { unitId: 'town-a', unitName: '甲镇' },
      { unitId: 'town-b', unitName: '乙镇' },
    ],
    members: [{ personId: 'p-bai-xue', invitedAt: '2027-11-01T00:00:00Z', rated: 0, finishedAt: null }],
    dueAt: '2027-11-15T16:00:00Z',
    ...over,
  };
  return { input, status, recorded };
}

const rate = (unitId = 'town-a', rating = 'SATISFIED') => ({ ratings: [{ unitId, rating }] });

describe('the conduct appraisal machine: state × action × role → accepted or the exact refusal', () => {
  it.each([
    ['an invited member rates while open', machine(), 'rateUnits', member, rate(), 'accepted'],
    ['before the opening is recorded', machine({}, false), 'rateUnits', member, rate(), '评议正在发起，请稍后再办理'],
    ['the office may not rate', machine(), 'rateUnits', office, rate(), '评议表由受邀的监督员填报'],
    ['a unit may not rate', machine(), 'rateUnits', unit, rate(), '评议表由受邀的监督员填报'],
    ['a member not invited', machine(), 'rateUnits', stranger, rate(), '您未受邀参加本次评议'],
    [
      'after the close',
      machine({ state: 'CLOSED' }),
      'rateUnits',
      member,
      rate(),
      '评议期已结束，评议表不能再填报或修改',
    ],
    ['a unit not appraised', machine(), 'rateUnits', member, rate('town-z'), '该单位不在本次评议范围内'],
    ['no rating at all', machine(), 'rateUnits', member, { ratings: [] }, '请至少评议一个单位'],
    [
      'a grade that is not one',
      machine(),
      'rateUnits',
      member,
      rate('town-a', 'GOOD'),
      '评议等次须为满意、基本满意或不满意',
    ],
    [
      'a unit twice in one form',
      machine(),
      'rateUnits',
      member,
      { ratings: [...rate().ratings, ...rate().ratings] },
      '同一单位在一张评议表中只能评议一次',
    ],
    ['the office invites while open', machine(), 'inviteRaters', office, { memberIds: ['p-x'] }, 'accepted'],
    ['a member may not invite', machine(), 'inviteRaters', member, { memberIds: ['p-x'] }, '评议人由组织协调室邀请'],
    ['inviting nobody', machine(), 'inviteRaters', office, { memberIds: [] }, '请至少邀请一名监督员'],
    [
      'inviting after the close',
      machine({ state: 'CLOSED' }),
      'inviteRaters',
      office,
      { memberIds: ['p-x'] },
      '评议期已结束，不能再邀请评议人',
    ],
    [
      'closing early while a member has not finished',
      machine(),
      'closeAppraisal',
      office,
      {},
      '尚有监督员未完成评议，评议期结束前不能提前结束',
    ],
    [
      'closing early once every member finished',
      machine({ members: [{ personId: 'p-bai-xue', invitedAt: '', rated: 2, finishedAt: '2027-11-02T00:00:00Z' }] }),
      'closeAppraisal',
      office,
      {},
      'accepted',
    ],
    ['a member may not close', machine(), 'closeAppraisal', member, {}, '评议由组织协调室结束'],
  ])('%s', (_name, m, action, who, input, expected) => {
    expect(verdict(m, action, who, input)).toBe(expected);
  });

  it('keeps the last rating of a unit and marks the member finished once every unit is rated', () => {
    const m = machine();
    ratedStep(m, { actor: member, ratings: [{ unitId: 'town-a', rating: 'UNSATISFIED' }] }, NOW);
    expect(m.status.members[0]).toMatchObject({ rated: 1, finishedAt: null });
    const step = ratedStep(
      m,
      {
        actor: member,
        ratings: [
          { unitId: 'town-a', rating: 'BASIC' },
          { unitId: 'town-b', rating: 'SATISFIED' },
        ],
      },
      NOW + 1000,
    );
    expect(m.status.ratings.map((r) => [r.unitId, r.rating]).sort()).toEqual([
      ['town-a', 'BASIC'],
      ['town-b', 'SATISFIED'],
    ]);
    expect(m.status.members[0]).toMatchObject({ rated: 2, finishedAt: new Date(NOW + 1000).toISOString() });
    // The step tells the office how far the member is, never how they rated.
    expect(JSON.stringify(step.payload)).not.toMatch(/BASIC|SATISFIED/);
  });

  it('aggregates per unit: raters, grades and the satisfaction score (满意100, 基本满意60, 不满意0)', () => {
    const m = machine({
      ratings: [
        { personId: 'p1', unitId: 'town-a', rating: 'SATISFIED', comment: null, ratedAt: '' },
        { personId: 'p2', unitId: 'town-a', rating: 'BASIC', comment: null, ratedAt: '' },
        { personId: 'p3', unitId: 'town-a', rating: 'UNSATISFIED', comment: null, ratedAt: '' },
      ],
    });
    expect(aggregate(m.status)).toEqual([
      { unitId: 'town-a', unitName: '甲镇', raters: 3, satisfied: 1, basic: 1, unsatisfied: 1, score: 53.33 },
      { unitId: 'town-b', unitName: '乙镇', raters: 0, satisfied: 0, basic: 0, unsatisfied: 0, score: null },
    ]);
    const closed = closedStep(m, '2027-11-15T16:00:00Z');
    expect(m.status.state).toBe('CLOSED');
    // Each unit hears its own result, through its head; the office all of them; no rater is named anywhere.
    expect(closed.notices!.map((n) => n.recipients)).toEqual([
      [{ kind: 'OFFICE', orgId: 'district' }],
      [{ kind: 'UNIT_HEAD', unitId: 'town-a' }],
      [{ kind: 'UNIT_HEAD', unitId: 'town-b' }],
    ]);
    expect(JSON.stringify(closed.notices)).not.toMatch(/p1|p2|p3/);
  });
});
