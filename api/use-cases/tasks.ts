import type { UpdateDefinition } from '@temporalio/client';
import type { z } from 'zod';
import { findCycle } from '../../db/queries/cycles';
import { findPerson, findUnit, organisationName, unitNameAt } from '../../db/queries/organisation-read';
import {
  findTask,
  listSubTasks,
  listTasks,
  type TaskFilter,
  type TaskRow,
  type TaskSort,
} from '../../db/queries/task-read';
import { appendAudit } from '../../db/queries/audit';
import { subTaskId, subTaskProblems, type UnitFacts } from '../../procedures/task/cascade';
import { listTaskTimeline } from '../../db/queries/tasks';
import { stepFiles } from './attachments';
import { noticeReachByStep } from '../../db/queries/notice-deliveries';
import {
  taskRecorded,
  taskWorkflowId,
  type Actor,
  type TaskInput,
  type TaskStatus,
} from '../../procedures/task/messages';
import { actorOf, auditActorOf, auditingRefusals, auditRefusal, authoriseFunction, type Caller } from '../authorise';
import type { ListScope } from '../../db/queries/read-page';
import type { AppDeps } from '../deps';
import { instanceId, startRecorded } from './act';
import { actionsFor, actOn, findVisible, TASK, visible } from './instances';
import { AppError, said, type FieldProblem, type Said } from '../errors';
import { localDate } from '../../procedures/time/working-days';
import { SEVERITY_LABEL, URGING_KINDS, type UrgingSlip } from '../../render/urging-slip';
import { decide, type Action } from '../policy';
import type {
  createTaskBody,
  handlerBody,
  reassignBody,
  refusalRulingBody,
  refuseBody,
  subtasksBody,
} from '../schemas';
import { withRemainingWorkingDays } from './remaining-days';
import { FIELD, ONE_TIME_LIMIT, TASK_TEXT } from '../field-texts';
import { taskPoliciesOf } from './task-policies';
import { checkNewTaskMilestones } from './task-milestones';

/**
 * Units and leader of a task must exist in the caller's organisation (422 naming the field otherwise). `at`: where
 * the assignment is in the request, e.g. `body.resolutions[1]` for a meeting's resolution.
 */
export async function checkAssignment(
  deps: AppDeps,
  orgId: string,
  a: { leadUnitId: string; coUnitIds: string[]; leaderId: string },
  at = 'body',
): Promise<void> {
  const problems: FieldProblem[] = [];
  // An enforcement or audit body works with the commission on cases; it is never a responsible unit of a task.
  const responsible = async (unitId: string) => {
    const unit = await findUnit(deps.db, unitId);
    return unit?.orgId !== orgId ? FIELD.noUnit : unit.kind === 'ENFORCEMENT' ? FIELD.notResponsible : null;
  };
  const lead = await responsible(a.leadUnitId);
  if (lead) problems.push({ field: `${at}.leadUnitId`, message: lead });
  for (const [i, unitId] of a.coUnitIds.entries()) {
    if (unitId === a.leadUnitId) {
      problems.push({
        field: `${at}.coUnitIds[${i}]`,
        message: FIELD.leadAlsoCo,
      });
    } else if (a.coUnitIds.indexOf(unitId) !== i) {
      problems.push({ field: `${at}.coUnitIds[${i}]`, message: FIELD.listedTwice });
    } else {
      const co = await responsible(unitId);
      if (co) problems.push({ field: `${at}.coUnitIds[${i}]`, message: co });
    }
  }
  const leader = await findPerson(deps.db, a.leaderId);
  if (leader?.orgId !== orgId) problems.push({ field: `${at}.leaderId`, message: FIELD.noPerson });
  else if (!leader.roles.includes('LEADER')) problems.push({ field: `${at}.leaderId`, message: FIELD.notLeader });
  // Well-formed but naming what does not exist: 422, so 400 stays "the request itself is malformed".
  if (problems.length > 0) {
    throw new AppError('unknown-reference', 422, TASK_TEXT.unknownParty, problems);
  }
}

