import {
  listAppraisals,
  readAppraisalProgress,
  readAppraisalResults,
  readAppraisalTimeline,
  readAppraisedUnits,
  readOwnRatings,
  type AppraisalRow,
} from '../../db/queries/appraisal-read';
import { findUnit } from '../../db/queries/organisation-read';
import type { ListScope } from '../../db/queries/read-page';
import * as am from '../../procedures/appraisal/messages';
import { actorOf, auditRefusal, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, said, type FieldProblem } from '../errors';
import { FIELD } from '../field-texts';
import type { Action } from '../policy';
import { instanceId, startRecorded } from './act';
import { actionsFor, actOn, APPRAISAL, CYCLE, findVisible, visible } from './instances';
import { invitationProblems } from './network-invitations';

export interface OpenAppraisalBody {
  title: string;
  /** Default: every active responsible unit (district departments, towns and streets). */
  unitIds?: string[];
  memberIds: string[];
  workingDays: number;
}

const NOT_APPRAISED = said(
  '组织协调室、领导小组和执法审计机关不是评议对象',
  'the office, the group and the enforcement and audit bodies are not appraised',
);

/** 422 naming every bad field at once, audited as a refusal of `action`. */
async function refuseFields(
  deps: AppDeps,
  caller: Caller,
  action: Action,
  ref: { type: string; id?: string },
  problems: FieldProblem[],
): Promise<never> {
  const error = new AppError(
    'invalid-appraisal',
    422,
    said('评议单位、评议人或评议内容不正确', 'A unit, a member or a rating of the appraisal is not right'),
    problems,
  );
  await auditRefusal(deps, caller, action, ref, error.message);
  throw error;
}

/** The active responsible units of the organisation: district departments and towns (the units assessed). */
async function responsibleUnits(deps: AppDeps, orgId: string): Promise<string[]> {
  const { rows } = await deps.db.query<{ id: string }>({
    text: `SELECT id FROM units WHERE org_id = $1 AND active AND kind IN ('DEPARTMENT', 'TOWN') ORDER BY level, id`,
    values: [orgId],
  });
  return rows.map((r) => r.id);
}

/**
 * The office opens a conduct appraisal (行风评议) of a cycle's year: the units (default all responsible units), the
 * members invited (each serving in the supervision network today) and the period in working days. The workflow
 * invites the members and answers once the appraisal can be read back.
 */
export async function openAppraisal(
  deps: AppDeps,
  caller: Caller,
  cycleId: string,
  body: OpenAppraisalBody,
  idempotencyKey?: string,
) {
  const action: Action = 'appraisal.open';
  const ref = { type: 'cycle', id: cycleId };
  const { orgId } = caller.identity;
  const cycle = await visible(deps, caller, CYCLE, cycleId, action);
  if (cycle.phase === 'CLOSED') {
    await auditRefusal(deps, caller, action, ref, 'cycle closed');
    throw AppError.conflict(
      said('年度周期已结束，不能再开展行风评议', 'The annual cycle has ended; no more appraisals'),
    );
  }
  const unitIds = body.unitIds ?? (await responsibleUnits(deps, orgId));
  const problems: FieldProblem[] = [];
  for (const [i, unitId] of (body.unitIds ?? []).entries()) {
    const unit = await findUnit(deps.db, unitId);
    if (unitIds.indexOf(unitId) !== i) problems.push({ field: `body.unitIds[${i}]`, message: FIELD.listedTwice });
    else if (unit?.orgId !== orgId) problems.push({ field: `body.unitIds[${i}]`, message: FIELD.noUnit });
    else if (!['DEPARTMENT', 'TOWN', 'VILLAGE'].includes(unit.kind)) {
      problems.push({ field: `body.unitIds[${i}]`, message: NOT_APPRAISED });
    }
  }
  problems.push(...(await invitationProblems(deps, orgId, body.memberIds, 'body.memberIds')));
  if (unitIds.length === 0) {
    problems.push({ field: 'body.unitIds', message: said('没有可评议的单位', 'no unit to appraise') });
  }
  if (problems.length > 0) await refuseFields(deps, caller, action, ref, problems);
  const input: am.AppraisalInput = {
    appraisalId: instanceId('a', 'appraisal\n', caller, idempotencyKey),
    orgId,
    cycleId,
    year: cycle.year,
    title: body.title.trim(),
    unitIds,
    memberIds: body.memberIds,
    workingDays: body.workingDays,
    openedBy: actorOf(caller),
  };
  const workflowId = am.appraisalWorkflowId(input.appraisalId);
  const status = await startRecorded(
    deps.temporal,
    { taskQueue: deps.taskQueue, workflowType: 'conductAppraisal', workflowId, input },
    am.appraisalRecorded,
  );
  return {
    id: input.appraisalId,
    workflowId,
    cycleId,
    title: input.title,
    state: status?.state ?? 'OPEN',
    units: unitIds.length,
    members: body.memberIds.length,
    dueAt: status?.dueAt ?? null,
  };
}

const summaryOf = ({ unitIds, unitLeaderIds: _l, memberIds, ...a }: AppraisalRow) => ({
  ...a,
  units: unitIds.length,
  members: memberIds.length,
});

