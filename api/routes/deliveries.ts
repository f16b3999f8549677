import { z } from 'zod';
import { schemaMessage } from '../../config/issue-text';
import { NOTICE_CHANNELS } from '../../config/notice-channels';
import {
  DELIVERY_STATES,
  findDelivery,
  findNoticePreferences,
  listDeliveries,
  retryDelivery,
  saveNoticePreferences,
} from '../../db/queries/notice-deliveries';
import { auditRefusal, authoriseFunction } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, said } from '../errors';
import { callerOf } from '../identity';
import { defineRoute } from '../route';
import { listRoute } from './action-route';
import { pageQuery, timestamp } from '../schemas';
import { auditActorOf } from '../authorise';

const deliverySchema = z.object({
  id: z.string(),
  notificationId: z.string().describe('The inbox notice this delivery carries'),
  personId: z.string(),
  channel: z.enum(NOTICE_CHANNELS),
  address: z.string().describe('E-mail address, mobile number or robot name (the office alone reads it)'),
  state: z.enum(DELIVERY_STATES).describe('PENDING (due or waiting for a retry or the morning), SENT, DEAD'),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: timestamp,
  sentAt: timestamp.nullable(),
  deadAt: timestamp.nullable(),
  createdAt: timestamp,
  kind: z.string(),
  title: z.string(),
  taskId: z.string().nullable(),
});

const deliveriesQuery = z
  .object({
    ...pageQuery,
    state: z.enum(DELIVERY_STATES).optional().describe('DEAD: the dead-letter list'),
    objectId: z.string().max(200).optional().describe('The task the notices are about'),
  })
  .strict();

const deliveryParams = z
  .object({ id: z.string().regex(/^nd_[0-9a-f]{24}$/, schemaMessage('须为投递编号', 'expected a delivery id')) })
  .strict();

const retryBody = z
  .object({
    address: z
      .string()
      .min(1)
      .max(254)
      .optional()
      .describe('The corrected address (e-mail, mobile number or robot name, as the channel takes)'),
  })
  .strict();

const ADDRESS_OF: Record<(typeof NOTICE_CHANNELS)[number], { test: RegExp; zh: string; en: string }> = {
  EMAIL: { test: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, zh: '须为电子邮件地址', en: 'expected an e-mail address' },
  SMS: { test: /^\+?[0-9]{6,15}$/, zh: '须为6至15位手机号码', en: 'expected a mobile number of 6 to 15 digits' },
  DINGTALK: { test: /^[A-Za-z0-9_.-]{1,64}$/, zh: '须为机器人名称', en: 'expected a robot name' },
  WECOM: { test: /^[A-Za-z0-9_.-]{1,64}$/, zh: '须为机器人名称', en: 'expected a robot name' },
};

const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const preferencesBody = z
  .object({
    channels: z
      .array(z.enum(NOTICE_CHANNELS))
      .max(NOTICE_CHANNELS.length)
      .transform((c) => [...new Set(c)])
      .describe('The channels the caller keeps among those the policy allows (each once); empty: the policy’s default'),
    quietHours: z
      .object({
        from: z.string().regex(TIME, schemaMessage('须为时间 HH:MM', 'expected a time HH:MM')),
        to: z.string().regex(TIME, schemaMessage('须为时间 HH:MM', 'expected a time HH:MM')),
      })
      .strict()
      .nullable()
      .describe('Local time; nothing but urgent notices by SMS in between — the rest waits until `to`'),
  })
  .strict();

const preferencesSchema = preferencesBody.extend({
  contact: z
    .object({ email: z.string().nullable(), mobile: z.string().nullable() })
    .describe('Where notices reach the caller, from the organisation file (only the caller and the office see it)'),
});

/**
 * Notices beyond the inbox (issue 23): the office's list of deliveries (the dead-letter list with `state=DEAD`) with
 * retry and "fix address"; each person's own channel choice and quiet hours.
 */
export const deliveryRoutes = (deps: AppDeps) => [
  listRoute({
    kind: 'deliveries',
    summary: 'Notice deliveries by e-mail, SMS and robot, newest first (office); `state=DEAD`: the dead-letter list',
    query: deliveriesQuery,
    response: z.object({
      items: z.array(deliverySchema),
      total: z.number().int(),
      limit: z.number().int(),
      offset: z.number().int(),
    }),
    handler: async (query, caller) => {
      await authoriseFunction(deps, caller, 'delivery.read', { type: 'notice-delivery' });
      const page = { limit: query.limit, offset: query.offset };
      const filter = { state: query.state, objectId: query.objectId };
      return { ...(await listDeliveries(deps.db, caller.identity.orgId, filter, page)), ...page };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/deliveries/:id/retry',
    summary: 'Send a delivery again now (office), to a corrected address if given; a sent one is not sent twice',
    tag: 'deliveries',
    secured: true,
    params: deliveryParams,
    body: retryBody,
    response: z.object({ changed: z.boolean().describe('false: it was sent already'), delivery: deliverySchema }),
    errors: [403, 404, 422],
    handler: async ({ params, body, req }) => {
      const caller = callerOf(req);
      const ref = { type: 'notice-delivery', id: params.id };
      // Looked up first: another organisation's delivery answers as a missing one does, to every role (as a webhook).
      const existing = await findDelivery(deps.db, caller.identity.orgId, params.id);
      if (!existing) {
        await auditRefusal(deps, caller, 'delivery.update', ref, 'no such delivery');
        throw AppError.notFound(said('投递记录不存在', 'There is no such delivery'));
      }
      await authoriseFunction(deps, caller, 'delivery.update', ref);
      const rule = ADDRESS_OF[existing.channel];
      if (body.address !== undefined && !rule.test.test(body.address)) {
        await auditRefusal(deps, caller, 'delivery.update', ref, `address is not valid for ${existing.channel}`);
        throw new AppError('invalid-address', 422, said('地址格式不正确', 'The address does not fit the channel'), [
          { field: 'body.address', message: said(rule.zh, rule.en) },
        ]);
      }
      const done = await retryDelivery(deps.db, caller.identity.orgId, params.id, body, auditActorOf(caller));
      if (!done) throw AppError.notFound(said('投递记录不存在', 'There is no such delivery'));
      return done;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/me/notice-preferences',
    summary: 'The caller’s notice channels, quiet hours and contact addresses',
    tag: 'deliveries',
    secured: true,
    response: preferencesSchema,
    errors: [403],
    handler: async ({ req }) => {
      const caller = callerOf(req);
      await authoriseFunction(deps, caller, 'preferences.read', { type: 'person', id: caller.identity.personId });
      return findNoticePreferences(deps.db, caller.identity.personId);
    },
  }),
  defineRoute({
    method: 'put',
    path: '/me/notice-preferences',
    summary: 'Set the caller’s notice channels and quiet hours',
    tag: 'deliveries',
    secured: true,
    body: preferencesBody,
    response: preferencesSchema,
    errors: [403],
    handler: async ({ body, req }) => {
      const caller = callerOf(req);
      await authoriseFunction(deps, caller, 'preferences.update', { type: 'person', id: caller.identity.personId });
      await saveNoticePreferences(deps.db, caller.identity.personId, body, auditActorOf(caller));
      return findNoticePreferences(deps.db, caller.identity.personId);
    },
  }),
];
