import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleDescription,
  type ScheduleOptionsStartWorkflowAction,
  type ScheduleSpec,
} from '@temporalio/client';
import type { Pool } from 'pg';
import { z } from 'zod';
import { schemaMessage } from '../../config/issue-text';
import { appendAudit } from '../../db/queries/audit';
import type { AuditActor } from '../../db/queries/notifications';
import { text } from '../../db/text-schema';
import type { CycleOpeningInput } from '../../procedures/cycle/messages';
import { AppError, said, type FieldProblem } from '../errors';

/** Where the yearly schedule's times are read: the organisation's time zone (DOMAIN.md "Time"). */
export const SCHEDULE_TIME_ZONE = 'Asia/Shanghai';
/** The plan due date a cycle gets when the schedule does not say (defaultCycleSettings in cycle-messages.ts). */
const DEFAULT_PLAN_DUE = '01-31';

const MONTHS = [
  'JANUARY',
  'FEBRUARY',
  'MARCH',
  'APRIL',
  'MAY',
  'JUNE',
  'JULY',
  'AUGUST',
  'SEPTEMBER',
  'OCTOBER',
  'NOVEMBER',
  'DECEMBER',
] as const;
/** Days of each month in a common year: a date that exists only in leap years would skip three years in four. */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const monthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, schemaMessage('须为月-日，格式 MM-DD', 'expected MM-DD'));

/** When the schedule opens the cycle each year, and what it changes in the cycle's settings. */
export const cycleScheduleSettingsSchema = z
  .object({
    month: z.number().int().min(1).max(12).describe('Month of the yearly run (1–12), Asia/Shanghai'),
    day: z.number().int().min(1).max(31).describe('Day of the month; one that exists every year (not 02-29)'),
    hour: z.number().int().min(0).max(23).default(9).describe('Hour of the run (0–23), default 9'),
    minute: z.number().int().min(0).max(59).default(0).describe('Minute of the run, default 0'),
    yearOffset: z
      .union([z.literal(0), z.literal(1)])
      .optional()
      .describe('Year opened = year of the run + this. Default: 1 for a run in July–December, else 0'),
    planDueMonthDay: monthDay.optional().describe('The opened plan is due this day (MM-DD), default 01-31'),
    note: text(500).optional().describe('Why the schedule is set this way; shown with the schedule'),
  })
  .strict();
export type CycleScheduleSettings = z.output<typeof cycleScheduleSettingsSchema>;

/** What Heli needs to manage the schedule: the API's deps, or the CLI's. */
export interface ScheduleDeps {
  db: Pool;
  temporal: Client;
  taskQueue: string;
}

/** The person (or `cli:<user>`) changing the schedule, as the audit log records them; `orgId` names its org. */
export type ScheduleActor = AuditActor & { orgId: string };

export const cycleScheduleIdOf = (orgId: string): string => `heli-cycle-opening-${orgId}`;

const pad = (n: number) => String(n).padStart(2, '0');
const defaultYearOffset = (month: number): 0 | 1 => (month >= 7 ? 1 : 0);

/** The rules zod cannot see: a day each month has every year, and a plan not due before its cycle opens. */
export function checkCycleSchedule(s: CycleScheduleSettings): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (s.day > DAYS_IN_MONTH[s.month - 1]!) {
    problems.push({
      field: 'body.day',
      message: said(`${s.month}月并非每年都有${s.day}日`, `month ${s.month} does not have day ${s.day} every year`),
    });
  }
  if (s.planDueMonthDay) {
    const [m, d] = s.planDueMonthDay.split('-').map(Number) as [number, number];
    if (d > DAYS_IN_MONTH[m - 1]!) {
      problems.push({
        field: 'body.planDueMonthDay',
        message: said(`${s.planDueMonthDay}并非每年都有`, `${s.planDueMonthDay} does not exist every year`),
      });
    }
  }
  const opens = `${pad(s.month)}-${pad(s.day)}`;
  const planDue = s.planDueMonthDay ?? DEFAULT_PLAN_DUE;
  // Opening this year's cycle after its plan is due would skip the overdue alert (annual-cycle.ts skips past dates).
  if (problems.length === 0 && (s.yearOffset ?? defaultYearOffset(s.month)) === 0 && planDue <= opens) {
    problems.push({
      field: 'body.planDueMonthDay',
      message: said(
        `计划审定时限（${planDue}）不晚于周期启动日（${opens}）：请设置更晚的日期，或将 yearOffset 设为 1`,
        `the plan would be due on ${planDue}, not after the cycle opens on ${opens}: set a later day or yearOffset 1`,
      ),
    });
  }
  return problems;
}

