import { readFileSync } from 'node:fs';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { Caller } from '../api/authorise';
import type { AppDeps } from '../api/deps';
import { AppError, inLanguage } from '../api/errors';
import { submitPlan } from '../api/use-cases/cycle-plan';
import { startCycle } from '../api/use-cases/cycles';
import type { TaskPolicies } from '../config/task-policy';
import { cycleIdOf } from '../procedures/cycle/messages';
import { CliFailure } from './cli-errors';
import { organisationOf } from './organisation-of';

export interface CycleCommandDeps {
  db: Pool;
  temporal: Client;
  taskQueue: string;
  taskPolicies: TaskPolicies;
}

/**
 * `heli cycle open <year>` and `heli cycle plan <year> <file>`: the office's first two steps of a year, from the
 * server's shell, through the same use-cases as the API (validation, storage, the workflow's Update, audit).
 * `actorId` is `cli:<user>`, acting with the office's role.
 */
export async function runCycleCommand(
  deps: CycleCommandDeps,
  actorId: string,
  command: { verb: 'open'; year: number; org?: string } | { verb: 'plan'; year: number; file: string; org?: string },
): Promise<string> {
  const orgId = await organisationOf(deps.db, command.org);
  const year = command.year;
  const caller: Caller = {
    identity: { personId: actorId, orgId, unitId: '', roles: ['OFFICE'], credentialId: 'cli' },
    requestId: `cli-${process.pid}-${Date.now()}`,
  };
  const appDeps = deps as unknown as AppDeps;
  if (command.verb === 'open') {
    const { status, created } = await startCycle(appDeps, {
      orgId,
      year,
      openedBy: { ...caller.identity, requestId: caller.requestId },
    });
    return `${created ? 'opened' : 'already open:'} cycle ${status.cycleId} (${status.phase})`;
  }
  const file = command.file;
  try {
    const submitted = await submitPlan(appDeps, caller, cycleIdOf(orgId, year), readFileSync(file, 'utf8'));
    return (
      `submitted plan version ${submitted.version} of cycle ${submitted.cycleId}: ${submitted.goals} goal(s), ` +
      `${submitted.taskCount} task(s); the leadership group approves it next`
    );
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const lines = err.fields.map(
      (f) => `  ${f.field.replace(/^body\.?/, '') || '(plan)'}: ${inLanguage(f.message, 'zh')}`,
    );
    const hint = err.status === 404 ? ` (open it first: heli cycle open ${year})` : '';
    throw new CliFailure([`${file}: ${err.message}${hint}`, ...lines].join('\n'));
  }
}
