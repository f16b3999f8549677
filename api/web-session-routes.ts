import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { appendAudit } from '../db/queries/audit';
import { findPerson, findUnit } from '../db/queries/organisation-read';
import { findTokenOwner } from '../db/queries/tokens';
import { consumeSigninCode, openSession, revokeSession } from '../db/queries/web-sessions';
import type { AppDeps } from './deps';
import { AppError, parseInput, said } from './errors';
import {
  SESSION_COOKIE,
  SESSION_TTL_MS,
  csrfRefused,
  csrfTokenOf,
  hasCsrfToken,
  resolveSession,
  sessionSecretOf,
} from './web-auth';

const signInBody = z.union([
  z.object({ token: z.string().min(1).max(512) }).strict(),
  z.object({ code: z.string().min(1).max(128) }).strict(),
]);

function setCookie(req: Request, res: Response, secret: string, maxAgeMs: number) {
  res.cookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    maxAge: maxAgeMs,
  });
}

/** Who is signed in, as the workspace shows it, with the CSRF token its mutations must carry. */
async function describe(deps: AppDeps, personId: string, secret: string, expiresAt: Date) {
  const person = await findPerson(deps.db, personId);
  if (!person) throw AppError.unauthorised();
  const unit = await findUnit(deps.db, person.unitId);
  return {
    person: { id: person.id, name: person.name, title: person.title, roles: person.roles },
    unit: { id: person.unitId, name: unit?.name ?? person.unitId, kind: unit?.kind ?? null },
    csrfToken: csrfTokenOf(secret),
    expiresAt: expiresAt.toISOString(),
  };
}

/**
 * Sign-in and sign-out of the web workspace (outside /v1: a browser's session, not an API resource):
 * POST exchanges a person's API token or a one-time sign-in code for a session cookie; GET tells who is signed
 * in; DELETE signs out. The POST takes JSON only, which a cross-site form cannot send.
 */
export function webSessionRouter(deps: AppDeps): Router {
  const router = express.Router();
  router.post('/session', async (req, res) => {
    if (!req.is('application/json'))
      throw new AppError('unsupported-media-type', 415, said('请以 JSON 提交登录信息', 'Sign in with a JSON body'));
    const body = parseInput(signInBody, req.body, 'body');
    let personId: string | undefined;
    let signedInBy: string | undefined;
    if ('token' in body) {
      const owner = await findTokenOwner(deps.db, body.token);
      personId = owner?.personId;
      signedInBy = owner?.tokenId;
    } else {
      const used = await consumeSigninCode(deps.db, body.code);
      personId = used?.personId;
      signedInBy = used?.codeId;
    }
    if (!personId || !signedInBy) {
      await appendAudit(deps.db, {
        action: 'session.open',
        objectType: 'session',
        outcome: 'REFUSED',
        reason: 'token' in body ? 'invalid token' : 'invalid, used or expired sign-in code',
        requestId: String(req.id),
      });
      throw AppError.unauthorised(
        'token' in body
          ? said('访问令牌无效、已过期或已被吊销', 'The access token is invalid, expired or revoked')
          : said('登录链接无效、已使用或已过期', 'The sign-in link is invalid, used or expired'),
      );
    }
    const opened = await openSession(deps.db, personId, signedInBy, SESSION_TTL_MS);
    setCookie(req, res, opened.secret, SESSION_TTL_MS);
    res.status(201).json(await describe(deps, personId, opened.secret, opened.expiresAt));
  });
  router.get('/session', async (req, res) => {
    const secret = sessionSecretOf(req);
    const identity = secret && (await resolveSession(deps.db, secret));
    if (!secret || !identity) throw AppError.unauthorised(said('尚未登录', 'Not signed in'));
    res.set('cache-control', 'no-store').json(await describe(deps, identity.personId, secret, identity.expiresAt));
  });
  router.delete('/session', async (req, res) => {
    const secret = sessionSecretOf(req);
    const identity = secret && (await resolveSession(deps.db, secret));
    if (!secret || !identity) throw AppError.unauthorised(said('尚未登录', 'Not signed in'));
    if (!hasCsrfToken(req, secret)) {
      const error = csrfRefused();
      await appendAudit(deps.db, {
        orgId: identity.orgId,
        actorId: identity.personId,
        actorRoles: identity.roles,
        tokenId: identity.credentialId,
        action: 'session.close',
        objectType: 'session',
        objectId: identity.credentialId,
        outcome: 'REFUSED',
        reason: error.message,
        requestId: String(req.id),
      });
      throw error;
    }
    await revokeSession(deps.db, identity.credentialId, String(req.id));
    res.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: req.secure });
    res.status(204).end();
  });
  return router;
}
