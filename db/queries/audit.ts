import type { Pool, PoolClient } from 'pg';

export interface AuditEntry {
  orgId?: string;
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
  /** The absent person a deputy acted for (请假与代理); `actorId` is then the deputy. */
  onBehalfOf?: string;
  /** With `step`: the workflow step that wrote the row, so a retried activity cannot write it twice. */
  workflowId?: string;
  step?: string;
}

export interface AuditRow {
  id: string;
  at: string;
  orgId: string | null;
  actorId: string | null;
  actorRoles: string[];
  tokenId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  payload: unknown;
  outcome: 'DONE' | 'REFUSED';
  reason: string | null;
  requestId: string | null;
  /** The absent person a deputy acted for; `actorId` is the deputy. */
  onBehalfOf: string | null;
}

export interface AuditFilter {
  orgId: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  actorId?: string;
  outcome?: 'DONE' | 'REFUSED';
  from?: string;
  to?: string;
  /** Only rows older than this id: the cursor of the next page. */
  before?: string;
  limit: number;
}

/** Appends one row to the audit log (the table refuses updates and deletes). */
export async function appendAudit(db: Pool | PoolClient, e: AuditEntry): Promise<void> {
  await db.query({
    text: `INSERT INTO audit_log (org_id, actor_id, actor_roles, token_id, action, object_type, object_id, payload,
             outcome, reason, request_id, workflow_id, step, on_behalf_of)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
           ON CONFLICT (workflow_id, step) DO NOTHING`,
    values: [
      e.orgId ?? null,
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
      e.workflowId ?? null,
      e.step ?? null,
      e.onBehalfOf ?? null,
    ],
  });
}

/** A page of an organisation's audit log, newest first. */
export async function listAudit(pool: Pool, f: AuditFilter): Promise<AuditRow[]> {
  const { rows } = await pool.query<AuditRow>({
    text: `SELECT id::text, at, org_id AS "orgId", actor_id AS "actorId", actor_roles AS "actorRoles", token_id AS "tokenId",
             action, object_type AS "objectType", object_id AS "objectId", payload, outcome, reason,
             request_id AS "requestId", on_behalf_of AS "onBehalfOf"
           FROM audit_log
           WHERE org_id = $1
             AND ($2::text IS NULL OR action = $2) AND ($3::text IS NULL OR object_type = $3)
             AND ($4::text IS NULL OR object_id = $4) AND ($5::text IS NULL OR actor_id = $5)
             AND ($6::text IS NULL OR outcome = $6)
             AND ($7::timestamptz IS NULL OR at >= $7) AND ($8::timestamptz IS NULL OR at < $8)
             AND ($9::bigint IS NULL OR id < $9)
           ORDER BY audit_log.id DESC LIMIT $10`,
    values: [
      f.orgId,
      f.action ?? null,
      f.objectType ?? null,
      f.objectId ?? null,
      f.actorId ?? null,
      f.outcome ?? null,
      f.from ?? null,
      f.to ?? null,
      f.before ?? null,
      f.limit,
    ],
  });
  return rows;
}
