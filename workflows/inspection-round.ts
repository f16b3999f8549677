import { allHandlersFinished, condition, patched, sleep } from '@temporalio/workflow';
import {
  findingsClosedStep,
  findingsEffect,
  inspectionProcedure,
  observedStep,
  observersInvitedStep,
  selfCheckStep,
  type InspectionMachine,
} from '../procedures/inspection/machine';
import * as im from '../procedures/inspection/messages';
import type { InspectedUnit, InspectionInput, InspectionStatus } from '../procedures/inspection/messages';
import * as steps from '../procedures/inspection/steps';
import { taskWorkflowId, type TaskInput } from '../procedures/task/messages';
import { registerActions } from './kernel/actions';
import { activities, serveStatus, startChildOnce, watchCalendar, workflowClock } from './kernel/instance';
import { climbLadder, dueInstant, type Rung } from './kernel/timers';

const acts = activities;
/** The patch under which members of the supervision network are invited into a round and observe it. */
const MEMBERS_TAKE_PART = 'inspection-members-take-part';

/**
 * An inspection round (检查督办), DOMAIN.md "The annual cycle" step 4: the machine `inspectionProcedure` run durably,
 * started by the cycle for each regular round and by the API for the rounds the office defines. The notice with the
 * checklist goes to every unit in scope; units file self-check reports (自查报告), are reminded the working day
 * before the deadline, urged (催办) at it and, still missing two working days later, reported to their responsible
 * leader. Inspectors (the office) record each unit's findings once, until they close the findings or their due date
 * passes; every finding becomes a rectification task (整改, RECTIFICATION) of the unit. The round closes when every
 * rectification is accepted, cancelled or escalated to the top rung, and its report goes to the office and the
 * leadership group. The workflow itself ends only after every rectification task has ended.
 */
