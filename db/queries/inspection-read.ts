import type { Pool } from 'pg';
import type { InspectionReport, InspectionState } from '../../procedures/inspection/messages';
import { members, readOne, readPage, when, type ListScope, type Page, type ReadModel } from './read-page';

/** An inspection round as the API lists it. */
export interface InspectionRow {
  id: string;
  workflowId: string;
  cycleId: string;
  orgId: string;
  key: string;
  kind: 'REGULAR' | 'AD_HOC';
  title: string;
  checklist: string[];
  selfCheckDueDate: string;
  findingsDueDate: string;
  calledBy: string | null;
  state: InspectionState;
  selfCheckDueAt: Date | null;
  findingsClosedAt: Date | null;
  closedAt: Date | null;
  /** Units in scope, and their responsible leaders: who may see the round besides the office and the group. */
  unitIds: string[];
  unitLeaderIds: string[];
  /** Members of the supervision network invited into the round: they see it too (issue 19 part 5). */
  observerIds: string[];
}

const MEMBERS = members('inspection_units', 'round_id', 'r');
const ROUNDS: ReadModel = {
  select: `r.id, r.workflow_id AS "workflowId", r.cycle_id AS "cycleId", r.org_id AS "orgId", r.key, r.kind,
    r.title, r.checklist, to_char(r.self_check_due_date, 'YYYY-MM-DD') AS "selfCheckDueDate",
    to_char(r.findings_due_date, 'YYYY-MM-DD') AS "findingsDueDate", r.called_by AS "calledBy", r.state,
    r.self_check_due_at AS "selfCheckDueAt", r.findings_closed_at AS "findingsClosedAt", r.closed_at AS "closedAt",
    ${MEMBERS.columns},
    ARRAY(SELECT o.person_id FROM inspection_observers o WHERE o.round_id = r.id ORDER BY o.person_id) AS "observerIds"`,
  from: 'inspection_rounds r',
  id: 'r.id',
  org: 'r.org_id',
  scope: {
    ...MEMBERS.scope,
    observer: (p) => `EXISTS (SELECT 1 FROM inspection_observers o WHERE o.round_id = r.id AND o.person_id = ${p})`,
  },
};

export const findInspection = (pool: Pool, roundId: string) => readOne<InspectionRow>(pool, ROUNDS, roundId);

/** The ad-hoc round a request with this Idempotency-Key hash defined in the cycle, if any. */
export async function findInspectionByRequest(pool: Pool, cycleId: string, requestHash: string) {
  const { rows } = await pool.query<InspectionRow>({
    text: `SELECT ${ROUNDS.select} FROM ${ROUNDS.from} WHERE r.cycle_id = $1 AND r.request_hash = $2`,
    values: [cycleId, requestHash],
  });
  return rows[0];
}

/** How many rounds of a kind the cycle has in the read model (the next ad-hoc round is `x<count + 1>`). */
export async function countInspections(pool: Pool, cycleId: string, kind: 'REGULAR' | 'AD_HOC'): Promise<number> {
  const { rows } = await pool.query<{ n: number }>({
    text: `SELECT count(*)::int AS n FROM inspection_rounds WHERE cycle_id = $1 AND kind = $2`,
    values: [cycleId, kind],
  });
  return rows[0]?.n ?? 0;
}

/** A page of the rounds in scope, newest first. */
export const listInspections = (pool: Pool, scope: ListScope, filter: { cycleId?: string }, page: Page) =>
  readPage<InspectionRow>(
    pool,
    {
      ...ROUNDS,
      filters: (p) => [when(filter.cycleId, (c) => `r.cycle_id = ${p(c)}`)],
      orderBy: 'r.created_at DESC, r.id',
    },
    scope,
    page,
  );

/** Timeline entries that name the supervision network's members in the round: the office's alone (`named`). */
const NAMING_MEMBERS = ['OBSERVERS_INVITED', 'OBSERVED'];

/**
 * A round's units (self-checks), findings with their tasks' states, and timeline, limited to `unitIds` (null: all).
 * Timeline entries about one unit are shown with that unit; round-wide entries of scope OFFICE only to whole views;
 * those naming the network's members who take part only with `named` (the office: who observes stays with it).
 */
