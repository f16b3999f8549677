import { allHandlersFinished, condition } from '@temporalio/workflow';
import {
  appraisalProcedure,
  closedStep,
  invitedStep,
  openedStep,
  openingStatus,
  ratedStep,
  remindedStep,
  type AppraisalMachine,
  type AppraisalStep,
} from '../procedures/appraisal/machine';
import * as am from '../procedures/appraisal/messages';
import type { AppraisalInput, AppraisalStatus } from '../procedures/appraisal/messages';
import { registerActions } from './kernel/actions';
import { activities as acts, serveStatus, watchCalendar, workflowClock } from './kernel/instance';
import { climbLadder, dueInstant, type Rung } from './kernel/timers';

/**
 * A conduct appraisal (行风评议), DOMAIN.md "The supervision network", issue 19 part 5: the machine
 * `appraisalProcedure` run durably. The invited members are told at the opening; they rate the units until the period
 * ends (24:00 of its N-th working day on the organisation's calendar, moved when a new calendar table arrives); the
 * working day before, those who have not rated every unit are reminded; at the end it closes and aggregates per unit,
 * and each unit hears its own result.
 */
export async function conductAppraisal(input: AppraisalInput): Promise<AppraisalStatus> {
  const { workflowId, now, nowIso } = workflowClock();
  const machine: AppraisalMachine = { input, recorded: false, status: openingStatus(input) };
  const { status } = machine;
  let step = 0;

  async function record(s: AppraisalStep): Promise<void> {
    status.version += 1;
    await acts.recordAppraisalEvent({
      workflowId,
      input,
      status: {
        ...status,
        members: status.members.map((m) => ({ ...m })),
        ratings: [...status.ratings],
        results: [...status.results],
      },
      entry: {
        step: `${++step}-${s.kind.toLowerCase()}`,
        kind: s.kind,
        message: s.message,
        at: s.at ?? nowIso(),
        actor: s.actor,
      },
      audit: s.action ? { action: s.action, payload: s.payload ?? {} } : undefined,
      notices: s.notices ?? [],
    });
  }

  serveStatus(
    am.getAppraisalStatus,
    am.appraisalRecorded,
    () => status,
    () => machine.recorded,
  );
  const calendar = watchCalendar();
  registerActions(appraisalProcedure, {
    state: () => machine,
    now,
    async run(action, actionInput) {
      if (action === 'rateUnits') await record(ratedStep(machine, actionInput as am.RateInput, now()));
      else if (action === 'inviteRaters') await record(invitedStep(machine, actionInput as am.InviteInput, nowIso()));
      else await record(closedStep(machine, nowIso(), actionInput.actor));
      return status;
    },
  });

  // ---- the appraisal's course -------------------------------------------------------------------------
  const openedAt = nowIso();
  const plan = () => acts.planAppraisalPeriod({ orgId: input.orgId, from: openedAt, workingDays: input.workingDays });
  const period = await plan();
  status.units = await acts.listAppraisalUnits({ orgId: input.orgId, unitIds: input.unitIds });
  status.dueAt = period.dueAt;
  status.remindAt = period.remindAt;
  await record(openedStep(machine, openedAt));
  machine.recorded = true;

  const rungs: Rung[] = [
    ...(Date.parse(status.remindAt) > now()
      ? [
          {
            at: () => status.remindAt!,
            async climb() {
              const s = remindedStep(machine, dueInstant(status.remindAt!, now()));
              if (s) await record(s);
            },
          },
        ]
      : []),
    {
      at: () => status.dueAt!,
      climb: () => record(closedStep(machine, dueInstant(status.dueAt!, now()))),
    },
  ];
  await climbLadder(rungs, {
    now,
    calendar,
    // Closed early by the office (every member finished): no reminder, no second close.
    settled: () => status.state === 'CLOSED',
    async replan() {
      const next = await plan();
      if (next.dueAt === status.dueAt && next.remindAt === status.remindAt) return;
      status.dueAt = next.dueAt;
      status.remindAt = next.remindAt;
      await record({
        kind: 'CALENDAR_CHANGED',
        message: '工作日历更新，评议截止时间已重新计算',
        action: 'appraisal.recompute',
      });
    },
  });
  await condition(allHandlersFinished);
  return status;
}
