import { caseProcedure, receiveStatement, takeDecision, type CaseMachine } from '../../procedures/case/machine';
import type { CaseInput, CaseState, CaseStatus } from '../../procedures/case/messages';
import { aroundDeadline, namedActor as actor, verdictOf } from '../support/actors';

const DUE = '2027-04-20T16:00:00.000Z';
const [BEFORE, AFTER] = aroundDeadline(DUE);
const unit = actor('town-a', ['UNIT']);
const otherUnit = actor('town-b', ['UNIT']);
const office = actor('office', ['OFFICE']);

const input = {
  caseId: 'case-1',
  unitId: 'town-a',
  policy: {
    measures: [
      { code: 'NONE', name: '不予追究' },
      { code: 'TALK', name: '约谈' },
    ],
  },
} as unknown as CaseInput;

function machine(state: CaseState, patch: Partial<CaseStatus> = {}, recorded = true): CaseMachine {
  const label = `${state}${recorded ? '' : ' (not yet recorded)'}`;
  const status = {
    caseId: 'case-1',
    state,
    statementDueAt: DUE,
    statement: null,
    decidedAt: null,
    persons: [],
    ...patch,
  } as unknown as CaseStatus;
  return Object.assign(Object.create({ toString: () => label }) as CaseMachine, { status, input, recorded });
}

const verdict = verdictOf(caseProcedure, BEFORE);

const STATEMENT = { text: '情况如下' };
const TALK = { measure: 'TALK', basis: '依规' };
const NO_FINE = '没有这项处理措施：FINE（可选：不予追究、约谈）';
const TOO_EARLY = '说明情况期限（4月20日24:00）未到，须待单位说明情况或期限届满后再作决定';
const stated = () => machine('STATEMENT_RECEIVED', { statement: '已说明' });
const decided = () => machine('CLOSED', { decidedAt: 'x' });
const overdue = () => machine('STATEMENT_OVERDUE');

describe('the accountability case machine decides who may state and decide, with the reason', () => {
  it.each([
    [machine('OPEN'), 'submitStatement', unit, STATEMENT, BEFORE, 'accepted'],
    [machine('OPEN', {}, false), 'submitStatement', unit, STATEMENT, BEFORE, '案件正在登记，请稍后再报送'],
    [machine('OPEN'), 'submitStatement', otherUnit, STATEMENT, BEFORE, '情况说明由被追究单位报送'],
    [stated(), 'submitStatement', unit, { text: '再说明' }, BEFORE, '本单位已报送情况说明，不能重复报送'],
    [decided(), 'submitStatement', unit, STATEMENT, AFTER, '已作出处理决定，不再受理情况说明'],
    [machine('OPEN'), 'submitStatement', unit, { text: '  ' }, BEFORE, '情况说明不能为空'],
    [stated(), 'decideCase', office, TALK, BEFORE, 'accepted'],
    [machine('OPEN'), 'decideCase', unit, TALK, AFTER, '处理决定由组织协调室作出'],
    [overdue(), 'decideCase', office, { ...TALK, measure: 'FINE' }, AFTER, NO_FINE],
    [overdue(), 'decideCase', office, { ...TALK, basis: '' }, AFTER, '处理依据不能为空'],
    [overdue(), 'decideCase', office, TALK, AFTER, 'accepted'],
    [machine('OPEN'), 'decideCase', office, TALK, BEFORE, TOO_EARLY],
  ] as const)('%s · %s by %s', (c, action, who, body, now, expected) => {
    expect(verdict(c, action, who, body, now)).toBe(expected);
  });
});

describe('the accountability case machine records the statement and the decision', () => {
  it('marks a statement after the deadline as late', () => {
    const c = machine('STATEMENT_OVERDUE');
    receiveStatement(c, { actor: unit, text: ' 已整改 ' }, AFTER);
    expect(c.status).toMatchObject({ state: 'STATEMENT_RECEIVED', statement: '已整改', statementLate: true });
  });

  it('decides with the measure named by the policy, and notes a decision without a statement', () => {
    const c = machine('STATEMENT_OVERDUE');
    const chosen = takeDecision(c, { actor: office, measure: 'TALK', basis: ' 依规 ', persons: ['p1', 'p1'] }, AFTER);
    expect(chosen.name).toBe('约谈');
    expect(c.status).toMatchObject({
      state: 'DECIDED',
      measureName: '约谈',
      basis: '依规',
      persons: ['p1'],
      decidedWithoutStatement: true,
    });
  });
});
