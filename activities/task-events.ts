import type { Pool } from 'pg';
import type { Queryable } from '../db/transaction';
import { findPerson, findUnit } from '../db/queries/organisation-read';
import type { TaskEventKind, TaskPolicy, TaskStatus } from '../procedures/task/messages';
import * as texts from './notification-texts';
import type { NotificationText } from './notification-texts';
import { DEFAULT_NOTICE_TEMPLATES, noticeText, type NoticeTemplatesContent } from './notice-templates';
import { readRuleVersion } from '../db/queries/rule-versions';
import type { NotificationActivities, Recipient } from './notifications';
import { readWorkingCalendar } from '../db/queries/calendar';
import { localDate, workingDaysBetween } from '../procedures/time/working-days';

export interface TaskEventNotice {
  workflowId: string;
  step: string;
  kind: TaskEventKind;
  task: {
    taskId: string;
    orgId: string;
    title: string;
    leadUnitId: string;
    coUnitIds: string[];
    leaderId: string;
    /** Stated only by an office's own assignment template (the built-in text never stated them). */
    requirements?: string;
    standard?: string;
  };
  status: TaskStatus;
  policy: TaskPolicy;
  details: Record<string, unknown>;
  actorId?: string;
  /** The step's time (the workflow's): an escalation's notice counts the lateness up to it. */
  at?: string;
}

/** The instant a minute earlier (undefined stays so). */
const graced = (at: string | undefined) => (at ? new Date(Date.parse(at) - 60_000).toISOString() : undefined);

/**
 * Working days from the end of `dueDate` to the day that ends at `at` (a rung falls due at 24:00, the start of the
 * next day); 0 without either.
 */
async function lateness(
  db: Queryable,
  orgId: string,
  dueDate: string | null | undefined,
  at: string | undefined,
): Promise<number> {
  if (!dueDate || !at) return 0;
  const day = localDate(new Date(Date.parse(at) - 1));
  const year = Number(day.slice(0, 4));
  const cal = await readWorkingCalendar(db, orgId, Math.min(year, Number(dueDate.slice(0, 4))) - 1, year + 1);
  return Math.max(0, workingDaysBetween(cal, dueDate, day));
}

type Letter = { text: NotificationText; to: Recipient[] };

/**
 * Who is told of each step, and what (DOMAIN.md "The supervised task": reminders to the unit, L1 to its head,
 * L2 to the responsible leader, L3 to the leadership group). Steps absent here only enter the timeline.
 */
export async function lettersFor(db: Queryable, n: TaskEventNotice): Promise<Letter[]> {
  const handlers = n.status.handlers ?? {};
  return (await stepLetters(db, n)).map((letter) => withHandlers(letter, handlers));
}

/** A letter to a unit's head goes to the unit's handler of the task (承办人) too. */
function withHandlers(letter: Letter, handlers: Record<string, string>): Letter {
  const extra = letter.to.flatMap((r): Recipient[] =>
    r.kind === 'UNIT_HEAD' && handlers[r.unitId] ? [{ kind: 'PERSON', personId: handlers[r.unitId]! }] : [],
  );
  return extra.length > 0 ? { ...letter, to: [...letter.to, ...extra] } : letter;
}

