import { randomBytes } from 'node:crypto';
import {
  cancelAbsence,
  findAbsence,
  insertAbsence,
  listAbsences,
  orgToday,
  type Absence,
  type AbsenceScope,
} from '../../db/queries/absences';
import { appendAudit } from '../../db/queries/audit';
import { findPerson } from '../../db/queries/organisation-read';
import { inTransaction } from '../../db/transaction';
import { addCalendarDays } from '../../procedures/time/working-days';
import { auditActorOf, auditRefusal, authoriseFunction, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, said, type FieldProblem } from '../errors';

/** The longest absence one entry may cover: longer leave is entered again when it is known. */
export const MAX_ABSENCE_DAYS = 180;

const MISSING = said('请假记录不存在', 'There is no such absence');

/** The units the caller heads (units.head_id). */
async function headedUnits(deps: AppDeps, caller: Caller): Promise<string[]> {
  const { rows } = await deps.db.query<{ id: string }>({
    text: 'SELECT id FROM units WHERE head_id = $1 AND org_id = $2 AND active ORDER BY id',
    values: [caller.identity.personId, caller.identity.orgId],
  });
  return rows.map((r) => r.id);
}

/** Whose absences the caller sees: the office every one, a unit's head their unit's, anyone else their own. */
async function scopeOf(deps: AppDeps, caller: Caller): Promise<AbsenceScope> {
  if (caller.identity.roles.includes('OFFICE')) return { kind: 'ORG' };
  const headed = await headedUnits(deps, caller);
  if (headed.includes(caller.identity.unitId)) return { kind: 'UNIT', unitId: caller.identity.unitId };
  return { kind: 'PERSON', personId: caller.identity.personId };
}

const inScope = (scope: AbsenceScope, a: Absence) =>
  scope.kind === 'ORG' ||
  (scope.kind === 'UNIT' && a.unitId === scope.unitId) ||
  (scope.kind === 'PERSON' && (a.personId === scope.personId || a.deputyId === scope.personId));

/** The absences the caller may see that have not ended (`all`: past and cancelled ones too), earliest first. */
export async function findAbsences(deps: AppDeps, caller: Caller, all: boolean): Promise<{ items: Absence[] }> {
  await authoriseFunction(deps, caller, 'absence.read', { type: 'absence' });
  return { items: await listAbsences(deps.db, caller.identity.orgId, await scopeOf(deps, caller), all) };
}

/** One absence the caller may see; any other answers 404, as a missing one. */
export async function getAbsence(deps: AppDeps, caller: Caller, id: string): Promise<Absence> {
  const found = await findAbsence(deps.db, caller.identity.orgId, id);
  if (!found || !inScope(await scopeOf(deps, caller), found)) throw AppError.notFound(MISSING);
  await authoriseFunction(deps, caller, 'absence.read', { type: 'absence', id });
  return found;
}

export interface AbsenceBody {
  personId?: string;
  deputyId: string;
  from: string;
  to: string;
  reason: string;
}

/**
 * Records an absence: the caller's own (by default), or, for the office, anyone's of the organisation, and for a unit's
 * head, anyone's of their unit. The deputy is an active person of the same unit; the absence starts today or later,
 * ends on or after its start and within MAX_ABSENCE_DAYS, and overlaps none of the person's (409). Every problem of the
 * body is named at once (422).
 */
