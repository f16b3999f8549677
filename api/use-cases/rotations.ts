import type { UpdateDefinition } from '@temporalio/client';
import { loadCollaboration, type CollaborationConfig } from '../../config/collaboration';
import {
  findTrainee,
  listRotations,
  readRotationRecord,
  readRotationTimeline,
  readWindows,
  type RotationRow,
  type WindowRow,
} from '../../db/queries/rotation-read';
import { findPerson, findUnit } from '../../db/queries/organisation-read';
import * as rm from '../../procedures/rotation/messages';
import type { Actor } from '../../procedures/task/messages';
import type { RotationInput, RotationStatus } from '../../procedures/rotation/messages';
import { isDate, overlaps, windowDatesProblem } from '../../procedures/rotation/windows';
import { localDate } from '../../procedures/time/working-days';
import { actorOf, auditRead, auditRefusal, authorise, authoriseFunction, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, said, type FieldProblem } from '../errors';
import { FIELD } from '../field-texts';
import type { Action } from '../policy';
import { startRecorded } from './act';
import { actionsFor, actOn, findVisible, listScopeOf, ROTATION, visible } from './instances';

let shipped: CollaborationConfig | undefined;
/** The rotation policy of config/collaboration.yaml (read once). */
export const rotationPolicy = () => (shipped ??= loadCollaboration()).rotation;

const RESPONSIBLE = ['DEPARTMENT', 'TOWN', 'VILLAGE'];

export interface CreateRotationBody {
  year: number;
  windows: { personId: string; unitId: string; start: string; end: string }[];
  /** The units confirm by 24:00 of this date … */
  confirmBy?: string;
  /** … or of this working day after today (default: the policy's). */
  confirmWorkingDays?: number;
}

const fieldText = (zh: string, en: string) => said(zh, en);

/** Every problem of a plan at once: people of their units, responsible units, 2–6 months ahead, no overlap. */
async function planProblems(deps: AppDeps, orgId: string, body: CreateRotationBody): Promise<FieldProblem[]> {
  const policy = rotationPolicy();
  const today = localDate(new Date());
  const problems: FieldProblem[] = [];
  for (const [i, w] of body.windows.entries()) {
    const at = `body.windows[${i}]`;
    const unit = await findUnit(deps.db, w.unitId);
    if (unit?.orgId !== orgId) problems.push({ field: `${at}.unitId`, message: FIELD.noUnit });
    else if (!RESPONSIBLE.includes(unit.kind)) problems.push({ field: `${at}.unitId`, message: FIELD.notResponsible });
    const person = await findPerson(deps.db, w.personId);
    if (person?.orgId !== orgId) problems.push({ field: `${at}.personId`, message: FIELD.noPerson });
    else if (person.unitId !== w.unitId) {
      problems.push({ field: `${at}.personId`, message: fieldText('不是该单位的人员', 'not a person of that unit') });
    }
    const dates = windowDatesProblem(w, today, policy);
    if (dates) {
      problems.push({
        field: `${at}.${dates.field}`,
        message: fieldText(dates.text, 'the window is not within policy'),
      });
    } else {
      const clash = body.windows.findIndex((o, j) => j < i && o.personId === w.personId && overlaps(o, w));
      if (clash >= 0) {
        problems.push({
          field: `${at}.start`,
          message: fieldText(
            `与第${clash + 1}个时段重叠（同一人员）`,
            `overlaps window ${clash + 1} of the same person`,
          ),
        });
      }
    }
  }
  if (body.confirmBy !== undefined && (!isDate(body.confirmBy) || body.confirmBy < today)) {
    problems.push({
      field: 'body.confirmBy',
      message: fieldText('确认期限应为今天或以后的日期', 'a date from today on'),
    });
  }
  if (body.confirmBy !== undefined && body.confirmWorkingDays !== undefined) {
    problems.push({
      field: 'body.confirmWorkingDays',
      message: fieldText('确认期限只能给出日期或工作日数之一', 'give either confirmBy or confirmWorkingDays'),
    });
  }
  return problems;
}

/** The office makes the year's plan: one per organisation and year (409 when it exists). */
export async function createRotation(deps: AppDeps, caller: Caller, body: CreateRotationBody) {
  const action: Action = 'rotation.create';
  await authoriseFunction(deps, caller, action, { type: 'rotation' });
  const { orgId } = caller.identity;
  const planId = rm.rotationPlanId(orgId, body.year);
  const problems = await planProblems(deps, orgId, body);
  if (problems.length > 0) {
    await auditRefusal(deps, caller, action, { type: 'rotation', id: planId }, 'invalid windows');
    throw new AppError('invalid-plan', 422, said('轮训计划有误', 'The rotation plan has problems'), problems);
  }
  if (await ROTATION.find(deps.db, planId)) {
    await auditRefusal(deps, caller, action, { type: 'rotation', id: planId }, 'plan exists');
    throw AppError.conflict(said(`${body.year}年度轮训计划已经制定`, `The rotation plan of ${body.year} exists`));
  }
  const policy = rotationPolicy();
  const input: RotationInput = {
    planId,
    orgId,
    year: body.year,
    windows: body.windows.map((w, i) => ({ windowId: `w${i + 1}`, ...w })),
    confirmBy:
      body.confirmBy !== undefined
        ? { date: body.confirmBy }
        : { workingDays: body.confirmWorkingDays ?? policy.confirmWorkingDays },
    policy,
    createdBy: actorOf(caller),
  };
  const workflowId = rm.rotationWorkflowId(orgId, body.year);
  const start = { taskQueue: deps.taskQueue, workflowType: 'rotationPlan', workflowId, input };
  const status = await startRecorded(deps.temporal, start, rm.rotationRecorded);
  return { id: planId, workflowId, state: status?.state ?? 'OPEN', dueAt: status?.dueAt ?? null };
}

