import { openSubTasks, submitBlockedReason } from './cascade';
import { defineProcedure, inStates, nonBlank, refuse, refuseWhen, type Guard } from '../kernel/machine';
import * as m from './messages';
import {
  PAUSE_CATEGORIES,
  PAUSE_DEFAULTS,
  SEVERITY_START_RUNG,
  type Actor,
  type TaskInput,
  type TaskPolicy,
} from './messages';
import type { TaskState, TaskStatus } from './messages';
import { milestoneProblems, milestonesOf, numberMilestones, type SetMilestonesInput } from './milestones';
import { activePause, isOpen, localDateOf, pendingPause, pendingRefusal, type Schedule } from './rules';

/**
 * The supervised task (督办任务) as a state machine, DOMAIN.md "The supervised task": who may do what in which
 * state, and the reason given when they may not. `workflows/supervised-task.ts` runs it.
 */

/** What the task's guards and steps work on: the status the read model shows and what the workflow keeps besides. */
export interface TaskMachine {
  status: TaskStatus;
  policy: TaskPolicy;
  /** The instants the calendar activity computed for the deadline in force; absent until first planned. */
  schedule?: Schedule;
  /** From when the sign-for limit counts: assignment, or the last reassignment. */
  signAnchor: string;
  /** From when the next progress report is due: the last report, or the missed report's due instant. */
  progressAnchor: string | null;
  progressMissing: boolean;
  /** A deadline set by a decision (approved extension, return) rather than computed from the time limit. */
  dueOverride: string | null;
  /** Set by a step that moves a deadline or an anchor: the workflow plans its timers again. */
  replan: boolean;
}

const STATE_LABEL: Record<TaskState, string> = {
  ASSIGNED: '待签收',
  SIGNED: '已签收',
  IN_PROGRESS: '办理中',
  SUBMITTED: '已报结待复核',
  ACCEPTED: '已办结',
  CANCELLED: '已撤销',
};

type G<I> = Guard<TaskMachine, I>;
const stateOf = (t: TaskMachine) => t.status.state;

/** 「任务已办结，不能签收」: the state the task is in and what was asked. */
const inState = <I>(states: readonly TaskState[], action: string): G<I> =>
  inStates(stateOf, states, (t) => `任务${STATE_LABEL[t.status.state]}，不能${action}`);

const byLeadUnit = <I>(action: string): G<I> =>
  refuseWhen(
    'NOT_ALLOWED',
    ({ state, actor }) => actor.unitId !== state.status.leadUnitId,
    `只有牵头单位可以${action}`,
  );

const deadlinePassed = (t: TaskMachine, now: number) => !!t.status.dueAt && now >= Date.parse(t.status.dueAt);

const WORKING: readonly TaskState[] = ['ASSIGNED', 'SIGNED', 'IN_PROGRESS'];
const UNDER_WAY: readonly TaskState[] = ['SIGNED', 'IN_PROGRESS'];
const OPEN: readonly TaskState[] = [...WORKING, 'SUBMITTED'];

/** The pause limits of the task's policy (a task assigned before pauses existed: DOMAIN.md's defaults). */
export const pauseLimitsOf = (t: TaskMachine) => t.policy.pause ?? PAUSE_DEFAULTS;

/** 「任务已中止计时，请先恢复计时再报结」: what waits until the clock runs again. */
const notPaused = <I>(action: string): G<I> =>
  refuseWhen('WRONG_STATE', ({ state }) => !!activePause(state.status), `任务已中止计时，请先恢复计时再${action}`);

const signForPassed = (t: TaskMachine, now: number) => !!t.schedule && now >= Date.parse(t.schedule.signForBy);

/** The task's type asks for a file with the submission (佐证材料), and the office has not waived it. */
const evidenceRequired = (t: TaskMachine) => !!t.policy.requireEvidence && !t.status.evidenceWaived;

const mayDecideExtension = (t: TaskMachine, actor: Actor) =>
  t.policy.extensionDecidedBy === 'LEADER' ? actor.personId === t.status.leaderId : actor.roles.includes('OFFICE');

