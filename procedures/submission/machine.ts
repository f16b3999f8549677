import type { Actor } from '../task/messages';
import { byRole, defineProcedure, nonBlank, refuseWhen } from '../kernel/machine';
import * as sm from './messages';
import type { SubmissionInput, SubmissionState, SubmissionStatus } from './messages';

/**
 * A submission (反映) as a state machine, issue 19: the office triages it once (reply, task, refer, merge, close), then
 * answers a tasked or referred one; the member who submitted rates the answer once.
 */
export interface SubmissionMachine {
  status: SubmissionStatus;
  input: SubmissionInput;
  /** False until the submission is in the read model. */
  recorded: boolean;
}

type Attempt<I> = { state: SubmissionMachine; input: I; actor: Actor };

const notReady = refuseWhen<SubmissionMachine, unknown>(
  'NOT_READY',
  ({ state }) => !state.recorded,
  '反映正在登记，请稍后再办理',
);
const officeOnly = (what: string) => byRole<SubmissionMachine, unknown>('OFFICE', `${what}由组织协调室办理`);
const TRIAGED: Record<SubmissionState, string> = {
  SUBMITTED: '',
  TASKED: '该反映已交办，不能重复分办',
  REFERRED: '该反映已移送，不能重复分办',
  ANSWERED: '该反映已答复，不能重复分办',
  MERGED: '该反映已合并办理，不能再分办',
  CLOSED: '该反映已办结，不能再分办',
};
const untriaged = refuseWhen<SubmissionMachine, unknown>(
  'WRONG_STATE',
  ({ state }) => state.status.state !== 'SUBMITTED',
  ({ state }) => TRIAGED[state.status.state],
);

export const submissionProcedure = defineProcedure({
  kind: 'submissions',
  states: ['SUBMITTED', 'TASKED', 'REFERRED', 'ANSWERED', 'MERGED', 'CLOSED'],
  stateOf: (m: SubmissionMachine) => m.status.state,
  actions: {
    replySubmission: {
      update: sm.replySubmission,
      from: ['SUBMITTED'],
      by: ['OFFICE'],
      guards: [notReady, officeOnly('答复'), untriaged, nonBlank((i: sm.ReplyInput) => i.answer, '答复内容')],
    },
    taskSubmission: {
      update: sm.taskSubmission,
      from: ['SUBMITTED'],
      by: ['OFFICE'],
      guards: [
        notReady,
        officeOnly('交办'),
        untriaged,
        refuseWhen(
          'INVALID',
          ({ state }: Attempt<sm.ToTaskInput>) => state.input.subjectUnitId === null,
          '该反映未指明被反映单位，不能交办，请直接答复',
        ),
      ],
    },
    referSubmission: {
      update: sm.referSubmission,
      from: ['SUBMITTED'],
      by: ['OFFICE'],
      guards: [
        notReady,
        officeOnly('移送'),
        untriaged,
        refuseWhen(
          'INVALID',
          ({ state }: Attempt<sm.ReferInput>) => state.input.kind !== 'CLUE',
          '只有问题线索可以移送',
        ),
      ],
    },
    mergeSubmission: {
      update: sm.mergeSubmission,
      from: ['SUBMITTED'],
      by: ['OFFICE'],
      guards: [
        notReady,
        officeOnly('合并'),
        untriaged,
        refuseWhen(
          'INVALID',
          ({ state, input }: Attempt<sm.MergeInput>) => input.intoId === state.input.submissionId,
          '不能与自身合并',
        ),
      ],
    },
    closeSubmission: {
      update: sm.closeSubmission,
      from: ['SUBMITTED'],
      by: ['OFFICE'],
      guards: [notReady, officeOnly('办结'), untriaged, nonBlank((i: sm.CloseInput) => i.reason, '办结理由')],
    },
    answerSubmission: {
      update: sm.answerSubmission,
      from: ['TASKED', 'REFERRED'],
      by: ['OFFICE'],
      guards: [
        notReady,
        officeOnly('答复'),
        refuseWhen('WRONG_STATE', ({ state }) => state.status.state === 'SUBMITTED', '该反映尚未分办，请先分办'),
        refuseWhen(
          'WRONG_STATE',
          ({ state }) => !['TASKED', 'REFERRED'].includes(state.status.state),
          '该反映已答复或已办结，不能再答复',
        ),
        nonBlank((i: sm.AnswerInput) => i.answer, '答复内容'),
      ],
    },
    rateSubmission: {
      update: sm.rateSubmission,
      from: ['ANSWERED'],
      by: ['OBSERVER'],
      guards: [
        notReady,
        refuseWhen(
          'NOT_ALLOWED',
          ({ state, actor }) => actor.personId !== state.input.submittedBy.personId,
          '只有反映人可以评价答复',
        ),
        refuseWhen('WRONG_STATE', ({ state }) => state.status.rating !== null, '该答复已评价，不能重复评价'),
        refuseWhen('WRONG_STATE', ({ state }) => state.status.answer === null, '尚未答复，不能评价'),
        refuseWhen(
          'INVALID',
          ({ input }: Attempt<sm.RateInput>) => !Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5,
          '评价须为1至5分',
        ),
      ],
    },
  },
});

/** A submission as it comes in: nothing triaged yet (the workflow fills in the deadlines). */
export const submittedStatus = (submissionId: string): SubmissionStatus => ({
  submissionId,
  state: 'SUBMITTED',
  submittedAt: null,
  triageDueAt: null,
  triageRemindAt: null,
  triageHeadAt: null,
  triageRemindedAt: null,
  triageOverdueAt: null,
  triageEscalatedAt: null,
  triagedAt: null,
  triagedBy: null,
  triageAction: null,
  triageLate: false,
  taskId: null,
  referralId: null,
  mergedInto: null,
  mergedIds: [],
  closeReason: null,
  answerDueAt: null,
  answerHeadAt: null,
  answerOverdueAt: null,
  answer: null,
  answeredAt: null,
  answeredBy: null,
  answerLate: false,
  taskDoneAt: null,
  rating: null,
  ratingComment: null,
  ratedAt: null,
  version: 0,
});

const iso = (now: number) => new Date(now).toISOString();
const pastDue = (due: string | null, now: number) => due !== null && now >= Date.parse(due);

/** The office's triage: late when after its deadline. */
export function takeTriage(
  m: SubmissionMachine,
  action: sm.TriageAction,
  state: SubmissionState,
  actor: Actor,
  now: number,
) {
  const { status } = m;
  status.state = state;
  status.triageAction = action;
  status.triagedAt = iso(now);
  status.triagedBy = actor.personId;
  status.triageLate = pastDue(status.triageDueAt, now);
}

/** The answer the member hears (反馈); late when after the answer deadline (a reply at triage is never late). */
export function takeAnswer(m: SubmissionMachine, answer: string, by: string | null, now: number) {
  const { status } = m;
  status.state = 'ANSWERED';
  status.answer = answer.trim();
  status.answeredAt = iso(now);
  status.answeredBy = by;
  status.answerLate = pastDue(status.answerDueAt, now);
}

/** The member's rating of the answer, once. */
export function takeRating(m: SubmissionMachine, r: sm.RateInput, now: number) {
  m.status.rating = r.rating;
  m.status.ratingComment = r.comment?.trim() || null;
  m.status.ratedAt = iso(now);
}
