import { loadCollaboration, type CollaborationConfig } from '../../config/collaboration';
import {
  listCaseTeams,
  listSecondments,
  listTeamSecondments,
  readCaseTeamTimeline,
  readZone,
  type CaseTeamFilter,
  type CaseTeamRow,
  type SecondmentFilter,
  type SecondmentRow,
} from '../../db/queries/case-team-read';
import { findPerson, findUnit } from '../../db/queries/organisation-read';
import * as tm from '../../procedures/case-team/messages';
import { localDate } from '../../procedures/time/working-days';
import type { CaseTeamInput, CaseTeamStatus } from '../../procedures/case-team/messages';
import { actorOf, auditRead, auditRefusal, authoriseFunction, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, said, type FieldProblem } from '../errors';
import { FIELD } from '../field-texts';
import { instanceId, startRecorded } from './act';
import { actionsFor, actOn, CASE_TEAM, SECONDMENT, visible } from './instances';

let shipped: CollaborationConfig | undefined;
/** The collaboration policy (config/collaboration.yaml, read once). */
export const collaborationOf = (): CollaborationConfig => (shipped ??= loadCollaboration());

/** The most people one request draws (each a secondment with its own ladder). */
const MAX_SEATS = 50;

const TEXT = {
  notMember: said('不是本协作区可抽调的成员单位', 'not a member unit of the zone that can be asked'),
  recused: said('与本案有关，应当回避', 'concerned by the case: recused'),
  notOfUnit: said('不是该单位人员', 'not a person of that unit'),
  noZone: said('协作区不存在', 'no such collaboration zone'),
  noneToAsk: said('本协作区没有可抽调的成员单位', 'the zone has no member unit that can be asked'),
  beforeStart: said('不能早于开始日期', 'must not be before the start date'),
  pastEnd: said('结束日期已过', 'the end date has passed'),
  tooMany: said(`一次最多抽调${MAX_SEATS}人`, `at most ${MAX_SEATS} people at once`),
};

export interface OpenCaseTeamBody {
  zoneId: string;
  caseRef: string;
  skills: tm.SkillNeed[];
  startDate: string;
  endDate: string;
  concernedUnitIds?: string[];
  units?: { unitId: string; personId?: string }[];
}

/**
 * The units to ask: those the office chose, or every member unit of the zone, never one the case concerns (回避);
 * every reference checked at once (422 naming each bad field).
 */
async function unitsToAsk(deps: AppDeps, orgId: string, body: OpenCaseTeamBody) {
  const problems: FieldProblem[] = [];
  const zone = await readZone(deps.db, body.zoneId);
  const zoneKnown = zone?.orgId === orgId;
  if (!zoneKnown) problems.push({ field: 'body.zoneId', message: TEXT.noZone });
  const concerned = body.concernedUnitIds ?? [];
  for (const [i, unitId] of concerned.entries()) {
    if ((await findUnit(deps.db, unitId))?.orgId !== orgId) {
      problems.push({ field: `body.concernedUnitIds[${i}]`, message: FIELD.noUnit });
    }
  }
  if (body.endDate < body.startDate) problems.push({ field: 'body.endDate', message: TEXT.beforeStart });
  else if (body.endDate < localDate(new Date())) problems.push({ field: 'body.endDate', message: TEXT.pastEnd });
  if (body.skills.reduce((n, s) => n + s.count, 0) > MAX_SEATS) {
    problems.push({ field: 'body.skills', message: TEXT.tooMany });
  }
  let units: { unitId: string; personId?: string }[] = [];
  if (body.units) {
    const seen = new Set<string>();
    for (const [i, u] of body.units.entries()) {
      const unit = await findUnit(deps.db, u.unitId);
      const field = `body.units[${i}].unitId`;
      if (unit?.orgId !== orgId) problems.push({ field, message: FIELD.noUnit });
      else if (concerned.includes(unit.id)) problems.push({ field, message: TEXT.recused });
      else if (zoneKnown && !tm.askable(unit, body.zoneId, concerned))
        problems.push({ field, message: TEXT.notMember });
      else if (seen.has(unit.id)) problems.push({ field, message: FIELD.listedTwice });
      seen.add(u.unitId);
      if (u.personId && (await findPerson(deps.db, u.personId))?.unitId !== u.unitId) {
        problems.push({ field: `body.units[${i}].personId`, message: TEXT.notOfUnit });
      }
    }
    units = body.units;
  } else if (zone && zoneKnown) {
    units = zone.units.filter((u) => tm.askable(u, body.zoneId, concerned)).map((u) => ({ unitId: u.id }));
    if (units.length === 0) problems.push({ field: 'body.zoneId', message: TEXT.noneToAsk });
  }
  if (problems.length > 0) {
    const why = said('办案组的协作区、单位或人员有误', 'The zone, a unit or a person of the case team is wrong');
    throw new AppError('unknown-reference', 422, why, problems);
  }
  return units;
}