export const taskProcedure = defineProcedure({
  kind: 'tasks',
  states: ['ASSIGNED', 'SIGNED', 'IN_PROGRESS', 'SUBMITTED', 'ACCEPTED', 'CANCELLED'],
  stateOf,
  actions: {
    signFor: {
      update: m.signFor,
      from: ['ASSIGNED'],
      by: ['UNIT'],
      guards: [
        inState(['ASSIGNED'], '签收'),
        byLeadUnit('签收'),
        refuseWhen(
          'WRONG_STATE',
          ({ state }) => !!pendingRefusal(state.status),
          '已申请退单，待组织协调室裁定后再签收',
        ),
      ],
    },
    reportProgress: {
      update: m.reportProgress,
      from: UNDER_WAY,
      by: ['UNIT'],
      guards: [
        inState(UNDER_WAY, '反馈进展'),
        byLeadUnit('反馈进展'),
        nonBlank((i: m.ReportProgressInput) => i.text, '进展情况'),
        refuseWhen(
          'INVALID',
          ({ input }: { input: m.ReportProgressInput }) =>
            input.percent !== undefined && (input.percent < 0 || input.percent > 100),
          '完成比例应在0到100之间',
        ),
        refuseWhen(
          'INVALID',
          ({ state, input }: { state: TaskMachine; input: m.ReportProgressInput }) =>
            input.milestoneId !== undefined && !milestonesOf(state.status).some((x) => x.id === input.milestoneId),
          '该任务没有这个序时进度节点',
        ),
      ],
    },
    coUnitReport: {
      update: m.coUnitReport,
      from: WORKING,
      by: ['UNIT'],
      guards: [
        inState(WORKING, '反馈协办情况'),
        refuseWhen(
          'NOT_ALLOWED',
          ({ state, actor }) => !state.status.coUnitIds.includes(actor.unitId),
          '只有协办单位可以反馈协办情况',
        ),
        nonBlank((i: m.CoUnitReportInput) => i.text, '协办情况'),
      ],
    },
    overrideCoUnitGate: {
      update: m.overrideCoUnitGate,
      from: WORKING,
      by: ['OFFICE'],
      guards: [
        inState(WORKING, '准许报结'),
        nonBlank((i: m.OverrideCoUnitsInput) => i.reason, '理由'),
        refuseWhen('INVALID', ({ state }) => state.status.coUnitGateOverridden, '已准许报结，无需重复操作'),
      ],
    },
    submitTask: {
      update: m.submitTask,
      from: UNDER_WAY,
      by: ['UNIT'],
      guards: [
        inState(UNDER_WAY, '报结'),
        byLeadUnit('报结'),
        notPaused('报结'),
        nonBlank((i: m.SubmitInput) => i.summary, '办理结果'),
        ({ state: { status } }) => {
          const missing = status.coUnitIds.filter((u) => !status.coUnitReports[u]);
          return (
            missing.length > 0 &&
            !status.coUnitGateOverridden &&
            refuse('NOT_READY', `协办单位尚未反馈（${missing.join('、')}），牵头单位暂不能报结`)
          );
        },
        // Cascade (三级联动): the villages' sub-tasks are done (accepted or cancelled) before the lead unit submits.
        ({ state: { status } }) => {
          const reason = submitBlockedReason(status.subtasks ?? [], status.subtasksOverridden ?? false);
          return reason !== null && refuse('NOT_READY', `${reason}，牵头单位暂不能报结`);
        },
        refuseWhen(
          'NOT_READY',
          ({ state, input }: { state: TaskMachine; input: m.SubmitInput }) =>
            evidenceRequired(state) && !input.attachments?.length,
          '此类任务报结须附佐证材料，请上传后随报结一并提交，或请组织协调室免予提交',
        ),
      ],
    },
    acceptTask: {
      update: m.acceptTask,
      from: ['SUBMITTED'],
      by: ['OFFICE'],
      guards: [inState(['SUBMITTED'], '复核办结')],
    },
    returnTask: {
      update: m.returnTask,
      from: ['SUBMITTED'],
      by: ['OFFICE'],
      guards: [
        inState(['SUBMITTED'], '退回'),
        nonBlank((i: m.ReturnInput) => i.reasons, '退回理由'),
        refuseWhen(
          'INVALID',
          ({ input, now }: { input: m.ReturnInput; now: number }) =>
            !!input.newDueDate && input.newDueDate < localDateOf(now),
          '新的工作时限不能早于今天',
        ),
        refuseWhen(
          'INVALID',
          ({ state, input, now }: { state: TaskMachine; input: m.ReturnInput; now: number }) =>
            !input.newDueDate && deadlinePassed(state, now),
          '原工作时限已过，退回时须明确新的工作时限',
        ),
      ],
    },
    requestExtension: {
      update: m.requestExtension,
      from: UNDER_WAY,
      by: ['UNIT'],
      guards: [
        inState(UNDER_WAY, '申请延期'),
        byLeadUnit('申请延期'),
        notPaused('申请延期'),
        nonBlank((i: m.RequestExtensionInput) => i.reason, '延期理由'),
        nonBlank((i: m.RequestExtensionInput) => i.progress, '目前进展'),
        refuseWhen('INVALID', ({ state }) => !!state.status.pendingExtension, '已有延期申请待审批'),
        refuseWhen('WRONG_STATE', ({ state, now }) => deadlinePassed(state, now), '已超过工作时限，不能再申请延期'),
        refuseWhen(
          'INVALID',
          ({ state, input }: { state: TaskMachine; input: m.RequestExtensionInput }) =>
            !/^\d{4}-\d{2}-\d{2}$/.test(input.proposedDate) || input.proposedDate <= (state.status.dueDate ?? ''),
          '申请的新时限须晚于现有工作时限',
        ),
      ],
    },
    decideExtension: {
      update: m.decideExtension,
      from: UNDER_WAY,
      by: ['OFFICE', 'LEADER'],
      guards: [
        refuseWhen('WRONG_STATE', ({ state }) => !state.status.pendingExtension, '没有待审批的延期申请'),
        refuseWhen(
          'NOT_ALLOWED',
          ({ state, actor }) => !mayDecideExtension(state, actor),
          ({ state }) =>
            state.policy.extensionDecidedBy === 'LEADER' ? '此类任务的延期由分管领导审批' : '延期申请由组织协调室审批',
        ),
      ],
    },
    cancelTask: {
      update: m.cancelTask,
      from: OPEN,
      by: ['OFFICE'],
      guards: [
        refuseWhen(
          'WRONG_STATE',
          ({ state }) => !isOpen(state.status.state),
          ({ state }) => `任务${state.status.state === 'ACCEPTED' ? '已办结' : '已撤销'}，不能撤销`,
        ),
        nonBlank((i: m.CancelTaskInput) => i.reason, '撤销理由'),
      ],
    },
    reassignTask: {
      update: m.reassignTask,
      from: WORKING,
      by: ['OFFICE'],
      guards: [
        inState(WORKING, '改派'),
        notPaused('改派'),
        nonBlank((i: m.ReassignInput) => i.reason, '改派理由'),
        refuseWhen(
          'INVALID',
          ({ input }: { input: m.ReassignInput }) => input.coUnitIds.includes(input.leadUnitId),
          '牵头单位不能同时是协办单位',
        ),
      ],
    },
    requestPause: {
      update: m.requestPause,
      from: UNDER_WAY,
      by: ['UNIT'],
      guards: [
        inState(UNDER_WAY, '申请中止计时'),
        byLeadUnit('申请中止计时'),
        refuseWhen(
          'INVALID',
          ({ input }: { input: m.RequestPauseInput }) => !PAUSE_CATEGORIES.includes(input.category),
          '中止计时事由类别应为上级机关、司法程序、预算资金或其他',
        ),
        nonBlank((i: m.RequestPauseInput) => i.reason, '中止计时理由'),
        refuseWhen('WRONG_STATE', ({ state }) => !!activePause(state.status), '任务已中止计时，无需重复申请'),
        refuseWhen('INVALID', ({ state }) => !!pendingPause(state.status), '已有中止计时申请待审批'),
        refuseWhen(
          'INVALID',
          ({ state }) => !!state.status.pendingExtension,
          '已有延期申请待审批，不能同时申请中止计时',
        ),
        refuseWhen('WRONG_STATE', ({ state, now }) => deadlinePassed(state, now), '已超过工作时限，不能再申请中止计时'),
      ],
    },
    decidePause: {
      update: m.decidePause,
      from: UNDER_WAY,
      by: ['OFFICE'],
      guards: [
        refuseWhen('WRONG_STATE', ({ state }) => !pendingPause(state.status), '没有待审批的中止计时申请'),
        refuseWhen(
          'INVALID',
          ({ input }: { input: m.DecidePauseInput }) => !input.approve && !input.comment?.trim(),
          '不同意中止计时的，须说明理由',
        ),
        refuseWhen(
          'INVALID',
          ({ state, input }: { state: TaskMachine; input: m.DecidePauseInput }) =>
            input.approve &&
            input.limitWorkingDays !== undefined &&
            (input.limitWorkingDays < 1 || input.limitWorkingDays > pauseLimitsOf(state).maxWorkingDays),
          ({ state }) => `中止计时期限应为1至${pauseLimitsOf(state).maxWorkingDays}个工作日`,
        ),
      ],
    },
    resumeTask: {
      update: m.resumeTask,
      from: UNDER_WAY,
      by: ['OFFICE', 'UNIT'],
      guards: [
        refuseWhen('WRONG_STATE', ({ state }) => !activePause(state.status), '任务未中止计时，无需恢复'),
        refuseWhen(
          'NOT_ALLOWED',
          ({ state, actor }) => !actor.roles.includes('OFFICE') && actor.unitId !== state.status.leadUnitId,
          '只有组织协调室或牵头单位可以恢复计时',
        ),
      ],
    },
    refuseTask: {
      update: m.refuseTask,
      from: ['ASSIGNED'],
      by: ['UNIT'],
      guards: [
        inState(['ASSIGNED'], '退单'),
        byLeadUnit('退单'),
        nonBlank((i: m.RefuseTaskInput) => i.reason, '退单理由'),
        refuseWhen(
          'INVALID',
          ({ input, actor }: { input: m.RefuseTaskInput; actor: Actor }) => input.proposedUnitId === actor.unitId,
          '退单须指明本单位以外的责任单位',
        ),
        refuseWhen(
          'WRONG_STATE',
          ({ state, actor }) => (state.status.refusals ?? []).some((r) => r.unitId === actor.unitId),
          '本单位已就该任务退单一次，每个单位对同一任务只能退单一次',
        ),
        refuseWhen('WRONG_STATE', ({ state, now }) => signForPassed(state, now), '已超过签收时限，不能再退单'),
      ],
    },
    arbitrateRefusal: {
      update: m.arbitrateRefusal,
      from: ['ASSIGNED'],
      by: ['OFFICE'],
      guards: [
        refuseWhen('WRONG_STATE', ({ state }) => !pendingRefusal(state.status), '没有待裁定的退单'),
        refuseWhen(
          'INVALID',
          ({ input }: { input: m.ArbitrateRefusalInput }) => input.ruling !== 'REASSIGN' && input.ruling !== 'INSIST',
          '裁定结果应为改派或维持交办',
        ),
        nonBlank((i: m.ArbitrateRefusalInput) => i.reason, '裁定理由'),
        refuseWhen(
          'INVALID',
          ({ state, input }: { state: TaskMachine; input: m.ArbitrateRefusalInput }) =>
            input.ruling === 'REASSIGN' &&
            (input.leadUnitId ?? pendingRefusal(state.status)?.proposedUnitId) === state.status.leadUnitId,
          '改派须改由其他单位牵头',
        ),
      ],
    },
    nameHandler: {
      update: m.nameHandler,
      from: OPEN,
      by: ['UNIT'],
      guards: [
        refuseWhen('WRONG_STATE', ({ state }) => !isOpen(state.status.state), '任务已关闭，不能再指定承办人'),
        refuseWhen(
          'NOT_ALLOWED',
          ({ state, actor }) =>
            actor.unitId !== state.status.leadUnitId && !state.status.coUnitIds.includes(actor.unitId),
          '只有牵头单位和协办单位可以指定本单位的承办人',
        ),
        nonBlank((i: m.NameHandlerInput) => i.handlerId, '承办人'),
        refuseWhen(
          'INVALID',
          ({ state, input, actor }: { state: TaskMachine; input: m.NameHandlerInput; actor: Actor }) =>
            state.status.handlers?.[actor.unitId] === input.handlerId,
          '该人员已是本单位的承办人',
        ),
      ],
    },
    setMilestones: {
      update: m.setMilestones,
      from: WORKING,
      by: ['OFFICE'],
      guards: [
        inState(WORKING, '调整序时进度'),
        ({ state, input, now }: { state: TaskMachine; input: SetMilestonesInput; now: number }) => {
          const kept = milestonesOf(state.status).filter((x) => x.state !== 'PENDING');
          const [problem] = milestoneProblems(input.milestones, {
            today: localDateOf(now),
            dueDate: state.status.dueDate,
            kept,
          });
          return problem && refuse('INVALID', problem.text);
        },
      ],
    },
    urgeTask: {
      update: m.urgeTask,
      from: OPEN,
      by: ['OFFICE'],
      guards: [
        refuseWhen('WRONG_STATE', ({ state }) => !isOpen(state.status.state), '任务已关闭，不能再督办'),
        nonBlank((i: m.UrgeInput) => i.text, '督办内容'),
      ],
    },
    overrideSubtasks: {
      update: m.overrideSubtasks,
      from: UNDER_WAY,
      by: ['OFFICE'],
      guards: [
        inState(UNDER_WAY, '准许先行报结'),
        nonBlank((i: m.OverrideSubtasksInput) => i.reason, '理由'),
        refuseWhen('INVALID', ({ state }) => !!state.status.subtasksOverridden, '已准许先行报结，无需重复操作'),
        refuseWhen(
          'INVALID',
          ({ state }) => openSubTasks(state.status.subtasks ?? []).length === 0,
          '没有未办结的子任务，无需准许',
        ),
      ],
    },
    waiveEvidence: {
      update: m.waiveEvidence,
      from: WORKING,
      by: ['OFFICE'],
      guards: [
        inState(WORKING, '免予提交佐证材料'),
        nonBlank((i: m.WaiveEvidenceInput) => i.reason, '理由'),
        refuseWhen('INVALID', ({ state }) => !state.policy.requireEvidence, '此类任务报结无须佐证材料，无需免予提交'),
        refuseWhen('INVALID', ({ state }) => !!state.status.evidenceWaived, '已免予提交佐证材料，无需重复操作'),
      ],
    },
    superviseTask: {
      update: m.superviseTask,
      from: WORKING,
      by: ['OFFICE'],
      guards: [
        inState(WORKING, '挂牌督办或摘牌'),
        nonBlank((i: m.SuperviseInput) => i.reason, '理由'),
        refuseWhen(
          'WRONG_STATE',
          ({ state, input }: { state: TaskMachine; input: m.SuperviseInput }) =>
            (state.status.supervision?.named ?? false) === input.named,
          ({ input }: { input: m.SuperviseInput }) =>
            input.named ? '任务已列为挂牌督办事项' : '任务未挂牌督办，无需摘牌',
        ),
      ],
    },
    extendTask: {
      update: m.extendTask,
      from: WORKING,
      by: ['OFFICE'],
      guards: [
        inState(WORKING, '延期'),
        notPaused('延期'),
        nonBlank((i: m.ExtendTaskInput) => i.reason, '延期理由'),
        refuseWhen(
          'INVALID',
          ({ state, input }: { state: TaskMachine; input: m.ExtendTaskInput }) =>
            !/^\d{4}-\d{2}-\d{2}$/.test(input.newDueDate) || input.newDueDate <= (state.status.dueDate ?? ''),
          '新的工作时限须晚于现有工作时限',
        ),
        refuseWhen(
          'INVALID',
          ({ input, now }: { input: m.ExtendTaskInput; now: number }) => input.newDueDate < localDateOf(now),
          '新的工作时限不能早于今天',
        ),
      ],
    },
    commentOnTask: {
      update: m.commentOnTask,
      from: OPEN,
      by: ['OFFICE', 'LEADER', 'GROUP', 'UNIT'],
      guards: [
        refuseWhen('WRONG_STATE', ({ state }) => !isOpen(state.status.state), '任务已关闭，不能再添加意见'),
        nonBlank((i: m.CommentInput) => i.text, '意见'),
      ],
    },
  },
});

