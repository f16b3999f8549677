import { z } from 'zod';
import { schemaMessage } from '../../config/issue-text';
import { listInbox, markAllNotificationsRead, markNotificationRead } from '../../db/queries/notifications';
import { auditActorOf, auditRefusal, authoriseFunction } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, said } from '../errors';
import { callerOf } from '../identity';
import { defineRoute } from '../route';
import { listRoute } from './action-route';
import { pageQuery, timestamp } from '../schemas';

const notificationSchema = z.object({
  id: z.string(),
  kind: z.string().describe('The task step that sent it, e.g. ASSIGNED, REMINDER, ESCALATION_L1'),
  title: z.string(),
  body: z.string(),
  taskId: z.string().nullable(),
  createdAt: timestamp,
  readAt: timestamp.nullable(),
});

const inboxQuery = z
  .object({
    ...pageQuery,
    unread: z
      .enum(['true', 'false'])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === 'true'))
      .describe('true: only unread; false: only read; absent: all'),
  })
  .strict();

const notificationParams = z
  .object({ id: z.string().regex(/^n_[0-9a-f]{24}$/, schemaMessage('须为通知编号', 'expected a notification id')) })
  .strict();

/** The caller's own inbox (every role): reminders, urgings (催办) and escalation notices addressed to them. */
export const inboxRoutes = (deps: AppDeps) => [
  listRoute({
    kind: 'inbox',
    summary: 'The caller’s notifications, newest first, with the number still unread',
    query: inboxQuery,
    response: z.object({
      items: z.array(notificationSchema),
      total: z.number().int().describe('Notifications matching the filter'),
      unread: z.number().int().describe('Unread notifications of the caller, whatever the filter'),
      limit: z.number().int(),
      offset: z.number().int(),
    }),
    handler: async (query, caller) => {
      await authoriseFunction(deps, caller, 'inbox.read', { type: 'inbox', id: caller.identity.personId });
      const page = { limit: query.limit, offset: query.offset };
      return { ...(await listInbox(deps.db, caller.identity.personId, { unread: query.unread }, page)), ...page };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/inbox/read-all',
    summary: 'Mark every notification of the caller read',
    tag: 'inbox',
    secured: true,
    response: z.object({ count: z.number().int().describe('How many were unread') }),
    errors: [403],
    handler: async ({ req }) => {
      const caller = callerOf(req);
      await authoriseFunction(deps, caller, 'inbox.update', { type: 'inbox', id: caller.identity.personId });
      return { count: await markAllNotificationsRead(deps.db, caller.identity.personId, auditActorOf(caller)) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/inbox/:id/read',
    summary: 'Mark one of the caller’s notifications read (again: no change); another person’s is a 404',
    tag: 'inbox',
    secured: true,
    params: notificationParams,
    response: notificationSchema,
    errors: [403, 404],
    handler: async ({ params, req }) => {
      const caller = callerOf(req);
      await authoriseFunction(deps, caller, 'inbox.update', { type: 'notification', id: params.id });
      const item = await markNotificationRead(deps.db, caller.identity.personId, params.id, auditActorOf(caller));
      if (!item) {
        await auditRefusal(
          deps,
          caller,
          'inbox.update',
          { type: 'notification', id: params.id },
          'no such notification',
        );
        throw AppError.notFound(said('通知不存在', 'There is no such notification'));
      }
      return item;
    },
  }),
];
