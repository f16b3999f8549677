import type { Pool } from 'pg';
import type { SwapRequest, WindowState } from '../../procedures/rotation/messages';
import {
  members,
  params,
  readOne,
  readPage,
  scopeCondition,
  type ListScope,
  type Page,
  type ScopeRule,
} from './read-page';

/** A rotation plan (轮训计划) as the API lists it, with the units of its windows and their leaders (its scope). */
export interface RotationRow {
  id: string;
  workflowId: string;
  orgId: string;
  year: number;
  state: 'OPEN' | 'CLOSED';
  createdBy: string | null;
  createdAt: Date;
  dueAt: Date;
  escalateAt: Date;
  closedAt: Date | null;
  unitIds: string[];
  unitLeaderIds: string[];
}

const WINDOW_UNITS = members('rotation_windows', 'plan_id', 'r');
const COLUMNS = `r.id, r.workflow_id AS "workflowId", r.org_id AS "orgId", r.year, r.state, r.created_by AS "createdBy",
  r.created_at AS "createdAt", r.due_at AS "dueAt", r.escalate_at AS "escalateAt", r.closed_at AS "closedAt",
  ${WINDOW_UNITS.columns}`;
const MODEL = { select: COLUMNS, from: 'rotation_plans r', id: 'r.id', org: 'r.org_id', scope: WINDOW_UNITS.scope };

export const findRotation = (pool: Pool, id: string) => readOne<RotationRow>(pool, MODEL, id);

/** A page of the plans in scope (a unit: those with a window of its own; a leader: of their units), newest first. */
export const listRotations = (pool: Pool, scope: ListScope, filter: { year?: number }, page: Page) =>
  readPage<RotationRow>(
    pool,
    {
      ...MODEL,
      filters: (p) => [filter.year === undefined ? undefined : `r.year = ${p(filter.year)}`],
      orderBy: 'r.year DESC, r.id',
    },
    scope,
    page,
  );

/** A window as the API shows it. */
export interface WindowRow {
  planId: string;
  windowId: string;
  personId: string;
  personName: string;
  unitId: string;
  unitName: string;
  start: string;
  end: string;
  state: WindowState;
  original: { personId: string; start: string; end: string };
  swaps: SwapRequest[];
  dueAt: Date;
  answeredAt: Date | null;
  confirmedAt: Date | null;
  confirmedBy: string | null;
  confirmedLate: boolean;
  overdueAt: Date | null;
  escalatedAt: Date | null;
  startedAt: Date | null;
  endedAt: Date | null;
  endReason: string | null;
}

/** A window concerns its unit, and the unit's responsible leader. */
const WINDOW_SCOPE: ScopeRule = { unit: (u) => `w.unit_id = ${u}`, leader: (l) => `wu.leader_id = ${l}` };

const WINDOW_COLUMNS = `w.plan_id AS "planId", w.window_id AS "windowId", w.person_id AS "personId",
  wp.name AS "personName", w.unit_id AS "unitId", wu.name AS "unitName", to_char(w.start_date, 'YYYY-MM-DD') AS start,
  to_char(w.end_date, 'YYYY-MM-DD') AS "end", w.state, w.original, w.swaps, w.due_at AS "dueAt",
  w.answered_at AS "answeredAt", w.confirmed_at AS "confirmedAt", w.confirmed_by AS "confirmedBy",
  w.confirmed_late AS "confirmedLate", w.overdue_at AS "overdueAt", w.escalated_at AS "escalatedAt",
  w.started_at AS "startedAt", w.ended_at AS "endedAt", w.end_reason AS "endReason"`;
const WINDOW_FROM = 'rotation_windows w JOIN units wu ON wu.id = w.unit_id JOIN people wp ON wp.id = w.person_id';

/** The windows of the plans the caller sees, only those in their scope (a unit its own, a leader their units'). */
export async function readWindows(pool: Pool, planIds: string[], scope: ListScope): Promise<WindowRow[]> {
  const { values, p } = params();
  const { rows } = await pool.query<WindowRow>({
    text: `SELECT ${WINDOW_COLUMNS} FROM ${WINDOW_FROM}
           WHERE w.plan_id = ANY(${p(planIds)}) AND ${scopeCondition(WINDOW_SCOPE, scope, p)}
           ORDER BY w.plan_id, w.start_date, length(w.window_id), w.window_id`,
    values,
  });
  return rows;
}

/** The plan's timeline: its own steps and those of the windows the caller sees. */
export async function readRotationTimeline(pool: Pool, planId: string, windowIds: string[] | 'ALL') {
  const { rows } = await pool.query<{
    step: string;
    kind: string;
    windowId: string | null;
    message: string;
    actorId: string | null;
    at: Date;
  }>({
    text: `SELECT step, kind, window_id AS "windowId", message, actor_id AS "actorId", at FROM rotation_timeline
           WHERE plan_id = $1 AND ($2::text[] IS NULL OR window_id IS NULL OR window_id = ANY($2)) ORDER BY id`,
    values: [planId, windowIds === 'ALL' ? null : windowIds],
  });
  return rows;
}

/** A person as their rotation record's scope needs them: organisation, unit and its responsible leader. */
export async function findTrainee(
  pool: Pool,
  personId: string,
): Promise<
  { id: string; name: string; orgId: string; unitId: string; unitName: string; unitLeaderId: string | null } | undefined
> {
  const { rows } = await pool.query({
    text: `SELECT p.id, p.name, p.org_id AS "orgId", p.unit_id AS "unitId", u.name AS "unitName", u.leader_id AS "unitLeaderId"
           FROM people p JOIN units u ON u.id = p.unit_id WHERE p.id = $1`,
    values: [personId],
  });
  return rows[0];
}

/**
 * A trainee's windows, each with the case teams (办案组) they joined within it (from its first day to its end, or the
 * day the office ended it): team, case reference, joined and released.
 */
export async function readRotationRecord(pool: Pool, personId: string) {
  const windows = await pool.query<WindowRow>({
    text: `SELECT ${WINDOW_COLUMNS} FROM ${WINDOW_FROM} WHERE w.person_id = $1 ORDER BY w.start_date, w.plan_id`,
    values: [personId],
  });
  const teams = await pool.query<{
    planId: string;
    windowId: string;
    teamId: string;
    caseRef: string;
    joinedAt: Date;
    releasedAt: Date | null;
  }>({
    text: `SELECT w.plan_id AS "planId", w.window_id AS "windowId", m.team_id AS "teamId", m.case_ref AS "caseRef",
             m.joined_at AS "joinedAt", m.released_at AS "releasedAt"
           FROM rotation_windows w JOIN case_team_members m ON m.person_id = w.person_id
           WHERE w.person_id = $1 AND w.started_at IS NOT NULL
             AND m.joined_at >= (w.start_date::timestamp AT TIME ZONE 'Asia/Shanghai')
             AND m.joined_at < coalesce(w.ended_at, ((w.end_date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'))
           ORDER BY m.joined_at, m.team_id`,
    values: [personId],
  });
  return { windows: windows.rows, teams: teams.rows };
}
