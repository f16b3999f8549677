import type { z } from 'zod';
import { z as zod } from 'zod';
import * as m from '../../procedures/task/messages';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import { defineRoute, type AnyRoute } from '../route';
import { actionRoute as procedureAction, createRoute, detailRoute, listRoute } from './action-route';
import * as s from '../schemas';
import { TASK_ACTIONS } from '../use-cases/instances';
import { filesForStep } from '../use-cases/attachments';
import { ownerOf } from '../use-cases/attachment-owners';
import { urgingSlipDocument } from '../../render/urging-slip';
import { documentRoutes } from './document-routes';
import {
  actOnTask,
  checkReassignment,
  checkHandler,
  checkRefusal,
  checkRefusalRuling,
  createTask,
  findTasks,
  getTask,
  refusePastDate,
  checkOfficeExtension,
  splitTask,
  urgingSlipOf,
} from '../use-cases/tasks';
import { taskPoliciesOf } from '../use-cases/task-policies';
import { filterOfView } from '../use-cases/saved-views';
import { authoriseFunction } from '../authorise';
import { checkTaskMilestones } from '../use-cases/task-milestones';
import type { SetMilestonesInput } from '../../procedures/task/milestones';

/** One human action on a task: POST /tasks/:id/<verb>, sent to the workflow as an Update. */
function actionRoute<B extends z.ZodObject, A extends { actor: m.Actor }>(
  deps: AppDeps,
  spec: {
    /** The machine's action: its policy action and route verb come from `TASK_ACTIONS`. */
    name: keyof typeof TASK_ACTIONS;
    summary: string;
    body: B;
    update: Parameters<typeof actOnTask<A>>[3]['update'];
    toArgs: (body: z.output<B>) => Omit<A, 'actor'>;
    before?: (body: z.output<B>, req: Parameters<typeof callerOf>[0], id: string) => Promise<void>;
    /** The action may be given files uploaded to the task beforehand (佐证材料): its body takes `attachmentIds`. */
    files?: true;
  },
): AnyRoute {
  const { action, verb } = TASK_ACTIONS[spec.name];
  const body = spec.files ? spec.body.extend({ attachmentIds: s.attachmentIds }) : spec.body;
  return procedureAction({
    kind: 'tasks',
    verb,
    summary: spec.files
      ? `${spec.summary}; \`attachmentIds\` gives it files uploaded to the task (POST /v1/tasks/{id}/attachments)`
      : spec.summary,
    body,
    response: s.taskStatusSchema,
    handler: (id, given, req) => {
      const { attachmentIds, ...rest } = given as z.output<B> & { attachmentIds?: string[] };
      const caller = callerOf(req);
      return actOnTask<A>(
        deps,
        caller,
        id,
        { action, update: spec.update },
        spec.toArgs(rest as z.output<B>),
        async (task) => {
          await spec.before?.(rest as z.output<B>, req, id);
          if (!attachmentIds?.length) return;
          const attachments = await filesForStep(deps, caller, ownerOf('task', task), attachmentIds);
          return { attachments } satisfies Partial<m.ActionInput> as unknown as Partial<Omit<A, 'actor'>>;
        },
      );
    },
  });
}

const slipParams = zod.object({ id: s.id, step: zod.string().regex(/^[A-Za-z0-9._-]{1,100}$/) }).strict();

