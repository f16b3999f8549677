import { createHash, randomBytes } from 'node:crypto';
import { procedureDefaultsInForce } from '../../db/queries/rules-in-force';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { computeInspectionReport } from '../../db/queries/inspection-report';
import {
  countInspections,
  findInspectionByRequest,
  listInspections,
  readInspectionDetails,
  readInspectedUnits,
  readObservations,
  readStoredInspectionReport,
  type InspectionRow,
} from '../../db/queries/inspection-read';
import { invitationProblems } from './network-invitations';
import { findUnit } from '../../db/queries/organisation-read';
import * as im from '../../procedures/inspection/messages';
import { actorOf, auditRefusal, type Caller } from '../authorise';
import type { ListScope } from '../../db/queries/read-page';
import type { AppDeps } from '../deps';
import { whenRecorded } from './act';
import { actionsFor, actOn, CYCLE, findVisible, INSPECTION, visible } from './instances';
import { AppError, said, type FieldProblem } from '../errors';
import { FIELD } from '../field-texts';
import type { Action } from '../policy';
import { taskPoliciesOf } from './task-policies';
import { visibleUnits } from './inspection-scope';
import { inspectionUnitOwnerId, ownerOf } from './attachment-owners';
import { filesGiven, stepFiles } from './attachments';

/** The files given with `action` from one unit's part of a round (its self-check's, its findings'). */
const filesOfUnit = (
  deps: AppDeps,
  caller: Caller,
  action: Action,
  round: InspectionRow,
  unitId: string,
  ids: string[] | undefined,
) => {
  const part = ownerOf('inspection-unit', { id: inspectionUnitOwnerId(round.id, unitId), orgId: round.orgId });
  return filesGiven(deps, caller, { action, ref: { type: 'inspection', id: round.id } }, part, ids);
};
/** Concurrent creates may count the same rounds: each takes the next number until it gets one of its own. */
const MAX_ID_ATTEMPTS = 5;

export interface DefineInspectionBody {
  title: string;
  unitIds: string[];
  checklist: string[];
  selfCheckDueDate: string;
  findingsDueDate: string;
  /** Members of the supervision network invited into the round (issue 19 part 5). */
  observerIds?: string[];
}

const summaryOf = ({ unitIds, unitLeaderIds: _scope, observerIds: _observers, ...r }: InspectionRow) => ({
  ...r,
  units: unitIds.length,
});
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10); // Asia/Shanghai

/** Units that are not inspectable units of the organisation, dates already past or out of order: 422. */
async function checkDefinition(deps: AppDeps, orgId: string, body: DefineInspectionBody): Promise<void> {
  const problems: FieldProblem[] = [];
  for (const [i, unitId] of body.unitIds.entries()) {
    const unit = await findUnit(deps.db, unitId);
    if (body.unitIds.indexOf(unitId) !== i) problems.push({ field: `body.unitIds[${i}]`, message: FIELD.listedTwice });
    else if (unit?.orgId !== orgId) problems.push({ field: `body.unitIds[${i}]`, message: FIELD.noUnit });
    else if (unit.kind === 'OFFICE' || unit.kind === 'GROUP' || unit.kind === 'ENFORCEMENT') {
      problems.push({
        field: `body.unitIds[${i}]`,
        message: said(
          '组织协调室、领导小组和执法审计机关不是检查对象',
          'the office, the group and the enforcement and audit bodies are not inspected',
        ),
      });
    }
  }
  if (body.selfCheckDueDate < today()) {
    problems.push({ field: 'body.selfCheckDueDate', message: said('不能早于今天', 'must not be past') });
  }
  problems.push(...(await invitationProblems(deps, orgId, body.observerIds ?? [], 'body.observerIds')));
  if (body.findingsDueDate < body.selfCheckDueDate) {
    problems.push({
      field: 'body.findingsDueDate',
      message: said('不能早于自查时限（selfCheckDueDate）', 'must not be before selfCheckDueDate'),
    });
  }
  if (problems.length > 0) {
    throw new AppError(
      'invalid-inspection',
      422,
      said('检查对象或时限不正确', 'The units or the time limits of the round are not right'),
      problems,
    );
  }
}

