import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Pool } from 'pg';
import { standingInFor } from '../db/queries/absences';
import { findTokenOwner } from '../db/queries/tokens';
import { appendAudit } from '../db/queries/audit';
import type { Caller } from './authorise';
import { z } from 'zod';
import { AppError, parseInput, said } from './errors';
import { csrfRefused, hasCsrfToken, needsCsrf, resolveSession, sessionSecretOf } from './web-auth';

export type Role = 'OFFICE' | 'UNIT' | 'LEADER' | 'GROUP' | 'OBSERVER' | 'ENFORCEMENT' | 'ADMIN';

/** Who is calling: a person of the organisation, with the roles and unit the policy decides on. */
export interface Identity {
  personId: string;
  orgId: string;
  unitId: string;
  roles: Role[];
  /** Which credential proved it (a token id here; a JWT's `jti` with an identity provider). */
  credentialId: string;
  /**
   * Set when a deputy acts for this person while they are away (请假与代理): the deputy who holds the credential.
   * The policy decides on the absent person's roles and unit; the audit log and timelines name the deputy.
   */
  deputyId?: string;
}

/** The header by which a deputy acts for an absent person: that person's id. */
export const ON_BEHALF_HEADER = 'heli-on-behalf-of';

const onBehalfHeader = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'expected a person id');

/**
 * The identity a request acts with: the caller's own, or, with a `Heli-On-Behalf-Of` header, that of the person the
 * caller stands in for today (an absence naming the caller as deputy). Any other person, existing or not, is refused
 * alike (403, audited), and a deputy cannot act for someone through another deputy.
 */
async function actingIdentity(db: Pool | undefined, req: Request, identity: Identity): Promise<Identity> {
  const raw = req.get(ON_BEHALF_HEADER);
  if (raw === undefined) return identity;
  const personId = parseInput(onBehalfHeader, raw, 'header.Heli-On-Behalf-Of');
  if (personId === identity.personId) return identity;
  const standing = db && (await standingInFor(db, identity.personId, personId));
  if (!standing || standing.orgId !== identity.orgId) {
    const reason = said(
      '您今天不是该人员的代理人，不能代其办理',
      'You are not standing in for that person today and cannot act for them',
    );
    if (db)
      await appendAudit(db, {
        orgId: identity.orgId,
        actorId: identity.personId,
        actorRoles: identity.roles,
        tokenId: identity.credentialId,
        action: 'request.onBehalf',
        objectType: 'person',
        objectId: personId,
        outcome: 'REFUSED',
        reason: reason.zh,
        requestId: String(req.id),
      });
    throw AppError.forbidden(reason);
  }
  return {
    personId,
    orgId: standing.orgId,
    unitId: standing.unitId,
    roles: standing.roles as Role[],
    credentialId: identity.credentialId,
    deputyId: identity.personId,
  };
}

/**
 * Turns a bearer credential into an identity. The token resolver below is the default; an OIDC/JWT
 * resolver (verify the signature, map `sub` to a person) implements the same interface.
 */
export interface IdentityResolver {
  resolve(bearer: string): Promise<Identity | undefined>;
}

export function tokenResolver(db: Pool): IdentityResolver {
  return {
    async resolve(bearer) {
      const owner = await findTokenOwner(db, bearer);
      return owner && { ...owner, roles: owner.roles as Role[], credentialId: owner.tokenId };
    },
  };
}

/**
 * The authentication slot of every /v1 route: a bearer credential, or the web workspace's session cookie
 * (`sessions`) with its CSRF token on mutations; either resolves to the same identity. None valid: 401.
 */
export function authenticate(resolver: IdentityResolver, sessions?: Pool): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const secret = sessions && !header ? sessionSecretOf(req) : undefined;
    if (sessions && secret) {
      const identity = await resolveSession(sessions, secret);
      if (!identity)
        throw AppError.unauthorised(
          said('登录已过期或已退出，请重新登录', 'The session expired or was ended; please sign in again'),
        );
      const { expiresAt: _expiresAt, ...rest } = identity;
      if (needsCsrf(req) && !hasCsrfToken(req, secret)) {
        const error = csrfRefused();
        await appendAudit(sessions, {
          orgId: rest.orgId,
          actorId: rest.personId,
          actorRoles: rest.roles,
          tokenId: rest.credentialId,
          action: 'request.csrf',
          objectType: 'request',
          objectId: `${req.method} ${req.originalUrl.split('?')[0]}`.slice(0, 200),
          outcome: 'REFUSED',
          reason: error.message,
          requestId: String(req.id),
        });
        throw error;
      }
      req.identity = await actingIdentity(sessions, req, rest);
      return next();
    }
    // The scheme is case-insensitive (RFC 7235): `bearer …` is as good as `Bearer …`.
    const match = /^Bearer +([A-Za-z0-9._~+/=-]{1,512})$/i.exec(header);
    if (!match?.[1]) throw AppError.unauthorised();
    const identity = await resolver.resolve(match[1]);
    if (!identity)
      throw AppError.unauthorised(
        said('访问令牌无效、已过期或已被吊销', 'The access token is invalid, expired or revoked'),
      );
    req.identity = await actingIdentity(sessions, req, identity);
    next();
  };
}

/** The caller's identity; routes behind `authenticate` always have one. */
export function identityOf(req: { identity?: Identity }): Identity {
  if (!req.identity) throw AppError.unauthorised();
  return req.identity;
}

/** The Idempotency-Key header, as creates and actions take it. */
export const idempotencyKeyHeader = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, 'expected 1 to 255 visible ASCII characters')
  .optional();

interface CallerRequest {
  identity?: Identity;
  /** The request id (api/observe.ts gives every request a string one). */
  id: unknown;
  method?: string;
  path?: string;
  body?: unknown;
  get?: (name: string) => string | undefined;
}

/**
 * The id of the Update a request sends, when it carries an Idempotency-Key: the same caller, key, path and
 * body give the same id, so a retry after a lost answer (a 503 at the request deadline, a restarted API) gets
 * the outcome of the Update already applied instead of applying the action twice. Without a key: none.
 */
function updateIdOf(req: CallerRequest, personId: string): string | undefined {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined; // reads send no Update
  const key = parseInput(idempotencyKeyHeader, req.get?.('idempotency-key'), 'header.Idempotency-Key');
  if (key === undefined) return undefined;
  const digest = createHash('sha256')
    .update([personId, key, req.method ?? '', req.path ?? '', JSON.stringify(req.body ?? null)].join('\n'))
    .digest('hex');
  return `request-${digest.slice(0, 40)}`;
}

/** The caller and the request id, as use cases and the audit log want them. */
export function callerOf(req: CallerRequest): Caller {
  const identity = identityOf(req);
  const updateId = updateIdOf(req, identity.personId);
  return { identity, requestId: String(req.id), ...(updateId ? { updateId } : {}) };
}
