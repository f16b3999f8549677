import type { z } from 'zod';
import { dateOutOfRange } from '../../db/text-schema';
import { loadNetworkPolicy, type SubmissionsConfig } from '../../config/network';
import { activeNetworkMember } from '../../db/queries/network-members';
import { findUnit } from '../../db/queries/organisation-read';
import type { ListScope } from '../../db/queries/read-page';
import {
  findSubmission,
  listSubmissions,
  readSubmissionTimeline,
  type SubmissionFilter,
  type SubmissionRow,
} from '../../db/queries/submission-read';
import * as sm from '../../procedures/submission/messages';
import { localDate } from '../../procedures/time/working-days';
import type { SubmissionInput, SubmissionKind, SubmissionStatus } from '../../procedures/submission/messages';
import type { ReferralDate } from '../../procedures/referral/messages';
import type { UpdateDefinition } from '@temporalio/client';
import type { Actor } from '../../procedures/task/messages';
import { actorOf, auditRead, auditRefusal, authoriseFunction, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, said, type FieldProblem } from '../errors';
import { FIELD } from '../field-texts';
import type { Action } from '../policy';
import type { createTaskBody } from '../schemas';
import { instanceId, startRecorded } from './act';
import { actionsFor, actOn, SUBMISSION, visible } from './instances';
import { prepareReferral } from './referrals';
import { prepareTask } from './tasks';

let shipped: SubmissionsConfig | undefined;
/** The submission policy of config/network.yaml (read once). */
export const submissionPolicy = (): SubmissionsConfig => (shipped ??= loadNetworkPolicy().submissions);

const NOT_MEMBER = said(
  '您不是在任的监督网络成员（未聘任、任期未开始或已届满、已解聘），不能提交反映',
  'You are not a serving member of the supervision network (not appointed, out of term or retired)',
);
const IN_FUTURE = said('发生时间不能晚于今天', 'cannot be in the future');
const SUBJECT_NEEDED = said('问题反映和问题线索须指明被反映单位', 'a problem or a clue names the unit it concerns');

export interface CreateSubmissionBody {
  kind: SubmissionKind;
  subjectUnitId?: string;
  what: string;
  where: string;
  happenedOn: string;
}

/** 422 naming every bad field, audited as a refusal of `action`. */
async function refuseFields(
  deps: AppDeps,
  caller: Caller,
  action: Action,
  id: string | undefined,
  problems: FieldProblem[],
) {
  const error = new AppError(
    'unknown-reference',
    422,
    said('反映的内容有误', 'The submission names something that does not exist or does not fit'),
    problems,
  );
  await auditRefusal(deps, caller, action, { type: 'submission', id }, error.message);
  throw error;
}

/**
 * A serving member of the supervision network submits an observation, a problem or a clue; the workflow tells the
 * office, which must triage it by the policy's deadline. 403 when the caller is not an active appointed member.
 */
export async function createSubmission(
  deps: AppDeps,
  caller: Caller,
  body: CreateSubmissionBody,
  idempotencyKey?: string,
) {
  const action: Action = 'submission.create';
  await authoriseFunction(deps, caller, action, { type: 'submission' });
  const { identity } = caller;
  if (!(await activeNetworkMember(deps.db, identity.orgId, identity.personId))) {
    const error = AppError.forbidden(NOT_MEMBER);
    await auditRefusal(deps, caller, action, { type: 'submission' }, error.message);
    throw error;
  }
  const problems: FieldProblem[] = [];
  if (body.subjectUnitId !== undefined) {
    const unit = await findUnit(deps.db, body.subjectUnitId);
    if (unit?.orgId !== identity.orgId) problems.push({ field: 'body.subjectUnitId', message: FIELD.noUnit });
    else if (unit.kind !== 'DEPARTMENT' && unit.kind !== 'TOWN' && unit.kind !== 'VILLAGE') {
      // Only a responsible unit can be given the task a submission may become (not the office, the group or 公检法).
      problems.push({ field: 'body.subjectUnitId', message: FIELD.notResponsible });
    }
  } else if (body.kind !== 'OBSERVATION') {
    problems.push({ field: 'body.subjectUnitId', message: SUBJECT_NEEDED });
  }
  const outOfRange = dateOutOfRange(body.happenedOn);
  if (body.happenedOn > localDate(new Date())) problems.push({ field: 'body.happenedOn', message: IN_FUTURE });
  else if (outOfRange) problems.push({ field: 'body.happenedOn', message: outOfRange });
  if (problems.length > 0) await refuseFields(deps, caller, action, undefined, problems);
  const input: SubmissionInput = {
    submissionId: instanceId('s', 'submission\n', caller, idempotencyKey),
    orgId: identity.orgId,
    kind: body.kind,
    subjectUnitId: body.subjectUnitId ?? null,
    what: body.what.trim(),
    where: body.where.trim(),
    happenedOn: body.happenedOn,
    policy: submissionPolicy(),
    submittedBy: actorOf(caller),
  };
  const workflowId = sm.submissionWorkflowId(input.submissionId);
  const status = await startRecorded(
    deps.temporal,
    { taskQueue: deps.taskQueue, workflowType: 'submission', workflowId, input },
    sm.submissionRecorded,
  );
  return {
    id: input.submissionId,
    workflowId,
    state: status?.state ?? 'SUBMITTED',
    triageDueAt: status?.triageDueAt ?? null,
  };
}