/**
 * The task-creation path without the start: authorised and checked (422 naming every field), the input a supervised
 * task's workflow starts with. `salt` keeps the ids of tasks made through other procedures (a submission's) apart.
 */
export async function prepareTask(
  deps: AppDeps,
  caller: Caller,
  body: z.output<typeof createTaskBody>,
  idempotencyKey: string | undefined,
  now: Date,
  salt = '',
  at = 'body',
): Promise<TaskInput> {
  await authoriseFunction(deps, caller, body.historical ? 'task.import' : 'task.create', { type: 'task' });
  const { orgId, personId } = caller.identity;
  const policy = (await taskPoliciesOf(deps, orgId)).get(body.type);
  if (!policy) {
    throw new AppError('unknown-reference', 422, TASK_TEXT.noTaskType, [
      { field: `${at}.type`, message: FIELD.noTaskType },
    ]);
  }
  if ((body.dueDate === undefined) === (body.workingDays === undefined)) {
    throw new AppError('invalid-time-limit', 422, ONE_TIME_LIMIT, [
      { field: `${at}.dueDate`, message: FIELD.oneTimeLimit },
    ]);
  }
  checkTimeLimit(body, now, at);
  await checkAssignment(deps, orgId, body, at);
  await checkNewTaskMilestones(deps, orgId, body, now, at);
  if (body.cycleId) {
    // A task added during the year joins an open cycle of the caller's organisation.
    const cycle = await findCycle(deps.db, body.cycleId);
    if (cycle?.orgId !== orgId || cycle.phase === 'CLOSED') {
      const closed = cycle?.orgId === orgId;
      throw new AppError('unknown-reference', 422, closed ? TASK_TEXT.cycleEnded : TASK_TEXT.noCycle, [
        { field: `${at}.cycleId`, message: closed ? FIELD.cycleClosed : FIELD.noCycle },
      ]);
    }
  }
  const taskId = instanceId('t', salt, caller, idempotencyKey);
  const input: TaskInput = {
    taskId,
    orgId,
    title: body.title,
    leadUnitId: body.leadUnitId,
    coUnitIds: body.coUnitIds,
    leaderId: body.leaderId,
    requirements: body.requirements,
    standard: body.standard,
    limit: body.dueDate ? { kind: 'DATE', date: body.dueDate } : { kind: 'WORKING_DAYS', days: body.workingDays ?? 1 },
    policy,
    assignedAt: now.toISOString(),
    cycleId: body.cycleId ?? null,
    createdBy: personId,
    actor: actorOf(caller),
    ...(body.historical ? { historical: true } : {}),
    ...(body.milestones?.length ? { milestones: body.milestones } : {}),
    ...(body.instruction ? { instruction: body.instruction } : {}),
    ...(body.namedSupervision ? { namedSupervision: body.namedSupervision } : {}),
  };
  return input;
}

/**
 * The office assigns a supervised task: its workflow records it and supervises it from then on. `now`: the moment of
 * assignment, the API's clock (a test of a lapsed limit assigns at an earlier moment, as the days since would have).
 */
export async function createTask(
  deps: AppDeps,
  caller: Caller,
  body: z.output<typeof createTaskBody>,
  idempotencyKey?: string,
  now = new Date(),
) {
  const input = await prepareTask(deps, caller, body, idempotencyKey, now);
  const { taskId } = input;
  const workflowId = taskWorkflowId(taskId);
  // The same Idempotency-Key again after a lost answer joins the task already started.
  const start = { taskQueue: deps.taskQueue, workflowType: 'supervisedTask', workflowId, input };
  const status = await startRecorded(deps.temporal, start, taskRecorded);
  return {
    id: taskId,
    workflowId,
    dueDate: status?.dueDate ?? body.dueDate ?? null,
    provisional: status?.provisional ?? false,
  };
}

/**
 * A limit that has passed already would escalate within seconds, open a case and lower a score for a lapse nobody
 * could have avoided: a new task's date is today or later (it ends 24:00). Only an import (补录) may name a past
 * date, and only a date: a number of working days counts from today.
 */
