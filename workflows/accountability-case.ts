import { allHandlersFinished, condition, patched } from '@temporalio/workflow';
import type { CaseNotice } from '../procedures/case/messages';
import { withFilesOn } from '../procedures/kernel/files';
import type { Step } from '../procedures/kernel/machine';
import type { Recipient } from '../procedures/kernel/recipients';
import * as cm from '../procedures/case/messages';
import type { CaseInput, CaseStatus } from '../procedures/case/messages';
import * as texts from '../procedures/case/texts';
import type { Actor } from '../procedures/task/messages';
import { caseProcedure, receiveStatement, takeDecision, type CaseMachine } from '../procedures/case/machine';
import { registerActions } from './kernel/actions';
import { activities, calendarIgnored, serveStatus, watchCalendar, workflowClock } from './kernel/instance';
import { climbLadder, dueInstant, type Rung } from './kernel/timers';

const acts = activities;

/** The audit action of each step of a case. */
const ACTION: Record<string, string> = {
  OPENED: 'case.open',
  STATEMENT_OVERDUE: 'case.urge',
  ESCALATED: 'case.escalate',
  STATEMENT_RECEIVED: 'case.statement',
  DECIDED: 'case.decide',
  CLOSED: 'case.close',
  CALENDAR_CHANGED: 'case.recompute',
};

/**
 * An accountability case (责任追究), DOMAIN.md "The annual cycle" step 7: opened by a task's L3 rung, a failing
 * assessment or the office. The unit's head and its responsible leader are notified and the unit owes a written
 * statement (说明情况) by the end of the policy's N-th working day. Missed, the unit head is urged (催办) and the
 * leader and the leadership group told; still missing M working days later, the case goes to the leadership group.
 * The office decides one of the configured measures with its basis (without a statement only once it is overdue);
 * the decision goes to the unit head, the leader, the people it names and the group, and the case is closed.
 */
