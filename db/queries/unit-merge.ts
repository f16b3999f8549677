import type { Pool } from 'pg';
import { OPEN_STATES } from '../../procedures/task/rules';
import { inTransaction } from '../transaction';
import { appendAudit, type AuditEntry } from './audit';
import type { Queryable } from '../transaction';

/** A unit of an organisation, active or retired (merged into its successor). */
export interface UnitRecord {
  id: string;
  name: string;
  kind: string;
  active: boolean;
  successorId: string | null;
}

export async function readUnitRecord(db: Queryable, orgId: string, unitId: string): Promise<UnitRecord | undefined> {
  const { rows } = await db.query<UnitRecord>({
    text: `SELECT id, name, kind, active, successor_id AS "successorId" FROM units WHERE org_id = $1 AND id = $2`,
    values: [orgId, unitId],
  });
  return rows[0];
}

/**
 * Retires a unit into its successor (单位合并) in one transaction, audited with the unit before and after: inactive,
 * its successor, when and why; its sub-units move under the successor. Nothing is deleted.
 */
export async function retireUnit(
  pool: Pool,
  r: { orgId: string; unitId: string; intoUnitId: string; reason: string },
  audit: Omit<AuditEntry, 'objectType' | 'objectId' | 'payload' | 'outcome' | 'reason' | 'orgId'>,
): Promise<void> {
  await inTransaction(pool, async (client) => {
    const before = await readUnitRecord(client, r.orgId, r.unitId);
    const children = await client.query<{ id: string }>({
      text: `UPDATE units SET parent_id = $3 WHERE org_id = $1 AND parent_id = $2 AND active RETURNING id`,
      values: [r.orgId, r.unitId, r.intoUnitId],
    });
    await client.query({
      text: `UPDATE units SET active = false, successor_id = $3, retired_at = now(), retired_reason = $4
             WHERE org_id = $1 AND id = $2`,
      values: [r.orgId, r.unitId, r.intoUnitId, r.reason],
    });
    const after = await readUnitRecord(client, r.orgId, r.unitId);
    await appendAudit(client, {
      ...audit,
      orgId: r.orgId,
      objectType: 'unit',
      objectId: r.unitId,
      payload: { before, after, subUnitsMoved: children.rows.map((c) => c.id) },
      outcome: 'DONE',
      reason: r.reason,
    });
  });
}

/** An open task the unit leads or co-organises, as a merge reassigns it. */
export interface UnitTask {
  taskId: string;
  title: string;
  leadUnitId: string;
  coUnitIds: string[];
  leaderId: string;
}

export async function openTasksOfUnit(db: Queryable, orgId: string, unitId: string): Promise<UnitTask[]> {
  const { rows } = await db.query<UnitTask>({
    text: `SELECT id AS "taskId", title, lead_unit_id AS "leadUnitId", co_unit_ids AS "coUnitIds", leader_id AS "leaderId"
           FROM tasks WHERE org_id = $1 AND state = ANY($3) AND (lead_unit_id = $2 OR $2 = ANY(co_unit_ids))
           ORDER BY id`,
    values: [orgId, unitId, OPEN_STATES],
  });
  return rows;
}
