import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { caseWorkflowId, type CaseInput } from '../procedures/case/messages';
import { cycleWorkflowId, taskEscalated } from '../procedures/cycle/messages';
import { assignedStatus, pauseLimitsOf, taskProcedure, type TaskMachine } from '../procedures/task/machine';
import * as m from '../procedures/task/messages';
import type { TaskInput, TaskStatus } from '../procedures/task/messages';
import {
  activePause,
  calendarConcerns,
  isOpen,
  pendingEvents,
  pendingPause,
  type Schedule,
  type TimerEvent,
} from '../procedures/task/rules';
import {
  beginSubmission,
  pauseDecisionSteps,
  refreshLight,
  resumeSteps,
  submissionSteps,
  taskEffects,
  type TaskStep,
} from '../procedures/task/steps';
import { timerSteps } from '../procedures/task/timer-steps';
import { policyChangedText, policyImpact } from '../procedures/task/policy-impact';
import { milestoneReportSteps, setMilestonesSteps } from '../procedures/task/milestone-steps';
import { milestonesOf, type SetMilestonesInput } from '../procedures/task/milestones';
import { registerActions } from './kernel/actions';
import { serveStatus, startChildOnce, workflowClock } from './kernel/instance';
import { waitUntilOrChange } from './kernel/timers';

/** Patch id (2026-11): the L1 urging is copied to the responsible leader. Next: `deprecatePatch`, then removal. */
const L1_COPIES_LEADER = 'l1-copies-leader';
/** Patch id (2026-12, the procedure kernel): a step is recorded by one local activity in one transaction. */
const ONE_ROUND_TRIP = 'one-round-trip-step';
/**
 * Patch id (2026-12): a replan records LIGHT_CHANGED only when the light differs from the one the last recorded step
 * showed. Before it, an action recorded while the replan waited for the calendar (a database outage) made the replan
 * record a change that step had already shown.
 */
const LIGHT_AGAINST_LAST_STEP = 'light-against-last-step';
/**
 * Patch id (2026-12): a task whose starter worked out its first timers (`input.schedule`, a cycle's decomposition)
 * starts without the activity. A task started before it, or by a worker on the code before it, asked for them.
 */
const SCHEDULE_FROM_STARTER = 'schedule-from-starter';
/**
 * Patch id (2026-12): the L3 referral (移送责任追究) the notice announces always exists. The task names its case (an
 * id nobody can guess from the task's, where it was `l3-<task id>`), asks its cycle to open it, and opens it itself
 * when it has no cycle or its cycle has ended; its timeline says where the case is. Before it, an ad-hoc task's L3
 * announced a referral nobody could find.
 */
const L3_CASE_FROM_TASK = 'l3-case-from-task';
/**
 * Patch id (2026-12, issue 17): the steps one timer records together (the L1 rung and its copy to the responsible
 * leader) go to the read model in one local activity and one transaction. Before it, each was its own: an escalation
 * burst of 2,000 tasks cost 4,000 transactions.
 */
const STEPS_TOGETHER = 'timer-steps-together';
/**
 * Patch id (2026-12, issue 20): pause (挂账) and refusal (退单). The unit asks to stop the clock and the office decides
 * (the limit's end worked out on the calendar); while paused only the automatic resumption is pending, and resuming
 * moves the deadline and every timer ahead by the paused working days. A refusal within the sign-for limit holds that
 * limit until the office rules. A task recorded before it never took these actions: marked where each is taken.
 */
const PAUSE_AND_REFUSAL = 'task-pause-and-refusal';
/**
 * Patch id (2026-12, issue 20): milestones (序时进度). The office sets them (at creation, or later by `setMilestones`);
 * a report can meet them; a timer per milestone day turns the light yellow and reminds the unit when one is missed,
 * without a rung. A task recorded before it has none: marked where milestones are first acted on.
 */
const MILESTONES = 'task-milestones';