/**
 * The office defines an ad-hoc round of a cycle: its workflow starts here (the id `<cycleId>-x<n>`, n from the
 * rounds the cycle has), sends the notice, and the answer waits until the round can be read back. A retry with the
 * same Idempotency-Key finds the round it defined.
 */
export async function defineInspection(
  deps: AppDeps,
  caller: Caller,
  cycleId: string,
  body: DefineInspectionBody,
  idempotencyKey?: string,
) {
  const action: Action = 'inspection.create';
  const ref = { type: 'cycle', id: cycleId };
  const { orgId, personId } = caller.identity;
  const cycle = await visible(deps, caller, CYCLE, cycleId, action);
  if (cycle.phase === 'CLOSED') {
    await auditRefusal(deps, caller, action, ref, 'cycle closed');
    throw AppError.conflict(said('年度周期已结束，不能再开展检查', 'The annual cycle has ended; no more inspections'));
  }
  try {
    await checkDefinition(deps, orgId, body);
  } catch (err) {
    if (err instanceof AppError) await auditRefusal(deps, caller, action, ref, err.message);
    throw err;
  }
  const requestHash = createHash('sha256')
    .update(`${personId}\n${idempotencyKey ?? randomBytes(16).toString('hex')}`)
    .digest('hex')
    .slice(0, 24);
  const known = idempotencyKey ? await findInspectionByRequest(deps.db, cycleId, requestHash) : undefined;
  const count = await countInspections(deps.db, cycleId, 'AD_HOC');
  // The office's procedure defaults in force as the round is defined (issue 22); the round keeps them.
  const { escalateAfterWorkingDays } = (await procedureDefaultsInForce(deps.db, orgId)).inspection;
  let roundId = known?.id;
  for (let attempt = 1; !roundId && attempt <= MAX_ID_ATTEMPTS; attempt++) {
    const key = `x${count + attempt}`;
    const input: im.InspectionInput = {
      roundId: `${cycleId}-${key}`,
      cycleId,
      orgId,
      key,
      kind: 'AD_HOC',
      ...body,
      calledBy: actorOf(caller),
      requestHash,
      escalateAfterWorkingDays,
    };
    try {
      const handle = await deps.temporal.workflow.start('inspectionRound', {
        taskQueue: deps.taskQueue,
        workflowId: im.inspectionWorkflowId(input.roundId),
        args: [input],
        // A retry of this request (same hash) joins its round; another request's round makes this one take the next id.
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        memo: { requestHash },
      });
      if ((await handle.describe()).memo?.requestHash === requestHash) roundId = input.roundId;
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err; // that id's round has ended
    }
  }
  if (!roundId) {
    throw AppError.conflict(
      said('检查轮次编号冲突，请稍后重试', 'The round’s number was taken meanwhile; please try again'),
    );
  }
  const workflowId = im.inspectionWorkflowId(roundId);
  // Answer once the round can be read back; if the read model lags, the round still exists and will appear.
  await whenRecorded(deps.temporal.workflow.getHandle(workflowId).executeUpdate(im.inspectionRecorded)).catch(
    () => undefined,
  );
  return { id: roundId, workflowId, cycleId, title: body.title, units: body.unitIds.length };
}

/** The rounds the caller may see: all of the organisation's for the office and the group, else those in scope. */
export async function findInspections(
  deps: AppDeps,
  caller: Caller,
  filter: { cycleId?: string },
  page: { limit: number; offset: number },
) {
  const list = (scope: ListScope) => listInspections(deps.db, scope, filter, page);
  return findVisible(deps, caller, INSPECTION, page, list, summaryOf);
}

/**
 * The observations the caller may read: the office all, with who wrote each; a unit (a leader) those about its own
 * (led) units, without the writer; the group all, without the writer; an invited member their own.
 */
