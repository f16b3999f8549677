import type { Pool, PoolClient } from 'pg';
import type { CaseInput, CaseStatus } from '../../procedures/case/messages';
import { writeStepRows, type StepEvent } from './step-rows';

/** One step of a case workflow: its snapshot, a timeline entry and its audit row. */
export type CaseEvent = StepEvent<'input', CaseInput, CaseStatus> & { audit: { action: string; payload: unknown } };

/** Writes the case row if this snapshot is newer than the stored one. */
async function upsertCase(client: PoolClient, workflowId: string, c: CaseInput, s: CaseStatus): Promise<void> {
  await client.query({
    text: `INSERT INTO accountability_cases (id, workflow_id, org_id, cycle_id, unit_id, leader_id, source_kind, source,
             policy, opened_by, opened_at, state, statement_due_at, escalate_at, statement, statement_by, statement_at,
             statement_late, overdue_at, escalated_at, measure, measure_name, basis, persons, decided_by, decided_at,
             decided_without_statement, closed_at, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
             $23, $24, $25, $26, $27, $28, $29)
           ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, statement = EXCLUDED.statement,
             statement_by = EXCLUDED.statement_by, statement_at = EXCLUDED.statement_at,
             statement_late = EXCLUDED.statement_late, overdue_at = EXCLUDED.overdue_at,
             escalated_at = EXCLUDED.escalated_at, measure = EXCLUDED.measure, measure_name = EXCLUDED.measure_name,
             basis = EXCLUDED.basis, persons = EXCLUDED.persons, decided_by = EXCLUDED.decided_by,
             decided_at = EXCLUDED.decided_at, decided_without_statement = EXCLUDED.decided_without_statement,
             closed_at = EXCLUDED.closed_at, version = EXCLUDED.version, updated_at = now()
           WHERE accountability_cases.version < EXCLUDED.version`,
    values: [
      c.caseId,
      workflowId,
      c.orgId,
      c.cycleId,
      c.unitId,
      c.leaderId,
      c.source.kind,
      JSON.stringify(c.source),
      JSON.stringify(c.policy),
      c.openedBy?.personId ?? null,
      s.openedAt,
      s.state,
      s.statementDueAt,
      s.escalateAt,
      s.statement,
      s.statementBy,
      s.statementAt,
      s.statementLate,
      s.overdueAt,
      s.escalatedAt,
      s.measure,
      s.measureName,
      s.basis,
      s.persons,
      s.decidedBy,
      s.decidedAt,
      s.decidedWithoutStatement,
      s.closedAt,
      s.version,
    ],
  });
}

/**
 * Writes one case step inside the caller's transaction; a retry changes nothing (the snapshot moves forward by version, the
 * timeline entry and audit row are keyed by workflow id + step). An L3 case marks the task's referral as taken up.
 */
export async function writeCaseEvent(client: PoolClient, e: CaseEvent): Promise<void> {
  const caseId = e.input.caseId;
  await upsertCase(client, e.workflowId, e.input, e.status);
  await writeStepRows(client, 'case', { id: caseId, orgId: e.input.orgId }, e);
  if (e.entry.kind === 'OPENED' && e.input.source.kind === 'L3') {
    await client.query({
      text: `UPDATE accountability_referrals SET case_id = $1 WHERE task_id = $2 AND case_id IS NULL`,
      values: [caseId, e.input.source.taskId],
    });
  }
}

/**
 * A unit's name and its organisation's coordination office's (for the case's notices), and its organisation (whose
 * calendar its limits follow), or undefined.
 */
export async function findCaseUnit(
  pool: Pool,
  unitId: string,
): Promise<{ name: string; orgId: string; officeName: string | null } | undefined> {
  const { rows } = await pool.query<{ name: string; orgId: string; officeName: string | null }>({
    text: `SELECT u.name, u.org_id AS "orgId",
             (SELECT o.name FROM units o WHERE o.org_id = u.org_id AND o.kind = 'OFFICE' ORDER BY o.active DESC LIMIT 1)
               AS "officeName"
           FROM units u WHERE u.id = $1`,
    values: [unitId],
  });
  return rows[0];
}

/** People's names in the order of `personIds`; an unknown id stands for itself. */
export async function findPeopleNames(pool: Pool, personIds: string[]): Promise<string[]> {
  const { rows } = await pool.query<{ id: string; name: string }>({
    text: 'SELECT id, name FROM people WHERE id = ANY($1)',
    values: [personIds],
  });
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return personIds.map((id) => names.get(id) ?? id);
}
