import { listAudit } from '../../db/queries/audit';
import { authorise } from '../authorise';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import { defineRoute } from '../route';
import { auditPageSchema, auditQuery } from '../schemas';

export const auditRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'get',
    path: '/audit',
    summary: 'The audit log of the caller’s organisation, newest first (office)',
    tag: 'audit',
    secured: true,
    query: auditQuery,
    response: auditPageSchema,
    errors: [403],
    handler: async ({ query, req }) => {
      const caller = callerOf(req);
      const { orgId } = caller.identity;
      await authorise(deps, caller, 'audit.read', { type: 'organisation', orgId }, { type: 'audit' });
      const items = await listAudit(deps.db, { ...query, orgId });
      return { items, nextBefore: items.length === query.limit ? (items.at(-1)?.id ?? null) : null };
    },
  }),
];
