import {
  submissionProcedure,
  takeAnswer,
  takeTriage,
  type SubmissionMachine,
} from '../../procedures/submission/machine';
import type { SubmissionInput, SubmissionState, SubmissionStatus } from '../../procedures/submission/messages';
import { actionsIn } from '../../procedures/kernel/machine';
import { aroundDeadline, namedActor as actor, verdictOf } from '../support/actors';

const DUE = '2027-04-20T16:00:00.000Z';
const [BEFORE, AFTER] = aroundDeadline(DUE);
const office = actor('office', ['OFFICE']);
const member = actor('network', ['OBSERVER'], 'p-bai-xue');
const otherMember = actor('network', ['OBSERVER'], 'p-kong-deming');
const unit = actor('town-dongguan', ['UNIT']);

const problem = {
  submissionId: 's-1',
  kind: 'PROBLEM',
  subjectUnitId: 'town-dongguan',
  submittedBy: member,
};
const observation = { ...problem, submissionId: 's-2', kind: 'OBSERVATION', subjectUnitId: null };
const clue = { ...problem, submissionId: 's-3', kind: 'CLUE' };

function machine(
  state: SubmissionState,
  input: object = problem,
  extra: Partial<SubmissionStatus> = {},
  recorded = true,
): SubmissionMachine {
  const i = input as SubmissionInput;
  const label = `${state} ${i.kind}${recorded ? '' : ' (not yet recorded)'}${extra.rating ? ' rated' : ''}`;
  const status = {
    submissionId: i.submissionId,
    state,
    triageDueAt: DUE,
    answerDueAt: null,
    answer: state === 'ANSWERED' ? '已答复' : null,
    rating: null,
    mergedIds: [],
    ...extra,
  } as unknown as SubmissionStatus;
  return Object.assign(Object.create({ toString: () => label }) as SubmissionMachine, { status, input: i, recorded });
}

const verdict = verdictOf(submissionProcedure, BEFORE);
const TASK = { task: { taskId: 't-1' } };
const REFERRAL = { referral: { referralId: 'r-1' } };

describe('the submission machine decides who may triage, answer and rate, with the reason', () => {
  it.each([
    [machine('SUBMITTED'), 'replySubmission', office, { answer: '已核实' }, 'accepted'],
    [
      machine('SUBMITTED', problem, {}, false),
      'replySubmission',
      office,
      { answer: '已核实' },
      '反映正在登记，请稍后再办理',
    ],
    [machine('SUBMITTED'), 'replySubmission', member, { answer: '自答' }, '答复由组织协调室办理'],
    [machine('SUBMITTED'), 'replySubmission', office, { answer: ' ' }, '答复内容不能为空'],
    [machine('TASKED'), 'replySubmission', office, { answer: '再答' }, '该反映已交办，不能重复分办'],
    [machine('SUBMITTED'), 'taskSubmission', office, TASK, 'accepted'],
    [machine('SUBMITTED', observation), 'taskSubmission', office, TASK, '该反映未指明被反映单位，不能交办，请直接答复'],
    [machine('REFERRED'), 'taskSubmission', office, TASK, '该反映已移送，不能重复分办'],
    [machine('SUBMITTED', clue), 'referSubmission', office, REFERRAL, 'accepted'],
    [machine('SUBMITTED'), 'referSubmission', office, REFERRAL, '只有问题线索可以移送'],
    [machine('SUBMITTED'), 'mergeSubmission', office, { intoId: 's-0' }, 'accepted'],
    [machine('SUBMITTED'), 'mergeSubmission', office, { intoId: 's-1' }, '不能与自身合并'],
    [machine('MERGED'), 'mergeSubmission', office, { intoId: 's-0' }, '该反映已合并办理，不能再分办'],
    [machine('SUBMITTED'), 'closeSubmission', office, { reason: '' }, '办结理由不能为空'],
    [machine('CLOSED'), 'closeSubmission', office, { reason: '重复' }, '该反映已办结，不能再分办'],
    [machine('SUBMITTED'), 'closeSubmission', unit, { reason: '无此事' }, '办结由组织协调室办理'],
    [machine('TASKED'), 'answerSubmission', office, { answer: '已整改' }, 'accepted'],
    [machine('REFERRED', clue), 'answerSubmission', office, { answer: '已移送有关机关' }, 'accepted'],
    [machine('SUBMITTED'), 'answerSubmission', office, { answer: '先答' }, '该反映尚未分办，请先分办'],
    [machine('ANSWERED'), 'answerSubmission', office, { answer: '再答' }, '该反映已答复或已办结，不能再答复'],
    [machine('TASKED'), 'answerSubmission', office, { answer: '' }, '答复内容不能为空'],
    [machine('ANSWERED'), 'rateSubmission', member, { rating: 5 }, 'accepted'],
    [machine('ANSWERED'), 'rateSubmission', otherMember, { rating: 5 }, '只有反映人可以评价答复'],
    [machine('ANSWERED'), 'rateSubmission', office, { rating: 5 }, '只有反映人可以评价答复'],
    [
      machine('ANSWERED', problem, { rating: 4 }),
      'rateSubmission',
      member,
      { rating: 5 },
      '该答复已评价，不能重复评价',
    ],
    [machine('ANSWERED'), 'rateSubmission', member, { rating: 6 }, '评价须为1至5分'],
    [machine('ANSWERED'), 'rateSubmission', member, { rating: 2.5 }, '评价须为1至5分'],
  ])('%s: %s by %s %j → %s', (m, action, who, input, expected) => {
    expect(verdict(m, action, who, input)).toBe(expected);
  });

  it('offers the office the triage actions before triage, the answer after a task, the member the rating', () => {
    const offered = (state: SubmissionState, roles: string[]) => actionsIn(submissionProcedure, state, roles).sort();
    expect(offered('SUBMITTED', ['OFFICE'])).toEqual([
      'closeSubmission',
      'mergeSubmission',
      'referSubmission',
      'replySubmission',
      'taskSubmission',
    ]);
    expect(offered('TASKED', ['OFFICE'])).toEqual(['answerSubmission']);
    expect(offered('ANSWERED', ['OBSERVER'])).toEqual(['rateSubmission']);
    expect(offered('SUBMITTED', ['UNIT', 'LEADER', 'GROUP'])).toEqual([]);
  });

  it('marks a triage after its deadline late, and an answer after its deadline late', () => {
    const m = machine('SUBMITTED');
    takeTriage(m, 'TASK', 'TASKED', office, AFTER);
    expect(m.status).toMatchObject({ state: 'TASKED', triageAction: 'TASK', triageLate: true, triagedBy: 'p-office' });
    const onTime = machine('SUBMITTED');
    takeTriage(onTime, 'REPLY', 'ANSWERED', office, BEFORE);
    expect(onTime.status.triageLate).toBe(false);
    m.status.answerDueAt = DUE;
    takeAnswer(m, ' 已整改到位。 ', 'p-office', AFTER);
    expect(m.status).toMatchObject({ state: 'ANSWERED', answer: '已整改到位。', answerLate: true });
  });
});