async function stepLetters(db: Queryable, n: TaskEventNotice): Promise<Letter[]> {
  const { task, status, details } = n;
  // The organisation's notice templates in force as the step is recorded (issue 22): read in the step's own
  // transaction, never by the workflow; a notice once written keeps its text whatever is published later.
  const own =
    (await readRuleVersion<NoticeTemplatesContent>(db, task.orgId, 'notice-templates'))?.content ??
    DEFAULT_NOTICE_TEMPLATES;
  const ref = { taskTitle: task.title, dueDate: status.dueDate ?? '', provisional: status.provisional };
  const unitName = async (id: string) => (await findUnit(db, id))?.name ?? id;
  const lead: Recipient = { kind: 'UNIT_HEAD', unitId: task.leadUnitId };
  const leadUnit: Recipient = { kind: 'UNIT', unitId: task.leadUnitId };
  const office: Recipient = { kind: 'OFFICE', orgId: task.orgId };
  const str = (key: string) => String(details[key] ?? '');
  switch (n.kind) {
    case 'ASSIGNED': {
      const coUnitNames = await Promise.all(task.coUnitIds.map(unitName));
      const common = {
        ...ref,
        signForWorkingDays: n.policy.signForWorkingDays,
        leadUnitName: await unitName(task.leadUnitId),
        facts: { requirements: task.requirements, standard: task.standard },
      };
      return [
        { text: noticeText('TASK_ASSIGNED_LEAD', { ...common, coUnitNames }, own), to: [leadUnit] },
        ...(task.coUnitIds.length > 0
          ? [
              {
                text: noticeText('TASK_ASSIGNED_CO', common, own),
                to: task.coUnitIds.map((unitId): Recipient => ({ kind: 'UNIT', unitId })),
              },
            ]
          : []),
      ];
    }
    case 'SIGN_FOR_OVERDUE':
      return [
        {
          text: noticeText('SIGN_FOR_OVERDUE', { ...ref, assignedDate: str('assignedDate') || ref.dueDate }, own),
          to: [lead, office],
        },
      ];
    case 'REMINDER':
      return [
        {
          text: noticeText('REMINDER', { ...ref, workingDaysLeft: Number(details.daysBefore) }, own),
          to: [leadUnit],
        },
      ];
    case 'PROGRESS_MISSING':
      return [
        {
          text: noticeText('PROGRESS_MISSING', { ...ref, reportDueDate: str('reportDueDate') || ref.dueDate }, own),
          to: [leadUnit],
        },
      ];
    case 'MILESTONE_MISSED':
      return [
        {
          text: noticeText('MILESTONE_MISSED', { ...ref, milestoneDate: str('date'), expected: str('expected') }, own),
          to: [leadUnit],
        },
      ];
    case 'ESCALATION_L1':
      return [
        {
          text: noticeText('ESCALATION_L1', { ...ref, unitName: await unitName(task.leadUnitId) }, own),
          to: [lead, office],
        },
      ];
    case 'L1_LEADER_COPY':
      // The same urging, copied to the responsible leader (抄送分管领导) at the deadline rather than at L2.
      return [
        {
          text: noticeText('ESCALATION_L1', { ...ref, unitName: await unitName(task.leadUnitId) }, own),
          to: [{ kind: 'PERSON', personId: task.leaderId }],
        },
      ];
    case 'ESCALATION_L2':
    case 'ESCALATION_L3': {
      const leader = await findPerson(db, task.leaderId);
      // The rung's place in the schedule: its level, unless a 批示件 or named supervision raised it (`details.point`).
      const point = typeof details.point === 'number' ? details.point : n.kind === 'ESCALATION_L2' ? 2 : 3;
      const rungDays =
        [0, n.policy.escalation.l2AfterWorkingDays, n.policy.escalation.l3AfterWorkingDays][point - 1] ?? 0;
      const raisedBy = Array.isArray(details.raisedBy) ? (details.raisedBy as string[]) : [];
      const input = {
        ...ref,
        unitName: await unitName(task.leadUnitId),
        // The real lateness: a task that reached the rung late (a deadline long past, a worker down) says how late.
        // A rung falls due at 24:00 and fires moments later: a minute's grace keeps the deadline's own rung at 0.
        overdueWorkingDays: Math.max(rungDays, await lateness(db, task.orgId, status.dueDate, graced(n.at))),
        leaderName: leader?.name,
        ...(raisedBy.length > 0 && point !== (n.kind === 'ESCALATION_L2' ? 2 : 3)
          ? { raisedAs: raisedBy.map((r) => (r === 'NAMED' ? '挂牌督办事项' : '领导批示件')).join('、') }
          : {}),
      };
      return n.kind === 'ESCALATION_L2'
        ? [
            {
              text: noticeText('ESCALATION_L2', input, own),
              to: [
                { kind: 'UNIT_LEADER', unitId: task.leadUnitId },
                { kind: 'PERSON', personId: task.leaderId },
                office,
                // Raised to L2 at the deadline itself: the unit's head hears too, as L1 would have told them.
                ...(point === 1 ? [lead] : []),
              ],
            },
          ]
        : [{ text: noticeText('ESCALATION_L3', input, own), to: [{ kind: 'GROUP', orgId: task.orgId }, office, lead] }];
    }
    case 'SUBMITTED':
      return [
        {
          text: noticeText(
            'SUBMITTED',
            {
              ...ref,
              unitName: await unitName(task.leadUnitId),
              submittedDate: (status.submittedAt ?? '').slice(0, 10),
            },
            own,
          ),
          to: [office],
        },
      ];
    case 'ACCEPTED':
      return [{ text: noticeText('ACCEPTED', { ...ref, rating: str('rating') }, own), to: [leadUnit] }];
    case 'RETURNED':
      return [
        {
          text: noticeText('RETURNED', { ...ref, reasons: [str('reasons')], newDueDate: str('newDueDate') }, own),
          to: [leadUnit],
        },
      ];
    case 'EXTENSION_REQUESTED':
      return [
        {
          text: noticeText(
            'EXTENSION_REQUESTED',
            {
              ...ref,
              unitName: await unitName(task.leadUnitId),
              proposedDate: str('proposedDate'),
              reason: str('reason'),
            },
            own,
          ),
          to: n.policy.extensionDecidedBy === 'LEADER' ? [{ kind: 'PERSON', personId: task.leaderId }] : [office],
        },
      ];
    case 'EXTENSION_APPROVED':
      return [
        {
          text: noticeText(
            'EXTENSION_APPROVED',
            {
              ...ref,
              dueDate: str('previousDueDate') || ref.dueDate,
              newDueDate: str('newDueDate'),
            },
            own,
          ),
          to: [leadUnit],
        },
      ];
    case 'EXTENSION_DENIED':
      return [{ text: noticeText('EXTENSION_DENIED', ref, own), to: [leadUnit] }];
    case 'EXTENDED':
      return [
        {
          text: noticeText(
            'EXTENDED',
            {
              ...ref,
              dueDate: str('previousDueDate') || ref.dueDate,
              newDueDate: str('newDueDate'),
              reason: str('reason'),
            },
            own,
          ),
          to: [leadUnit],
        },
      ];
    case 'CANCELLED':
      return [
        {
          text: noticeText('CANCELLED', { ...ref, reason: str('reason') }, own),
          to: [task.leadUnitId, ...task.coUnitIds].map((unitId): Recipient => ({ kind: 'UNIT', unitId })),
        },
      ];
    case 'REASSIGNED':
      return [
        {
          text: texts.reassignedText({
            ...ref,
            fromUnitName: await unitName(str('previousLeadUnitId')),
            toUnitName: await unitName(task.leadUnitId),
            reason: str('reason'),
          }),
          to: [leadUnit, { kind: 'UNIT', unitId: str('previousLeadUnitId') }],
        },
      ];
    case 'PAUSE_REQUESTED':
      return [
        {
          text: texts.pauseRequestedText({
            ...ref,
            unitName: await unitName(task.leadUnitId),
            category: str('category'),
            reason: str('reason'),
          }),
          to: [office],
        },
      ];
    case 'PAUSE_APPROVED':
    case 'PAUSE_DENIED':
      return [
        {
          text: texts.pauseDecidedText({
            ...ref,
            approved: n.kind === 'PAUSE_APPROVED',
            limitWorkingDays: Number(details.limitWorkingDays ?? 0),
            comment: str('comment') || undefined,
          }),
          to: [leadUnit],
        },
      ];
    case 'RESUMED':
      return [
        {
          text: texts.resumedText({ ...ref, pausedWorkingDays: Number(details.pausedWorkingDays ?? 0) }),
          to: [leadUnit, office],
        },
      ];
    case 'REFUSED':
      return [
        {
          text: texts.refusedText({
            ...ref,
            unitName: await unitName(task.leadUnitId),
            proposedUnitName: await unitName(str('proposedUnitId')),
            reason: str('reason'),
          }),
          to: [office],
        },
      ];
    case 'HANDLER_NAMED':
      return [
        {
          text: texts.handlerNamedText({ ...ref, unitName: await unitName(str('unitId')) }),
          to: [{ kind: 'PERSON', personId: str('handlerId') }],
        },
      ];
    case 'URGED':
      return [
        {
          text: noticeText('URGED', { ...ref, unitName: await unitName(task.leadUnitId), text: str('text') }, own),
          to: details.toLeader ? [lead, { kind: 'PERSON', personId: task.leaderId }] : [lead],
        },
      ];
    case 'SUPERVISION_NAMED':
      return [
        {
          text: texts.supervisionNamedText({
            ...ref,
            unitName: await unitName(task.leadUnitId),
            reason: str('reason'),
          }),
          to: [lead, { kind: 'PERSON', personId: task.leaderId }],
        },
      ];
    case 'EVIDENCE_WAIVED':
      return [{ text: texts.evidenceWaivedText({ ...ref, reason: str('reason') }), to: [lead] }];
    case 'SUPERVISION_LIFTED':
      return [{ text: texts.supervisionLiftedText({ ...ref, reason: str('reason') }), to: [lead] }];
    case 'REFUSAL_INSISTED':
      return [{ text: texts.refusalInsistedText({ ...ref, reason: str('reason') }), to: [leadUnit] }];
    case 'CALENDAR_CHANGED': {
      // A moved deadline, or a provisional one the official table confirmed: the unit was told it would hear.
      const previous = str('previousDueDate') || ref.dueDate;
      const settled = details.previousProvisional === true && !status.provisional;
      return previous !== ref.dueDate || settled
        ? [{ text: texts.calendarChangedText({ ...ref, dueDate: previous, newDueDate: ref.dueDate }), to: [lead] }]
        : [];
    }
    default:
      return [];
  }
}

/** Sends the notifications of one task step; returns the webhook events the workflow then delivers. */
export async function notifyTaskEvent(
  db: Pool,
  notifications: Pick<NotificationActivities, 'notify'>,
  n: TaskEventNotice,
): Promise<{ webhookEventIds: string[] }> {
  const letters = await lettersFor(db, n);
  const webhookEventIds: string[] = [];
  for (const [i, letter] of letters.entries()) {
    const sent = await notifications.notify({
      workflowId: n.workflowId,
      step: letters.length > 1 ? `${n.step}#${i}` : n.step,
      orgId: n.task.orgId,
      taskId: n.task.taskId,
      kind: n.kind,
      title: letter.text.title,
      body: letter.text.body,
      recipients: letter.to,
      // The workflow delivers these itself (tasks on the code from before the kernel's one-step record).
      dispatch: 'WORKFLOW',
    });
    webhookEventIds.push(...sent.webhookEventIds);
  }
  return { webhookEventIds };
}

export type { TaskEventKind };
