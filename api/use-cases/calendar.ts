import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { checkCalendarTable, type CalendarTable } from '../../db/calendar-file';
import { getCalendarYear, loadCalendarYear } from '../../db/queries/calendar';
import { calendarChanged } from '../../procedures/task/messages';
import { authorise, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, said, type FieldProblem } from '../errors';

/** Signals in flight at once: enough to be quick with thousands of tasks, few enough not to flood the frontend. */
const SIGNAL_CONCURRENCY = 16;

/**
 * Tells every open task workflow that a year's table arrived or changed (DOMAIN.md "Time": provisional deadlines
 * are recomputed and their timers move). A task that finished meanwhile is skipped. A signal that fails otherwise
 * is counted in `failed` and logged, never thrown: the table is committed already, and the workflows that could
 * be told were.
 */
export async function announceCalendarChange(
  deps: { db: Pool; temporal: Client; log?: Pick<Logger, 'warn'> },
  year: number,
): Promise<{ signalled: number; failed: number }> {
  const { rows } = await deps.db.query<{ workflowId: string }>(
    // Open tasks move their deadlines and timers; open cycles move the dates of their meetings and bulletins;
    // inspection rounds their reminders and escalations; accountability cases their statement deadlines.
    `SELECT workflow_id AS "workflowId" FROM tasks WHERE state NOT IN ('ACCEPTED', 'CANCELLED')
     UNION ALL SELECT workflow_id FROM cycles WHERE phase <> 'CLOSED'
     UNION ALL SELECT workflow_id FROM inspection_rounds WHERE state <> 'CLOSED'
     UNION ALL SELECT workflow_id FROM accountability_cases WHERE state <> 'CLOSED' ORDER BY 1`,
  );
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

/** Whether the caller may read or load a year's table of their organisation. */
const authoriseCalendar = (deps: AppDeps, caller: Caller, action: 'calendar.read' | 'calendar.load', year: number) =>
  authorise(
    deps,
    caller,
    action,
    { type: 'organisation', orgId: caller.identity.orgId },
    { type: 'calendar', id: String(year) },
  );

/** A loaded year's official table; 404 when the year has none. */
export async function readCalendar(deps: AppDeps, caller: Caller, year: number) {
  await authoriseCalendar(deps, caller, 'calendar.read', year);
  const found = await getCalendarYear(deps.db, year);
  if (!found)
    throw AppError.notFound(said(`${year} 年的工作日历尚未载入`, `The working-day table of ${year} is not loaded`));
  return found;
}

/**
 * The office loads (or replaces) a year's official table; when it changes anything, the running tasks are told.
 * A table whose rules fail is a 422 naming each field: its shape is valid, its content is not.
 */
export async function loadCalendar(deps: AppDeps, caller: Caller, year: number, table: CalendarTable) {
  const { orgId, personId, roles, credentialId } = caller.identity;
  await authoriseCalendar(deps, caller, 'calendar.load', year);
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
  const result = await loadCalendarYear(deps.db, table, personId, {
    orgId,
    actorRoles: roles,
    tokenId: credentialId,
    requestId: caller.requestId,
  });
  const told = result.changed ? await announceCalendarChange(deps, year) : { signalled: 0, failed: 0 };
  return { ...result, signalled: told.signalled, unsignalled: told.failed };
}