export function checkTimeLimit(
  limit: { dueDate?: string; workingDays?: number; historical?: boolean },
  now: Date,
  at = 'body',
): void {
  const field = `${at}.dueDate`;
  if (limit.historical && limit.dueDate === undefined) {
    const message = said('补录历史任务须给出原定工作时限日期', 'an imported task needs its original due date');
    throw new AppError('invalid-time-limit', 422, message, [
      { field, message: said('补录历史任务时必填', 'required when importing a historical task') },
    ]);
  }
  if (limit.historical) return;
  // Only a task body may be an import; a meeting's resolution is decided now.
  const hint = 'historical' in limit ? IMPORT_HINT : undefined;
  refusePastDate(limit.dueDate, field, now, hint);
}

const IMPORT_HINT = said(
  '；补录已届满的历史任务请设 historical 为 true',
  '; to import a past task set historical to true',
);

/** A time limit a caller sets (a task's, a rework's) is today or later: 422 naming `field` otherwise. */
export function refusePastDate(date: string | undefined, field: string, now = new Date(), hint?: Said): void {
  const today = localDate(now);
  if (date === undefined || date >= today) return;
  throw new AppError(
    'invalid-time-limit',
    422,
    said(`工作时限${date}早于今天（${today}）`, `the time limit ${date} is before today (${today})`),
    [
      {
        field,
        message: said(
          `不能早于今天（${today}）${hint?.zh ?? ''}`,
          `must be today (${today}) or later${hint?.en ?? ''}`,
        ),
      },
    ],
  );
}

/**
 * A task with its timeline, if the caller's scope includes it. The office, who reads the deliveries, also reads on
 * each entry who its notice reached: read or not, and each channel's delivery (`notices`).
 */
export async function getTask(deps: AppDeps, caller: Caller, taskId: string) {
  const row = await visible(deps, caller, TASK, taskId, 'task.read');
  const { unitLeaderIds: _scope, ...task } = row;
  const [counted] = await withRemainingWorkingDays(deps.db, task.orgId, [task]);
  const office = decide(caller.identity, 'delivery.read', { type: 'organisation', orgId: task.orgId }) === 'ALLOW';
  const [timeline, reach, subtasks, files] = await Promise.all([
    listTaskTimeline(deps.db, taskId),
    office ? noticeReachByStep(deps.db, task.orgId, task.workflowId) : undefined,
    listSubTasks(deps.db, taskId),
    stepFiles(deps, task.orgId, task.workflowId),
  ]);
  return {
    ...(counted ?? { ...task, remainingWorkingDays: null }),
    actions: actionsFor(caller, TASK, row),
    subtasks,
    timeline: timeline.map((e) => ({
      ...e,
      ...(reach ? { notices: reach.get(e.step) ?? [] } : {}),
      ...files(e.step),
      ...((URGING_KINDS as readonly string[]).includes(e.kind)
        ? { slip: `/v1/tasks/${encodeURIComponent(taskId)}/urgings/${encodeURIComponent(e.step)}/slip` }
        : {}),
    })),
  };
}

/**
 * The printable slip (督办单) of one urging of a task, by its timeline step: scoped exactly as the task (404 for a task
 * the caller may not see, and for a step that is no urging).
 */