export const taskRoutes = (deps: AppDeps): AnyRoute[] => [
  createRoute({
    path: '/tasks',
    kind: 'tasks',
    summary: 'Assign a supervised task (office): its four-in-place, time limit and type; 201 once it can be read',
    body: s.createTaskBody,
    response: s.startedTaskSchema,
    errors: [403, 422],
    handler: (body, caller, key) => createTask(deps, caller, body, key),
  }),
  listRoute({
    kind: 'tasks',
    summary: 'Tasks the caller may see, filtered (or by one of their saved views), sorted and paginated',
    query: s.taskListQuery,
    response: s.pageOf(s.taskSummarySchema),
    errors: [404],
    handler: async (query, caller) => {
      const { limit, offset, sort, order, view, ...given } = query;
      // A saved view is only a filter: the list reads it in the caller's current scope (403 before any view's 404).
      await authoriseFunction(deps, caller, 'task.list', { type: 'task' });
      const filter = view === undefined ? given : await filterOfView(deps, caller, view, given);
      return findTasks(deps, caller, filter, { by: sort, order }, { limit, offset });
    },
  }),
  detailRoute({
    kind: 'tasks',
    summary: 'A task with its timeline: every action, reminder, rung and extension, in order',
    response: s.taskSchema,
    handler: (id, caller) => getTask(deps, caller, id),
  }),
  actionRoute<typeof s.emptyBody, m.SignForInput>(deps, {
    name: 'signFor',
    summary: 'Sign for the task (签收, lead unit)',
    body: s.emptyBody,
    update: m.signFor,
    toArgs: () => ({}),
  }),
  actionRoute<typeof s.progressBody, m.ReportProgressInput>(deps, {
    name: 'reportProgress',
    files: true,
    summary: 'Report progress (进展反馈, lead unit)',
    body: s.progressBody,
    update: m.reportProgress,
    toArgs: (b) => b,
  }),
  actionRoute<typeof s.textBody, m.CoUnitReportInput>(deps, {
    name: 'coUnitReport',
    files: true,
    summary: 'Report a co-organising unit’s part to the lead unit (协办反馈)',
    body: s.textBody,
    update: m.coUnitReport,
    toArgs: (b) => b,
  }),
  actionRoute<typeof s.reasonBody, m.OverrideCoUnitsInput>(deps, {
    name: 'overrideCoUnitGate',
    summary: 'Let the lead unit submit before every co-organising unit has reported (office, recorded)',
    body: s.reasonBody,
    update: m.overrideCoUnitGate,
    toArgs: (b) => b,
  }),
  actionRoute<typeof s.submitBody, m.SubmitInput>(deps, {
    name: 'submitTask',
    files: true,
    summary: 'Submit the result (报结, lead unit); needs every co-organising unit’s report or the office’s override',
    body: s.submitBody,
    update: m.submitTask,
    toArgs: (b) => b,
  }),
  actionRoute<typeof s.acceptBody, m.AcceptInput>(deps, {
    name: 'acceptTask',
    summary: 'Accept the result with a quality rating (办结, office)',
    body: s.acceptBody,
    update: m.acceptTask,
    toArgs: (b) => b,
  }),
  actionRoute<typeof s.returnBody, m.ReturnInput>(deps, {
    name: 'returnTask',
    summary: 'Return the result for rework with reasons and a new time limit (退回, office)',
    body: s.returnBody,
    update: m.returnTask,
    before: async (b) => refusePastDate(b.newDueDate, 'body.newDueDate'),
    toArgs: (b) => b,
  }),
  actionRoute<typeof s.extensionBody, m.RequestExtensionInput>(deps, {
    name: 'requestExtension',
    files: true,
    summary: 'Request an extension before the deadline (申请延期, lead unit)',
    body: s.extensionBody,
    update: m.requestExtension,
    toArgs: (b) => b,
  }),
  actionRoute<typeof s.extensionDecisionBody, m.DecideExtensionInput>(deps, {
    name: 'decideExtension',
    summary: 'Approve or deny the pending extension (office, or the task’s leader where the policy says so)',
    body: s.extensionDecisionBody,
    update: m.decideExtension,
    toArgs: (b) => b,
  }),
  actionRoute<typeof s.reasonBody, m.CancelTaskInput>(deps, {
    name: 'cancelTask',
    summary: 'Withdraw the task (撤销, office)',
    body: s.reasonBody,
    update: m.cancelTask,
    toArgs: (b) => b,
  }),
  actionRoute<typeof s.reassignBody, m.ReassignInput>(deps, {
    name: 'reassignTask',
    summary: 'Reassign the task to another lead unit (改派, office)',
    body: s.reassignBody,
    update: m.reassignTask,
    toArgs: (b) => b,
    before: (b, req) => checkReassignment(deps, callerOf(req), b),
  }),
  actionRoute<typeof s.urgeBody, m.UrgeInput>(deps, {
    name: 'urgeTask',
    summary:
      'Urge the task by hand (督办/催办, office): the text goes to the lead unit, and to the responsible leader when ' +
      '`toLeader`; refused (409) on a closed task',
    body: s.urgeBody,
    update: m.urgeTask,
    toArgs: (b) => b,
  }),
  actionRoute<typeof s.reasonBody, m.OverrideSubtasksInput>(deps, {
    name: 'overrideSubtasks',
    summary:
      'Let the lead unit submit while its villages’ sub-tasks are still open (三级联动, office), with the reason recorded',
    body: s.reasonBody,
    update: m.overrideSubtasks,
    toArgs: (b) => b,
  }),
  actionRoute<typeof s.supervisionBody, m.SuperviseInput>(deps, {
    name: 'superviseTask',
    summary:
      'Mark the task for named supervision (挂牌督办, office; `named: true`) or lift it (摘牌, `named: false`): every rung ' +
      'falling due while marked goes one level higher; refused (409) once the unit no longer owes the work, or when ' +
      'the task is already so',
    body: s.supervisionBody,
    update: m.superviseTask,
    toArgs: (b) => b,
  }),
  actionRoute<typeof s.reasonBody, m.WaiveEvidenceInput>(deps, {
    name: 'waiveEvidence',
    summary:
      'Let the lead unit submit without the evidence (佐证材料) the task’s type requires (免予提交, office), the reason ' +
      'recorded; refused (409) where the type requires none, once waived, or on a closed or submitted task',
    body: s.reasonBody,
    update: m.waiveEvidence,
    toArgs: (b) => b,
  }),
  actionRoute<typeof s.officeExtensionBody, m.ExtendTaskInput>(deps, {
    name: 'extendTask',
    summary:
      'Set a later time limit (延期, office): every reminder and rung moves like an approved extension; refused on a ' +
      'closed, submitted or paused task (409), or a date not later than the deadline in force (422)',
    body: s.officeExtensionBody,
    update: m.extendTask,
    before: (b, _req, id) => checkOfficeExtension(deps, id, b.newDueDate),
    toArgs: (b) => b,
  }),
  actionRoute<typeof s.textBody, m.CommentInput>(deps, {
    name: 'commentOnTask',
    files: true,
    summary: 'Comment on the task (意见)',
    body: s.textBody,
    update: m.commentOnTask,
    toArgs: (b) => b,
  }),
  actionRoute<typeof s.pauseRequestBody, m.RequestPauseInput>(deps, {
    name: 'requestPause',
    files: true,
    summary: 'Ask to stop the clock (申请中止计时/挂账, lead unit) for a reason outside the unit’s control',
    body: s.pauseRequestBody,
    update: m.requestPause,
    toArgs: (b) => b,
  }),
  actionRoute<typeof s.pauseDecisionBody, m.DecidePauseInput>(deps, {
    name: 'decidePause',
    summary:
      'Approve the pending pause with a limit in working days (the type’s default when absent, at most its maximum) ' +
      'or refuse it with a reason (office)',
    body: s.pauseDecisionBody,
    update: m.decidePause,
    toArgs: (b) => b,
  }),
  actionRoute<typeof s.resumeBody, m.ResumeInput>(deps, {
    name: 'resumeTask',
    summary:
      'Let the clock run again (恢复计时, office or lead unit): the deadline and every timer move by the paused working days',
    body: s.resumeBody,
    update: m.resumeTask,
    toArgs: (b) => b,
  }),
  actionRoute<typeof s.refuseBody, m.RefuseTaskInput>(deps, {
    name: 'refuseTask',
    summary:
      'Refuse the task within the sign-for limit (退单, lead unit), naming the unit believed responsible; once per unit',
    body: s.refuseBody,
    update: m.refuseTask,
    toArgs: ({ responsibleUnitId, reason }) => ({ proposedUnitId: responsibleUnitId, reason }),
    before: (b, req) => checkRefusal(deps, callerOf(req), b),
  }),
  actionRoute<typeof s.handlerBody, m.NameHandlerInput>(deps, {
    name: 'nameHandler',
    summary:
      'Name the person of the caller’s unit who handles the task (承办人; lead or co-organising unit): the unit’s ' +
      'notices of the task go to the handler with its head; naming another replaces them, recorded in the timeline',
    body: s.handlerBody,
    update: m.nameHandler,
    toArgs: (b) => b,
    before: (b, req) => checkHandler(deps, callerOf(req), b),
  }),
  actionRoute<typeof s.refusalRulingBody, m.ArbitrateRefusalInput>(deps, {
    name: 'arbitrateRefusal',
    summary:
      'Rule on the pending refusal (office): REASSIGN moves the task with its history, INSIST keeps it with its lead ' +
      'unit, whose sign-for limit counts again from the ruling',
    body: s.refusalRulingBody,
    update: m.arbitrateRefusal,
    toArgs: (b) => b,
    before: (b, req) => checkRefusalRuling(deps, callerOf(req), b),
  }),
  actionRoute<typeof s.milestonesBody, SetMilestonesInput>(deps, {
    name: 'setMilestones',
    summary:
      'Set the milestones (序时进度) from now on (office, while the task is open): those met or judged stay, the ' +
      'pending ones are replaced; dates from today to the deadline, percentages increasing, at most 12 in all',
    body: s.milestonesBody,
    update: m.setMilestones,
    toArgs: (b) => b,
    before: (b, _req, id) => checkTaskMilestones(deps, id, b.milestones),
  }),
  defineRoute({
    method: 'post',
    path: '/tasks/:id/subtasks',
    summary:
      'Split the task for the villages and communities under its lead unit (三级联动; its lead unit or the office): one ' +
      'supervised sub-task per village, with a time limit not later than the task’s; a village that has its sub-task ' +
      'already is answered with it; every problem named at once (422); 409 once the task is submitted or closed',
    tag: 'tasks',
    secured: true,
    params: zod.object({ id: zod.string().min(1).max(128) }).strict(),
    body: s.subtasksBody,
    response: s.subtasksAnswer,
    errors: [403, 404, 409, 422],
    handler: ({ params, body, req }) => splitTask(deps, callerOf(req), params.id, body),
  }),
  ...documentRoutes({
    path: '/tasks/:id/urgings/:step/slip',
    summary:
      'The slip (督办单) of one urging of the task, by its timeline entry’s `step`: a hand urging (URGED), a marking for ' +
      'named supervision or the ladder’s (SIGN_FOR_OVERDUE, ESCALATION_L1–L3); 404 where the task is not the caller’s to see',
    params: slipParams,
    file: (p) => `督办单-${p.id}-${p.step}`,
    document: async (p, caller) => urgingSlipDocument(await urgingSlipOf(deps, caller, p.id, p.step)),
  }),
  defineRoute({
    method: 'get',
    path: '/task-types',
    summary:
      'Task types and their supervision policies, as the caller’s organisation works with them: the deployment’s, ' +
      'each replaced by the organisation’s own type of the same name, and its own types added',
    tag: 'tasks',
    secured: true,
    response: zod.object({ items: zod.array(s.taskTypeSchema) }),
    handler: async ({ req }) => ({
      items: [...(await taskPoliciesOf(deps, callerOf(req).identity.orgId)).values()],
    }),
  }),
];
