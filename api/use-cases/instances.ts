import type { UpdateDefinition } from '@temporalio/client';
import type { Pool } from 'pg';
import { findCase, type CaseRow } from '../../db/queries/case-read';
import { findCaseTeam, findSecondment, type CaseTeamRow, type SecondmentRow } from '../../db/queries/case-team-read';
import { findCycle, type CycleRow } from '../../db/queries/cycles';
import { findInspection, type InspectionRow } from '../../db/queries/inspection-read';
import { findMeeting, type MeetingRow } from '../../db/queries/meetings';
import type { ListScope, Page } from '../../db/queries/read-page';
import { findReferral, type ReferralRow } from '../../db/queries/referral-read';
import { findTask, type TaskRow } from '../../db/queries/task-read';
import type { Actor } from '../../procedures/task/messages';
import { auditRead, auditRefusal, authorise, authoriseFunction, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, said, type Text } from '../errors';
import { decide, type Action, type PolicyObject } from '../policy';
import { caseProcedure } from '../../procedures/case/machine';
import { caseTeamProcedure, secondmentProcedure } from '../../procedures/case-team/machine';
import { inspectionProcedure } from '../../procedures/inspection/machine';
import { actionsIn, type ActionTable, type Procedure } from '../../procedures/kernel/machine';
import { meetingProcedure } from '../../procedures/meeting/machine';
import { referralProcedure } from '../../procedures/referral/machine';
import { taskProcedure } from '../../procedures/task/machine';
import { rotationProcedure } from '../../procedures/rotation/machine';
import { findRotation, type RotationRow } from '../../db/queries/rotation-read';
import { findSubmission, type SubmissionRow } from '../../db/queries/submission-read';
import { submissionProcedure } from '../../procedures/submission/machine';
import { act, type Instance } from './act';
import { findAppraisal, type AppraisalRow } from '../../db/queries/appraisal-read';
import { appraisalProcedure } from '../../procedures/appraisal/machine';

/**
 * The one scope rule per role, for every list, board and count: the office and the leadership group see the whole
 * organisation; a unit what concerns its unit; a leader what concerns the units they are responsible for (and what
 * names them). A detail is decided by the policy (api/policy.ts) on the instance itself, which agrees with it.
 */
export const listScopeOf = ({ identity }: Caller): ListScope => ({
  orgId: identity.orgId,
  wholeOrg: identity.roles.includes('OFFICE') || identity.roles.includes('GROUP'),
  unitId: identity.roles.includes('UNIT') ? identity.unitId : undefined,
  leaderId: identity.roles.includes('LEADER') ? identity.personId : undefined,
  observerId: identity.roles.includes('OBSERVER') ? identity.personId : undefined,
});

/** A kind of procedure instance as the API finds it: its read-model row, what the policy sees of it, its texts. */
export interface InstanceKind<Row extends { id: string; workflowId: string }> {
  type: Instance['type'];
  /** The action that lists such instances. */
  list: Action;
  /** The 404's text, for an instance that does not exist and for one the caller may not see alike. */
  missing: Text;
  find(db: Pool, id: string): Promise<Row | undefined>;
  policyObject(row: Row): PolicyObject;
  /** Why an action is refused once the instance's workflow has ended. */
  ended(row: Row): Text;
  /** Its machine, and each of its actions as the API takes it: the policy's action and the route's verb. */
  offers?: Offers;
  /**
   * Need to know (case teams, referrals: issue 18): every read of one through `visible` is audited (`auditRead`), and
   * its read action is left out of `READS` so that a refused read is audited too.
   */
  confidential?: boolean;
}

/** An action as the API takes it; `offeredFor`: offered only on the instances it says (by default on every one). */
interface Offer {
  action: Action;
  verb: string;
  offeredFor?: (row: unknown) => boolean;
}

interface Offers {
  procedure: Procedure<never, ActionTable<never>>;
  actions: Record<string, Offer>;
}

const offersOf = <S, A extends ActionTable<S>>(
  procedure: Procedure<S, A>,
  actions: Record<keyof A & string, Offer>,
): Offers => ({ procedure: procedure as unknown as Offers['procedure'], actions });

/** A kind whose policy object is its row (a task, a meeting, a round: the row carries the scope's columns). */
const kindOf = <Row extends { id: string; workflowId: string }>(
  type: 'task' | 'meeting' | 'inspection',
  missing: Text,
  find: InstanceKind<Row>['find'],
  ended: InstanceKind<Row>['ended'],
  offers: Offers,
): InstanceKind<Row> => ({
  type,
  list: type === 'task' ? 'task.list' : `${type}.read`,
  missing,
  find,
  policyObject: (row) => ({ ...row, type }) as unknown as PolicyObject,
  ended,
  offers,
});

