import type { Pool } from 'pg';
import type { CaseSource, CaseState } from '../../procedures/case/messages';

/** A case as the API lists it: who, why, where it stands and the decision. */
export interface CaseRow {
  id: string;
  workflowId: string;
  orgId: string;
  cycleId: string | null;
  unitId: string;
  unitName: string;
  leaderId: string | null;
  /** The unit's own responsible leader (units.leader_id). */
  unitLeaderId: string | null;
  sourceKind: CaseSource['kind'];
  source: CaseSource;
  openedBy: string | null;
  openedAt: Date;
  state: CaseState;
  statementDueAt: Date;
  escalateAt: Date;
  statementAt: Date | null;
  statementLate: boolean;
  overdueAt: Date | null;
  escalatedAt: Date | null;
  measure: string | null;
  measureName: string | null;
  basis: string | null;
  persons: string[];
  decidedBy: string | null;
  decidedAt: Date | null;
  decidedWithoutStatement: boolean;
  closedAt: Date | null;
}

const COLUMNS = `c.id, c.workflow_id AS "workflowId", c.org_id AS "orgId", c.cycle_id AS "cycleId", c.unit_id AS "unitId",
  u.name AS "unitName", c.leader_id AS "leaderId", u.leader_id AS "unitLeaderId", c.source_kind AS "sourceKind",
  c.source, c.opened_by AS "openedBy", c.opened_at AS "openedAt", c.state, c.statement_due_at AS "statementDueAt",
  c.escalate_at AS "escalateAt", c.statement_at AS "statementAt", c.statement_late AS "statementLate",
  c.overdue_at AS "overdueAt", c.escalated_at AS "escalatedAt", c.measure, c.measure_name AS "measureName", c.basis,
  c.persons, c.decided_by AS "decidedBy", c.decided_at AS "decidedAt",
  c.decided_without_statement AS "decidedWithoutStatement", c.closed_at AS "closedAt"`;

export async function findCase(pool: Pool, caseId: string): Promise<CaseRow | undefined> {
  const { rows } = await pool.query<CaseRow>({
    text: `SELECT ${COLUMNS} FROM accountability_cases c JOIN units u ON u.id = c.unit_id WHERE c.id = $1`,
    values: [caseId],
  });
  return rows[0];
}

/** Who sees which cases: the whole organisation, a unit's own, or a leader's (their units' and those naming them). */
export interface CaseScope {
  orgId: string;
  wholeOrg: boolean;
  unitId?: string;
  leaderId?: string;
}

export interface CaseFilter {
  unitId?: string;
  leaderId?: string;
  cycleId?: string;
  state?: CaseState;
}

/** Whether a case names a leader: as its leader, its unit's leader, or a person of its decision. */
const NAMES_LEADER = (p: string) => `(c.leader_id = ${p} OR u.leader_id = ${p} OR ${p} = ANY(c.persons))`;

/** A page of the cases in scope, newest first. */
export async function listCases(
  pool: Pool,
  scope: CaseScope,
  filter: CaseFilter,
  page: { limit: number; offset: number },
): Promise<{ items: CaseRow[]; total: number }> {
  const { rows } = await pool.query<CaseRow & { total: string }>({
    text: `SELECT ${COLUMNS}, count(*) OVER () AS total FROM accountability_cases c JOIN units u ON u.id = c.unit_id
           WHERE c.org_id = $1
             AND ($2 OR c.unit_id = $3 OR ($4::text IS NOT NULL AND ${NAMES_LEADER('$4')}))
             AND ($5::text IS NULL OR c.unit_id = $5)
             AND ($6::text IS NULL OR ${NAMES_LEADER('$6')})
             AND ($7::text IS NULL OR c.cycle_id = $7)
             AND ($8::text IS NULL OR c.state = $8)
           ORDER BY c.opened_at DESC, c.id LIMIT $9 OFFSET $10`,
    values: [
      scope.orgId,
      scope.wholeOrg,
      scope.unitId ?? null,
      scope.leaderId ?? null,
      filter.unitId ?? null,
      filter.leaderId ?? null,
      filter.cycleId ?? null,
      filter.state ?? null,
      page.limit,
      page.offset,
    ],
  });
  return { items: rows.map(({ total: _t, ...c }) => c), total: Number(rows[0]?.total ?? 0) };
}

/** A case's statement and timeline. */
export async function readCaseDetails(pool: Pool, caseId: string) {
  const [c, timeline] = await Promise.all([
    pool.query<{ statement: string | null; statementBy: string | null }>({
      text: `SELECT statement, statement_by AS "statementBy" FROM accountability_cases WHERE id = $1`,
      values: [caseId],
    }),
    pool.query<{ step: string; kind: string; message: string; actorId: string | null; at: Date }>({
      text: `SELECT step, kind, message, actor_id AS "actorId", at FROM case_timeline WHERE case_id = $1 ORDER BY id`,
      values: [caseId],
    }),
  ]);
  return { ...(c.rows[0] ?? { statement: null, statementBy: null }), timeline: timeline.rows };
}
