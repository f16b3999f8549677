import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { checkCalendarTable, type CalendarTable } from '../../db/calendar-file';
import {
  dropOrganisationCalendarYear,
  getCalendarYear,
  loadCalendarYear,
  NATIONAL,
  readWorkingCalendar,
} from '../../db/queries/calendar';
import { runningTaskFacts } from '../../db/queries/running-tasks';
import type { WorkingCalendar } from '../../procedures/time/working-days';
import { PREVIEW_TASKS, runningTaskImpact, yearsOf } from './running-impact';
import { taskPoliciesOf } from './task-policies';
import { calendarChanged } from '../../procedures/task/messages';
import { auditRefusal, authorise, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, said, type FieldProblem } from '../errors';

/** Signals in flight at once: enough to be quick with thousands of tasks, few enough not to flood the frontend. */
const SIGNAL_CONCURRENCY = 16;

/**
 * Tells every open workflow that follows a year's table that the table arrived or changed (DOMAIN.md "Time":
 * provisional deadlines are recomputed and their timers move): those of `orgId` for its own table, those of every
 * organisation for the national one (an organisation with its own table of the year just recomputes the same
 * dates). A task that finished meanwhile is skipped. A signal that fails otherwise is counted in `failed` and
 * logged, never thrown: the table is committed already, and the workflows that could be told were.
 */
export async function announceCalendarChange(
  deps: { db: Pool; temporal: Client; log?: Pick<Logger, 'warn'> },
  year: number,
  orgId: string = NATIONAL,
): Promise<{ signalled: number; failed: number }> {
  const { rows } = await deps.db.query<{ workflowId: string }>({
    // Open tasks move their deadlines and timers; open cycles move the dates of their meetings and bulletins;
    // inspection rounds their reminders and escalations; accountability cases their statement deadlines; referrals
    // (移送) their feedback deadlines; case teams their secondments' sign-for limits; rotation plans their windows.
    text: `SELECT workflow_id AS "workflowId" FROM tasks
             WHERE state NOT IN ('ACCEPTED', 'CANCELLED') AND ($1 = '' OR org_id = $1)
           UNION ALL SELECT workflow_id FROM cycles WHERE phase <> 'CLOSED' AND ($1 = '' OR org_id = $1)
           UNION ALL SELECT workflow_id FROM inspection_rounds WHERE state <> 'CLOSED' AND ($1 = '' OR org_id = $1)
           UNION ALL SELECT workflow_id FROM accountability_cases WHERE state <> 'CLOSED' AND ($1 = '' OR org_id = $1)
           UNION ALL SELECT workflow_id FROM referrals
             WHERE state NOT IN ('REFERRED_ON', 'HANDLED', 'CLOSED') AND ($1 = '' OR org_id = $1)
           UNION ALL SELECT workflow_id FROM case_teams WHERE state <> 'RELEASED' AND ($1 = '' OR org_id = $1)
           UNION ALL SELECT workflow_id FROM rotation_plans WHERE state <> 'CLOSED' AND ($1 = '' OR org_id = $1)
           ORDER BY 1`,
    values: [orgId],
  });
  const ids = rows.map((r) => r.workflowId);
  let signalled = 0;
  let failed = 0;
  const signalNext = async (): Promise<void> => {
    for (let id = ids.pop(); id !== undefined; id = ids.pop()) {
      try {
        await deps.temporal.workflow.getHandle(id).signal(calendarChanged, { year });
        signalled++;
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) continue;
        failed++;
        deps.log?.warn({ err, workflowId: id, year }, 'could not tell a task of the calendar change');
      }
    }
  };
  await Promise.all(Array.from({ length: SIGNAL_CONCURRENCY }, signalNext));
  return { signalled, failed };
}

/** Whether the caller may read, load or drop a year's table of their organisation. */
const authoriseCalendar = (
  deps: AppDeps,
  caller: Caller,
  action: 'calendar.read' | 'calendar.load' | 'calendar.drop',
  year: number,
) =>
  authorise(
    deps,
    caller,
    action,
    { type: 'organisation', orgId: caller.identity.orgId },
    { type: 'calendar', id: String(year) },
  );

/** The table of a year the caller's organisation follows (its own, else the national one); 404 when there is none. */
export async function readCalendar(deps: AppDeps, caller: Caller, year: number) {
  await authoriseCalendar(deps, caller, 'calendar.read', year);
  const found = await getCalendarYear(deps.db, caller.identity.orgId, year);
  if (!found)
    throw AppError.notFound(said(`${year} 年的工作日历尚未载入`, `The working-day table of ${year} is not loaded`));
  return found;
}

