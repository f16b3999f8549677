import { listAudit } from '../../db/queries/audit';
import { authorise } from '../authorise';
import type { AppDeps } from '../deps';
import { listRoute } from './action-route';
import { auditPageSchema, auditQuery } from '../schemas';

export const auditRoutes = (deps: AppDeps) => [
  listRoute({
    kind: 'audit',
    summary: 'The audit log of the caller’s organisation, newest first (office)',
    query: auditQuery,
    response: auditPageSchema,
    handler: async (query, caller) => {
      const { orgId } = caller.identity;
      await authorise(deps, caller, 'audit.read', { type: 'organisation', orgId }, { type: 'audit' });
      const items = await listAudit(deps.db, { ...query, orgId });
      return { items, nextBefore: items.length === query.limit ? (items.at(-1)?.id ?? null) : null };
    },
  }),
];
