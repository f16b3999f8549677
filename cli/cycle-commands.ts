import { readFileSync } from 'node:fs';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { Caller } from '../api/authorise';
import type { AppDeps } from '../api/deps';
import { AppError } from '../api/errors';
import { submitPlan } from '../api/use-cases/cycle-plan';
import { startCycle } from '../api/use-cases/cycles';
import type { TaskPolicies } from '../config/task-policy';
import { cycleIdOf } from '../procedures/cycle/messages';

/** A command the CLI cannot run: misused (`usage`: print the usage), or refused (a bad plan, a closed cycle). */
export class CycleCommandError extends Error {
  constructor(
    message: string,
    readonly usage = true,
  ) {
    super(message);
  }
}

export interface CycleCommandDeps {
  db: Pool;
  temporal: Client;
  taskQueue: string;
  taskPolicies: TaskPolicies;
}

/** The organisation a command acts on: `--org`, or the only one loaded. */
async function organisationOf(db: Pool, options: string[]): Promise<string> {
  const at = options.indexOf('--org');
  if (at >= 0) {
    const orgId = options[at + 1];
    if (!orgId) throw new CycleCommandError('--org takes an organisation id');
    return orgId;
  }
  const { rows } = await db.query<{ id: string }>('SELECT id FROM organisations ORDER BY id');
  if (rows.length !== 1) {
    throw new CycleCommandError(`${rows.length} organisations are loaded: name one with --org <id>`);
  }
  return rows[0]!.id;
}

function yearOf(text: string | undefined): number {
  const year = Number(text);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new CycleCommandError(`not a year: ${text ?? ''}`);
  return year;
}

/**
 * `heli cycle open <year>` and `heli cycle plan <year> <file>`: the office's first two steps of a year, from the
 * server's shell, through the same use-cases as the API (validation, storage, the workflow's Update, audit).
 * `actorId` is `cli:<user>`, acting with the office's role.
 */
export async function runCycleCommand(
  deps: CycleCommandDeps,
  actorId: string,
  verb: string | undefined,
  args: string[],
): Promise<string> {
  const orgId = await organisationOf(deps.db, args);
  const year = yearOf(args[0]);
  const caller: Caller = {
    identity: { personId: actorId, orgId, unitId: '', roles: ['OFFICE'], credentialId: 'cli' },
    requestId: `cli-${process.pid}-${Date.now()}`,
  };
  const appDeps = deps as unknown as AppDeps;
  if (verb === 'open') {
    const { status, created } = await startCycle(appDeps, {
      orgId,
      year,
      openedBy: { ...caller.identity, requestId: caller.requestId },
    });
    return `${created ? 'opened' : 'already open:'} cycle ${status.cycleId} (${status.phase})`;
  }
  if (verb === 'plan') {
    const file = args[1];
    if (!file || file.startsWith('--')) throw new CycleCommandError('usage: heli cycle plan <year> <file>');
    try {
      const submitted = await submitPlan(appDeps, caller, cycleIdOf(orgId, year), readFileSync(file, 'utf8'));
      return (
        `submitted plan version ${submitted.version} of cycle ${submitted.cycleId}: ${submitted.goals} goal(s), ` +
        `${submitted.taskCount} task(s); the leadership group approves it next`
      );
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const lines = err.fields.map((f) => `  ${f.field.replace(/^body\.?/, '') || '(plan)'}: ${f.message}`);
      const hint = err.status === 404 ? ` (open it first: heli cycle open ${year})` : '';
      throw new CycleCommandError([`${file}: ${err.message}${hint}`, ...lines].join('\n'), false);
    }
  }
  throw new CycleCommandError(`unknown command: cycle ${verb ?? ''}`);
}