const planOf = ({ unitIds: _u, unitLeaderIds: _l, ...r }: RotationRow) => r;

/** The plans the caller may see, each with the windows in their scope. */
export async function findRotations(
  deps: AppDeps,
  caller: Caller,
  filter: { year?: number },
  page: { limit: number; offset: number },
) {
  const scope = listScopeOf(caller);
  const found = await findVisible(deps, caller, ROTATION, page, (s) => listRotations(deps.db, s, filter, page), planOf);
  const windows = await readWindows(
    deps.db,
    found.items.map((r) => r.id),
    scope,
  );
  return { ...found, items: found.items.map((r) => ({ ...r, windows: windows.filter((w) => w.planId === r.id) })) };
}

/** A plan with the windows in the caller's scope, the actions they may take, and its timeline (of those windows). */
export async function getRotation(deps: AppDeps, caller: Caller, planId: string) {
  const found = await visible(deps, caller, ROTATION, planId, 'rotation.read');
  const scope = listScopeOf(caller);
  const windows = await readWindows(deps.db, [planId], scope);
  const timeline = await readRotationTimeline(deps.db, planId, scope.wholeOrg ? 'ALL' : windows.map((w) => w.windowId));
  return { ...planOf(found), windows, actions: actionsFor(caller, ROTATION, found), timeline };
}

/** Where a window stands after an action. */
const answer = (status: RotationStatus, windowId: string) => ({
  planId: status.planId,
  state: status.state,
  window: status.windows.find((w) => w.windowId === windowId)!,
});

/** An action on one window of a plan, answered with where that window stands after it. */
const windowAction =
  <A extends { actor: Actor; windowId: string }>(action: Action, update: UpdateDefinition<RotationStatus, [A]>) =>
  async (deps: AppDeps, caller: Caller, planId: string, body: Omit<A, 'actor'>) => {
    const found = await visible(deps, caller, ROTATION, planId, action);
    return answer(await actOn(deps, caller, ROTATION, found, action, update, body), body.windowId);
  };

export const confirmRotationWindow = windowAction('rotation.confirm', rm.confirmWindow);

/** A unit asks to swap its window: the proposed person must be of the window's unit (422). */
export async function requestRotationSwap(
  deps: AppDeps,
  caller: Caller,
  planId: string,
  body: Omit<rm.RequestSwapInput, 'actor'>,
) {
  const found = await visible(deps, caller, ROTATION, planId, 'rotation.swapRequest');
  if (body.personId !== undefined) {
    const [window] = (await readWindows(deps.db, [planId], { orgId: found.orgId, wholeOrg: true })).filter(
      (w) => w.windowId === body.windowId,
    );
    const person = await findPerson(deps.db, body.personId);
    if (window && (person?.orgId !== found.orgId || person.unitId !== window.unitId)) {
      await auditRefusal(deps, caller, 'rotation.swapRequest', { type: 'rotation', id: planId }, 'person not of unit');
      throw new AppError('unknown-reference', 422, said('调换人选不是该单位的人员', 'The person is not of the unit'), [
        { field: 'body.personId', message: said('不是该单位的人员', 'not a person of that unit') },
      ]);
    }
  }
  return answer(
    await actOn(deps, caller, ROTATION, found, 'rotation.swapRequest', rm.requestSwap, body),
    body.windowId,
  );
}

export const decideRotationSwap = windowAction('rotation.swapDecision', rm.decideSwap);

export const endRotationWindow = windowAction('rotation.endEarly', rm.endWindow);

const windowView = ({
  planId,
  windowId,
  start,
  end,
  state,
  unitId,
  unitName,
  startedAt,
  endedAt,
  endReason,
}: WindowRow) => ({
  planId,
  windowId,
  unitId,
  unitName,
  start,
  end,
  state,
  startedAt,
  endedAt,
  endReason,
});

/**
 * A trainee's record (轮训记录): their windows and the case teams they joined within them. The office and the trainee
 * see the case references; the unit, its leader and the group the number of cases only. Every read is audited.
 */
export async function getRotationRecord(deps: AppDeps, caller: Caller, personId: string) {
  const action: Action = 'rotationRecord.read';
  const ref = { type: 'rotationRecord', id: personId };
  const missing = said('人员不存在', 'There is no such person');
  const trainee = await findTrainee(deps.db, personId);
  if (!trainee) {
    await auditRefusal(deps, caller, action, ref, 'no such person');
    throw AppError.notFound(missing);
  }
  await authorise(
    deps,
    caller,
    action,
    {
      type: 'rotationRecord',
      orgId: trainee.orgId,
      personId,
      unitId: trainee.unitId,
      unitLeaderId: trainee.unitLeaderId,
    },
    ref,
    missing,
  );
  const needToKnow = caller.identity.roles.includes('OFFICE') || caller.identity.personId === personId;
  const { windows, teams } = await readRotationRecord(deps.db, personId);
  await auditRead(deps, caller, action, ref, { caseRefs: needToKnow });
  return {
    personId,
    personName: trainee.name,
    unitId: trainee.unitId,
    unitName: trainee.unitName,
    caseRefsShown: needToKnow,
    windows: windows.map((w) => {
      const mine = teams.filter((t) => t.planId === w.planId && t.windowId === w.windowId);
      return {
        ...windowView(w),
        caseCount: new Set(mine.map((t) => t.teamId)).size,
        cases: needToKnow
          ? mine.map(({ teamId, caseRef, joinedAt, releasedAt }) => ({ teamId, caseRef, joinedAt, releasedAt }))
          : null,
      };
    }),
  };
}
