import { allHandlersFinished, condition } from '@temporalio/workflow';
import type { Recipient } from '../procedures/kernel/recipients';
import {
  referralProcedure,
  sentStatus,
  takeAcceptance,
  takeDecision,
  takeOpinion,
  takeResult,
  takeReturn,
  type ReferralMachine,
} from '../procedures/referral/machine';
import * as rm from '../procedures/referral/messages';
import type { ReferralInput, ReferralNotice, ReferralStatus } from '../procedures/referral/messages';
import * as texts from '../procedures/referral/texts';
import { taskWorkflowId, type Actor, type TaskInput } from '../procedures/task/messages';
import { registerActions } from './kernel/actions';
import { activities as acts, serveStatus, startChildOnce, watchCalendar, workflowClock } from './kernel/instance';
import { climbLadder, dueInstant, type Rung } from './kernel/timers';

/** The audit action of each step of a referral. */
const ACTION: Record<string, string> = {
  SENT: 'referral.create',
  ADMITTED: 'referral.accept',
  ANSWERED: 'referral.result',
  RETURNED: 'referral.return',
  DECIDED: 'referral.decide',
  OPINION: 'referral.opinion',
  GRANTED: 'referral.grant',
  CLOSED: 'referral.close',
  ACCEPTANCE_OVERDUE: 'referral.urge',
  RESULT_OVERDUE: 'referral.urge',
  ACCEPTANCE_ESCALATED: 'referral.escalate',
  RESULT_ESCALATED: 'referral.escalate',
  CALENDAR_CHANGED: 'referral.recompute',
};

/**
 * A referral (移送), DOMAIN.md "Case collaboration", issue 18 part 3. The receiver (an enforcement unit's people, or
 * the office for a clue referred to the commission) is notified and owes acceptance feedback (受理反馈) by the policy's
 * N-th working day, then result feedback (处理结果反馈) by the M-th working day after acceptance. A missing feedback
 * climbs the ladder: at its deadline the receiving unit's head is urged (催办, L1); K working days later the unit's
 * responsible leader and the major-case coordination group (大要案协调小组) are told (L2). Late feedback is recorded as
 * late. The receiver may instead return it (退回) with reasons; the sender then refers it on (a new referral, linked),
 * handles it itself or closes it. The office records coordination opinions (协调意见); one that asks for action
 * becomes a supervised task (COORDINATION_OPINION), like a meeting's resolution.
 */