/**
 * Patch id (2026-12, issue 20): a new calendar table re-plans the end of a pause's limit (挂账期限) as it re-plans the
 * deadline. Before it, the automatic resumption stayed where the old table had put it. Marked only where a calendar
 * change meets a pause in force.
 */
const PAUSE_CALENDAR = 'task-pause-calendar';
/** The local day (Asia/Shanghai) a limit ending at 24:00 ends on. */
const localDateOf = (endIso: string) => new Date(Date.parse(endIso) - 1 + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Patch id (2026-12, issue 20 item 5): handlers (承办人). A unit of the task names the person who handles it; the
 * unit's notices then reach the handler too. A task recorded before it never named one: marked where first named.
 */
const TASK_HANDLERS = 'task-handlers';

/**
 * Patch id (2026-12, issue 20 item 3): the office urges by hand (督办/催办). A task recorded before it was never urged
 * by hand: marked where first urged.
 */
const TASK_URGING = 'task-urging';

/**
 * Patch id (2026-12, issue 20 item 6): cascade (三级联动). A sub-task signals its parent each step's state and light;
 * the parent rolls its light up from its open sub-tasks (a late village makes it yellow, never red). A task recorded
 * before it neither had nor was a sub-task: marked where a sub-task first tells its parent and where a parent is told.
 */
const TASK_CASCADE = 'task-cascade';

/**
 * Patch id (2026-12, issue 20 item 7): the office itself extends the time limit (延期), moving every timer like an
 * approved extension. A task recorded before it was never so extended: marked where first extended.
 */
const TASK_OFFICE_EXTEND = 'task-office-extend';

/**
 * Patch id (2026-12, issue 20 item 3): named supervision (挂牌督办) marked and lifted by the office. A task recorded
 * before it was never marked: marked where first acted on. (A 批示件's severity comes with its input and needs none.)
 */
const TASK_NAMED_SUPERVISION = 'task-named-supervision';
/** The office's waiver of the evidence a task type requires for its submission (佐证材料, issue 21). */
const TASK_EVIDENCE_WAIVER = 'task-evidence-waiver';

/**
 * Patch id (2026-12): a new or dropped calendar table of a year none of the task's timers counts through is ignored
 * rather than replanned — a table loaded for a far year used to replan every open task at once, holding up every
 * action behind the storm. A task told before it replanned on every table: marked where it first ignores one.
 */
const CALENDAR_YEARS = 'task-calendar-years';

/**
 * Patch id (2026-12, issue 22): a version of the task types the office applies to running tasks reaches each as a
 * signal (`policyChanged`); the task takes its type's new policy, plans its timers ahead again and records what moved.
 * A task told before it (a signal buffered across the deploy) ignores it, as the code then did.
 */
const TASK_POLICY_CHANGE = 'task-policy-change';

const LIGHT_LABEL = { GREEN: '绿灯', YELLOW: '黄灯', RED: '红灯', NONE: '无', PAUSED: '中止计时' } as const;
/** The actions of PAUSE_AND_REFUSAL: each marks the history where it is first taken. */
const PAUSE_ACTIONS = new Set(['requestPause', 'decidePause', 'resumeTask', 'refuseTask', 'arbitrateRefusal']);

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
// One step, one round trip: short, idempotent, run inside the workflow task that takes the action.
const local = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
// Webhook delivery retries with backoff for about a day; a receiver that stays down does not hold up the task.
const webhooks = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '2 hours', maximumAttempts: 16 },
});

/** A status carried from before PAUSE_AND_REFUSAL, given none of either. */
const withPausesAndRefusals = (s: TaskStatus): TaskStatus => ({
  ...s,
  pauses: s.pauses ?? [],
  pausedWorkingDays: s.pausedWorkingDays ?? 0,
  refusals: s.refusals ?? [],
});

