import type { Pool } from 'pg';

export interface IdempotencyClaim {
  personId: string;
  key: string;
  method: string;
  path: string;
  bodyHash: string;
}

export type ClaimResult =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; response: unknown; headers: Record<string, string> }
  | { kind: 'in-progress' }
  | { kind: 'mismatch' };

/** How long a key is remembered. */
const KEY_LIFETIME = '24 hours';
/**
 * A claim still without an answer after this long was abandoned (its API process died mid-request): the next
 * request with the key takes it over. Longer than the request deadline, so a request still running keeps it;
 * what the abandoned request did is found again, as creates derive their ids from the key.
 */
const ABANDONED_AFTER = '30 seconds';

/** Claims a key for a request, or says what became of the earlier request that claimed it. */
export async function claimIdempotencyKey(pool: Pool, c: IdempotencyClaim): Promise<ClaimResult> {
  await pool.query({
    text: `DELETE FROM idempotency_keys WHERE person_id = $1 AND key = $2 AND created_at < now() - $3::interval`,
    values: [c.personId, c.key, KEY_LIFETIME],
  });
  const inserted = await pool.query({
    text: `INSERT INTO idempotency_keys (person_id, key, method, path, body_hash) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (person_id, key) DO NOTHING`,
    values: [c.personId, c.key, c.method, c.path, c.bodyHash],
  });
  if (inserted.rowCount === 1) return { kind: 'claimed' };
  const { rows } = await pool.query<{
    method: string;
    path: string;
    bodyHash: string;
    status: number | null;
    response: unknown;
    headers: Record<string, string>;
  }>({
    text: `SELECT method, path, body_hash AS "bodyHash", status, response, headers FROM idempotency_keys
           WHERE person_id = $1 AND key = $2`,
    values: [c.personId, c.key],
  });
  const earlier = rows[0];
  if (!earlier) return claimIdempotencyKey(pool, c); // expired between the two statements
  if (earlier.method !== c.method || earlier.path !== c.path || earlier.bodyHash !== c.bodyHash) {
    return { kind: 'mismatch' };
  }
  if (earlier.status === null) {
    const taken = await pool.query({
      text: `UPDATE idempotency_keys SET created_at = now()
             WHERE person_id = $1 AND key = $2 AND status IS NULL AND created_at < now() - $3::interval`,
      values: [c.personId, c.key, ABANDONED_AFTER],
    });
    return taken.rowCount === 1 ? { kind: 'claimed' } : { kind: 'in-progress' };
  }
  return { kind: 'replay', status: earlier.status, response: earlier.response, headers: earlier.headers };
}

/** Stores the answer of the request that claimed the key. */
export async function completeIdempotencyKey(
  pool: Pool,
  personId: string,
  key: string,
  answer: { status: number; response: unknown; headers: Record<string, string> },
): Promise<void> {
  await pool.query({
    text: `UPDATE idempotency_keys SET status = $3, response = $4, headers = $5 WHERE person_id = $1 AND key = $2`,
    values: [personId, key, answer.status, JSON.stringify(answer.response), JSON.stringify(answer.headers)],
  });
}

/** Frees a key whose request failed, so that a retry runs it again. */
export async function releaseIdempotencyKey(pool: Pool, personId: string, key: string): Promise<void> {
  await pool.query({
    text: 'DELETE FROM idempotency_keys WHERE person_id = $1 AND key = $2 AND status IS NULL',
    values: [personId, key],
  });
}