export async function referral(input: ReferralInput): Promise<ReferralStatus> {
  const { workflowId, now, nowIso } = workflowClock();
  const status = sentStatus(input.referralId);
  const machine: ReferralMachine = { status, input, recorded: false };
  let step = 0;
  let groupIds: string[] = [];

  const office: Recipient = { kind: 'OFFICE', orgId: input.orgId };
  const toEnforcement = input.direction === 'TO_ENFORCEMENT';
  const receiverSide: Recipient = toEnforcement ? { kind: 'UNIT', unitId: input.receiverUnitId } : office;
  const senderSide: Recipient = toEnforcement ? office : { kind: 'UNIT', unitId: input.senderUnitId };
  const bothSides = [senderSide, receiverSide];

  async function record(
    kind: string,
    message: string,
    opts: { actor?: Actor | null; payload?: unknown; notices?: ReferralNotice[]; at?: string } = {},
  ): Promise<void> {
    status.version += 1;
    await acts.recordReferralEvent({
      workflowId,
      input,
      status: { ...status, opinions: [...status.opinions], accessIds: [...status.accessIds] },
      entry: { step: `${++step}-${kind.toLowerCase()}`, kind, message, at: opts.at ?? nowIso(), actor: opts.actor },
      audit: { action: ACTION[kind] ?? `referral.${kind.toLowerCase()}`, payload: opts.payload ?? {} },
      notices: opts.notices ?? [],
    });
  }

  serveStatus(
    rm.getReferralStatus,
    rm.referralRecorded,
    () => status,
    () => machine.recorded,
  );
  const calendar = watchCalendar();

  /** The deadline of a feedback and its L2 instant, counted from `from`. */
  const deadlinesFrom = (from: string, workingDays: number) =>
    acts.referralDeadlines({
      orgId: input.orgId,
      from,
      workingDays,
      escalateAfterWorkingDays: input.policy.escalateAfterWorkingDays,
    });

  registerActions(referralProcedure, {
    state: () => machine,
    now,
    async run(action, actionInput) {
      const actor = actionInput.actor;
      switch (action) {
        case 'acceptReferral': {
          const a = actionInput as rm.AcceptInput;
          takeAcceptance(machine, a, now());
          const result = await deadlinesFrom(status.acceptedAt!, input.policy.resultWorkingDays);
          status.resultDueAt = result.dueAt;
          status.resultEscalateAt = result.escalateAt;
          const t = texts.acceptedTexts(input, status.acceptanceLate, result.dueAt);
          await record('ADMITTED', t.message, {
            actor,
            payload: { note: status.acceptanceNote, late: status.acceptanceLate, resultDueAt: result.dueAt },
            notices: [{ kind: 'REFERRAL_ACCEPTED', title: t.title, body: t.body, recipients: [senderSide] }],
          });
          break;
        }
        case 'giveResult': {
          takeResult(machine, actionInput as rm.ResultInput, now());
          const t = texts.resultTexts(input, status.result!, status.resultLate);
          await record('ANSWERED', t.message, {
            actor,
            payload: { result: status.result, late: status.resultLate },
            notices: [{ kind: 'REFERRAL_ANSWERED', title: t.title, body: t.body, recipients: [senderSide, office] }],
          });
          break;
        }
        case 'returnReferral': {
          takeReturn(machine, actionInput as rm.ReturnInput, now());
          const t = texts.returnedTexts(input, status.returnReasons!, status.acceptanceLate);
          await record('RETURNED', t.message, {
            actor,
            payload: { reasons: status.returnReasons, late: status.acceptanceLate },
            notices: [{ kind: 'REFERRAL_RETURNED', title: t.title, body: t.body, recipients: [senderSide, office] }],
          });
          break;
        }
        case 'decideReturned': {
          const d = actionInput as rm.DecideInput;
          takeDecision(machine, d, now());
          const next = d.decision === 'REFER_ON' ? { id: status.nextReferralId!, unitId: d.unitId! } : undefined;
          const t = texts.decidedTexts(input, d.decision, status.decisionNote!, next);
          await record('DECIDED', t.message, {
            actor,
            payload: { decision: d.decision, note: status.decisionNote, next: next ?? null },
            notices: [{ kind: 'REFERRAL_DECIDED', title: t.title, body: t.body, recipients: bothSides }],
          });
          if (next) {
            const onward: ReferralInput = {
              ...input,
              referralId: next.id,
              receiverUnitId: next.unitId,
              sentBy: actor,
              previousId: input.referralId,
            };
            await startChildOnce('referral', rm.referralWorkflowId(next.id), onward);
          }
          break;
        }
        case 'recordOpinion': {
          const o = actionInput as rm.OpinionInput;
          const opinion = takeOpinion(machine, o, now());
          const t = texts.opinionTexts(input, opinion);
          await record('OPINION', t.message, {
            actor,
            payload: { opinion },
            notices: [{ kind: 'REFERRAL_OPINION', title: t.title, body: t.body, recipients: bothSides }],
          });
          if (o.task && opinion.taskId) {
            const task: TaskInput = {
              ...o.task,
              taskId: opinion.taskId,
              orgId: input.orgId,
              cycleId: null,
              assignedAt: opinion.at,
              createdBy: actor.personId,
              actor,
            };
            await startChildOnce('supervisedTask', taskWorkflowId(task.taskId), task);
          }
          break;
        }
        case 'grantAccess': {
          const g = actionInput as rm.GrantInput;
          const added = g.personIds.filter((p) => !status.accessIds.includes(p));
          status.accessIds = [...status.accessIds, ...added];
          await record('GRANTED', texts.grantedText(added, g.reason), {
            actor,
            payload: { personIds: added, reason: g.reason.trim() },
            notices: added.length
              ? [
                  {
                    kind: 'REFERRAL_GRANTED',
                    ...texts.grantedNotice(input),
                    recipients: added.map((personId): Recipient => ({ kind: 'PERSON', personId })),
                  },
                ]
              : [],
          });
          break;
        }
        case 'closeReferral': {
          status.state = 'CLOSED';
          status.closedAt = nowIso();
          const note = (actionInput as rm.CloseInput).note?.trim();
          await record('CLOSED', `${texts.closedText(actor.personId)}${note ? `：${note}` : ''}`, {
            actor,
            payload: { note: note ?? null },
          });
          break;
        }
      }
      return status;
    },
  });

  // ---- the referral's course ------------------------------------------------------------------------
  const parties = await acts.prepareReferral({
    orgId: input.orgId,
    senderUnitId: input.senderUnitId,
    receiverUnitId: input.receiverUnitId,
  });
  groupIds = parties.groupIds;
  status.senderName = parties.senderName;
  status.receiverName = parties.receiverName;
  status.sentAt = nowIso();
  const acceptance = await deadlinesFrom(status.sentAt, input.policy.acceptWorkingDays);
  status.acceptanceDueAt = acceptance.dueAt;
  status.acceptanceEscalateAt = acceptance.escalateAt;
  const sent = texts.sentTexts(input, acceptance.dueAt);
  await record('SENT', sent.message, {
    actor: input.sentBy,
    payload: {
      direction: input.direction,
      senderUnitId: input.senderUnitId,
      receiverUnitId: input.receiverUnitId,
      previousId: input.previousId,
    },
    notices: [{ kind: 'REFERRAL_SENT', title: sent.title, body: sent.body, recipients: [receiverSide] }],
  });
  machine.recorded = true;

  const escalateAfter = input.policy.escalateAfterWorkingDays;
  const unitHead: Recipient = { kind: 'UNIT_HEAD', unitId: input.receiverUnitId };
  const leaderAndGroup = (): Recipient[] => [
    { kind: 'UNIT_LEADER', unitId: input.receiverUnitId },
    ...groupIds.map((personId): Recipient => ({ kind: 'PERSON', personId })),
    office,
  ];

  /** The ladder of one feedback (受理反馈 or 处理结果反馈): L1 urges the unit head, L2 tells the leader and the group. */
  async function ladder(phase: 'ACCEPTANCE' | 'RESULT', settled: () => boolean): Promise<void> {
    const due = phase === 'ACCEPTANCE' ? 'acceptanceDueAt' : 'resultDueAt';
    const escalate = phase === 'ACCEPTANCE' ? 'acceptanceEscalateAt' : 'resultEscalateAt';
    const from = () => (phase === 'ACCEPTANCE' ? status.sentAt! : status.acceptedAt!);
    const workingDays = phase === 'ACCEPTANCE' ? input.policy.acceptWorkingDays : input.policy.resultWorkingDays;
    const l1: Rung = {
      at: () => status[due]!,
      async climb() {
        const at = dueInstant(status[due]!, now());
        status[phase === 'ACCEPTANCE' ? 'acceptanceUrgedAt' : 'resultUrgedAt'] = at;
        const t = texts.overdueTexts(input, phase, status[due]!, escalateAfter);
        await record(`${phase}_OVERDUE`, t.message, {
          at,
          payload: { rung: 'L1', dueAt: status[due] },
          notices: [
            { kind: `REFERRAL_${phase}_OVERDUE`, ...t.urge, recipients: [unitHead] },
            { kind: `REFERRAL_${phase}_OVERDUE`, ...t.report, recipients: [senderSide] },
          ],
        });
      },
    };
    const l2: Rung = {
      at: () => status[escalate]!,
      async climb() {
        const at = dueInstant(status[escalate]!, now());
        status[phase === 'ACCEPTANCE' ? 'acceptanceEscalatedAt' : 'resultEscalatedAt'] = at;
        const t = texts.escalatedTexts(input, phase, escalateAfter);
        await record(`${phase}_ESCALATED`, t.message, {
          at,
          payload: { rung: 'L2', dueAt: status[due] },
          notices: [
            { kind: `REFERRAL_${phase}_ESCALATED`, title: t.title, body: t.body, recipients: leaderAndGroup() },
          ],
        });
      },
    };
    await climbLadder([l1, l2], {
      now,
      calendar,
      settled,
      async replan() {
        const next = await deadlinesFrom(from(), workingDays);
        if (next.dueAt === status[due] && next.escalateAt === status[escalate]) return;
        status[due] = next.dueAt;
        status[escalate] = next.escalateAt;
        await record('CALENDAR_CHANGED', texts.recomputedText(next.dueAt), { payload: next });
      },
    });
  }

  const ended = () => rm.ENDED_STATES.includes(status.state);
  await ladder('ACCEPTANCE', () => status.state !== 'SENT');
  // A feedback given after its deadline is late whatever the ladder reached: measured against the deadline itself.
  await condition(() => status.state !== 'SENT' && (status.state !== 'ACCEPTED' || status.resultDueAt !== null));
  if (status.state !== 'RETURNED' && !ended()) {
    await ladder('RESULT', () => status.resultAt !== null || ended());
  }
  await condition(ended);
  await condition(allHandlersFinished);
  return status;
}