async function visibleObservations(deps: AppDeps, caller: Caller, round: InspectionRow, units: string[] | null) {
  const { roles, personId } = caller.identity;
  if (roles.includes('OFFICE')) return readObservations(deps.db, round.id, { unitIds: null, named: true });
  const about =
    units === null || units.length > 0
      ? await readObservations(deps.db, round.id, { unitIds: units, named: false })
      : [];
  const own = round.observerIds.includes(personId)
    ? await readObservations(deps.db, round.id, { unitIds: null, by: personId, named: true })
    : [];
  const seen = new Set(own.map((o) => o.seq));
  return [...own, ...about.filter((o) => !seen.has(o.seq))].sort((a, b) => a.seq - b.seq);
}

/**
 * A round with the self-checks, findings, observations and timeline the caller may see: a unit sees only its own; an
 * invited member the round's scope (units, dates, checklist) and their own observations.
 */
export async function getInspection(deps: AppDeps, caller: Caller, roundId: string) {
  const round = await visible(deps, caller, INSPECTION, roundId, 'inspection.read');
  const units = await visibleUnits(deps, caller, round);
  const details = await readInspectionDetails(deps.db, roundId, units, {
    named: caller.identity.roles.includes('OFFICE'),
  });
  const files = await stepFiles(deps, round.orgId, round.workflowId);
  return {
    ...summaryOf(round),
    actions: actionsFor(caller, INSPECTION, round),
    inspected: await readInspectedUnits(deps.db, roundId),
    observerIds: caller.identity.roles.includes('OFFICE') ? round.observerIds : null,
    observations: await visibleObservations(deps, caller, round, units),
    ...details,
    // The entries are those of the units the caller sees, and so are their files.
    timeline: details.timeline.map((e) => ({ ...e, ...files(e.step) })),
  };
}

/** The office invites members of the supervision network into a running round (each serving today). */
export async function inviteInspectionObservers(deps: AppDeps, caller: Caller, roundId: string, personIds: string[]) {
  const action: Action = 'inspection.invite';
  const round = await visible(deps, caller, INSPECTION, roundId, action);
  const problems = await invitationProblems(deps, round.orgId, personIds, 'body.personIds');
  if (problems.length > 0) {
    const error = new AppError(
      'invalid-observers',
      422,
      said('所邀监督员不正确', 'A member invited is not right'),
      problems,
    );
    await auditRefusal(deps, caller, action, { type: 'inspection', id: roundId }, error.message);
    throw error;
  }
  const status = await actOn(deps, caller, INSPECTION, round, action, im.inviteObservers, { personIds });
  return { roundId, state: status.state, observerIds: (status.observers ?? []).map((o) => o.personId) };
}

/** An invited member adds an observation (观察意见) about one of the round's units. */
export async function observeInspection(
  deps: AppDeps,
  caller: Caller,
  roundId: string,
  body: { unitId: string; text: string },
) {
  const action: Action = 'inspection.observe';
  const round = await visible(deps, caller, INSPECTION, roundId, action);
  if (!round.unitIds.includes(body.unitId)) {
    const error = new AppError(
      'unknown-reference',
      422,
      said('该单位不在本轮检查范围内', 'The unit is not inspected in this round'),
      [{ field: 'body.unitId', message: said('不在本轮检查范围内', 'not in the round') }],
    );
    await auditRefusal(deps, caller, action, { type: 'inspection', id: roundId }, error.message);
    throw error;
  }
  const status = await actOn(deps, caller, INSPECTION, round, action, im.observe, body);
  const mine = (status.observations ?? []).filter((o) => o.personId === caller.identity.personId);
  return { roundId, state: status.state, observation: mine[mine.length - 1]! };
}

/** The round report: the one stored at the close, or (`final: false`) as the read model stands now. */
export async function getInspectionReport(deps: AppDeps, caller: Caller, roundId: string) {
  await visible(deps, caller, INSPECTION, roundId, 'inspection.report');
  const stored = await readStoredInspectionReport(deps.db, roundId);
  if (stored) return { final: true, ...stored };
  return { final: false, ...(await computeInspectionReport(deps.db, roundId, new Date().toISOString())) };
}

