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
    if (!rows[0]) throw new Error(`没有在职人员 ${personId}（人员 id 不存在或已停用）`);
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

/** What an id given to `revokeTokens` names, to say why nothing was revoked: a token, a person, or nothing. */
export type RevokeTarget =
  | { kind: 'TOKEN'; personId: string; revokedAt: Date | null }
  | { kind: 'PERSON'; liveTokens: number; revokedTokens: number }
  | { kind: 'NONE' };

export async function describeRevokeTarget(pool: Pool, tokenOrPersonId: string): Promise<RevokeTarget> {
  const token = await pool.query<{ personId: string; revokedAt: Date | null }>({
    text: 'SELECT person_id AS "personId", revoked_at AS "revokedAt" FROM api_tokens WHERE id = $1',
    values: [tokenOrPersonId],
  });
  if (token.rows[0]) return { kind: 'TOKEN', ...token.rows[0] };
  const person = await pool.query<{ liveTokens: number; revokedTokens: number }>({
    text: `SELECT count(t.id) FILTER (WHERE t.revoked_at IS NULL)::int AS "liveTokens",
                  count(t.id) FILTER (WHERE t.revoked_at IS NOT NULL)::int AS "revokedTokens"
           FROM people p LEFT JOIN api_tokens t ON t.person_id = p.id WHERE p.id = $1 GROUP BY p.id`,
    values: [tokenOrPersonId],
  });
  return person.rows[0] ? { kind: 'PERSON', ...person.rows[0] } : { kind: 'NONE' };
}
