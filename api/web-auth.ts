import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { Pool } from 'pg';
import { findSessionOwner } from '../db/queries/web-sessions';
import { AppError, said } from './errors';
import type { Identity, Role } from './identity';

/*
 * The web workspace's credential (issue 8): an httpOnly, SameSite=Strict cookie holding a session secret. A
 * mutation authenticated by the cookie must also carry the session's CSRF token in a header: a token derived
 * from the secret, which the page learns from GET/POST /auth/session (a cross-site page can read neither).
 */

export const SESSION_COOKIE = 'heli_session';
export const CSRF_HEADER = 'x-csrf-token';
/** How long a browser session lasts: a working day and the evening after it. */
export const SESSION_TTL_MS = 12 * 3_600_000;
/** How long a one-time sign-in code from `heli signin-link` stays good. */
export const SIGNIN_CODE_TTL_MS = 15 * 60_000;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The CSRF token of a session: bound to its secret, so it needs no storage and dies with the session. */
export const csrfTokenOf = (secret: string): string =>
  createHash('sha256').update(`heli-csrf\n${secret}`).digest('base64url');

/** The session secret in the request's cookie header, if any. */
export function sessionSecretOf(req: Request): string | undefined {
  const header = req.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) {
      const secret = value.join('=');
      return /^[A-Za-z0-9_-]{16,128}$/.test(secret) ? secret : undefined;
    }
  }
  return undefined;
}

/** Whether a request needs a CSRF token: everything but reads. */
export const needsCsrf = (req: Request): boolean => !SAFE_METHODS.has(req.method);

/** Whether the request carries the CSRF token of this session (compared in constant time). */
export function hasCsrfToken(req: Request, secret: string): boolean {
  const given = Buffer.from(req.get(CSRF_HEADER) ?? '');
  const expected = Buffer.from(csrfTokenOf(secret));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The identity a session cookie stands for: the person, with the session's id as the credential. */
export async function resolveSession(db: Pool, secret: string): Promise<(Identity & { expiresAt: Date }) | undefined> {
  const owner = await findSessionOwner(db, secret);
  return (
    owner && {
      personId: owner.personId,
      orgId: owner.orgId,
      unitId: owner.unitId,
      roles: owner.roles as Role[],
      credentialId: owner.tokenId,
      expiresAt: owner.expiresAt,
    }
  );
}

/** A mutation in a web session without its CSRF token (or with another's): 403, the page should reload. */
export const csrfRefused = (): AppError =>
  new AppError(
    'csrf',
    403,
    said(
      '缺少或错误的 CSRF 令牌，请刷新页面后重试',
      'The CSRF token is missing or wrong; reload the page and try again',
    ),
  );