/**
 * A unit in scope files (or, until the deadline, refiles) its self-check report for its own unit, with the files it
 * uploaded to its part of the round (`attachmentIds`).
 */
export async function fileInspectionSelfCheck(
  deps: AppDeps,
  caller: Caller,
  roundId: string,
  report: string,
  attachmentIds?: string[],
) {
  const action: Action = 'inspection.selfCheck';
  const round = await visible(deps, caller, INSPECTION, roundId, action);
  const files = await filesOfUnit(deps, caller, action, round, caller.identity.unitId, attachmentIds);
  const status = await actOn(deps, caller, INSPECTION, round, action, im.fileSelfCheck, { report, ...files });
  const filed = status.units.find((u) => u.unitId === caller.identity.unitId)!;
  return { roundId, state: status.state, unitId: filed.unitId, selfCheck: filed.selfCheck, filedAt: filed.filedAt };
}

/**
 * The office records one unit's findings (none: nothing found); each becomes a RECTIFICATION task of the unit, led by
 * the unit's responsible leader.
 */
export async function recordInspectionFindings(
  deps: AppDeps,
  caller: Caller,
  roundId: string,
  { attachmentIds, ...body }: { unitId: string; findings: im.FindingInput[]; attachmentIds?: string[] },
) {
  const action: Action = 'inspection.findings';
  const round = await visible(deps, caller, INSPECTION, roundId, action);
  const refuse = async (error: AppError): Promise<never> => {
    await auditRefusal(deps, caller, action, { type: 'inspection', id: roundId }, error.message);
    throw error;
  };
  const policy = (await taskPoliciesOf(deps, round.orgId)).get('RECTIFICATION');
  if (!policy) {
    throw new AppError(
      'no-task-type',
      500,
      said(
        '未配置“检查发现问题整改”任务类型（RECTIFICATION）',
        'The task type for rectifying findings (RECTIFICATION) is not configured',
      ),
    );
  }
  if (!round.unitIds.includes(body.unitId)) {
    await refuse(
      new AppError(
        'unknown-reference',
        422,
        said('该单位不在本轮检查范围内', 'The unit is not inspected in this round'),
        [{ field: 'body.unitId', message: said('不在本轮检查范围内', 'not in the round') }],
      ),
    );
  }
  for (const [i, f] of body.findings.entries()) {
    if ((f.dueDate === undefined) === (f.workingDays === undefined)) {
      await refuse(
        new AppError(
          'invalid-time-limit',
          422,
          said(
            '整改时限须为日期或工作日数，二者选一',
            'The time limit of a rectification is a date or a number of working days: give exactly one',
          ),
          [{ field: `body.findings[${i}].dueDate`, message: FIELD.oneTimeLimit }],
        ),
      );
    }
  }
  const leaderId = (await findUnit(deps.db, body.unitId))?.leaderId;
  if (!leaderId) {
    await refuse(
      new AppError(
        'no-leader',
        422,
        said(
          '该单位未设分管领导，无法交办整改任务',
          'The unit has no responsible leader, so no rectification task can be assigned',
        ),
        [{ field: 'body.unitId', message: said('该单位未设分管领导', 'the unit has no responsible leader') }],
      ),
    );
  }
  const files = await filesOfUnit(deps, caller, action, round, body.unitId, attachmentIds);
  const status = await actOn(deps, caller, INSPECTION, round, action, im.recordFindings, {
    ...body,
    leaderId: leaderId!,
    policy,
    ...files,
  });
  const findings = status.findings.filter((f) => f.unitId === body.unitId);
  return { roundId, state: status.state, unitId: body.unitId, findings };
}

/** The office ends the recording of findings; from then on the round follows its rectifications to the close. */
export async function closeInspectionFindings(deps: AppDeps, caller: Caller, roundId: string) {
  const action: Action = 'inspection.closeFindings';
  const round = await visible(deps, caller, INSPECTION, roundId, action);
  const status = await actOn(deps, caller, INSPECTION, round, action, im.closeFindings, {});
  return { roundId, state: status.state, findingsClosedAt: status.findingsClosedAt, findings: status.findings.length };
}