/** A new task's status: assigned, green, nothing done yet. */
export function assignedStatus(input: TaskInput): TaskStatus {
  return {
    taskId: input.taskId,
    state: 'ASSIGNED',
    light: 'GREEN',
    leadUnitId: input.leadUnitId,
    coUnitIds: input.coUnitIds,
    leaderId: input.leaderId,
    dueDate: undefined,
    originalDueDate: undefined,
    dueAt: undefined,
    provisional: false,
    rung: 0,
    signedAt: null,
    lastProgressAt: null,
    submittedAt: null,
    acceptedAt: null,
    rating: null,
    lateWorkingDays: 0,
    coUnitReports: {},
    coUnitGateOverridden: false,
    pendingExtension: null,
    extensionsApproved: 0,
    extensionsDenied: 0,
    returns: 0,
    urgings: 0,
    pauses: [],
    pausedWorkingDays: 0,
    refusals: [],
    handlers: {},
    ...(input.milestones?.length ? { milestones: numberMilestones(input.milestones, 1) } : {}),
    ...(input.instruction ? { instruction: { ...input.instruction, startRung: startRungOf(input) } } : {}),
    ...(input.namedSupervision
      ? {
          supervision: {
            named: true,
            by: input.createdBy,
            reason: input.namedSupervision.reason,
            periods: [{ since: input.assignedAt }],
          },
        }
      : {}),
    version: 0,
  };
}

/** The rung a 批示件's severity starts the ladder at, by the task's policy (the defaults for one that names none). */
export const startRungOf = (input: TaskInput): 1 | 2 | 3 =>
  input.instruction ? (input.policy.severityStartRung ?? SEVERITY_START_RUNG)[input.instruction.severity] : 1;
