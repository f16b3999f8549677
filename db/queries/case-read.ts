import type { Pool } from 'pg';
import type { CaseSource, CaseState } from '../../procedures/case/messages';
import { readPage, readTimeline, when, type ListScope, type Page, type ScopeRule } from './read-page';

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
  unit_name_at(u.id, coalesce(c.decided_at, now())) AS "unitName", c.leader_id AS "leaderId", u.leader_id AS "unitLeaderId", c.source_kind AS "sourceKind",
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

export interface CaseFilter {
  unitId?: string;
  leaderId?: string;
  cycleId?: string;
  state?: CaseState;
}

/** Whether a case names a leader: as its leader, its unit's leader, or a person of its decision. */
const NAMES_LEADER = (p: string) => `(c.leader_id = ${p} OR u.leader_id = ${p} OR ${p} = ANY(c.persons))`;

/** The cases a caller may see (`c` the case, `u` its unit): never another unit's; a leader's units' and those naming them. */
export const CASE_SCOPE: ScopeRule = { unit: (u) => `c.unit_id = ${u}`, leader: NAMES_LEADER };

/** A page of the cases in scope, newest first. */
export const listCases = (pool: Pool, scope: ListScope, filter: CaseFilter, page: Page) =>
  readPage<CaseRow>(
    pool,
    {
      select: COLUMNS,
      from: 'accountability_cases c JOIN units u ON u.id = c.unit_id',
      org: 'c.org_id',
      scope: CASE_SCOPE,
      filters: (p) => [
        when(filter.unitId, (v) => `c.unit_id = ${p(v)}`),
        when(filter.leaderId, (v) => NAMES_LEADER(p(v))),
        when(filter.cycleId, (v) => `c.cycle_id = ${p(v)}`),
        when(filter.state, (v) => `c.state = ${p(v)}`),
      ],
      orderBy: 'c.opened_at DESC, c.id',
    },
    scope,
    page,
  );

/** A case's statement and timeline. */
export async function readCaseDetails(pool: Pool, caseId: string) {
  const [c, timeline] = await Promise.all([
    pool.query<{ statement: string | null; statementBy: string | null }>({
      text: `SELECT statement, statement_by AS "statementBy" FROM accountability_cases WHERE id = $1`,
      values: [caseId],
    }),
    readTimeline(pool, 'case_timeline', 'case_id', caseId),
  ]);
  return { ...(c.rows[0] ?? { statement: null, statementBy: null }), timeline };
}
