import type { Pool } from 'pg';

/** The stored answer of a bulk request by its requestId (the caller's), with the digest of what it asked. */
export async function findBulkAnswer(
  pool: Pool,
  personId: string,
  requestId: string,
): Promise<{ digest: string; answer: unknown } | undefined> {
  const { rows } = await pool.query<{ digest: string; answer: unknown }>({
    text: `SELECT digest, answer FROM task_bulk_requests WHERE person_id = $1 AND request_id = $2`,
    values: [personId, requestId],
  });
  return rows[0];
}

/** Keeps a bulk request's answer; false when one was kept already (a concurrent retry won). */
export async function keepBulkAnswer(
  pool: Pool,
  r: { personId: string; requestId: string; orgId: string; action: string; digest: string; answer: unknown },
): Promise<boolean> {
  const { rowCount } = await pool.query({
    text: `INSERT INTO task_bulk_requests (person_id, request_id, org_id, action, digest, answer)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (person_id, request_id) DO NOTHING`,
    values: [r.personId, r.requestId, r.orgId, r.action, r.digest, JSON.stringify(r.answer)],
  });
  return (rowCount ?? 0) > 0;
}
