import { referralProcedure, takeAcceptance, takeReturn, type ReferralMachine } from '../../procedures/referral/machine';
import type { ReferralInput, ReferralState, ReferralStatus } from '../../procedures/referral/messages';
import { aroundDeadline, namedActor as actor, verdictOf } from '../support/actors';

const DUE = '2027-04-20T16:00:00.000Z';
const [BEFORE, AFTER] = aroundDeadline(DUE);
const office = actor('office', ['OFFICE']);
const police = actor('enf-police', ['ENFORCEMENT']);
const court = actor('enf-court', ['ENFORCEMENT']);
const leader = actor('group', ['LEADER', 'GROUP']);

const toPolice = {
  referralId: 'r-1',
  direction: 'TO_ENFORCEMENT',
  senderUnitId: 'office',
  receiverUnitId: 'enf-police',
};
const fromPolice = {
  referralId: 'r-2',
  direction: 'TO_COMMISSION',
  senderUnitId: 'enf-police',
  receiverUnitId: 'office',
};

function machine(state: ReferralState, input: object = toPolice, recorded = true): ReferralMachine {
  const label = `${state} ${(input as ReferralInput).direction}${recorded ? '' : ' (not yet recorded)'}`;
  const status = { referralId: 'r-1', state, acceptanceDueAt: DUE, opinions: [] } as unknown as ReferralStatus;
  return Object.assign(Object.create({ toString: () => label }) as ReferralMachine, {
    status,
    input: input as ReferralInput,
    recorded,
  });
}

const verdict = verdictOf(referralProcedure, BEFORE);
const OPINION = { facts: '事实清楚', evidence: '', nature: '', text: '依法处理' };

describe('the referral machine decides who may answer, return, decide and record opinions, with the reason', () => {
  it.each([
    [machine('SENT'), 'acceptReferral', police, {}, 'accepted'],
    [machine('SENT', toPolice, false), 'acceptReferral', police, {}, '移送正在登记，请稍后再办理'],
    [machine('SENT'), 'acceptReferral', court, {}, '受理反馈由接收单位作出'],
    [machine('SENT'), 'acceptReferral', office, {}, '受理反馈由接收单位作出'],
    [machine('SENT', fromPolice), 'acceptReferral', office, {}, 'accepted'],
    [machine('SENT', fromPolice), 'acceptReferral', police, {}, '受理反馈由接收单位作出'],
    [machine('ACCEPTED'), 'acceptReferral', police, {}, '该移送已受理，不能重复受理'],
    [machine('RETURNED'), 'acceptReferral', police, {}, '该移送已退回，不能再受理'],
    [machine('SENT'), 'giveResult', police, { result: '已立案' }, '尚未受理，须先作受理反馈'],
    [machine('ACCEPTED'), 'giveResult', police, { result: ' ' }, '处理结果不能为空'],
    [machine('ACCEPTED'), 'giveResult', police, { result: '已立案' }, 'accepted'],
    [machine('ANSWERED'), 'giveResult', police, { result: '再反馈' }, '已反馈处理结果，不能重复反馈'],
    [machine('ACCEPTED'), 'returnReferral', police, { reasons: '不属管辖' }, '该移送已受理或已退回，不能退回'],
    [machine('SENT'), 'returnReferral', police, { reasons: '' }, '退回理由不能为空'],
    [machine('RETURNED'), 'decideReturned', police, { decision: 'CLOSE', note: '终结' }, '退回后的处理由移送单位决定'],
    [machine('RETURNED'), 'decideReturned', office, { decision: 'REFER_ON', note: '另送' }, '另行移送须指定接收单位'],
    [
      machine('RETURNED'),
      'decideReturned',
      office,
      { decision: 'REFER_ON', note: '另送', unitId: 'enf-police' },
      '不能再移送给退回的单位',
    ],
    [
      machine('RETURNED', fromPolice),
      'decideReturned',
      police,
      { decision: 'REFER_ON', note: '另送', unitId: 'enf-court' },
      '线索已退回，移送单位可自行处理或终结，不能另行移送',
    ],
    [machine('RETURNED', fromPolice), 'decideReturned', police, { decision: 'HANDLE', note: '自行处理' }, 'accepted'],
    [machine('SENT'), 'decideReturned', office, { decision: 'CLOSE', note: '终结' }, '该移送未被退回，无需决定'],
    [machine('ACCEPTED'), 'recordOpinion', office, OPINION, 'accepted'],
    [machine('ACCEPTED'), 'recordOpinion', police, OPINION, '协调意见由组织协调室记录'],
    [machine('ACCEPTED'), 'recordOpinion', office, { ...OPINION, facts: '' }, '须至少载明事实、证据或性质的一项认定'],
    [machine('RETURNED'), 'recordOpinion', office, OPINION, '该移送已退回，待移送单位决定'],
    [machine('CLOSED'), 'recordOpinion', office, OPINION, '该移送已办结，不能再办理'],
    [machine('ACCEPTED'), 'closeReferral', office, {}, '尚未反馈处理结果，不能办结'],
    [machine('ANSWERED'), 'closeReferral', leader, {}, '移送由组织协调室办结'],
    [machine('SENT'), 'grantAccess', office, { personIds: [], reason: '协调' }, '须指定知悉人员'],
    [machine('SENT'), 'grantAccess', office, { personIds: ['p-a'], reason: '协调' }, 'accepted'],
  ] as const)('%s · %s by %s', (m, action, who, body, expected) => {
    expect(verdict(m, action, who, body)).toBe(expected);
  });
});

describe('the referral machine records late feedback as late', () => {
  it('marks an acceptance after its deadline as late, and one before it as on time', () => {
    const late = machine('SENT');
    takeAcceptance(late, { actor: police }, AFTER);
    expect(late.status).toMatchObject({ state: 'ACCEPTED', acceptanceLate: true, acceptedBy: police.personId });
    const onTime = machine('SENT');
    takeAcceptance(onTime, { actor: police, note: ' 已受理 ' }, BEFORE);
    expect(onTime.status).toMatchObject({ acceptanceLate: false, acceptanceNote: '已受理' });
  });

  it('counts a return after the acceptance deadline as late acceptance feedback', () => {
    const m = machine('SENT');
    takeReturn(m, { actor: police, reasons: ' 不属管辖 ' }, AFTER);
    expect(m.status).toMatchObject({ state: 'RETURNED', returnReasons: '不属管辖', acceptanceLate: true });
  });
});