const CLOSED_LABEL: Record<string, Text> = {
  ACCEPTED: said('任务已办结，不能再操作', 'The task is done and can no longer be acted on'),
  CANCELLED: said('任务已撤销，不能再操作', 'The task is cancelled and can no longer be acted on'),
};

/** Each action of the task's machine as the API takes it: the policy's action and its route's verb. */
export const TASK_ACTIONS = {
  signFor: { action: 'task.signFor', verb: 'sign', offeredFor: (t) => !awaitingRuling(t as TaskRow) },
  reportProgress: { action: 'task.reportProgress', verb: 'progress' },
  coUnitReport: { action: 'task.coUnitReport', verb: 'co-report' },
  overrideCoUnitGate: { action: 'task.overrideCoUnitGate', verb: 'co-report-override' },
  // While paused (挂账) the task waits for the clock: no submission, extension or reassignment is offered.
  submitTask: { action: 'task.submit', verb: 'submit', offeredFor: (t) => !pausedNow(t as TaskRow) },
  acceptTask: { action: 'task.accept', verb: 'accept' },
  returnTask: { action: 'task.return', verb: 'return' },
  requestExtension: {
    action: 'task.requestExtension',
    verb: 'extension',
    offeredFor: (t) => !pausedNow(t as TaskRow),
  },
  decideExtension: { action: 'task.decideExtension', verb: 'extension-decision' },
  cancelTask: { action: 'task.cancel', verb: 'cancel' },
  reassignTask: { action: 'task.reassign', verb: 'reassign', offeredFor: (t) => !pausedNow(t as TaskRow) },
  commentOnTask: { action: 'task.comment', verb: 'comments' },
  // Pause (挂账) and refusal (退单): offered only where they apply, so a page shows what the unit or office may do now.
  requestPause: {
    action: 'task.requestPause',
    verb: 'pause',
    offeredFor: (t) => !(t as TaskRow).pauses.some((p) => !p.decision || (p.decision === 'APPROVED' && !p.resumedAt)),
  },
  decidePause: {
    action: 'task.decidePause',
    verb: 'pause-decision',
    offeredFor: (t) => (t as TaskRow).pauses.some((p) => !p.decision),
  },
  resumeTask: {
    action: 'task.resume',
    verb: 'resume',
    offeredFor: (t) => pausedNow(t as TaskRow),
  },
  refuseTask: {
    action: 'task.refuse',
    verb: 'refuse',
    offeredFor: (t) => !(t as TaskRow).refusals.some((r) => r.unitId === (t as TaskRow).leadUnitId),
  },
  arbitrateRefusal: {
    action: 'task.arbitrateRefusal',
    verb: 'refusal-ruling',
    offeredFor: (t) => awaitingRuling(t as TaskRow),
  },
  nameHandler: { action: 'task.nameHandler', verb: 'handler' },
  urgeTask: { action: 'task.urge', verb: 'urgings' },
  // The office's own extension (延期): not while paused, like the unit's request.
  extendTask: { action: 'task.extend', verb: 'office-extension', offeredFor: (t) => !pausedNow(t as TaskRow) },
  // 挂牌督办 and 摘牌: the office, while the unit still owes the work; the status says which of the two applies.
  superviseTask: { action: 'task.supervise', verb: 'supervision' },
  // 三级联动: offered while a village's sub-task is open and the lead unit would be held.
  overrideSubtasks: {
    action: 'task.overrideSubtasks',
    verb: 'subtask-override',
    offeredFor: (t) => openSubtasks(t as TaskRow),
  },
  // Milestones (序时进度): the office sets them again while the task is open.
  setMilestones: { action: 'task.setMilestones', verb: 'milestones' },
  // 免予提交佐证材料: offered only where the task's type asks for evidence and no waiver was given yet.
  waiveEvidence: {
    action: 'task.waiveEvidence',
    verb: 'evidence-waiver',
    offeredFor: (t) => (t as TaskRow).evidenceRequired && !(t as TaskRow).evidenceWaived,
  },
} as const satisfies Record<keyof typeof taskProcedure.actions, Offer>;
/** Some village sub-task of the task (三级联动) is still open. */
const openSubtasks = (t: TaskRow) => (t.openSubtasks ?? 0) > 0;
/** A pause (挂账) is in force. */
const pausedNow = (t: TaskRow) => t.pauses.some((p) => p.decision === 'APPROVED' && !p.resumedAt);
/** A refusal (退单) awaits the office's ruling. */
const awaitingRuling = (t: TaskRow) => t.refusals.some((r) => !r.ruling);
const TASK_OFFERS = offersOf(taskProcedure, TASK_ACTIONS);