export async function urgingSlipOf(deps: AppDeps, caller: Caller, taskId: string, step: string): Promise<UrgingSlip> {
  const task = await getTask(deps, caller, taskId);
  const entry = task.timeline.find((e) => e.step === step && (URGING_KINDS as readonly string[]).includes(e.kind));
  if (!entry) throw new AppError('not-found', 404, said('没有这次督办', 'There is no such urging of the task'));
  // A document of its day: the unit under the name it had when the urging was issued (a rename since keeps it).
  const [unit, unitName, leader, org] = await Promise.all([
    findUnit(deps.db, task.leadUnitId),
    unitNameAt(deps.db, task.leadUnitId, entry.at),
    findPerson(deps.db, task.leaderId),
    organisationName(deps.db, task.orgId),
  ]);
  const head = unit?.headId ? await findPerson(deps.db, unit.headId) : undefined;
  const issuedOn = localDate(new Date(entry.at));
  return {
    orgName: org,
    number: `督〔${issuedOn.slice(0, 4)}〕${task.id}-${entry.step.split('-')[0]}`,
    kind: entry.kind as UrgingSlip['kind'],
    unitName: unitName ?? task.leadUnitId,
    headName: head?.name ?? null,
    leaderName: leader?.name ?? null,
    title: task.title,
    requirements: task.requirements,
    standard: task.standard,
    assignedOn: localDate(new Date(task.createdAt)),
    dueDate: task.dueDate,
    overdueDays: Math.max(0, -(task.remainingWorkingDays ?? 0)),
    text: entry.message,
    issuedOn,
    named: task.supervision?.named ?? false,
    ...(task.instruction
      ? { instruction: `${task.instruction.by}批示（${SEVERITY_LABEL[task.instruction.severity]}）` }
      : {}),
  };
}

/** The tasks the caller may see, filtered, sorted and a page at a time. */
export async function findTasks(
  deps: AppDeps,
  caller: Caller,
  filter: TaskFilter,
  sort: { by: TaskSort; order: 'asc' | 'desc' },
  page: { limit: number; offset: number },
) {
  const list = (scope: ListScope) => listTasks(deps.db, scope, filter, sort, page);
  const found = await findVisible(deps, caller, TASK, page, list, ({ unitLeaderIds: _scope, ...t }) => t);
  return { ...found, items: await withRemainingWorkingDays(deps.db, caller.identity.orgId, found.items) };
}

/**
 * Performs one human action on a task: authorised by the policy (403/404), its input's references checked by
 * `check` once the task is found (a 422 never answers for a task the caller may not see), sent to the workflow as an
 * Update whose validator decides whether the task's state allows it (409 with the workflow's reason).
 */
export async function actOnTask<A extends { actor: Actor }>(
  deps: AppDeps,
  caller: Caller,
  taskId: string,
  { action, update }: { action: Action; update: UpdateDefinition<TaskStatus, [A]> },
  args: Omit<A, 'actor'>,
  check?: (task: TaskRow) => Promise<Partial<Omit<A, 'actor'>> | void>,
) {
  const task = await visible(deps, caller, TASK, taskId, action);
  let checked: Partial<Omit<A, 'actor'>> | void;
  try {
    checked = await check?.(task);
  } catch (err) {
    // A body refused for what it names (422) is a refused mutation like any other: audited.
    if (err instanceof AppError) await auditRefusal(deps, caller, action, { type: 'task', id: taskId }, err.message);
    throw err;
  }
  const status = await actOn(deps, caller, TASK, task, action, update, { ...args, ...checked });
  return {
    taskId: status.taskId,
    state: status.state,
    light: status.light,
    dueDate: status.dueDate ?? null,
    rung: status.rung,
    provisional: status.provisional,
    pendingExtension: status.pendingExtension,
  };
}

/**
 * The office's own extension (延期) names a date not in the past and later than the task's deadline in force: a 422
 * naming `body.newDueDate` otherwise (the workflow refuses it too, should the deadline have moved meanwhile).
 */
export async function checkOfficeExtension(deps: AppDeps, taskId: string, newDueDate: string): Promise<void> {
  refusePastDate(newDueDate, 'body.newDueDate');
  const task = await findTask(deps.db, taskId);
  if (task?.dueDate && newDueDate <= task.dueDate) {
    throw new AppError(
      'invalid-time-limit',
      422,
      said(
        `新的工作时限须晚于现有工作时限（${task.dueDate}）`,
        `the new time limit must be later than the one in force (${task.dueDate})`,
      ),
      [
        {
          field: 'body.newDueDate',
          message: said(`须晚于${task.dueDate}`, `must be later than ${task.dueDate}`),
        },
      ],
    );
  }
}