function scheduleParts(deps: ScheduleDeps, orgId: string, s: CycleScheduleSettings) {
  const input: CycleOpeningInput = {
    orgId,
    yearOffset: s.yearOffset ?? defaultYearOffset(s.month),
    ...(s.planDueMonthDay ? { overrides: { planDueMonthDay: s.planDueMonthDay } } : {}),
  };
  const spec: ScheduleSpec = {
    calendars: [{ month: MONTHS[s.month - 1]!, dayOfMonth: s.day, hour: s.hour, minute: s.minute }],
    timezone: SCHEDULE_TIME_ZONE,
  };
  const action: ScheduleOptionsStartWorkflowAction<(i: CycleOpeningInput) => Promise<unknown>> = {
    type: 'startWorkflow',
    workflowType: 'openCycleOnSchedule',
    // Temporal appends the scheduled time; the cycle itself gets `cycle:<org>-<year>` from the workflow.
    workflowId: `cycle-opening:${orgId}`,
    taskQueue: deps.taskQueue,
    args: [input],
  };
  return { spec, action, input };
}

/** The schedule as the API and `heli cycle schedule show` answer it. */
export function viewOf(orgId: string, d: ScheduleDescription) {
  const calendar = d.spec.calendars?.[0];
  const input = (d.action.args?.[0] ?? {}) as Partial<CycleOpeningInput>;
  const yearOffset = input.yearOffset ?? 0;
  const month = MONTHS.indexOf((calendar?.month[0]?.start ?? 'JANUARY') as (typeof MONTHS)[number]) + 1;
  const yearOf = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear() + yearOffset;
  return {
    scheduleId: d.scheduleId,
    orgId,
    month,
    day: calendar?.dayOfMonth[0]?.start ?? 1,
    hour: calendar?.hour[0]?.start ?? 0,
    minute: calendar?.minute[0]?.start ?? 0,
    timeZone: d.spec.timezone ?? SCHEDULE_TIME_ZONE,
    yearOffset,
    planDueMonthDay: input.overrides?.planDueMonthDay ?? null,
    paused: d.state.paused,
    note: d.state.note || null,
    nextRuns: d.info.nextActionTimes.map((at) => ({ at: at.toISOString(), opensYear: yearOf(at) })),
    recentActions: d.info.recentActions.map((a) => ({
      scheduledAt: a.scheduledAt.toISOString(),
      takenAt: a.takenAt.toISOString(),
      workflowId: a.action.workflow.workflowId,
    })),
    createdAt: d.info.createdAt.toISOString(),
    updatedAt: d.info.lastUpdatedAt?.toISOString() ?? null,
  };
}
export type CycleScheduleView = ReturnType<typeof viewOf>;

async function describeOrNull(deps: ScheduleDeps, orgId: string): Promise<ScheduleDescription | null> {
  try {
    return await deps.temporal.schedule.getHandle(cycleScheduleIdOf(orgId)).describe();
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return null;
    throw err;
  }
}

const noSchedule = () =>
  AppError.notFound(said('尚未设置年度周期的定时启动', 'No scheduled opening of the annual cycle is set'));