export const TASK = kindOf<TaskRow>(
  'task',
  said('任务不存在', 'There is no such task'),
  findTask,
  (task) =>
    CLOSED_LABEL[task.state] ??
    said('任务流程已结束，不能再操作', 'The task’s procedure has ended and can no longer be acted on'),
  TASK_OFFERS,
);
export const MEETING = kindOf<MeetingRow>(
  'meeting',
  said('会议不存在', 'There is no such meeting'),
  findMeeting,
  (meeting) => (meeting.state === 'CANCELLED' ? '会议已经取消，不能再办理' : '会议流程已结束，不能再办理'),
  offersOf(meetingProcedure, {
    confirmAttendance: {
      action: 'meeting.confirm',
      verb: 'attendance',
      offeredFor: (meeting) => (meeting as MeetingRow).kind !== 'MAJOR_CASE',
    },
    // A major-case group meeting's members answer in person, through the same verb.
    confirmMemberAttendance: {
      action: 'majorCaseMeeting.confirm',
      verb: 'attendance',
      offeredFor: (meeting) => (meeting as MeetingRow).kind === 'MAJOR_CASE',
    },
    recordMinutes: { action: 'meeting.minutes', verb: 'minutes' },
    // Only an ad-hoc meeting can be called off: a regular one is held as the cycle schedules it.
    cancelMeeting: {
      action: 'meeting.cancel',
      verb: 'cancel',
      offeredFor: (meeting) => (meeting as MeetingRow).kind !== 'REGULAR',
    },
  }),
);
/**
 * A meeting of the major-case coordination group (大要案协调小组, issue 18 part 4), found as a meeting: need to know,
 * so every read through `visible` is audited, and its read action (`majorCaseMeeting.read`) audits refusals too.
 */
export const MAJOR_CASE_MEETING: InstanceKind<MeetingRow> = {
  ...MEETING,
  list: 'majorCaseMeeting.read',
  confidential: true,
};
/** The kind a meeting is read and acted on as: a major-case group meeting is confidential. */
export const meetingKindOf = (row: MeetingRow | undefined): InstanceKind<MeetingRow> =>
  row?.kind === 'MAJOR_CASE' ? MAJOR_CASE_MEETING : MEETING;
export const INSPECTION = kindOf<InspectionRow>(
  'inspection',
  said('检查轮次不存在', 'There is no such inspection round'),
  findInspection,
  () => said('检查流程已结束，不能再办理', 'The inspection’s procedure has ended'),
  offersOf(inspectionProcedure, {
    fileSelfCheck: { action: 'inspection.selfCheck', verb: 'self-check' },
    recordFindings: { action: 'inspection.findings', verb: 'findings' },
    closeFindings: { action: 'inspection.closeFindings', verb: 'close-findings' },
    inviteObservers: { action: 'inspection.invite', verb: 'observers' },
    observe: { action: 'inspection.observe', verb: 'observe' },
  }),
);

/** A case concerns its unit, the leader it names, its unit's leader and the people its decision names. */
export const CASE: InstanceKind<CaseRow> = {
  type: 'case',
  list: 'case.read',
  missing: said('案件不存在', 'There is no such case'),
  find: findCase,
  policyObject: (c) => ({
    type: 'case',
    orgId: c.orgId,
    unitId: c.unitId,
    leaderIds: [c.leaderId, c.unitLeaderId, ...c.persons].filter((p): p is string => p !== null),
  }),
  ended: () => said('案件已办结，不能再办理', 'The case is closed and can no longer be acted on'),
  offers: offersOf(caseProcedure, {
    submitStatement: { action: 'case.statement', verb: 'statement' },
    decideCase: { action: 'case.decide', verb: 'decision' },
  }),
};

/**
 * A referral (移送) is need to know: the office, the sending and receiving units' ENFORCEMENT people, the major-case
 * coordination group and the people the office named; every read of one is audited.
 */
export const REFERRAL: InstanceKind<ReferralRow> = {
  type: 'referral',
  list: 'referral.read',
  missing: said('移送不存在', 'There is no such referral'),
  find: findReferral,
  policyObject: (r) => ({
    type: 'referral',
    orgId: r.orgId,
    unitIds: [r.senderUnitId, r.receiverUnitId],
    personIds: r.personIds,
  }),
  ended: () => said('移送已办结，不能再办理', 'The referral is closed and can no longer be acted on'),
  offers: offersOf(referralProcedure, {
    acceptReferral: { action: 'referral.accept', verb: 'accept' },
    giveResult: { action: 'referral.result', verb: 'result' },
    returnReferral: { action: 'referral.return', verb: 'return' },
    decideReturned: { action: 'referral.decide', verb: 'decision' },
    recordOpinion: { action: 'referral.opinion', verb: 'opinions' },
    grantAccess: { action: 'referral.grant', verb: 'access' },
    closeReferral: { action: 'referral.close', verb: 'close' },
  }),
  confidential: true,
};