/** Reassignment (改派) names new units and a leader, which must exist like those of a new task. */
export async function checkReassignment(deps: AppDeps, caller: Caller, body: z.output<typeof reassignBody>) {
  await checkAssignment(deps, caller.identity.orgId, body);
}

/**
 * A refusal (退单) names the unit believed responsible: a responsible unit of the caller's organisation (not an
 * enforcement or audit body), 422 naming `body.responsibleUnitId` otherwise.
 */
export async function checkRefusal(deps: AppDeps, caller: Caller, body: z.output<typeof refuseBody>) {
  const unit = await findUnit(deps.db, body.responsibleUnitId);
  const problem =
    unit?.orgId !== caller.identity.orgId
      ? FIELD.noUnit
      : unit.kind === 'ENFORCEMENT' || unit.kind === 'OFFICE' || unit.kind === 'GROUP'
        ? FIELD.notResponsible
        : unit.id === caller.identity.unitId
          ? said('应为本单位以外的单位', 'must be a unit other than your own')
          : null;
  if (problem) {
    throw new AppError('unknown-reference', 422, TASK_TEXT.unknownParty, [
      { field: 'body.responsibleUnitId', message: problem },
    ]);
  }
}

/** A handler (承办人) is an active person of the naming unit: 422 naming `body.handlerId` otherwise. */
export async function checkHandler(deps: AppDeps, caller: Caller, body: z.output<typeof handlerBody>) {
  const person = await findPerson(deps.db, body.handlerId);
  if (person?.orgId !== caller.identity.orgId || person.unitId !== caller.identity.unitId) {
    throw new AppError('unknown-reference', 422, TASK_TEXT.unknownParty, [
      { field: 'body.handlerId', message: said('须为本单位的在职人员', 'must be an active person of your unit') },
    ]);
  }
}

/** A ruling that reassigns names (or keeps) units and a leader that must exist like those of a new task. */
export async function checkRefusalRuling(deps: AppDeps, caller: Caller, body: z.output<typeof refusalRulingBody>) {
  const problems: FieldProblem[] = [];
  if (body.ruling === 'INSIST') {
    for (const field of ['leadUnitId', 'coUnitIds', 'leaderId'] as const) {
      if (body[field] !== undefined) {
        problems.push({ field: `body.${field}`, message: said('维持交办时不能指定', 'not allowed when insisting') });
      }
    }
    if (problems.length > 0) {
      throw new AppError(
        'invalid-ruling',
        422,
        said('维持交办的裁定不改变责任单位', 'insisting changes no unit'),
        problems,
      );
    }
    return;
  }
  const orgId = caller.identity.orgId;
  for (const [i, unitId] of [body.leadUnitId, ...(body.coUnitIds ?? [])].entries()) {
    if (unitId === undefined) continue;
    const unit = await findUnit(deps.db, unitId);
    const field = i === 0 ? 'body.leadUnitId' : `body.coUnitIds[${i - 1}]`;
    if (unit?.orgId !== orgId) problems.push({ field, message: FIELD.noUnit });
    else if (unit.kind === 'ENFORCEMENT') problems.push({ field, message: FIELD.notResponsible });
  }
  if (body.leaderId !== undefined) {
    const leader = await findPerson(deps.db, body.leaderId);
    if (leader?.orgId !== orgId) problems.push({ field: 'body.leaderId', message: FIELD.noPerson });
    else if (!leader.roles.includes('LEADER')) problems.push({ field: 'body.leaderId', message: FIELD.notLeader });
  }
  if (problems.length > 0) throw new AppError('unknown-reference', 422, TASK_TEXT.unknownParty, problems);
}

/**
 * Cascade (三级联动): the lead unit of a task (or the office) splits it into sub-tasks for the villages and communities
 * under it, each a supervised task of the village with its own time limit, not later than the parent's. A village
 * that has its sub-task already is answered with it (a retried request starts nothing twice); every other problem
 * is named at once (422).
 */