export async function accountabilityCase(input: CaseInput): Promise<CaseStatus> {
  const { workflowId, now, nowIso } = workflowClock();
  const status: CaseStatus = {
    caseId: input.caseId,
    state: 'OPEN',
    unitName: null,
    openedAt: null,
    statementDueAt: null,
    escalateAt: null,
    statement: null,
    statementBy: null,
    statementAt: null,
    statementLate: false,
    overdueAt: null,
    escalatedAt: null,
    measure: null,
    measureName: null,
    basis: null,
    persons: [],
    decidedBy: null,
    decidedAt: null,
    decidedWithoutStatement: false,
    closedAt: null,
    version: 0,
  };
  const machine: CaseMachine = { status, input, recorded: false };
  let step = 0;
  const unitName = () => status.unitName ?? input.unitId;
  const concluded = () => status.decidedAt !== null;
  /** The unit's head, its responsible leader and the leader the case names (the same person is notified once). */
  const unitHead: Recipient = { kind: 'UNIT_HEAD', unitId: input.unitId };
  const leaders: Recipient[] = [
    { kind: 'UNIT_LEADER', unitId: input.unitId },
    ...(input.leaderId ? [{ kind: 'PERSON' as const, personId: input.leaderId }] : []),
  ];
  const group: Recipient = { kind: 'GROUP', orgId: input.orgId };
  const office: Recipient = { kind: 'OFFICE', orgId: input.orgId };

  async function record(
    kind: string,
    message: string,
    opts: { actor?: Actor | null; payload?: unknown; notices?: CaseNotice[]; at?: string } & Pick<
      Step,
      'attachments'
    > = {},
  ): Promise<void> {
    status.version += 1;
    const stepId = `${++step}-${kind.toLowerCase()}`;
    // Files given with the action (佐证材料) ride in its input only: a step without them records as it always did.
    const files = opts.attachments?.length ? { attachments: opts.attachments } : {};
    await acts.recordCaseEvent({
      workflowId,
      input,
      status: { ...status, persons: [...status.persons] },
      entry: { step: stepId, kind, message, at: opts.at ?? nowIso(), actor: opts.actor, ...files },
      audit: { action: ACTION[kind] ?? `case.${kind.toLowerCase()}`, payload: opts.payload ?? {} },
      notices: opts.notices ?? [],
    });
  }

  // ---- queries and updates --------------------------------------------------------------------------
  serveStatus(
    cm.getCaseStatus,
    cm.caseRecorded,
    () => status,
    () => machine.recorded,
  );
  // A year's official calendar table was loaded (or changed): the deadlines still ahead are worked out again.
  const calendar = watchCalendar();

  registerActions(caseProcedure, {
    state: () => machine,
    now,
    async run(action, actionInput) {
      if (action === 'submitStatement') {
        const statement = actionInput as cm.SubmitStatementInput;
        receiveStatement(machine, statement, now());
        const t = texts.statementTexts(input.caseId, unitName(), status.statementLate);
        const received = withFilesOn<Step>(
          {
            kind: 'STATEMENT_RECEIVED',
            message: t.message,
            payload: { text: status.statement, late: status.statementLate },
          },
          statement.attachments,
        );
        await record(received.kind, received.message, {
          actor: actionInput.actor,
          payload: received.payload,
          attachments: received.attachments,
          notices: [{ kind: 'CASE_STATEMENT', title: t.title, body: t.body, recipients: [office] }],
        });
        return status;
      }
      const decision = actionInput as cm.DecideCaseInput;
      const chosen = takeDecision(machine, decision, now());
      const personNames = status.persons.length > 0 ? await acts.namesOfPeople({ personIds: status.persons }) : [];
      const t = texts.decidedTexts(input.caseId, unitName(), {
        measureName: chosen.name,
        basis: status.basis!,
        withoutStatement: status.decidedWithoutStatement,
        personNames,
      });
      await record('DECIDED', t.message, {
        actor: decision.actor,
        payload: {
          measure: decision.measure,
          basis: status.basis,
          persons: status.persons,
          withoutStatement: status.decidedWithoutStatement,
        },
        notices: [
          {
            kind: 'CASE_DECIDED',
            title: t.title,
            body: t.body,
            recipients: [
              unitHead,
              ...leaders,
              ...status.persons.map((personId): Recipient => ({ kind: 'PERSON', personId })),
              group,
            ],
          },
        ],
      });
      status.state = 'CLOSED';
      status.closedAt = nowIso();
      await record('CLOSED', texts.closedText(unitName(), status.persons.length > 0), { actor: decision.actor });
      return status;
    },
  });

  // ---- the case's course ------------------------------------------------------------------------------
  let plan = await acts.prepareCase({ unitId: input.unitId, openedAt: nowIso(), policy: input.policy });
  status.unitName = plan.unitName;
  status.openedAt = nowIso();
  status.statementDueAt = plan.statementDueAt;
  status.escalateAt = plan.escalateAt;
  const opened = texts.openedTexts(input, plan.unitName, plan.statementDueAt, plan.officeName);
  await record('OPENED', opened.message, {
    actor: input.openedBy,
    payload: { source: input.source, unitId: input.unitId, leaderId: input.leaderId, cycleId: input.cycleId },
    notices: [
      { kind: 'CASE_OPENED', title: opened.title, body: opened.body, recipients: [unitHead, ...leaders, office] },
    ],
  });
  machine.recorded = true;

  const answered = () => status.statement !== null || concluded();
  const escalateAfter = input.policy.escalateAfterWorkingDays;
  // Cases opened before this change keep the deadlines they were opened with.
  const followsCalendar = patched('case-follows-calendar');

  /** The deadlines again, on the calendar as it is now; a change is recorded and the unit head told. */
  async function replan(): Promise<void> {
    const next = await acts.prepareCase({ unitId: input.unitId, openedAt: status.openedAt!, policy: input.policy });
    if (next.statementDueAt === plan.statementDueAt && next.escalateAt === plan.escalateAt) return;
    plan = next;
    status.statementDueAt = plan.statementDueAt;
    status.escalateAt = plan.escalateAt;
    const t = texts.recomputedTexts(input.caseId, plan.unitName, plan.statementDueAt);
    await record('CALENDAR_CHANGED', t.message, {
      payload: { statementDueAt: plan.statementDueAt, escalateAt: plan.escalateAt },
      notices:
        status.statement === null ? [{ kind: 'CASE_DEADLINE_CHANGED', ...t.notice, recipients: [unitHead] }] : [],
    });
  }

  // The ladder: at the statement deadline the unit head is urged (催办) and the leaders and the leadership group
  // told; M working days later it goes to the leadership group (领导小组). The unit's answer ends it.
  const overdue: Rung = {
    at: () => plan.statementDueAt,
    async climb() {
      status.state = 'STATEMENT_OVERDUE';
      status.overdueAt = dueInstant(plan.statementDueAt, now());
      const t = texts.overdueTexts(input.caseId, plan.unitName, plan.statementDueAt, escalateAfter);
      await record('STATEMENT_OVERDUE', t.message, {
        at: status.overdueAt,
        notices: [
          { kind: 'CASE_STATEMENT_OVERDUE', ...t.urge, recipients: [unitHead] },
          { kind: 'CASE_STATEMENT_OVERDUE', ...t.report, recipients: [...leaders, group] },
        ],
      });
    },
  };
  const escalated: Rung = {
    at: () => plan.escalateAt,
    async climb() {
      status.escalatedAt = dueInstant(plan.escalateAt, now());
      const e = texts.escalatedTexts(input.caseId, plan.unitName, escalateAfter);
      await record('ESCALATED', e.message, {
        at: status.escalatedAt,
        notices: [{ kind: 'CASE_ESCALATED', title: e.title, body: e.body, recipients: [group, ...leaders, office] }],
      });
    },
  };
  await climbLadder([overdue, escalated], {
    now,
    calendar: followsCalendar ? calendar : calendarIgnored,
    replan,
    settled: answered,
    pastRungWaits: true,
  });

  await condition(() => status.state === 'CLOSED');
  await condition(allHandlersFinished);
  return status;
}