/** The office opens a collaboration request (组建办案组): the workflow sends each asked unit its secondment request. */
export async function openCaseTeam(deps: AppDeps, caller: Caller, body: OpenCaseTeamBody, idempotencyKey?: string) {
  await authoriseFunction(deps, caller, 'caseTeam.open', { type: 'caseTeam' });
  let units: { unitId: string; personId?: string }[];
  try {
    units = await unitsToAsk(deps, caller.identity.orgId, body);
  } catch (err) {
    if (err instanceof AppError) await auditRefusal(deps, caller, 'caseTeam.open', { type: 'caseTeam' }, err.message);
    throw err;
  }
  const teamId = instanceId('ct', 'case-team\n', caller, idempotencyKey);
  const input: CaseTeamInput = {
    teamId,
    orgId: caller.identity.orgId,
    zoneId: body.zoneId,
    caseRef: body.caseRef.trim(),
    skills: body.skills,
    concernedUnitIds: body.concernedUnitIds ?? [],
    startDate: body.startDate,
    endDate: body.endDate,
    seats: tm.dealSeats(teamId, body.skills, units),
    policy: collaborationOf().caseTeams,
    openedBy: actorOf(caller),
  };
  const workflowId = tm.caseTeamWorkflowId(teamId);
  const start = { taskQueue: deps.taskQueue, workflowType: 'caseTeam', workflowId, input };
  const status = await startRecorded(deps.temporal, start, tm.caseTeamRecorded);
  return {
    id: teamId,
    workflowId,
    state: status?.state ?? 'OPEN',
    secondments: input.seats.map((s) => ({
      id: s.secondmentId,
      unitId: s.unitId,
      skill: s.skill,
      dueAt: status?.secondments.find((x) => x.secondmentId === s.secondmentId)?.dueAt ?? null,
    })),
  };
}

const teamSummary = ({ workflowId: _w, memberIds: _m, ...t }: CaseTeamRow) => t;

/** The case teams the caller may read (the office: all; a person: those they serve on); the read is audited. */
export async function findCaseTeams(
  deps: AppDeps,
  caller: Caller,
  filter: CaseTeamFilter,
  page: { limit: number; offset: number },
) {
  await authoriseFunction(deps, caller, 'caseTeam.read', { type: 'caseTeam' });
  const office = caller.identity.roles.includes('OFFICE');
  const memberId = office ? undefined : caller.identity.personId;
  const { items, total } = await listCaseTeams(deps.db, caller.identity.orgId, memberId, filter, page);
  await auditRead(deps, caller, 'caseTeam.read', { type: 'caseTeam' }, { ids: items.map((t) => t.id) });
  return { items: items.map(teamSummary), total, ...page };
}

/** A seat as the office, its unit or its person reads it: never the case reference (the row has none). */
const seatView = (caller: Caller) => (s: SecondmentRow) => {
  const { workflowId: _w, orgId: _o, ...rest } = s;
  return { ...rest, actions: actionsFor(caller, SECONDMENT, s) };
};

/** A case team with its roster and timeline (the office also sees the seats still open). */
export async function getCaseTeam(deps: AppDeps, caller: Caller, teamId: string) {
  const found = await visible(deps, caller, CASE_TEAM, teamId, 'caseTeam.read');
  const office = caller.identity.roles.includes('OFFICE');
  const seats = (await listTeamSecondments(deps.db, teamId)).filter(
    (s) => office || s.state === 'CONFIRMED' || s.state === 'RELEASED',
  );
  return {
    ...teamSummary(found),
    actions: actionsFor(caller, CASE_TEAM, found),
    secondments: seats.map(seatView(caller)),
    timeline: await readCaseTeamTimeline(deps.db, teamId),
  };
}