/**
 * The office loads (or replaces) its organisation's own table of a year, which replaces the national one for its
 * tasks alone; when it changes anything, the organisation's running tasks are told. A table whose rules fail is a
 * 422 naming each field: its shape is valid, its content is not.
 */
export async function loadCalendar(deps: AppDeps, caller: Caller, year: number, table: CalendarTable) {
  const { orgId, personId, roles, credentialId } = caller.identity;
  await authoriseCalendar(deps, caller, 'calendar.load', year);
  refuseBrokenTable(year, table);
  const context = { orgId, actorRoles: roles, tokenId: credentialId, requestId: caller.requestId };
  const result = await loadCalendarYear(deps.db, table, personId, context, orgId);
  const told = result.changed ? await announceCalendarChange(deps, year, orgId) : { signalled: 0, failed: 0 };
  return { ...result, signalled: told.signalled, unsignalled: told.failed };
}

/** A table whose rules fail is a 422 naming each field: its shape is valid, its content is not. */
function refuseBrokenTable(year: number, table: CalendarTable): void {
  const problems: FieldProblem[] = checkCalendarTable(table).map((p) => ({
    field: `body${p.path.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('')}`,
    message: p.message,
  }));
  if (table.year !== year) {
    problems.unshift({
      field: 'body.year',
      message: said(`须为${year}，与路径中的年份一致`, `must be ${year}, the year in the path`),
    });
  }
  if (problems.length > 0) {
    throw new AppError(
      'invalid-calendar',
      422,
      said('工作日历不符合规则', 'The working-day table breaks a rule'),
      problems,
    );
  }
}

/** How many running tasks a calendar preview looks at: beyond, `looked` says it saw a part. */
const CALENDAR_PREVIEW_SCAN = 20_000;

/**
 * What loading a table of `year` would do to the organisation's running tasks (draft → preview → load), stored
 * nowhere: each task whose deadline or timers ahead it moves, with the sentences, soonest due first (`total` counts
 * them all, `tasks` lists 200). Its policy stays; a deadline a decision set stays. 422 as loading would.
 */
export async function previewCalendar(deps: AppDeps, caller: Caller, year: number, table: CalendarTable) {
  await authoriseCalendar(deps, caller, 'calendar.load', year);
  refuseBrokenTable(year, table);
  const { orgId } = caller.identity;
  const at = new Date().toISOString();
  const facts = await runningTaskFacts(deps.db, orgId, null, CALENDAR_PREVIEW_SCAN);
  if (facts.length === 0) return { year, tasks: [], total: 0, at };
  const [from, to] = yearsOf(facts);
  const current = await readWorkingCalendar(deps.db, orgId, Math.min(from, year), Math.max(to, year));
  const draft = withTable(current, table);
  const policies = await taskPoliciesOf(deps, orgId);
  const moved = facts.flatMap((t) => {
    const policy = t.policy ?? policies.get(t.type);
    if (!policy) return [];
    const impact = runningTaskImpact(t, { calendar: current, policy }, { calendar: draft, policy }, Date.parse(at));
    return impact.changes.length > 0 || impact.firesAtOnce.length > 0 ? [impact] : [];
  });
  return { year, tasks: moved.slice(0, PREVIEW_TASKS), total: moved.length, at };
}

/** `calendar` with the year of `table` as the table says (its days off and make-up workdays, official). */
function withTable(calendar: WorkingCalendar, table: CalendarTable): WorkingCalendar {
  const prefix = `${table.year}-`;
  const overrides = new Map([...calendar.overrides].filter(([date]) => !date.startsWith(prefix)));
  for (const d of table.holidays) overrides.set(d.date, 'HOLIDAY');
  for (const d of table.workdays) overrides.set(d.date, 'WORKDAY');
  return { years: new Set([...calendar.years, table.year]), overrides };
}

/**
 * The office drops its organisation's own table of a year: its tasks follow the national table again, and are told.
 * 404 when the organisation has no table of its own for the year (the national one is not the office's to drop).
 */
export async function dropCalendar(deps: AppDeps, caller: Caller, year: number) {
  const { orgId, personId, roles, credentialId } = caller.identity;
  await authoriseCalendar(deps, caller, 'calendar.drop', year);
  const context = { orgId, actorRoles: roles, tokenId: credentialId, requestId: caller.requestId };
  if (!(await dropOrganisationCalendarYear(deps.db, orgId, year, personId, context))) {
    const missing = AppError.notFound(
      said(`本单位没有${year}年自定的工作日历`, `The organisation has no working-day table of its own for ${year}`),
    );
    await auditRefusal(deps, caller, 'calendar.drop', { type: 'calendar', id: String(year) }, missing.message);
    throw missing;
  }
  const told = await announceCalendarChange(deps, year, orgId);
  return { year, signalled: told.signalled, unsignalled: told.failed };
}