export async function createAbsence(deps: AppDeps, caller: Caller, body: AbsenceBody): Promise<Absence> {
  await authoriseFunction(deps, caller, 'absence.update', { type: 'absence' });
  const { orgId } = caller.identity;
  const personId = body.personId ?? caller.identity.personId;
  const person = await findPerson(deps.db, personId);
  const scope = await scopeOf(deps, caller);
  const mayEnter =
    person?.orgId === orgId &&
    (personId === caller.identity.personId ||
      scope.kind === 'ORG' ||
      (scope.kind === 'UNIT' && person.unitId === scope.unitId));
  const problems: FieldProblem[] = [];
  // Someone the caller may not enter an absence for is named as if they did not exist.
  if (!mayEnter) problems.push({ field: 'body.personId', message: said('人员不存在', 'no such person') });
  const deputy = await findPerson(deps.db, body.deputyId);
  if (!deputy || deputy.orgId !== orgId || (mayEnter && deputy.unitId !== person!.unitId))
    problems.push({
      field: 'body.deputyId',
      message: said('须为请假人本单位的在职人员', 'must be an active person of the absent person’s unit'),
    });
  else if (deputy.id === personId)
    problems.push({ field: 'body.deputyId', message: said('不能指定本人为代理人', 'cannot be the absent person') });
  const today = await orgToday(deps.db, orgId);
  if (body.from < today)
    problems.push({
      field: 'body.from',
      message: said(`不能早于今天（${today}）`, `cannot be before today (${today})`),
    });
  if (body.to < body.from)
    problems.push({ field: 'body.to', message: said('不能早于开始日期', 'cannot be before the first day') });
  else if (body.to > addCalendarDays(body.from, MAX_ABSENCE_DAYS - 1))
    problems.push({
      field: 'body.to',
      message: said(`一次请假最长${MAX_ABSENCE_DAYS}天`, `an absence covers at most ${MAX_ABSENCE_DAYS} days`),
    });
  if (problems.length > 0) {
    const error = new AppError('invalid-absence', 422, said('请假信息有误', 'The absence is not valid'), problems);
    await auditRefusal(deps, caller, 'absence.update', { type: 'absence' }, problems.map((p) => p.field).join(', '));
    throw error;
  }
  const id = `ab-${randomBytes(6).toString('hex')}`;
  const written = await inTransaction(deps.db, async (client) => {
    const { overlaps } = await insertAbsence(client, {
      id,
      orgId,
      personId,
      deputyId: body.deputyId,
      from: body.from,
      to: body.to,
      reason: body.reason,
      createdBy: caller.identity.deputyId ?? caller.identity.personId,
    });
    if (!overlaps)
      await appendAudit(client, {
        ...auditActorOf(caller),
        action: 'absence.create',
        objectType: 'absence',
        objectId: id,
        payload: { personId, deputyId: body.deputyId, from: body.from, to: body.to },
        outcome: 'DONE',
      });
    return overlaps;
  });
  if (written) {
    const error = AppError.conflict(
      said(
        `与已有请假（${written.from}至${written.to}）时间重叠`,
        `It overlaps an absence already entered (${written.from} to ${written.to})`,
      ),
    );
    await auditRefusal(deps, caller, 'absence.update', { type: 'absence' }, error.message);
    throw error;
  }
  return (await findAbsence(deps.db, orgId, id))!;
}

/** Ends an absence early or withdraws it: the person, whoever entered it, their unit's head or the office. */
export async function endAbsence(deps: AppDeps, caller: Caller, id: string): Promise<Absence> {
  // An absence the caller may not see answers as a missing one, whatever their role.
  const found = await findAbsence(deps.db, caller.identity.orgId, id);
  const scope = await scopeOf(deps, caller);
  const me = caller.identity.personId;
  // A deputy sees the absence (it names them) but may not end it: that is the absent person's matter.
  const mayEnd =
    found && inScope(scope, found) && (found.personId === me || found.createdBy === me || scope.kind !== 'PERSON');
  if (!found || !inScope(scope, found)) {
    await auditRefusal(deps, caller, 'absence.update', { type: 'absence', id }, 'no such absence');
    throw AppError.notFound(MISSING);
  }
  await authoriseFunction(deps, caller, 'absence.update', { type: 'absence', id });
  if (!mayEnd) {
    const error = AppError.forbidden(
      said(
        '只有请假人、所在单位负责人或组织协调室可以取消请假',
        'Only the absent person, their unit’s head or the office may cancel an absence',
      ),
    );
    await auditRefusal(deps, caller, 'absence.update', { type: 'absence', id }, error.message);
    throw error;
  }
  if (found.status === 'CANCELLED' || found.status === 'OVER') {
    const error = AppError.conflict(
      found.status === 'CANCELLED'
        ? said('该请假已取消', 'The absence is cancelled already')
        : said('该请假已结束', 'The absence is over already'),
    );
    await auditRefusal(deps, caller, 'absence.update', { type: 'absence', id }, error.message);
    throw error;
  }
  await inTransaction(deps.db, async (client) => {
    if (await cancelAbsence(client, id, me))
      await appendAudit(client, {
        ...auditActorOf(caller),
        action: 'absence.cancel',
        objectType: 'absence',
        objectId: id,
        payload: { personId: found.personId, deputyId: found.deputyId },
        outcome: 'DONE',
      });
  });
  return (await findAbsence(deps.db, caller.identity.orgId, id))!;
}
