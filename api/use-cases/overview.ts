import { listCycles } from '../../db/queries/cycles';
import { caseOverview, taskOverview } from '../../db/queries/overview';
import { authoriseFunction, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { listScopeOf } from './instances';
import { withRemainingWorkingDays } from './remaining-days';

/**
 * Who is late and what awaits a decision, at a glance, whether or not a cycle is open (the office's home; a leader
 * sees the same over the tasks and cases of their scope): the open tasks by urgency, rung and lead unit, the L3 tasks,
 * and what awaits the office — extension requests, submissions to review, statements of cases, a plan to approve.
 */
export async function getOverview(deps: AppDeps, caller: Caller) {
  await authoriseFunction(deps, caller, 'overview.read', { type: 'overview' });
  const scope = listScopeOf(caller);
  const [tasks, cases, cycles] = await Promise.all([
    taskOverview(deps.db, scope),
    caseOverview(deps.db, scope),
    listCycles(deps.db, caller.identity.orgId),
  ]);
  const open = cycles.filter((c) => c.phase !== 'CLOSED');
  const current = open[0];
  const [l3, extensionRequests] = await Promise.all([
    withRemainingWorkingDays(deps.db, caller.identity.orgId, tasks.l3),
    withRemainingWorkingDays(deps.db, caller.identity.orgId, tasks.extensionRequests),
  ]);
  return {
    cycle: current
      ? {
          id: current.id,
          year: current.year,
          phase: current.phase,
          planVersion: current.planVersion,
          approvedVersion: current.approvedVersion,
        }
      : null,
    urgency: tasks.urgency,
    rungs: tasks.rungs,
    units: tasks.units,
    l3,
    pending: {
      extensions: tasks.extensions,
      extensionRequests,
      submitted: tasks.submitted,
      statements: { received: cases.received, overdue: cases.overdue, awaited: cases.open },
      plans: open
        .filter((c) => c.planVersion !== null && c.planVersion !== c.approvedVersion)
        .map((c) => ({ cycleId: c.id, year: c.year, version: c.planVersion as number })),
    },
  };
}