/** The secondments the caller may read (the office: all; a unit: those asked of it or naming the caller); audited. */
export async function findSecondments(
  deps: AppDeps,
  caller: Caller,
  filter: SecondmentFilter,
  page: { limit: number; offset: number },
) {
  await authoriseFunction(deps, caller, 'secondment.read', { type: 'secondment' });
  const { identity } = caller;
  const mine = identity.roles.includes('OFFICE') ? undefined : { unitId: identity.unitId, personId: identity.personId };
  const { items, total } = await listSecondments(deps.db, identity.orgId, mine, filter, page);
  await auditRead(deps, caller, 'secondment.read', { type: 'secondment' }, { ids: items.map((s) => s.id) });
  return { items: items.map(seatView(caller)), total, ...page };
}

/** One secondment with its own entries of the team's timeline. */
export async function getSecondment(deps: AppDeps, caller: Caller, id: string) {
  const found = await visible(deps, caller, SECONDMENT, id, 'secondment.read');
  return { ...seatView(caller)(found), timeline: await readCaseTeamTimeline(deps.db, found.teamId, [id]) };
}

/** Where a seat stands after an action. */
const seatAnswer = (id: string) => (status: CaseTeamStatus) => {
  const s = status.secondments.find((x) => x.secondmentId === id)!;
  return { id, state: s.state, round: s.round, personId: s.personId, dueAt: s.dueAt, late: s.late };
};

/** The unit names a person of its own (or proposes another than the office asked for, with a reason). */
export async function nominate(deps: AppDeps, caller: Caller, id: string, body: { personId: string; reason?: string }) {
  const found = await visible(deps, caller, SECONDMENT, id, 'secondment.nominate');
  const person = await findPerson(deps.db, body.personId);
  if (person?.orgId !== caller.identity.orgId) {
    await auditRefusal(deps, caller, 'secondment.nominate', { type: 'secondment', id }, 'unknown person');
    throw new AppError('unknown-reference', 422, said('人员不存在', 'No such person'), [
      { field: 'body.personId', message: FIELD.noPerson },
    ]);
  }
  const args = { secondmentId: id, person: { personId: person.id, unitId: person.unitId }, reason: body.reason };
  return seatAnswer(id)(await actOn(deps, caller, SECONDMENT, found, 'secondment.nominate', tm.nominate, args));
}

export async function confirmSecondment(deps: AppDeps, caller: Caller, id: string) {
  const found = await visible(deps, caller, SECONDMENT, id, 'secondment.confirm');
  const args = { secondmentId: id };
  return seatAnswer(id)(await actOn(deps, caller, SECONDMENT, found, 'secondment.confirm', tm.confirmSecondment, args));
}

export async function rejectSecondment(deps: AppDeps, caller: Caller, id: string, body: { reason: string }) {
  const found = await visible(deps, caller, SECONDMENT, id, 'secondment.reject');
  const args = { secondmentId: id, reason: body.reason };
  return seatAnswer(id)(await actOn(deps, caller, SECONDMENT, found, 'secondment.reject', tm.rejectSecondment, args));
}

/** The person named declares a conflict (声明回避): off the team, the unit asked again. */
export async function declareConflict(deps: AppDeps, caller: Caller, id: string, body: { reason: string }) {
  const found = await visible(deps, caller, SECONDMENT, id, 'secondment.declareConflict');
  const args = { secondmentId: id, reason: body.reason };
  const update = tm.declareConflict;
  return seatAnswer(id)(await actOn(deps, caller, SECONDMENT, found, 'secondment.declareConflict', update, args));
}

const teamAnswer = (s: CaseTeamStatus) => ({
  id: s.teamId,
  state: s.state,
  endDate: s.endDate,
  endAt: s.endAt,
  releasedAt: s.releasedAt,
});

export async function extendCaseTeam(
  deps: AppDeps,
  caller: Caller,
  id: string,
  body: { endDate: string; reason: string },
) {
  const found = await visible(deps, caller, CASE_TEAM, id, 'caseTeam.extend');
  return teamAnswer(await actOn(deps, caller, CASE_TEAM, found, 'caseTeam.extend', tm.extendTeam, body));
}

export async function releaseCaseTeam(deps: AppDeps, caller: Caller, id: string, body: { reason: string }) {
  const found = await visible(deps, caller, CASE_TEAM, id, 'caseTeam.release');
  return teamAnswer(await actOn(deps, caller, CASE_TEAM, found, 'caseTeam.release', tm.releaseTeam, body));
}
