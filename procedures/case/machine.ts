import { byRole, defineProcedure, nonBlank, refuseWhen } from '../kernel/machine';
import * as cm from './messages';
import type { CaseInput, CaseStatus } from './messages';
import { deadlineText } from './texts';

/**
 * The accountability case (责任追究) as a state machine, DOMAIN.md "The annual cycle" step 7: the unit concerned
 * states its case once; the office decides one of the policy's measures, without a statement only once the
 * statement deadline has passed.
 */
export interface CaseMachine {
  status: CaseStatus;
  input: CaseInput;
  /** False until the case is in the read model. */
  recorded: boolean;
}

const concluded = (c: CaseMachine) => c.status.decidedAt !== null;
const pastDeadline = (c: CaseMachine, now: number) =>
  c.status.statementDueAt !== null && now >= Date.parse(c.status.statementDueAt);

export const caseProcedure = defineProcedure({
  kind: 'cases',
  states: ['OPEN', 'STATEMENT_OVERDUE', 'STATEMENT_RECEIVED', 'DECIDED', 'CLOSED'],
  stateOf: (c: CaseMachine) => c.status.state,
  actions: {
    submitStatement: {
      update: cm.submitStatement,
      from: ['OPEN', 'STATEMENT_OVERDUE'],
      by: ['UNIT'],
      guards: [
        refuseWhen('NOT_READY', ({ state }) => !state.recorded, '案件正在登记，请稍后再报送'),
        refuseWhen(
          'NOT_ALLOWED',
          ({ state, actor }) => !actor.roles.includes('UNIT') || actor.unitId !== state.input.unitId,
          '情况说明由被追究单位报送',
        ),
        refuseWhen('WRONG_STATE', ({ state }) => concluded(state), '已作出处理决定，不再受理情况说明'),
        refuseWhen('WRONG_STATE', ({ state }) => state.status.statement !== null, '本单位已报送情况说明，不能重复报送'),
        nonBlank((i: cm.SubmitStatementInput) => i.text, '情况说明'),
      ],
    },
    decideCase: {
      update: cm.decideCase,
      from: ['OPEN', 'STATEMENT_OVERDUE', 'STATEMENT_RECEIVED'],
      by: ['OFFICE'],
      guards: [
        refuseWhen('NOT_READY', ({ state }) => !state.recorded, '案件正在登记，请稍后再作决定'),
        byRole('OFFICE', '处理决定由组织协调室作出'),
        refuseWhen('WRONG_STATE', ({ state }) => concluded(state), '本案已作出处理决定，不能重复决定'),
        refuseWhen(
          'INVALID',
          ({ state, input }: { state: CaseMachine; input: cm.DecideCaseInput }) =>
            !state.input.policy.measures.some((m) => m.code === input.measure),
          ({ state, input }) =>
            `没有这项处理措施：${input.measure}（可选：${state.input.policy.measures.map((m) => m.name).join('、')}）`,
        ),
        nonBlank((i: cm.DecideCaseInput) => i.basis, '处理依据'),
        refuseWhen(
          'NOT_READY',
          ({ state, now }) => state.status.statement === null && !pastDeadline(state, now),
          ({ state, now }) =>
            `说明情况期限（${deadlineText(state.status.statementDueAt ?? new Date(now).toISOString())}）未到，须待单位说明情况或期限届满后再作决定`,
        ),
      ],
    },
  },
});

/** The unit states its case (说明情况); late when after the deadline. */
export function receiveStatement(c: CaseMachine, { actor, text }: cm.SubmitStatementInput, now: number): void {
  const { status } = c;
  status.statement = text.trim();
  status.statementBy = actor.personId;
  status.statementAt = new Date(now).toISOString();
  status.statementLate = pastDeadline(c, now);
  status.state = 'STATEMENT_RECEIVED';
}

/** The office's decision, with the measure's name from the policy; the case closes with it. */
export function takeDecision(c: CaseMachine, { actor, measure, basis, persons = [] }: cm.DecideCaseInput, now: number) {
  const chosen = c.input.policy.measures.find((m) => m.code === measure)!;
  const { status } = c;
  status.state = 'DECIDED';
  status.measure = chosen.code;
  status.measureName = chosen.name;
  status.basis = basis.trim();
  status.persons = [...new Set(persons)];
  status.decidedBy = actor.personId;
  status.decidedAt = new Date(now).toISOString();
  status.decidedWithoutStatement = status.statement === null;
  return chosen;
}