async function audit(
  deps: ScheduleDeps,
  actor: ScheduleActor,
  payload: Record<string, unknown>,
  refused?: AppError,
): Promise<void> {
  await appendAudit(deps.db, {
    ...actor,
    action: 'schedule.update',
    objectType: 'schedule',
    objectId: cycleScheduleIdOf(actor.orgId),
    payload,
    outcome: refused ? 'REFUSED' : 'DONE',
    reason: refused?.message,
  });
}

/** Audits a refused change and throws it. */
async function refuse(deps: ScheduleDeps, actor: ScheduleActor, change: string, error: AppError): Promise<never> {
  await audit(deps, actor, { change }, error);
  throw error;
}

/** The organisation's yearly schedule; 404 when none is set. */
export async function readCycleSchedule(deps: ScheduleDeps, orgId: string): Promise<CycleScheduleView> {
  const found = await describeOrNull(deps, orgId);
  if (!found) throw noSchedule();
  return viewOf(orgId, found);
}

/**
 * Creates the schedule, or replaces its time and settings (a paused schedule stays paused). 422 names each field
 * that breaks a rule; the refusal is audited like the change.
 */
export async function setCycleSchedule(
  deps: ScheduleDeps,
  actor: ScheduleActor,
  settings: CycleScheduleSettings,
): Promise<{ created: boolean; schedule: CycleScheduleView }> {
  const problems = checkCycleSchedule(settings);
  if (problems.length > 0) {
    const invalid = said('定时启动的设置不符合规则', 'The scheduled opening breaks a rule');
    await refuse(deps, actor, 'SET', new AppError('invalid-schedule', 422, invalid, problems));
  }
  const { spec, action, input } = scheduleParts(deps, actor.orgId, settings);
  const scheduleId = cycleScheduleIdOf(actor.orgId);
  let created = true;
  try {
    await deps.temporal.schedule.create({
      scheduleId,
      spec,
      action,
      // Missed while Temporal was down: still opened within a week (the year comes from the scheduled time).
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '7 days' },
      state: { note: settings.note },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    created = false;
    await deps.temporal.schedule.getHandle(scheduleId).update((prev) => ({
      ...prev,
      spec,
      action,
      state: { ...prev.state, ...(settings.note ? { note: settings.note } : {}) },
    }));
  }
  const { note: _note, ...recorded } = settings;
  await audit(deps, actor, { change: created ? 'CREATE' : 'UPDATE', ...recorded, yearOffset: input.yearOffset });
  return { created, schedule: await readCycleSchedule(deps, actor.orgId) };
}

/** Pauses (no yearly run until resumed) or resumes the schedule, with the reason as its note. */
export async function pauseCycleSchedule(
  deps: ScheduleDeps,
  actor: ScheduleActor,
  paused: boolean,
  reason: string | undefined,
): Promise<CycleScheduleView> {
  const change = paused ? 'PAUSE' : 'RESUME';
  if (!(await describeOrNull(deps, actor.orgId))) await refuse(deps, actor, change, noSchedule());
  const handle = deps.temporal.schedule.getHandle(cycleScheduleIdOf(actor.orgId));
  const note = reason ?? (paused ? '已暂停' : '已恢复');
  await (paused ? handle.pause(note) : handle.unpause(note));
  await audit(deps, actor, { change, reason: reason ?? null });
  return readCycleSchedule(deps, actor.orgId);
}

/** Deletes the schedule; cycles it opened are not touched. */
export async function deleteCycleSchedule(deps: ScheduleDeps, actor: ScheduleActor): Promise<{ deleted: true }> {
  try {
    await deps.temporal.schedule.getHandle(cycleScheduleIdOf(actor.orgId)).delete();
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
    await refuse(deps, actor, 'DELETE', noSchedule());
  }
  await audit(deps, actor, { change: 'DELETE' });
  return { deleted: true };
}
