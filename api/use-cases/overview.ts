import { collaborationAnswers, collaborationAwaiting } from '../../db/queries/collaboration-answers';
import { listCycles } from '../../db/queries/cycles';
import { submissionsAwaiting } from '../../db/queries/submission-read';
import { localDate } from '../../procedures/time/working-days';
import { caseOverview, taskOverview } from '../../db/queries/overview';
import { authoriseFunction, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { listScopeOf } from './instances';
import { withRemainingWorkingDays } from './remaining-days';

/**
 * Who is late and what awaits a decision, at a glance, whether or not a cycle is open (the office's home; a leader
 * sees the same over the tasks and cases of their scope): the open tasks by urgency, rung and lead unit, the L3 tasks,
 * and what awaits the office — extension requests, submissions to review, statements of cases, a plan to approve —
 * and case collaboration this year in counts only: by unit (a leader: the units they lead), and for the office the
 * decisions awaiting it.
 */
export async function getOverview(deps: AppDeps, caller: Caller) {
  await authoriseFunction(deps, caller, 'overview.read', { type: 'overview' });
  const scope = listScopeOf(caller);
  const today = localDate(new Date());
  const office = caller.identity.roles.includes('OFFICE');
  const [tasks, cases, cycles, answers, awaiting, led, submissions] = await Promise.all([
    taskOverview(deps.db, scope),
    caseOverview(deps.db, scope),
    listCycles(deps.db, caller.identity.orgId),
    collaborationAnswers(deps.db, {
      orgId: scope.orgId,
      from: `${today.slice(0, 4)}-01-01`,
      to: today,
      asOf: new Date(),
    }),
    office ? collaborationAwaiting(deps.db, scope.orgId) : null,
    scope.wholeOrg ? null : unitsLedBy(deps, scope.leaderId, scope.unitId),
    office ? submissionsAwaiting(deps.db, scope.orgId, new Date()) : null,
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
      collaboration: awaiting,
      submissions,
    },
    collaboration: {
      from: `${today.slice(0, 4)}-01-01`,
      to: today,
      units: led ? answers.filter((a) => led.has(a.unitId)) : answers,
    },
  };
}

/**
 * The units a responsible leader (分管领导) leads, and their own unit when they are also its staff: what of case
 * collaboration their overview counts (the same scope as its tasks).
 */
async function unitsLedBy(deps: AppDeps, leaderId: string | undefined, unitId: string | undefined) {
  const { rows } = await deps.db.query<{ id: string }>({
    text: 'SELECT id FROM units WHERE leader_id = $1 AND active',
    values: [leaderId ?? null],
  });
  return new Set([...rows.map((r) => r.id), ...(unitId ? [unitId] : [])]);
}