/** What survives continue-as-new besides the input. */
export interface CarriedState {
  status: TaskStatus;
  fired: string[];
  step: number;
  signAnchor: string;
  progressAnchor: string | null;
  progressMissing: boolean;
  dueOverride: string | null;
  /** The case the L3 referral opened (`L3_CASE_FROM_TASK`): one per task, however often it reaches L3. */
  l3CaseId?: string | null;
  /** The version of the task types last applied to the task (`TASK_POLICY_CHANGE`); 0 or absent: the one it began with. */
  policyVersion?: number;
}

/**
 * A supervised task (督办任务), DOMAIN.md "The supervised task": the machine `taskProcedure` run durably. Updates
 * take the actions its guards allow; timers on the working-day calendar send reminders, keep the traffic light
 * current and climb the escalation ladder (L1 urging the unit head, L2 the responsible leader, L3 the leadership
 * group with an accountability referral) until the unit submits.
 */
export async function supervisedTask(input: TaskInput, carried?: CarriedState): Promise<TaskStatus> {
  const { workflowId, now, nowIso } = workflowClock();

  const task: TaskMachine = {
    // A status carried from before pauses and refusals (PAUSE_AND_REFUSAL) has none of either.
    status: carried ? withPausesAndRefusals(carried.status) : assignedStatus(input),
    policy: input.policy,
    signAnchor: carried?.signAnchor ?? input.assignedAt,
    progressAnchor: carried?.progressAnchor ?? null,
    progressMissing: carried?.progressMissing ?? false,
    dueOverride: carried?.dueOverride ?? null,
    replan: false,
  };
  const { status } = task;
  const fired = new Set(carried?.fired ?? []);
  let step = carried?.step ?? 0;
  let recorded = carried !== undefined;
  let changes = 0;
  /** The light the last recorded step showed. */
  let lightRecorded = status.light;
  let l3CaseId = carried?.l3CaseId ?? null;
  let policyVersion = carried?.policyVersion ?? 0;
  /** A version of the task types to apply, the newest told (`TASK_POLICY_CHANGE`). */
  let policyToApply: m.AppliedPolicy | undefined;
  const deliveries: Promise<unknown>[] = [];

  /**
   * Records one step: the read-model row, the timeline entry, the audit row and the notices. Since the procedure
   * kernel, in one local activity and one transaction (the outbox delivers the webhooks); a task that recorded a step
   * before it replays its two activities and the deliveries it scheduled itself.
   */
  async function record(s: TaskStep): Promise<void> {
    const { kind, actor, details } = s;
    const event = nextEvent(s);
    if (patched(ONE_ROUND_TRIP)) {
      await local.recordTaskStep({ ...event, details: details ?? {} });
      await tellParent();
      return;
    }
    await acts.recordTaskEvent(event);
    const { webhookEventIds } = await acts.notifyTaskEvent({
      workflowId,
      step: event.entry.step,
      kind,
      task: {
        taskId: input.taskId,
        orgId: input.orgId,
        title: input.title,
        leadUnitId: status.leadUnitId,
        coUnitIds: [...status.coUnitIds],
        leaderId: status.leaderId,
      },
      status: event.status,
      policy: input.policy,
      details: details ?? {},
      actorId: actor?.personId,
    });
    for (const eventId of webhookEventIds) deliveries.push(webhooks.deliverWebhook({ eventId }).catch(() => undefined));
  }

  /** Steps one timer records together (`STEPS_TOGETHER`), in one local activity and one transaction. */
  async function recordTogether(steps: TaskStep[]): Promise<void> {
    await local.recordTaskSteps(steps.map((s) => ({ ...nextEvent(s), details: s.details ?? {} })));
    await tellParent();
  }

  /** Cascade (三级联动): a sub-task tells its parent its state and light after each recorded step. */
  async function tellParent(): Promise<void> {
    if (!input.parentTaskId || !patched(TASK_CASCADE)) return;
    const view = {
      id: input.taskId,
      unitId: status.leadUnitId,
      state: status.state,
      light: status.light,
      dueDate: status.dueDate ?? '',
    };
    // A parent closed meanwhile no longer listens.
    await getExternalWorkflowHandle(m.taskWorkflowId(input.parentTaskId))
      .signal(m.subTaskChanged, view)
      .catch(() => undefined);
  }

  /** The next step as the read model takes it: the task's status after it, its timeline entry, audit and referral. */
  function nextEvent({ kind, message, actor, action, payload, rung, attachments }: TaskStep) {
    status.version += 1;
    changes += 1;
    const stepId = `${++step}-${kind.toLowerCase()}`;
    const snapshot = { ...status, coUnitIds: [...status.coUnitIds], coUnitReports: { ...status.coUnitReports } };
    lightRecorded = snapshot.light;
    return {
      workflowId,
      task: input,
      status: snapshot,
      entry: { step: stepId, kind, message, actor, at: nowIso(), ...(attachments?.length ? { attachments } : {}) },
      audit: action ? { action, payload: payload ?? {} } : undefined,
      referral: rung === 3 ? ({ rung: 3 } as const) : undefined,
    };
  }

  async function recordAll(steps: TaskStep[]): Promise<void> {
    for (const s of steps) await record(s);
  }

  /** Works out the timers on the calendar (or takes the first ones its starter worked out: `initial`). */
  async function plan(initial?: Schedule): Promise<void> {
    const schedule =
      initial ??
      (await acts.planTaskTimers({
        orgId: input.orgId,
        limit: input.limit,
        assignedAt: input.assignedAt,
        dueDate: task.dueOverride,
        signAnchor: task.signAnchor,
        progressAnchor: input.policy.progressEveryWorkingDays ? (task.progressAnchor ?? status.signedAt) : null,
        policy: input.policy,
      }));
    task.schedule = schedule;
    status.dueDate = schedule.dueDate;
    status.originalDueDate ??= schedule.dueDate;
    status.dueAt = schedule.dueAt;
    status.provisional = schedule.provisional;
    // Reminders whose moment has already passed (a short limit, a late start) are not sent late.
    for (const r of schedule.reminders) {
      if (Date.parse(r.at) <= now()) fired.add(`remind-${r.daysBefore}@${schedule.dueDate}`);
    }
    if (Date.parse(schedule.yellowAt) <= now()) fired.add(`yellow@${schedule.dueDate}`);
    // An imported task (补录) whose original limit lapsed before the import is not escalated for that lapse.
    const lapsed = schedule.rungs.find((r) => r.rung === 1);
    if (input.historical && lapsed && Date.parse(lapsed.at) <= Date.parse(input.assignedAt)) {
      // Every level, whichever point a 批示件 or named supervision would reach it at.
      for (const level of [1, 2, 3]) fired.add(`L${level}@${schedule.dueDate}`);
    }
  }

  // ---- queries and updates --------------------------------------------------------------------------
  serveStatus(
    m.getTaskStatus,
    m.taskRecorded,
    () => status,
    () => recorded,
  );
  registerActions(taskProcedure, {
    state: () => task,
    now,
    async run(action, actionInput) {
      if (PAUSE_ACTIONS.has(action) && patched(PAUSE_AND_REFUSAL)) {
        if (action === 'decidePause') {
          const decision = actionInput as m.DecidePauseInput;
          const limit = decision.limitWorkingDays ?? pauseLimitsOf(task).defaultWorkingDays;
          const until = decision.approve
            ? await acts.planPause({ orgId: input.orgId, since: nowIso(), workingDays: limit })
            : undefined;
          // Another decision taken while the calendar answered: the pause is decided already.
          if (!pendingPause(status)) return status;
          await recordAll(pauseDecisionSteps(task, { ...decision, limitWorkingDays: limit }, now(), until));
          return status;
        }
        if (action === 'resumeTask') {
          const { actor, comment } = actionInput as m.ResumeInput;
          await resume(actor, comment);
          return status;
        }
      }
      if (action === 'nameHandler') patched(TASK_HANDLERS);
      if (action === 'urgeTask') patched(TASK_URGING);
      if (action === 'extendTask') patched(TASK_OFFICE_EXTEND);
      if (action === 'superviseTask') patched(TASK_NAMED_SUPERVISION);
      if (action === 'waiveEvidence') patched(TASK_EVIDENCE_WAIVER);
      if (action === 'overrideSubtasks') patched(TASK_CASCADE);
      if (action === 'submitTask') {
        // The state changes before the calendar measures the lateness, so a second submission meanwhile is refused.
        beginSubmission(task, now());
        const late = await acts.measureLateness({
          orgId: input.orgId,
          dueDate: status.dueDate ?? '',
          at: status.submittedAt!,
        });
        await recordAll(submissionSteps(task, actionInput as m.SubmitInput, late));
        return status;
      }
      if (action === 'setMilestones' && patched(MILESTONES)) {
        await recordAll(setMilestonesSteps(task, actionInput as SetMilestonesInput, now()));
        return status;
      }
      const effect = taskEffects(step + 1)[action as keyof ReturnType<typeof taskEffects>];
      const steps = effect(task, actionInput as never, { now: now() });
      // A report may meet milestones (序时进度); a task without any never asks.
      if (action === 'reportProgress' && milestonesOf(status).length > 0 && patched(MILESTONES)) {
        steps.push(...milestoneReportSteps(task, actionInput as m.ReportProgressInput, now()));
      }
      await recordAll(steps);
      return status;
    },
  });
  /**
   * The clock runs again: the calendar counts the paused working days and moves the deadline; the timers are planned
   * again before the step is recorded, so it shows the light and the deadline in force.
   */
  async function resume(actor?: m.Actor, comment?: string, at = now()): Promise<void> {
    const pause = activePause(status)!;
    const moved = await acts.planResume({
      orgId: input.orgId,
      since: pause.decidedAt!,
      until: pause.until!,
      at: new Date(at).toISOString(),
      limitWorkingDays: pause.limitWorkingDays!,
      dueDate: status.dueDate ?? '',
    });
    // Resumed meanwhile (the office's word and the limit at once): the first one counted.
    if (activePause(status)?.seq !== pause.seq) return;
    const steps = resumeSteps(task, actor, at, moved, comment);
    task.replan = false;
    await plan();
    refreshLight(task, now());
    await recordAll(steps);
  }

  setHandler(m.calendarChanged, ({ year }) => {
    const pauses = (status.pauses ?? []).flatMap((p) => [p.decidedAt, p.until]);
    const counted = [input.assignedAt, task.signAnchor, task.progressAnchor, ...pauses];
    if (task.schedule && !calendarConcerns(year, task.schedule, counted) && patched(CALENDAR_YEARS)) return;
    task.replan = true;
  });
  setHandler(m.policyChanged, (change) => {
    if (!patched(TASK_POLICY_CHANGE)) return;
    if (change.version <= Math.max(policyVersion, policyToApply?.version ?? 0)) return;
    policyToApply = change;
  });
  setHandler(m.subTaskChanged, (view) => {
    if (!patched(TASK_CASCADE)) return;
    const subtasks = (status.subtasks ??= []);
    const at = subtasks.findIndex((s) => s.id === view.id);
    if (at >= 0) subtasks[at] = view;
    else subtasks.push(view);
    // The light is worked out again (and a change recorded) by the replan the loop runs next.
    task.replan = true;
  });

  // ---- timers ------------------------------------------------------------------------------------------
  async function fire(event: TimerEvent): Promise<void> {
    fired.add(event.key);
    if (event.kind === 'PAUSE_LIMIT' && patched(PAUSE_AND_REFUSAL)) {
      // Resumed at the limit's instant (the timer fires a few ms after it; much later only if the worker was down).
      await resume(undefined, undefined, now() - event.at < 60_000 ? event.at : now());
      return;
    }
    if (event.kind === 'MILESTONE' && !patched(MILESTONES)) return;
    const steps = timerSteps(task, event, now());
    const due = status.dueDate ?? '';
    const leaderCopy: TaskStep = {
      kind: 'L1_LEADER_COPY',
      message: '逾期催办同时抄送分管领导',
      details: { dueDate: due },
    };
    if (event.kind === 'RUNG' && event.rung === 1 && patched(STEPS_TOGETHER)) {
      // The rung and its copy in one transaction. A task here records each step in one round trip already:
      // `ONE_ROUND_TRIP` and `L1_COPIES_LEADER` came before this patch.
      await recordTogether(patched(L1_COPIES_LEADER) ? [...steps, leaderCopy] : steps);
      return;
    }
    await recordAll(steps);
    if (event.kind !== 'RUNG') return;
    // Tasks that reach L1 after this change copy the urging to their responsible leader; tasks whose L1 was
    // recorded before it replay without the copy (README "Changing workflow code under running cycles").
    if (event.rung === 1 && patched(L1_COPIES_LEADER)) await record(leaderCopy);
    if (event.rung === 3 && patched(L3_CASE_FROM_TASK)) {
      await refer(due);
    } else if (event.rung === 3 && input.cycleId) {
      // The cycle opens the accountability case (责任追究); a cycle already closed takes none.
      await getExternalWorkflowHandle(cycleWorkflowId(input.cycleId))
        .signal(taskEscalated, {
          taskId: input.taskId,
          unitId: status.leadUnitId,
          leaderId: status.leaderId,
          dueDate: due,
        })
        .catch(() => undefined);
    }
  }

  /**
   * The L3 referral: the task's cycle opens the case (its year end waits for it); with no cycle, or a cycle that has
   * ended, the task opens it as a child that outlives it. The timeline names the case either way.
   */
  async function refer(dueDate: string): Promise<void> {
    const caseId = (l3CaseId ??= `c-${uuid4()}`);
    const source = { kind: 'L3', taskId: input.taskId, dueDate } as const;
    const unitId = status.leadUnitId;
    const toCycle = input.cycleId
      ? await getExternalWorkflowHandle(cycleWorkflowId(input.cycleId))
          .signal(taskEscalated, { taskId: input.taskId, unitId, leaderId: status.leaderId, dueDate, caseId })
          .then(() => true)
          .catch(() => false)
      : false;
    if (!toCycle) {
      const caseInput: CaseInput = {
        caseId,
        orgId: input.orgId,
        cycleId: input.cycleId,
        unitId,
        leaderId: status.leaderId,
        source,
        policy: await acts.cycleCasePolicy({ orgId: input.orgId }),
        openedBy: null,
      };
      await startChildOnce('accountabilityCase', caseWorkflowId(caseId), caseInput);
    }
    await record({
      kind: 'REFERRED',
      message: `逾期进入三级督办，移送责任追究（案件编号${caseId}）`,
      details: { caseId, dueDate },
    });
  }

  /**
   * The office applied a version of the task types to running tasks: the task takes its type's policy from now on, its
   * timers ahead are planned again (a rung reached or a reminder sent stays as recorded) and its timeline says what
   * moved. A policy the task has already (a task assigned after the version) records nothing.
   */
  async function applyPolicy(change: m.AppliedPolicy): Promise<void> {
    policyVersion = change.version;
    if (JSON.stringify(change.policy) === JSON.stringify(task.policy)) return;
    const before = task.schedule;
    input = { ...input, policy: change.policy };
    task.policy = change.policy;
    task.replan = false;
    await plan();
    const impact =
      before && task.schedule ? policyImpact(status, before, task.schedule, now()) : { changes: [], firesAtOnce: [] };
    refreshLight(task, now());
    await record({
      kind: 'POLICY_CHANGED',
      message: policyChangedText(change, impact),
      details: { version: change.version, reason: change.reason, by: change.by, ...impact },
    });
  }

  /** Plans the timers again after a step that moved them; records a deadline moved by the calendar. */
  async function replan(): Promise<void> {
    task.replan = false;
    const before = { dueDate: status.dueDate, provisional: status.provisional, light: status.light };
    await plan();
    const pause = activePause(status);
    if (pause?.until && pause.decidedAt && pause.limitWorkingDays !== undefined && patched(PAUSE_CALENDAR)) {
      const until = await acts.planPause({
        orgId: input.orgId,
        since: pause.decidedAt,
        workingDays: pause.limitWorkingDays,
      });
      // Resumed while the calendar answered: nothing to move.
      if (activePause(status)?.seq === pause.seq && until !== pause.until) {
        const previous = pause.until;
        pause.until = until;
        await record({
          kind: 'CALENDAR_CHANGED',
          message: `工作日历更新，中止计时期限${pause.limitWorkingDays}个工作日重新计算，至迟于${localDateOf(until)}恢复计时`,
          details: { pauseUntil: until, previousPauseUntil: previous },
        });
      }
    }
    refreshLight(task, now());
    if (before.dueDate !== status.dueDate || before.provisional !== status.provisional) {
      // Only a new calendar table moves a computed deadline: decisions set theirs before replanning.
      const settled = status.provisional ? '（所涉年度官方工作日历尚未发布，暂定）' : '';
      await record({
        kind: 'CALENDAR_CHANGED',
        message: `工作日历更新，工作时限为${status.dueDate}${settled}，各项提醒和督办时间已重新计算`,
        details: { dueDate: status.dueDate, previousDueDate: before.dueDate, previousProvisional: before.provisional },
      });
    } else if (patched(LIGHT_AGAINST_LAST_STEP) ? status.light !== lightRecorded : before.light !== status.light) {
      await record({ kind: 'LIGHT_CHANGED', message: `指示灯变为${LIGHT_LABEL[status.light]}` });
    }
  }

  // ---- the task's life -----------------------------------------------------------------------------------
  await plan(!carried && input.schedule && patched(SCHEDULE_FROM_STARTER) ? input.schedule : undefined);
  if (!carried) {
    refreshLight(task, now());
    // A date limit is its own due date: said once (it read 「2026-11-02（2026-11-02）」).
    const limit = input.limit.kind === 'DATE' ? status.dueDate : `${input.limit.days}个工作日（${status.dueDate}）`;
    const provisional = status.provisional ? '（暂定：所涉年度官方工作日历尚未发布）' : '';
    const imported = input.historical ? '补录历史' : '交办';
    const lapsedBefore = input.historical && Date.parse(status.dueAt ?? '') <= Date.parse(input.assignedAt);
    const lapsed = lapsedBefore ? '；补录前已届满，不再追溯督办升级' : '';
    await record({
      kind: 'ASSIGNED',
      message: `${imported}任务「${input.title}」，工作时限：${limit}${provisional}${lapsed}`,
      actor: input.actor,
      action: input.historical ? 'task.import' : 'task.create',
      payload: { ...input, actor: undefined, schedule: undefined },
      details: { dueDate: status.dueDate },
    });
    recorded = true;
  }

  while (isOpen(status.state)) {
    if (policyToApply) {
      const change = policyToApply;
      policyToApply = undefined;
      await applyPolicy(change);
      continue;
    }
    if (task.replan) {
      await replan();
      continue;
    }
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await Promise.allSettled(deliveries);
      const { signAnchor, progressAnchor, progressMissing, dueOverride } = task;
      return continueAsNew<typeof supervisedTask>(input, {
        policyVersion,
        status,
        fired: [...fired],
        step,
        signAnchor,
        progressAnchor,
        progressMissing,
        dueOverride,
        l3CaseId,
      });
    }
    const next = task.schedule ? pendingEvents(status, task.schedule, fired)[0] : undefined;
    const seen = changes;
    const woken = () => changes !== seen || task.replan || policyToApply !== undefined;
    if (await waitUntilOrChange(next?.at, now(), woken)) await fire(next!);
  }

  await condition(allHandlersFinished);
  await Promise.allSettled(deliveries);
  return status;
}