/** A case team (办案组): need to know — the office and its confirmed members read it, every read audited. */
export const CASE_TEAM: InstanceKind<CaseTeamRow> = {
  type: 'caseTeam',
  list: 'caseTeam.read',
  missing: said('办案组不存在', 'There is no such case team'),
  find: findCaseTeam,
  policyObject: (t) => ({ type: 'caseTeam', orgId: t.orgId, memberIds: t.memberIds }),
  ended: () => said('办案组已解散，不能再办理', 'The case team is released and can no longer be acted on'),
  offers: offersOf(caseTeamProcedure, {
    extendTeam: { action: 'caseTeam.extend', verb: 'extend' },
    releaseTeam: { action: 'caseTeam.release', verb: 'release' },
  }),
  confidential: true,
};

/** A secondment (抽调): read by the office, the unit asked and the person named, every read audited. */
export const SECONDMENT: InstanceKind<SecondmentRow> = {
  type: 'secondment',
  list: 'secondment.read',
  missing: said('抽调事项不存在', 'There is no such secondment'),
  find: findSecondment,
  policyObject: (s) => ({ type: 'secondment', orgId: s.orgId, unitId: s.unitId, personId: s.personId }),
  ended: () => said('办案组已解散，不能再办理', 'The case team is released and can no longer be acted on'),
  offers: offersOf(secondmentProcedure, {
    nominate: { action: 'secondment.nominate', verb: 'nominate' },
    confirmSecondment: { action: 'secondment.confirm', verb: 'confirm' },
    rejectSecondment: { action: 'secondment.reject', verb: 'reject' },
    declareConflict: { action: 'secondment.declareConflict', verb: 'declare-conflict' },
  }),
  confidential: true,
};

/** A rotation plan (轮训) concerns the units of its windows and their responsible leaders. */
export const ROTATION: InstanceKind<RotationRow> = {
  type: 'rotation',
  list: 'rotation.read',
  missing: said('轮训计划不存在', 'There is no such rotation plan'),
  find: findRotation,
  policyObject: (r) => ({ type: 'rotation', orgId: r.orgId, unitIds: r.unitIds, unitLeaderIds: r.unitLeaderIds }),
  ended: () => said('轮训计划已办结，不能再办理', 'The rotation plan is closed and can no longer be acted on'),
  offers: offersOf(rotationProcedure, {
    confirmWindow: { action: 'rotation.confirm', verb: 'confirm' },
    requestSwap: { action: 'rotation.swapRequest', verb: 'swap' },
    decideSwap: { action: 'rotation.swapDecision', verb: 'swap-decision' },
    endWindow: { action: 'rotation.endEarly', verb: 'early-end' },
  }),
};

/** A conduct appraisal (行风评议) concerns its units, their responsible leaders and the members invited to rate. */
export const APPRAISAL: InstanceKind<AppraisalRow> = {
  type: 'appraisal',
  list: 'appraisal.read',
  missing: said('行风评议不存在', 'There is no such conduct appraisal'),
  find: findAppraisal,
  policyObject: (a) => ({
    type: 'appraisal',
    orgId: a.orgId,
    unitIds: a.unitIds,
    unitLeaderIds: a.unitLeaderIds,
    memberIds: a.memberIds,
  }),
  ended: () => said('评议已结束，不能再办理', 'The appraisal is closed and can no longer be acted on'),
  offers: offersOf(appraisalProcedure, {
    rateUnits: { action: 'appraisal.rate', verb: 'ratings' },
    inviteRaters: { action: 'appraisal.invite', verb: 'members' },
    closeAppraisal: { action: 'appraisal.close', verb: 'close' },
  }),
};

/**
 * A submission (反映) of a network member: the office and the member who submitted it read it; to anyone else it is a
 * 404 byte for byte a missing one's. Every read is audited.
 */
