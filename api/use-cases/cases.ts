import type { Client } from '@temporalio/client';
import { loadAccountability, type AccountabilityConfig } from '../../config/accountability';
import { casePolicyOf } from '../../config/accountability-rules';
import { accountabilityInForce } from '../../db/queries/rules-in-force';
import { listCases, readCaseDetails, type CaseFilter, type CaseRow } from '../../db/queries/case-read';
import { findCycle } from '../../db/queries/cycles';
import { findPerson, findUnit } from '../../db/queries/organisation-read';
import * as cm from '../../procedures/case/messages';
import type { CaseInput, CaseStatus } from '../../procedures/case/messages';
import { actorOf, auditRefusal, authoriseFunction, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { instanceId, startRecorded } from './act';
import { ownerOf } from './attachment-owners';
import { filesGiven, stepFiles } from './attachments';
import { actionsFor, actOn, CASE, findVisible, visible } from './instances';
import { AppError, said, type FieldProblem } from '../errors';
import { FIELD } from '../field-texts';
import type { Action } from '../policy';

let shipped: AccountabilityConfig | undefined;
/** The accountability policy the app was given, else config/accountability.yaml (read once). */
export const accountabilityOf = (deps: Pick<AppDeps, 'accountability'>): AccountabilityConfig =>
  deps.accountability ?? (shipped ??= loadAccountability());

/**
 * Starts a case's workflow, or joins the one already running under its id (a retried open, or the cycle asking
 * twice for the same task's L3), and waits until the case can be read back. The cycle starts its L3 and assessment
 * cases as child workflows with the same input (`caseWorkflowId(caseIdForTask(taskId))`).
 */
export async function openCase(
  temporal: Client,
  taskQueue: string,
  input: CaseInput,
): Promise<{ caseId: string; workflowId: string; status: CaseStatus | undefined }> {
  const workflowId = cm.caseWorkflowId(input.caseId);
  const start = { taskQueue, workflowType: 'accountabilityCase', workflowId, input };
  const status = await startRecorded(temporal, start, cm.caseRecorded);
  return { caseId: input.caseId, workflowId, status };
}

export interface OpenCaseBody {
  unitId: string;
  leaderId?: string;
  reason: string;
  cycleId?: string;
}

/** The unit, leader and cycle of an open must exist in the caller's organisation (422 naming the field). */
async function checkCaseParties(deps: AppDeps, orgId: string, body: OpenCaseBody): Promise<void> {
  const problems: FieldProblem[] = [];
  const unit = await findUnit(deps.db, body.unitId);
  if (unit?.orgId !== orgId) problems.push({ field: 'body.unitId', message: FIELD.noUnit });
  else if (unit.kind === 'OFFICE' || unit.kind === 'GROUP' || unit.kind === 'ENFORCEMENT') {
    problems.push({ field: 'body.unitId', message: FIELD.notResponsible });
  }
  if (body.leaderId) {
    const leader = await findPerson(deps.db, body.leaderId);
    if (leader?.orgId !== orgId) problems.push({ field: 'body.leaderId', message: FIELD.noPerson });
    else if (!leader.roles.includes('LEADER')) {
      problems.push({ field: 'body.leaderId', message: FIELD.notLeader });
    }
  }
  if (body.cycleId && (await findCycle(deps.db, body.cycleId))?.orgId !== orgId) {
    problems.push({ field: 'body.cycleId', message: FIELD.noCycle });
  }
  if (problems.length > 0) {
    const missing = said(
      '被追究单位、分管领导或年度周期不存在',
      'The unit, the leader or the cycle of the case does not exist',
    );
    throw new AppError('unknown-reference', 422, missing, problems);
  }
}

/** The office opens a case of its own finding (组织协调室立案): the case's workflow notifies the unit and its leader. */
export async function openOfficeCase(deps: AppDeps, caller: Caller, body: OpenCaseBody, idempotencyKey?: string) {
  const action: Action = 'case.open';
  await authoriseFunction(deps, caller, action, { type: 'case' });
  try {
    await checkCaseParties(deps, caller.identity.orgId, body);
  } catch (err) {
    if (err instanceof AppError) await auditRefusal(deps, caller, action, { type: 'case' }, err.message);
    throw err;
  }
  const input: CaseInput = {
    caseId: instanceId('c', 'case\n', caller, idempotencyKey),
    orgId: caller.identity.orgId,
    cycleId: body.cycleId ?? null,
    unitId: body.unitId,
    leaderId: body.leaderId ?? null,
    source: { kind: 'OFFICE', reason: body.reason },
    // The version of the office's accountability rules in force (issue 22); the case keeps it to its end.
    policy: casePolicyOf(await accountabilityInForce(deps.db, caller.identity.orgId, () => accountabilityOf(deps))),
    openedBy: actorOf(caller),
  };
  const { caseId, workflowId, status } = await openCase(deps.temporal, deps.taskQueue, input);
  return {
    id: caseId,
    workflowId,
    state: status?.state ?? 'OPEN',
    statementDueAt: status?.statementDueAt ?? null,
  };
}

const summaryOf = ({ unitLeaderId: _scope, ...c }: CaseRow) => c;

/** The cases the caller may see (office and group: all; a unit: its own; a leader: their units' and naming them). */
export async function findCases(
  deps: AppDeps,
  caller: Caller,
  filter: CaseFilter,
  page: { limit: number; offset: number },
) {
  return findVisible(deps, caller, CASE, page, (scope) => listCases(deps.db, scope, filter, page), summaryOf);
}

/** A case with its statement and timeline. */
export async function getCase(deps: AppDeps, caller: Caller, caseId: string) {
  const found = await visible(deps, caller, CASE, caseId, 'case.read');
  const [details, files] = await Promise.all([
    readCaseDetails(deps.db, caseId),
    stepFiles(deps, found.orgId, found.workflowId),
  ]);
  const timeline = details.timeline.map((e) => ({ ...e, ...files(e.step) }));
  return { ...summaryOf(found), actions: actionsFor(caller, CASE, found), ...details, timeline };
}

/** Where a case stands after an action. */
const caseAnswer = (status: CaseStatus) => {
  const { caseId, state, statementLate, measure, measureName, decidedWithoutStatement } = status;
  return { caseId, state, statementLate, measure, measureName, decidedWithoutStatement };
};

/** The unit's written statement (说明情况), for its own case, with the files it uploaded to the case. */
export async function submitCaseStatement(
  deps: AppDeps,
  caller: Caller,
  caseId: string,
  { text, attachmentIds }: { text: string; attachmentIds?: string[] },
) {
  const action: Action = 'case.statement';
  const found = await visible(deps, caller, CASE, caseId, action);
  const given = { action, ref: { type: 'case', id: caseId } };
  const files = await filesGiven(deps, caller, given, ownerOf('case', found), attachmentIds);
  return caseAnswer(await actOn(deps, caller, CASE, found, action, cm.submitStatement, { text, ...files }));
}

/** The office's decision: a configured measure, its basis, and the people it names (who must exist: 422). */
export async function decideCase(
  deps: AppDeps,
  caller: Caller,
  caseId: string,
  body: { measure: string; basis: string; persons?: string[] },
) {
  const found = await visible(deps, caller, CASE, caseId, 'case.decide');
  const problems: FieldProblem[] = [];
  for (const [i, personId] of (body.persons ?? []).entries()) {
    if ((await findPerson(deps.db, personId))?.orgId !== caller.identity.orgId) {
      problems.push({ field: `body.persons[${i}]`, message: FIELD.noPerson });
    }
  }
  if (problems.length > 0) {
    await auditRefusal(deps, caller, 'case.decide', { type: 'case', id: caseId }, 'unknown person');
    const missing = said('处理决定涉及的人员不存在', 'A person the decision names does not exist');
    throw new AppError('unknown-reference', 422, missing, problems);
  }
  return caseAnswer(await actOn(deps, caller, CASE, found, 'case.decide', cm.decideCase, body));
}

/**
 * The measures the office may decide in a case opened now, with the limits: the organisation's version in force
 * (issue 22). A case opened earlier keeps the policy it was opened with.
 */
export async function listMeasures(deps: AppDeps, caller: Caller) {
  await authoriseFunction(deps, caller, 'case.read', { type: 'case' });
  const { measures, ...rest } = await accountabilityInForce(deps.db, caller.identity.orgId, () =>
    accountabilityOf(deps),
  );
  return { items: measures, ...rest };
}