/** The appraisals the caller may see: the office and the group all; a unit its own; a member those invited into. */
export async function findAppraisals(
  deps: AppDeps,
  caller: Caller,
  filter: { cycleId?: string; state?: am.AppraisalState },
  page: { limit: number; offset: number },
) {
  const list = (scope: ListScope) => listAppraisals(deps.db, scope, filter, page);
  return findVisible(deps, caller, APPRAISAL, page, list, summaryOf);
}

/** The units whose aggregate the caller may read once closed: null for the office and the group (all). */
async function resultUnits(deps: AppDeps, caller: Caller, a: AppraisalRow): Promise<string[]> {
  const { roles, unitId, personId } = caller.identity;
  const own = roles.includes('UNIT') && a.unitIds.includes(unitId) ? [unitId] : [];
  const led: string[] = [];
  if (roles.includes('LEADER')) {
    for (const id of a.unitIds) if ((await findUnit(deps.db, id))?.leaderId === personId) led.push(id);
  }
  return [...new Set([...own, ...led])];
}

/**
 * An appraisal as the caller may read it. Everyone who sees it: its units and how many members finished. The office:
 * who was invited and how far each is (never what they rated), the timeline. A member: their own form. After the
 * close, the aggregates: all for the office and the group, a unit's own for the unit and its leader. No one reads
 * another rater's form.
 */
export async function getAppraisal(deps: AppDeps, caller: Caller, id: string) {
  const a = await visible(deps, caller, APPRAISAL, id, 'appraisal.read');
  const { roles, personId } = caller.identity;
  const whole = roles.includes('OFFICE') || roles.includes('GROUP');
  const [units, progress] = await Promise.all([readAppraisedUnits(deps.db, id), readAppraisalProgress(deps.db, id)]);
  const closed = a.state === 'CLOSED';
  const resultsFor = whole ? null : await resultUnits(deps, caller, a);
  const results =
    closed && (resultsFor === null || resultsFor.length > 0) ? await readAppraisalResults(deps.db, id, resultsFor) : [];
  const invited = a.memberIds.includes(personId);
  return {
    ...summaryOf(a),
    actions: actionsFor(caller, APPRAISAL, a),
    unitList: units,
    finished: progress.filter((m) => m.finishedAt !== null).length,
    progress: roles.includes('OFFICE') ? progress : null,
    myForm: invited ? await readOwnRatings(deps.db, id, personId) : null,
    results,
    timeline: roles.includes('OFFICE') ? await readAppraisalTimeline(deps.db, id) : [],
  };
}

/** An invited member fills (or changes, until the period ends) their form for one or more units. */
export async function rateAppraisal(
  deps: AppDeps,
  caller: Caller,
  id: string,
  body: { ratings: { unitId: string; rating: am.Rating; comment?: string }[] },
) {
  const action: Action = 'appraisal.rate';
  const a = await visible(deps, caller, APPRAISAL, id, action);
  const problems: FieldProblem[] = [];
  const unitIds = body.ratings.map((r) => r.unitId);
  for (const [i, unitId] of unitIds.entries()) {
    if (unitIds.indexOf(unitId) !== i)
      problems.push({ field: `body.ratings[${i}].unitId`, message: FIELD.listedTwice });
    else if (!a.unitIds.includes(unitId)) {
      problems.push({
        field: `body.ratings[${i}].unitId`,
        message: said('不在本次评议范围内', 'not appraised in this appraisal'),
      });
    }
  }
  if (problems.length > 0) await refuseFields(deps, caller, action, { type: 'appraisal', id }, problems);
  const status = await actOn(deps, caller, APPRAISAL, a, action, am.rateUnits, body);
  const me = status.members.find((m) => m.personId === caller.identity.personId)!;
  return {
    appraisalId: id,
    state: status.state,
    rated: me.rated,
    units: status.units.length,
    finishedAt: me.finishedAt,
    myForm: status.ratings.filter((r) => r.personId === caller.identity.personId).map(({ personId: _p, ...r }) => r),
  };
}

/** The office invites more members while the appraisal is open (each serving in the network today). */
export async function inviteAppraisalMembers(deps: AppDeps, caller: Caller, id: string, memberIds: string[]) {
  const action: Action = 'appraisal.invite';
  const a = await visible(deps, caller, APPRAISAL, id, action);
  const problems = await invitationProblems(deps, a.orgId, memberIds, 'body.memberIds');
  if (problems.length > 0) await refuseFields(deps, caller, action, { type: 'appraisal', id }, problems);
  const status = await actOn(deps, caller, APPRAISAL, a, action, am.inviteRaters, { memberIds });
  return { appraisalId: id, state: status.state, members: status.members.length };
}

/** The office ends the appraisal before its period once every member invited has rated every unit (提前结束). */
export async function closeAppraisalEarly(deps: AppDeps, caller: Caller, id: string) {
  const action: Action = 'appraisal.close';
  const a = await visible(deps, caller, APPRAISAL, id, action);
  const status = await actOn(deps, caller, APPRAISAL, a, action, am.closeAppraisal, {});
  return { appraisalId: id, state: status.state, closedAt: status.closedAt, results: status.results };
}
