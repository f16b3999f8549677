import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { inTransaction } from '../transaction';
import { appendAudit } from './audit';

export interface TokenOwner {
  tokenId: string;
  personId: string;
  orgId: string;
  unitId: string;
  roles: string[];
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Issues an opaque bearer token (192 random bits) for an active person. Only its hash is stored, so
 * the returned token is shown once and never again.
 */
export async function issueToken(
  pool: Pool,
  personId: string,
  expiresAt?: Date,
  actorId = 'system',
): Promise<{ tokenId: string; token: string }> {
  const tokenId = `tok_${randomBytes(8).toString('hex')}`;
  const token = `heli_${randomBytes(24).toString('base64url')}`;
  await inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ orgId: string }>({
      text: 'SELECT org_id AS "orgId" FROM people WHERE id = $1 AND active',
      values: [personId],
    });
    if (!rows[0]) throw new Error(`no active person with id '${personId}'`);
    await client.query({
      text: 'INSERT INTO api_tokens (id, person_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)',
      values: [tokenId, personId, hashToken(token), expiresAt ?? null],
    });
    await appendAudit(client, {
      orgId: rows[0].orgId,
      actorId,
      actorRoles: ['SYSTEM'],
      action: 'token.issue',
      objectType: 'token',
      objectId: tokenId,
      payload: { personId, expiresAt: expiresAt?.toISOString() ?? null },
      outcome: 'DONE',
    });
  });
  return { tokenId, token };
}

/** Revokes one token by its id, or every live token of a person; returns how many were revoked. */
export async function revokeTokens(pool: Pool, tokenOrPersonId: string, actorId = 'system'): Promise<number> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: string; personId: string; orgId: string }>({
      text: `UPDATE api_tokens t SET revoked_at = now() FROM people p
             WHERE p.id = t.person_id AND (t.id = $1 OR t.person_id = $1) AND t.revoked_at IS NULL
             RETURNING t.id, t.person_id AS "personId", p.org_id AS "orgId"`,
      values: [tokenOrPersonId],
    });
    for (const r of rows) {
      await appendAudit(client, {
        orgId: r.orgId,
        actorId,
        actorRoles: ['SYSTEM'],
        action: 'token.revoke',
        objectType: 'token',
        objectId: r.id,
        payload: { personId: r.personId },
        outcome: 'DONE',
      });
    }
    return rows.length;
  });
}

/** The owner of a live token (not revoked, not expired, person still active), if any. */
export async function findTokenOwner(pool: Pool, token: string): Promise<TokenOwner | undefined> {
  const { rows } = await pool.query<TokenOwner>({
    text: `SELECT t.id AS "tokenId", p.id AS "personId", p.org_id AS "orgId", p.unit_id AS "unitId", p.roles
           FROM api_tokens t JOIN people p ON p.id = t.person_id
           WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
             AND p.active`,
    values: [hashToken(token)],
  });
  return rows[0];
}
