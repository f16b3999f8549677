import type { Pool } from 'pg';

export interface AuditEntry {
  actorId?: string;
  actorRoles?: string[];
  tokenId?: string;
  action: string;
  objectType: string;
  objectId?: string;
  payload?: unknown;
  outcome: 'DONE' | 'REFUSED';
  reason?: string;
  requestId?: string;
}

/** Appends one row to the audit log (the table refuses updates and deletes). */
export async function appendAudit(pool: Pool, e: AuditEntry): Promise<void> {
  await pool.query({
    text: `INSERT INTO audit_log (actor_id, actor_roles, token_id, action, object_type, object_id, payload, outcome,
             reason, request_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    values: [
      e.actorId ?? null,
      e.actorRoles ?? [],
      e.tokenId ?? null,
      e.action,
      e.objectType,
      e.objectId ?? null,
      JSON.stringify(e.payload ?? {}),
      e.outcome,
      e.reason ?? null,
      e.requestId ?? null,
    ],
  });
}
