import { AppError, fieldsOf } from '../api/errors';
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
import { listOrganisationIds } from '../db/queries/organisation-read';

/** A command line the CLI cannot run; heli.ts prints it with the usage text. */
export class CycleScheduleUsageError extends Error {}

/** `--year-offset 1` → { yearOffset: '1' }; a flag without a value is an error. */
function flagsOf(args: string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i];
    const value = args[i + 1];
    if (!name?.startsWith('--') || value === undefined) {
      throw new CycleScheduleUsageError(`expected --flag value pairs, got: ${args.slice(i).join(' ')}`);
    }
    flags[name.slice(2).replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())] = value;
  }
  return flags;
}

/** `body.planDueMonthDay` → `--plan-due-month-day`: problems named as the user typed them. */
const flagOf = (field: string) => `--${field.replace(/^body\./, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

function describeProblem(err: AppError): string {
  const fields = err.fields.map((f) => `  ${flagOf(f.field)}: ${f.message}`);
  return [err.message, ...fields].join('\n');
}

/** The organisation a command acts on: `--org`, else the only one loaded. */
async function orgOf(deps: ScheduleDeps, flags: Record<string, string>): Promise<string> {
  const ids = await listOrganisationIds(deps.db);
  const orgId = flags.org ?? (ids.length === 1 ? ids[0] : undefined);
  if (!orgId) {
    throw new CycleScheduleUsageError(
      ids.length === 0
        ? 'no organisation is loaded (heli org load <file>)'
        : `choose one with --org: ${ids.join(', ')}`,
    );
  }
  if (!ids.includes(orgId)) throw new CycleScheduleUsageError(`no organisation ${orgId}`);
  return orgId;
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
  verb: string | undefined,
  args: string[],
): Promise<string> {
  const flags = flagsOf(args);
  const actor: ScheduleActor = { orgId: await orgOf(deps, flags), actorId };
  const { org: _org, ...rest } = flags;
  try {
    if (verb === 'show' && Object.keys(rest).length === 0) return render(await readCycleSchedule(deps, actor.orgId));
    if (verb === 'set') {
      const raw = Object.fromEntries(
        Object.entries(rest).map(([k, v]) => [k, ['planDueMonthDay', 'note'].includes(k) ? v : Number(v)]),
      );
      const parsed = cycleScheduleSettingsSchema.safeParse(raw);
      if (!parsed.success) throw AppError.badRequest('invalid options', fieldsOf(parsed.error, 'body'));
      const { created, schedule } = await setCycleSchedule(deps, actor, parsed.data);
      return `${created ? 'created' : 'updated'}\n${render(schedule)}`;
    }
    if ((verb === 'pause' || verb === 'resume') && Object.keys(rest).every((k) => k === 'reason')) {
      return render(await pauseCycleSchedule(deps, actor, verb === 'pause', rest.reason));
    }
    if (verb === 'delete' && Object.keys(rest).length === 0) {
      await deleteCycleSchedule(deps, actor);
      return `deleted ${actor.orgId}'s cycle schedule`;
    }
  } catch (err) {
    if (err instanceof AppError) throw new Error(describeProblem(err));
    throw err;
  }
  throw new CycleScheduleUsageError(`unknown command: cycle schedule ${[verb, ...args].join(' ')}`);
}