export async function inspectionRound(input: InspectionInput): Promise<InspectionStatus> {
  const { workflowId, now, nowIso } = workflowClock();
  const startedMs = now();

  const round: InspectionMachine = {
    input,
    recorded: false,
    status: {
      roundId: input.roundId,
      state: 'SELF_CHECK',
      units: [], // filled from the organisation before the notice (handlers must be set before the first await)
      findings: [],
      selfCheckDueAt: null,
      remindAt: null,
      escalateAt: null,
      findingsDueAt: null,
      findingsClosedAt: null,
      closedAt: null,
      version: 0,
    },
  };
  const { status } = round;
  let step = 0;
  /** Each rectification task with its policy's L3 offset, to know when it may reach the top rung. */
  const rectifications: { taskId: string; l3AfterWorkingDays: number }[] = [];
  const children: Promise<void>[] = [];
  let childrenEnded = 0;

  async function record(s: steps.InspectionStep): Promise<void> {
    status.version += 1;
    const stepId = `${++step}-${s.kind.toLowerCase()}`;
    await acts.recordInspectionEvent({
      workflowId,
      round: input,
      status: {
        ...status,
        units: status.units.map((u) => ({ ...u })),
        findings: [...status.findings],
        observers: [...(status.observers ?? [])],
        observations: [...(status.observations ?? [])],
      },
      entry: {
        step: stepId,
        kind: s.kind,
        message: s.message,
        at: s.at ?? nowIso(),
        actor: s.actor,
        unitId: s.unitId ?? null,
        scope: s.scope ?? (s.unitId ? 'UNIT' : 'ALL'),
        // Files given with the action (佐证材料) ride in its input only: a step without them records as it always did.
        ...(s.attachments?.length ? { attachments: s.attachments } : {}),
      },
      audit: s.action ? { action: s.action, payload: s.payload ?? {} } : undefined,
      report: s.report,
      notice: s.notice ? { kind: `INSPECTION_${s.kind}`, ...s.notice } : undefined,
    });
  }
  const recordAll = async (list: steps.InspectionStep[]) => {
    for (const s of list) await record(s);
  };

  async function startRectification(task: TaskInput): Promise<void> {
    // Ending the round's workflow early (terminated by an operator) must not end its rectifications; one started
    // before a crash is not followed here: the read model still tells the round where it stands.
    const child = await startChildOnce('supervisedTask', taskWorkflowId(task.taskId), task);
    if (child) {
      children.push(
        child.ended.then(() => {
          childrenEnded += 1;
        }),
      );
    }
  }

  // ---- queries and updates --------------------------------------------------------------------------
  serveStatus(
    im.getInspectionStatus,
    im.inspectionRecorded,
    () => status,
    () => round.recorded,
  );
  // A year's official calendar table was loaded (or changed): the reminder and the escalation are worked out again.
  const calendar = watchCalendar();
  registerActions(inspectionProcedure, {
    state: () => round,
    now,
    async run(action, actionInput) {
      if (action === 'fileSelfCheck') {
        await record(selfCheckStep(round, actionInput as im.FileSelfCheckInput, now()));
      } else if (action === 'recordFindings') {
        const findings = actionInput as im.RecordFindingsInput;
        const { step: recorded, tasks } = findingsEffect(round, findings, now());
        const l3AfterWorkingDays = findings.policy.escalation.l3AfterWorkingDays;
        for (const t of tasks) rectifications.push({ taskId: t.taskId, l3AfterWorkingDays });
        await record(recorded);
        await Promise.all(tasks.map(startRectification));
      } else if (action === 'closeFindings') {
        await record(findingsClosedStep(round, actionInput.actor, nowIso()));
      } else if (patched(MEMBERS_TAKE_PART)) {
        // Members of the supervision network (issue 19 part 5): only rounds running this code record these steps.
        if (action === 'inviteObservers') {
          const invite = actionInput as im.InviteObserversInput;
          await record(observersInvitedStep(round, invite.actor, invite.personIds, nowIso()));
        } else {
          await record(observedStep(round, actionInput as im.ObserveInput, now()));
        }
      }
      return status;
    },
  });

  // ---- the round's course -----------------------------------------------------------------------------
  const units = await acts.listInspectionUnits({ orgId: input.orgId, unitIds: input.unitIds });
  const planTimers = () =>
    acts.planInspectionTimers({
      orgId: input.orgId,
      selfCheckDueDate: input.selfCheckDueDate,
      findingsDueDate: input.findingsDueDate,
      escalateAfterWorkingDays: im.escalateAfterOf(input),
    });
  let timers = await planTimers();
  status.units = units.map((u): InspectedUnit => ({
    ...u,
    selfCheck: 'PENDING',
    report: null,
    filedBy: null,
    filedAt: null,
    urgedAt: null,
    escalatedAt: null,
    findingsRecordedAt: null,
  }));
  Object.assign(status, {
    selfCheckDueAt: timers.selfCheckDueAt,
    remindAt: timers.remindAt,
    escalateAt: timers.escalateAt,
    findingsDueAt: timers.findingsDueAt,
  });
  await record(steps.noticedStep(round));
  // Members invited with the definition hear of it right after the units (a round of older code has none).
  if ((input.observerIds ?? []).length > 0 && patched(MEMBERS_TAKE_PART)) {
    await record(observersInvitedStep(round, input.calledBy, input.observerIds!, nowIso()));
  }
  round.recorded = true;
  // Rounds noticed before this change keep the timers they were noticed with.
  const followsCalendar = patched('inspection-follows-calendar');

  /** The timers again, on the calendar as it is now; a moved reminder or escalation is recorded for the office. */
  async function replan(): Promise<void> {
    const next = await planTimers();
    if (next.remindAt === timers.remindAt && next.escalateAt === timers.escalateAt) return;
    timers = next;
    Object.assign(status, { remindAt: timers.remindAt, escalateAt: timers.escalateAt });
    await record(steps.calendarChangedStep(timers.escalateAt));
  }

  /** Self-check stage, a ladder: reminder (提醒), urging at the deadline (催办), escalation to the leader (报分管领导). */
  async function selfCheckStage(): Promise<void> {
    const rung = (
      which: 'remindAt' | 'selfCheckDueAt' | 'escalateAt',
      stepsAt: (at: string) => steps.InspectionStep[],
    ): Rung => ({
      at: () => timers[which],
      climb: () => recordAll(stepsAt(dueInstant(timers[which], now()))),
    });
    const rungs = [
      ...(Date.parse(timers.remindAt) > startedMs ? [rung('remindAt', (at) => steps.remindedSteps(round, at))] : []),
      rung('selfCheckDueAt', (at) => steps.selfCheckDueSteps(round, at)),
      rung('escalateAt', (at) => steps.escalatedSteps(round, at)),
    ];
    if (followsCalendar) {
      await climbLadder(rungs, { now, calendar, replan });
      return;
    }
    // Rounds noticed before the calendar patch sleep through their rungs, as their histories recorded.
    for (const r of rungs) {
      await sleep(Math.max(0, Date.parse(r.at()) - now()));
      await r.climb();
    }
  }

  /** Findings stage: open until the office closes it, or until the findings due date ends. */
  async function findingsStage(): Promise<void> {
    const closed = await condition(
      () => status.findingsClosedAt !== null,
      Math.max(0, Date.parse(timers.findingsDueAt) - now()),
    );
    if (!closed) await record(findingsClosedStep(round, null, dueInstant(timers.findingsDueAt, now())));
  }

  await Promise.all([selfCheckStage(), findingsStage()]);
  // Both stages are over at the later of their ends; the round closes then at the earliest.
  const stagesEnd = Math.max(Date.parse(timers.escalateAt), Date.parse(status.findingsClosedAt!));

  // Rectification stage: until every rectification is accepted, cancelled or at L3 in the read model.
  let settledAt = stagesEnd;
  while (rectifications.length > 0) {
    const check = await acts.checkRectifications({ orgId: input.orgId, tasks: [...rectifications], now: nowIso() });
    if (check.settled) {
      settledAt = Math.max(stagesEnd, Date.parse(check.settledAt!));
      break;
    }
    const seen = childrenEnded;
    await condition(() => childrenEnded !== seen, Math.max(1_000, Date.parse(check.nextCheckAt) - now()));
  }
  const closedAt = new Date(settledAt).toISOString();
  status.state = 'CLOSED';
  status.closedAt = closedAt;
  const report = await acts.buildInspectionReport({ roundId: input.roundId, asOf: closedAt });
  await record(steps.closedStep(round, closedAt, report));

  // The workflow ends only after its rectification tasks have (a child must not outlive its parent's history).
  await Promise.all(children);
  if (children.length > 0) {
    await record({ kind: 'TASKS_ENDED', message: `本轮整改任务${children.length}项均已结束`, scope: 'OFFICE' });
  }
  await condition(allHandlersFinished);
  return status;
}