export const SUBMISSION: InstanceKind<SubmissionRow> = {
  type: 'submission',
  list: 'submission.read',
  missing: said('反映不存在', 'There is no such submission'),
  find: findSubmission,
  policyObject: (s) => ({ type: 'submission', orgId: s.orgId, submitterId: s.submittedBy }),
  ended: (s) =>
    s.rating !== null
      ? said('该答复已评价，不能重复评价', 'The answer has been rated already')
      : said('该反映已办结，不能再办理', 'The submission is closed and can no longer be acted on'),
  offers: offersOf(submissionProcedure, {
    replySubmission: { action: 'submission.reply', verb: 'reply' },
    taskSubmission: { action: 'submission.task', verb: 'task' },
    referSubmission: {
      action: 'submission.refer',
      verb: 'refer',
      offeredFor: (s) => (s as SubmissionRow).kind === 'CLUE',
    },
    mergeSubmission: { action: 'submission.merge', verb: 'merge' },
    closeSubmission: { action: 'submission.close', verb: 'close' },
    answerSubmission: { action: 'submission.answer', verb: 'answer' },
    rateSubmission: {
      action: 'submission.rate',
      verb: 'rate',
      offeredFor: (s) => (s as SubmissionRow).rating === null,
    },
  }),
  confidential: true,
};

/** A cycle belongs to its organisation: whoever may read cycles there sees it (not an observer). */
export const CYCLE: InstanceKind<CycleRow> = {
  type: 'cycle',
  list: 'cycle.read',
  missing: said('年度周期不存在', 'There is no such annual cycle'),
  find: findCycle,
  policyObject: (cycle) => ({ type: 'cycle', orgId: cycle.orgId }),
  ended: () => '年度周期已经结束',
};

/**
 * The actions the caller may take on the instance now, as the verbs of `POST /{kind}/{id}/{verb}`: those its machine
 * offers in its state to the caller's roles (`actionsIn`), and that the policy allows them on this instance. The
 * machine's guards still decide each one when it is taken (409 with the reason): this is what a page offers.
 */
export function actionsFor<Row extends { id: string; workflowId: string; state: string }>(
  caller: Caller,
  kind: InstanceKind<Row>,
  row: Row,
): string[] {
  if (!kind.offers) return [];
  const { procedure, actions } = kind.offers;
  return actionsIn(procedure, row.state, caller.identity.roles).flatMap((name) => {
    const offered = actions[name];
    const applies = offered && (offered.offeredFor?.(row) ?? true);
    return applies && decide(caller.identity, offered.action, kind.policyObject(row)) === 'ALLOW' ? [offered.verb] : [];
  });
}

/**
 * A page of the instances of `kind` the caller may see: `list` reads them with the caller's scope (the one rule per
 * role), `view` shapes each row as the API shows it.
 */
export async function findVisible<Row, View>(
  deps: AppDeps,
  caller: Caller,
  kind: InstanceKind<{ id: string; workflowId: string }>,
  page: Page,
  list: (scope: ListScope) => Promise<{ items: Row[]; total: number }>,
  view: (row: Row) => View,
): Promise<{ items: View[]; total: number; limit: number; offset: number }> {
  await authoriseFunction(deps, caller, kind.list, { type: kind.type });
  const { items, total } = await list(listScopeOf(caller));
  return { items: items.map(view), total, ...page };
}

/**
 * The instance `id` of `kind`, once the caller may take `action` on it: 404 (the same answer whether it is missing or
 * out of their scope) when they may not see it, whatever the action; 403 when they see it but may not take the action;
 * refusals of mutations are audited.
 */
export async function visible<Row extends { id: string; workflowId: string }>(
  deps: AppDeps,
  caller: Caller,
  kind: InstanceKind<Row>,
  id: string,
  action: Action,
): Promise<Row> {
  const ref = { type: kind.type, id };
  // Looked up before any role check: what the caller may not see answers 404 whatever the action (api/policy.ts).
  const row = await kind.find(deps.db, id);
  if (!row) {
    await auditRefusal(deps, caller, action, ref, `no such ${kind.type}`);
    throw AppError.notFound(kind.missing);
  }
  await authorise(deps, caller, action, kind.policyObject(row), ref, kind.missing);
  if (kind.confidential && action.endsWith('.read')) await auditRead(deps, caller, action, ref);
  return row;
}

/** One action on an instance found by `visible` (act: 409 with the machine's reason when refused). */
export const actOn = <Row extends { id: string; workflowId: string }, A extends { actor: Actor }, S>(
  deps: AppDeps,
  caller: Caller,
  kind: InstanceKind<Row>,
  row: Row,
  action: Action,
  update: UpdateDefinition<S, [A]>,
  args: Omit<A, 'actor'>,
): Promise<S> =>
  act(
    deps,
    caller,
    { type: kind.type, id: row.id, workflowId: row.workflowId, ended: kind.ended(row) },
    action,
    update,
    args,
  );