const isOffice = (caller: Caller) => caller.identity.roles.includes('OFFICE');

/** The office reads the whole organisation's submissions; a member their own; anyone else none. */
const submissionScopeOf = (caller: Caller): ListScope => ({
  orgId: caller.identity.orgId,
  wholeOrg: isOffice(caller),
  leaderId: caller.identity.roles.includes('OBSERVER') ? caller.identity.personId : undefined,
});

/**
 * A submission as its member reads it: what they sent, where it stands and the office's words to them; never the
 * task, referral or merge it led to, the office's deadlines' ladder or who handled it.
 */
export const memberView = (s: SubmissionRow) => ({
  id: s.id,
  kind: s.kind,
  subjectUnitId: s.subjectUnitId,
  subjectUnitName: s.subjectUnitName,
  what: s.what,
  where: s.where,
  happenedOn: s.happenedOn,
  submittedAt: s.submittedAt,
  state: s.state,
  triageDueAt: s.triageDueAt,
  triagedAt: s.triagedAt,
  answerDueAt: s.answerDueAt,
  answer: s.answer,
  answeredAt: s.answeredAt,
  taskDoneAt: s.taskDoneAt,
  closeReason: s.closeReason,
  rating: s.rating,
  ratingComment: s.ratingComment,
  ratedAt: s.ratedAt,
});

const viewFor = (caller: Caller) => (s: SubmissionRow) => (isOffice(caller) ? s : memberView(s));

/** The submissions the caller may see, newest first; the list read is audited with the ids it showed. */
export async function findSubmissions(
  deps: AppDeps,
  caller: Caller,
  filter: SubmissionFilter,
  page: { limit: number; offset: number },
) {
  await authoriseFunction(deps, caller, 'submission.read', { type: 'submission' });
  const { items, total } = await listSubmissions(deps.db, submissionScopeOf(caller), filter, page);
  await auditRead(deps, caller, 'submission.read', { type: 'submission' }, { ids: items.map((s) => s.id) });
  return { items: items.map(viewFor(caller)), total, ...page };
}

/** A submission: the office's whole view with its timeline, or the member's own view; the read is audited. */
export async function getSubmission(deps: AppDeps, caller: Caller, id: string) {
  const found = await visible(deps, caller, SUBMISSION, id, 'submission.read');
  const actions = actionsFor(caller, SUBMISSION, found);
  if (!isOffice(caller)) return { ...memberView(found), actions };
  return { ...found, actions, timeline: await readSubmissionTimeline(deps.db, id) };
}

/** Where a submission stands after an action: the office's view, or the member's (nothing of the task). */
const answerFor = (caller: Caller, s: SubmissionStatus) => ({
  submissionId: s.submissionId,
  state: s.state,
  answerDueAt: s.answerDueAt,
  answer: s.answer,
  rating: s.rating,
  ...(isOffice(caller) ? { taskId: s.taskId, referralId: s.referralId, mergedInto: s.mergedInto } : {}),
});

async function actOnSubmission<A extends { actor: Actor }>(
  deps: AppDeps,
  caller: Caller,
  found: SubmissionRow,
  action: Action,
  update: UpdateDefinition<SubmissionStatus, [A]>,
  args: Omit<A, 'actor'>,
) {
  return answerFor(caller, await actOn(deps, caller, SUBMISSION, found, action, update, args));
}

export async function replySubmission(deps: AppDeps, caller: Caller, id: string, body: { answer: string }) {
  const found = await visible(deps, caller, SUBMISSION, id, 'submission.reply');
  return actOnSubmission(deps, caller, found, 'submission.reply', sm.replySubmission, body);
}

