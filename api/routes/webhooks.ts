import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { deleteWebhookEndpoint, findWebhookEndpoint, saveWebhookEndpoint } from '../../db/queries/notifications';
import { findUnit } from '../../db/queries/organisation-read';
import { auditRefusal, authorise, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { createTargetCheck } from '../../activities/webhook-target';
import { AppError, said, type Said } from '../errors';
import { callerOf } from '../identity';
import { defineRoute } from '../route';
import { id, timestamp } from '../schemas';
import { auditActorOf } from '../authorise';

const unitParams = z.object({ id: id.describe('Unit id') }).strict();

// Host name labels; `xn--` (punycode) labels are left out because not every one of them is a valid name.
const LABEL = '(?![Xx][Nn]--)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOST = `(?:${LABEL}\\.)*(?![Xx][Nn]--)[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?`;
const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const PORT = '(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[0-9]{1,4})';
/**
 * An http(s) URL with an ASCII host name (the last label starting with a letter) or an IPv4 address, an
 * optional port, path and query, and no user name or password (it would end up in the audit log). Spelled
 * out as a pattern so that the OpenAPI document says exactly what is accepted: every string it matches is a
 * URL that fetch takes.
 */
const URL_PATTERN = new RegExp(
  `^https?://(?:${HOST}|(?:${OCTET}\\.){3}${OCTET})(?::${PORT})?(?:[/?][A-Za-z0-9._~!$&'()*+,;=:@%/?-]*)?$`,
);

const webhookUrl = z
  .string()
  .max(2_000)
  .regex(URL_PATTERN, 'expected an http or https URL with a host name or IPv4 address, without credentials')
  .refine((u) => URL.canParse(u), 'expected a URL');

const webhookBody = z.object({ url: webhookUrl.describe('Where Heli POSTs the unit’s events') }).strict();

const webhookSchema = z.object({ unitId: z.string(), url: z.string(), createdAt: timestamp, updatedAt: timestamp });

type WebhookAction = 'webhook.read' | 'webhook.update';

/** The unit, if it exists in the caller's organisation and the caller may configure its webhook (office only). */
async function configurableUnit(deps: AppDeps, caller: Caller, action: WebhookAction, unitId: string) {
  const ref = { type: 'webhook', id: unitId };
  // Looked up first: another organisation's unit answers as a missing one does, to every role (api/policy.ts).
  const unit = await findUnit(deps.db, unitId);
  if (!unit) {
    await auditRefusal(deps, caller, action, ref, 'no such unit');
    throw AppError.notFound('单位不存在');
  }
  await authorise(deps, caller, action, { type: 'organisation', orgId: unit.orgId }, ref, '单位不存在');
  return unit;
}

/** 422 naming `body.url`: the URL is well formed but leads where Heli does not send (issue 15, SSRF). */
const refusedTarget = (reason: Said) =>
  new AppError(
    'webhook-target-refused',
    422,
    said(
      '该 Webhook 地址指向内网或特殊地址，不能用作推送目标',
      'the webhook URL leads to an address Heli does not send to',
    ),
    [{ field: 'body.url', message: reason }],
  );

/**
 * Each unit's outbound webhook: its notifications, signed, POSTed to a URL the office configures. The URL is
 * checked here (every address its host has now) and again before every delivery (activities/webhook-sender.ts).
 */
export const webhookRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'put',
    path: '/units/:id/webhook',
    summary: 'Set the unit’s webhook URL (office); answers a new signing secret, shown this once',
    tag: 'webhooks',
    secured: true,
    params: unitParams,
    body: webhookBody,
    response: z.object({
      unitId: z.string(),
      url: z.string(),
      secret: z.string().describe('HMAC-SHA256 key of the x-heli-signature header; never shown again'),
    }),
    errors: [403, 404, 422],
    handler: async ({ params, body, req }) => {
      const caller = callerOf(req);
      const unit = await configurableUnit(deps, caller, 'webhook.update', params.id);
      // A name that does not resolve (yet) is taken: each delivery resolves it again and checks what it finds.
      const target = await createTargetCheck(deps.webhookTargets).check(body.url);
      if (target.kind === 'REFUSED') {
        await auditRefusal(deps, caller, 'webhook.update', { type: 'webhook', id: unit.id }, target.reason.en);
        throw refusedTarget(target.reason);
      }
      const secret = randomBytes(32).toString('base64url');
      await saveWebhookEndpoint(deps.db, { unitId: unit.id, url: body.url, secret }, auditActorOf(caller));
      return { unitId: unit.id, url: body.url, secret };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/units/:id/webhook',
    summary: 'The unit’s webhook URL, without its secret (office); 404 when none is set',
    tag: 'webhooks',
    secured: true,
    params: unitParams,
    response: webhookSchema,
    errors: [403, 404],
    handler: async ({ params, req }) => {
      const unit = await configurableUnit(deps, callerOf(req), 'webhook.read', params.id);
      const endpoint = await findWebhookEndpoint(deps.db, unit.id);
      if (!endpoint) throw AppError.notFound('该单位未设置 Webhook');
      return endpoint;
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/units/:id/webhook',
    summary: 'Remove the unit’s webhook (office); undelivered events of the unit are then dropped',
    tag: 'webhooks',
    secured: true,
    params: unitParams,
    response: z.object({ deleted: z.boolean().describe('false when the unit had no webhook') }),
    errors: [403, 404],
    handler: async ({ params, req }) => {
      const caller = callerOf(req);
      const unit = await configurableUnit(deps, caller, 'webhook.update', params.id);
      return { deleted: await deleteWebhookEndpoint(deps.db, unit.id, auditActorOf(caller)) };
    },
  }),
];