export async function readInspectionDetails(
  pool: Pool,
  roundId: string,
  unitIds: string[] | null,
  { named }: { named: boolean },
) {
  const [units, findings, timeline] = await Promise.all([
    pool.query({
      text: `SELECT i.unit_id AS "unitId", u.name AS "unitName", i.self_check_status AS "selfCheck",
               i.self_check_report AS report, i.filed_by AS "filedBy", i.filed_at AS "filedAt", i.urged_at AS "urgedAt",
               i.escalated_at AS "escalatedAt", i.findings_recorded_at AS "findingsRecordedAt"
             FROM inspection_units i JOIN units u ON u.id = i.unit_id
             WHERE i.round_id = $1 AND ($2::text[] IS NULL OR i.unit_id = ANY ($2))
             ORDER BY u.level, array_position(ARRAY['DEPARTMENT','TOWN','VILLAGE'], u.kind), u.id`,
      values: [roundId, unitIds],
    }),
    pool.query({
      text: `SELECT f.unit_id AS "unitId", f.seq, f.severity, f.description, f.requirement, f.task_id AS "taskId",
               t.state AS "taskState", t.rung AS "taskRung", to_char(t.due_date, 'YYYY-MM-DD') AS "taskDueDate",
               f.recorded_by AS "recordedBy", f.recorded_at AS "recordedAt"
             FROM inspection_findings f LEFT JOIN tasks t ON t.id = f.task_id
             WHERE f.round_id = $1 AND ($2::text[] IS NULL OR f.unit_id = ANY ($2)) ORDER BY f.unit_id, f.seq`,
      values: [roundId, unitIds],
    }),
    pool.query({
      text: `SELECT step, kind, message, unit_id AS "unitId", actor_id AS "actorId", at FROM inspection_timeline
             WHERE round_id = $1 AND ($2::text[] IS NULL OR scope = 'ALL' OR unit_id = ANY ($2))
               AND ($3 OR NOT (kind = ANY ($4::text[])))
             ORDER BY id`,
      values: [roundId, unitIds, named, NAMING_MEMBERS],
    }),
  ]);
  return { units: units.rows, findings: findings.rows, timeline: timeline.rows };
}

/** The units in a round's scope, by name: what every reader of the round may know (an invited member too). */
export async function readInspectedUnits(pool: Pool, roundId: string) {
  const { rows } = await pool.query<{ unitId: string; unitName: string }>({
    text: `SELECT i.unit_id AS "unitId", u.name AS "unitName" FROM inspection_units i JOIN units u ON u.id = i.unit_id
           WHERE i.round_id = $1 ORDER BY u.level, array_position(ARRAY['DEPARTMENT','TOWN','VILLAGE'], u.kind), u.id`,
    values: [roundId],
  });
  return rows;
}

/** An observation as a reader sees it: `personId` only for the office and for the member who wrote it. */
export interface ObservationRow {
  seq: number;
  unitId: string;
  unitName: string;
  text: string;
  personId: string | null;
  at: Date;
}

/**
 * A round's observations: `unitIds` limits them to those units (null: all), `by` to one member's own; `named` says
 * whether the writer's id is shown (the office, a member their own), never to a unit, a leader or the group.
 */
export async function readObservations(
  pool: Pool,
  roundId: string,
  o: { unitIds: string[] | null; by?: string; named: boolean },
): Promise<ObservationRow[]> {
  const { rows } = await pool.query<ObservationRow>({
    text: `SELECT o.seq, o.unit_id AS "unitId", u.name AS "unitName", o.text,
             CASE WHEN $4 THEN o.person_id END AS "personId", o.at
           FROM inspection_observations o JOIN units u ON u.id = o.unit_id
           WHERE o.round_id = $1 AND ($2::text[] IS NULL OR o.unit_id = ANY ($2)) AND ($3::text IS NULL OR o.person_id = $3)
           ORDER BY o.seq`,
    values: [roundId, o.unitIds, o.by ?? null, o.named],
  });
  return rows;
}

/** The report stored when the round closed, if it has. */
export async function readStoredInspectionReport(pool: Pool, roundId: string): Promise<InspectionReport | null> {
  const { rows } = await pool.query<{ report: InspectionReport | null }>({
    text: `SELECT report FROM inspection_rounds WHERE id = $1`,
    values: [roundId],
  });
  return rows[0]?.report ?? null;
}