export async function answerSubmission(deps: AppDeps, caller: Caller, id: string, body: { answer: string }) {
  const found = await visible(deps, caller, SUBMISSION, id, 'submission.answer');
  return actOnSubmission(deps, caller, found, 'submission.answer', sm.answerSubmission, body);
}

export async function closeSubmission(deps: AppDeps, caller: Caller, id: string, body: { reason: string }) {
  const found = await visible(deps, caller, SUBMISSION, id, 'submission.close');
  return actOnSubmission(deps, caller, found, 'submission.close', sm.closeSubmission, body);
}

export async function rateSubmission(
  deps: AppDeps,
  caller: Caller,
  id: string,
  body: { rating: number; comment?: string },
) {
  const found = await visible(deps, caller, SUBMISSION, id, 'submission.rate');
  return actOnSubmission(deps, caller, found, 'submission.rate', sm.rateSubmission, body);
}

/** A refusal the machine would give, before the task or referral it needs is checked. */
async function refuseState(deps: AppDeps, caller: Caller, action: Action, id: string, text: string): Promise<never> {
  const error = AppError.conflict(text);
  await auditRefusal(deps, caller, action, { type: 'submission', id }, error.message);
  throw error;
}

const TRIAGED = '该反映已分办，不能重复分办';

/** The task's body, as the office gives it: the task-creation path's, its lead unit the submission's subject unit. */
export type ToTaskBody = Omit<z.output<typeof createTaskBody>, 'leadUnitId' | 'cycleId' | 'historical'>;

/**
 * The office turns a submission into a supervised task for its subject unit through the task-creation path (422
 * naming every field): the task's id is opaque and its author the office; nothing of the member goes with it.
 */
export async function taskSubmission(deps: AppDeps, caller: Caller, id: string, body: ToTaskBody) {
  const action: Action = 'submission.task';
  const found = await visible(deps, caller, SUBMISSION, id, action);
  if (found.state !== 'SUBMITTED') return refuseState(deps, caller, action, id, TRIAGED);
  if (!found.subjectUnitId) {
    return refuseState(deps, caller, action, id, '该反映未指明被反映单位，不能交办，请直接答复');
  }
  let task;
  try {
    task = await prepareTask(
      deps,
      caller,
      { ...body, leadUnitId: found.subjectUnitId, historical: false },
      found.id,
      new Date(),
      'submission-task\n',
    );
  } catch (err) {
    if (err instanceof AppError) await auditRefusal(deps, caller, action, { type: 'submission', id }, err.message);
    throw err;
  }
  return actOnSubmission(deps, caller, found, action, sm.taskSubmission, { task });
}

export interface ReferBody {
  receiverUnitId: string;
  title: string;
  parties: string;
  summary: string;
  dates?: ReferralDate[];
}

/** The office refers a clue (问题线索) through the referral-creation path: a referral to an enforcement unit. */
export async function referSubmission(deps: AppDeps, caller: Caller, id: string, body: ReferBody) {
  const action: Action = 'submission.refer';
  const found = await visible(deps, caller, SUBMISSION, id, action);
  if (found.state !== 'SUBMITTED') return refuseState(deps, caller, action, id, TRIAGED);
  if (found.kind !== 'CLUE') return refuseState(deps, caller, action, id, '只有问题线索可以移送');
  const referral = await prepareReferral(deps, caller, body, found.id, 'submission-referral\n');
  return actOnSubmission(deps, caller, found, action, sm.referSubmission, { referral });
}

/**
 * The office merges a submission into an earlier, not closed one of the organisation (422 naming `body.intoId`
 * otherwise): both members are told, and the merged one follows the other's outcome.
 */
export async function mergeSubmission(
  deps: AppDeps,
  caller: Caller,
  id: string,
  body: { intoId: string; note?: string },
) {
  const action: Action = 'submission.merge';
  const found = await visible(deps, caller, SUBMISSION, id, action);
  const into = await findSubmission(deps.db, body.intoId);
  const fits =
    into &&
    into.orgId === found.orgId &&
    into.id !== found.id &&
    into.submittedAt.getTime() <= found.submittedAt.getTime() &&
    !['CLOSED', 'MERGED'].includes(into.state) &&
    into.rating === null;
  if (!fits) {
    const message =
      into?.orgId === found.orgId
        ? said('须为此前收到、尚未办结的反映', 'must be an earlier submission that is not closed')
        : said('反映不存在', 'no such submission');
    await refuseFields(deps, caller, action, id, [{ field: 'body.intoId', message }]);
  }
  return actOnSubmission(deps, caller, found, action, sm.mergeSubmission, body);
}
