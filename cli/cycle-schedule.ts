import { AppError, fieldsOf, inLanguage } from '../api/errors';
import {
  cycleScheduleSettingsSchema,
  deleteCycleSchedule,
  pauseCycleSchedule,
  readCycleSchedule,
  setCycleSchedule,
  type CycleScheduleView,
  type ScheduleActor,
  type ScheduleDeps,
} from '../api/use-cases/cycle-schedule';
import { CliFailure } from './cli-errors';
import { organisationOf } from './organisation-of';

/** The options of `heli cycle schedule set` as commander parsed them (numbers checked for range already). */
export interface ScheduleOptions {
  org?: string;
  reason?: string;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  yearOffset?: number;
  planDueMonthDay?: string;
  note?: string;
}

/** `body.planDueMonthDay` → `--plan-due-month-day`: problems named as the user typed them. */
const flagOf = (field: string) => `--${field.replace(/^body\./, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

function describeProblem(err: AppError): string {
  const fields = err.fields.map((f) => `  ${flagOf(f.field)}: ${inLanguage(f.message, 'zh')}`);
  return [err.message, ...fields].join('\n');
}

function render(s: CycleScheduleView): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return [
    `schedule    ${s.scheduleId}${s.paused ? '   PAUSED' : ''}`,
    `runs        every year on ${pad(s.month)}-${pad(s.day)} at ${pad(s.hour)}:${pad(s.minute)} ${s.timeZone}`,
    `opens       the cycle of the run's year${s.yearOffset ? ' + 1' : ''}; plan due ${s.planDueMonthDay ?? '01-31'}`,
    ...(s.note ? [`note        ${s.note}`] : []),
    ...s.nextRuns.map((r, i) => `${i === 0 ? 'next runs  ' : '           '} ${r.at}  opens ${r.opensYear}`),
    ...s.recentActions.map((a) => `ran         ${a.scheduledAt}  ${a.workflowId}`),
  ].join('\n');
}

/**
 * `heli cycle schedule show|set|pause|resume|delete`: the same use cases as /v1/cycle-schedule, audited as
 * `cli:<user>` (whoever holds the server's shell may manage the schedule, as they may issue tokens).
 */
export async function runCycleScheduleCommand(
  deps: ScheduleDeps,
  actorId: string,
  verb: 'show' | 'set' | 'pause' | 'resume' | 'delete',
  options: ScheduleOptions,
): Promise<string> {
  const { org, reason, ...settings } = options;
  const actor: ScheduleActor = { orgId: await organisationOf(deps.db, org), actorId };
  try {
    if (verb === 'show') return render(await readCycleSchedule(deps, actor.orgId));
    if (verb === 'set') {
      const parsed = cycleScheduleSettingsSchema.safeParse(settings);
      if (!parsed.success) throw AppError.badRequest('选项有误', fieldsOf(parsed.error, 'body'));
      const { created, schedule } = await setCycleSchedule(deps, actor, parsed.data);
      return `${created ? 'created' : 'updated'}\n${render(schedule)}`;
    }
    if (verb === 'pause' || verb === 'resume') {
      return render(await pauseCycleSchedule(deps, actor, verb === 'pause', reason));
    }
    await deleteCycleSchedule(deps, actor);
    return `deleted ${actor.orgId}'s cycle schedule`;
  } catch (err) {
    if (err instanceof AppError) throw new CliFailure(describeProblem(err));
    throw err;
  }
}