export async function splitTask(
  deps: AppDeps,
  caller: Caller,
  parentId: string,
  body: z.output<typeof subtasksBody>,
  now = new Date(),
) {
  const parent = await visible(deps, caller, TASK, parentId, 'task.split');
  return auditingRefusals(deps, caller, 'task.split', { type: 'task', id: parent.id }, () =>
    splitVisibleTask(deps, caller, parent, body, now),
  );
}

async function splitVisibleTask(
  deps: AppDeps,
  caller: Caller,
  parent: TaskRow,
  body: z.output<typeof subtasksBody>,
  now: Date,
) {
  if (parent.parentTaskId) {
    throw new AppError('conflict', 409, said('子任务不能再分解', 'A sub-task cannot be split again'));
  }
  if (!['ASSIGNED', 'SIGNED', 'IN_PROGRESS'].includes(parent.state) || !parent.dueDate) {
    throw new AppError(
      'conflict',
      409,
      said('任务已报结或已关闭，不能再分解到村（社区）', 'The task is submitted or closed and cannot be split'),
    );
  }
  const existing = new Map((await listSubTasks(deps.db, parent.id)).map((s) => [s.unitId, s]));
  const { rows } = await deps.db.query<UnitFacts & { name: string }>({
    text: `SELECT id, name, kind, parent_id AS "parentId", active FROM units WHERE org_id = $1 AND id = ANY ($2)`,
    values: [parent.orgId, body.subtasks.map((r) => r.unitId)],
  });
  const units = new Map(rows.map((u) => [u.id, u]));
  const problems = subTaskProblems(
    body.subtasks.map((r) => ({ unitId: r.unitId, dueDate: existing.get(r.unitId)?.dueDate ?? r.dueDate })),
    units,
    parent.leadUnitId,
    parent.dueDate,
    localDate(now),
  );
  const fields = Object.entries(problems).map(([field, message]) => ({ field, message }));
  if (fields.length > 0) {
    throw new AppError(
      'invalid-subtasks',
      422,
      said(`子任务有${fields.length}处问题`, `The sub-tasks have ${fields.length} problems`),
      fields,
    );
  }
  const policy = (await taskPoliciesOf(deps, parent.orgId)).get(parent.type);
  if (!policy) throw new AppError('conflict', 409, TASK_TEXT.noTaskType);

  const started = [];
  for (const r of body.subtasks) {
    const had = existing.get(r.unitId);
    if (had) {
      started.push({ id: had.id, unitId: r.unitId, dueDate: had.dueDate, created: false });
      continue;
    }
    const taskId = subTaskId(parent.id, r.unitId);
    const input: TaskInput = {
      taskId,
      orgId: parent.orgId,
      title: `${parent.title}（${units.get(r.unitId)?.name ?? r.unitId}）`,
      leadUnitId: r.unitId,
      coUnitIds: [],
      leaderId: parent.leaderId,
      requirements: r.requirements ?? parent.requirements,
      standard: r.standard ?? parent.standard,
      limit: { kind: 'DATE', date: r.dueDate },
      policy,
      assignedAt: now.toISOString(),
      cycleId: parent.cycleId,
      createdBy: caller.identity.personId,
      actor: actorOf(caller),
      parentTaskId: parent.id,
      parentLeadUnitId: parent.leadUnitId,
    };
    const start = {
      taskQueue: deps.taskQueue,
      workflowType: 'supervisedTask',
      workflowId: taskWorkflowId(taskId),
      input,
    };
    const status = await startRecorded(deps.temporal, start, taskRecorded);
    started.push({ id: taskId, unitId: r.unitId, dueDate: status?.dueDate ?? r.dueDate, created: true });
  }
  await appendAudit(deps.db, {
    ...auditActorOf(caller),
    action: 'task.split',
    objectType: 'task',
    objectId: parent.id,
    payload: { subtasks: started.map(({ id, unitId, created }) => ({ id, unitId, created })) },
    outcome: 'DONE',
  });
  return { subtasks: started };
}
