import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { inTransaction } from '../transaction';
import { appendAudit } from './audit';
import { hashToken, type TokenOwner } from './tokens';

/** A live session's owner: the person as a token resolves them, with the session's id as the credential. */
export interface SessionOwner extends TokenOwner {
  expiresAt: Date;
}

/** Opens a session for an active person; returns the cookie's secret, shown once (only its hash is kept). */
export async function openSession(
  pool: Pool,
  personId: string,
  signedInBy: string,
  ttlMs: number,
): Promise<{ sessionId: string; secret: string; expiresAt: Date }> {
  const sessionId = `ses_${randomBytes(8).toString('hex')}`;
  const secret = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlMs);
  await inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ orgId: string; roles: string[] }>({
      text: 'SELECT org_id AS "orgId", roles FROM people WHERE id = $1 AND active',
      values: [personId],
    });
    if (!rows[0]) throw new Error(`no active person with id '${personId}'`);
    await client.query({
      text: `INSERT INTO web_sessions (id, person_id, secret_hash, signed_in_by, expires_at)
             VALUES ($1, $2, $3, $4, $5)`,
      values: [sessionId, personId, hashToken(secret), signedInBy, expiresAt],
    });
    await appendAudit(client, {
      orgId: rows[0].orgId,
      actorId: personId,
      actorRoles: rows[0].roles,
      tokenId: sessionId,
      action: 'session.open',
      objectType: 'session',
      objectId: sessionId,
      payload: { signedInBy, expiresAt: expiresAt.toISOString() },
      outcome: 'DONE',
    });
  });
  return { sessionId, secret, expiresAt };
}

/** The owner of a live session (not revoked, not expired, person still active), if any. */
export async function findSessionOwner(pool: Pool, secret: string): Promise<SessionOwner | undefined> {
  const { rows } = await pool.query<SessionOwner>({
    text: `SELECT s.id AS "tokenId", p.id AS "personId", p.org_id AS "orgId", p.unit_id AS "unitId", p.roles,
                  s.expires_at AS "expiresAt"
           FROM web_sessions s JOIN people p ON p.id = s.person_id
           WHERE s.secret_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND p.active`,
    values: [hashToken(secret)],
  });
  return rows[0];
}

/** Ends a session (sign-out); true when it was live. */
export async function revokeSession(pool: Pool, sessionId: string, requestId?: string): Promise<boolean> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ personId: string; orgId: string; roles: string[] }>({
      text: `UPDATE web_sessions s SET revoked_at = now() FROM people p
             WHERE p.id = s.person_id AND s.id = $1 AND s.revoked_at IS NULL
             RETURNING s.person_id AS "personId", p.org_id AS "orgId", p.roles`,
      values: [sessionId],
    });
    const row = rows[0];
    if (!row) return false;
    await appendAudit(client, {
      orgId: row.orgId,
      actorId: row.personId,
      actorRoles: row.roles,
      tokenId: sessionId,
      action: 'session.close',
      objectType: 'session',
      objectId: sessionId,
      outcome: 'DONE',
      requestId,
    });
    return true;
  });
}

/** Issues a one-time sign-in code for an active person, valid for `ttlMs`; only its hash is stored. */
export async function issueSigninCode(
  pool: Pool,
  personId: string,
  ttlMs: number,
  actorId = 'system',
): Promise<{ codeId: string; code: string; expiresAt: Date }> {
  const codeId = `sic_${randomBytes(8).toString('hex')}`;
  const code = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlMs);
  await inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ orgId: string }>({
      text: 'SELECT org_id AS "orgId" FROM people WHERE id = $1 AND active',
      values: [personId],
    });
    if (!rows[0]) throw new Error(`no active person with id '${personId}'`);
    await client.query({
      text: 'INSERT INTO signin_codes (id, person_id, code_hash, expires_at) VALUES ($1, $2, $3, $4)',
      values: [codeId, personId, hashToken(code), expiresAt],
    });
    await appendAudit(client, {
      orgId: rows[0].orgId,
      actorId,
      actorRoles: ['SYSTEM'],
      action: 'signin-code.issue',
      objectType: 'signin-code',
      objectId: codeId,
      payload: { personId, expiresAt: expiresAt.toISOString() },
      outcome: 'DONE',
    });
  });
  return { codeId, code, expiresAt };
}

/** Uses up a sign-in code: the person it was issued to, once; a used, expired or unknown code gives nothing. */
export async function consumeSigninCode(
  pool: Pool,
  code: string,
): Promise<{ codeId: string; personId: string } | undefined> {
  const { rows } = await pool.query<{ codeId: string; personId: string }>({
    text: `UPDATE signin_codes SET used_at = now()
           WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()
           RETURNING id AS "codeId", person_id AS "personId"`,
    values: [hashToken(code)],
  });
  return rows[0];
}
