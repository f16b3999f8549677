import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../transaction';
import { deputiesToday } from './absences';
import { appendAudit, type AuditEntry } from './audit';
import { nameRefs } from './named-refs';
import { writeDeliveries } from './notice-deliveries';

/** Who to notify, by kind of recipient (all ids; resolved to active people of the batch's organisation). */
export interface RecipientSets {
  personIds: string[];
  /** Units whose head (units.head_id) is notified. */
  headOfUnitIds: string[];
  /** Units whose every active person is notified. */
  memberOfUnitIds: string[];
  /** Units whose responsible leader (units.leader_id) is notified. */
  leaderOfUnitIds: string[];
  /** Organisations whose OFFICE-role people are notified. */
  officeOrgIds: string[];
  /** Organisations whose GROUP-role people are notified. */
  groupOrgIds: string[];
}

/** One notification step of a workflow: its text, who gets it in their inbox, which units' webhooks get it. */
export interface NotificationBatch {
  orgId: string;
  workflowId: string;
  step: string;
  taskId?: string;
  kind: string;
  title: string;
  body: string;
  recipients: RecipientSets;
  webhookUnitIds: string[];
  /**
   * Who delivers the webhook events: the outbox dispatcher (the default), or the workflow's own activity, for tasks
   * still on the code from before the procedure kernel.
   */
  dispatch?: 'OUTBOX' | 'WORKFLOW';
}

export interface InboxItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  taskId: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export interface WebhookEndpoint {
  unitId: string;
  url: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Who did an API mutation, as the audit log records it. */
export type AuditActor = Pick<AuditEntry, 'orgId' | 'actorId' | 'actorRoles' | 'tokenId' | 'requestId' | 'onBehalfOf'>;

const stepKey = (prefix: string, workflowId: string, step: string, recipient: string) =>
  prefix + createHash('sha256').update(`${workflowId}\n${step}\n${recipient}`).digest('hex').slice(0, 24);

/** The id of a person's notification of a workflow step: the same on every retry of the activity. */
export const notificationId = (workflowId: string, step: string, personId: string) =>
  stepKey('n_', workflowId, step, personId);

/** The id of a unit's webhook event of a workflow step: the same on every retry of the activity. */
export const webhookEventId = (workflowId: string, step: string, unitId: string) =>
  stepKey('we_', workflowId, step, unitId);

/**
 * Resolves the recipients and writes their notifications and the webhook events of the units that have an
 * endpoint, in one transaction, once per (workflow id, step). Returns every person and event of that step,
 * whether written now or by an earlier attempt, so a retry answers the same.
 */
export async function recordNotifications(
  pool: Pool,
  b: NotificationBatch,
): Promise<{ notified: string[]; webhookEventIds: string[] }> {
  return inTransaction(pool, (client) => writeNotifications(client, b));
}

/** `recordNotifications` inside the caller's transaction. */
export async function writeNotifications(
  client: PoolClient,
  b: NotificationBatch,
): Promise<{ notified: string[]; webhookEventIds: string[] }> {
  const r = b.recipients;
  const people = await client.query<{ id: string }>({
    text: `SELECT p.id FROM people p
           WHERE p.org_id = $1 AND p.active AND (
             p.id = ANY ($2::text[])
             OR p.id IN (SELECT u.head_id FROM units u WHERE u.id = ANY ($3::text[]) AND u.org_id = $1)
             OR p.unit_id = ANY ($4::text[])
             OR p.id IN (SELECT u.leader_id FROM units u WHERE u.id = ANY ($5::text[]) AND u.org_id = $1)
             OR (p.org_id = ANY ($6::text[]) AND 'OFFICE' = ANY (p.roles))
             OR (p.org_id = ANY ($7::text[]) AND 'GROUP' = ANY (p.roles)))
           ORDER BY p.id`,
    values: [
      b.orgId,
      r.personIds,
      r.headOfUnitIds,
      r.memberOfUnitIds,
      r.leaderOfUnitIds,
      r.officeOrgIds,
      r.groupOrgIds,
    ],
  });
  const personIds = people.rows.map((p) => p.id);
  const [title, body] = await nameRefs(client, b.orgId, b.title, b.body);
  // A person away today (请假) keeps the notice in their inbox; their deputy gets it too, marked as for them, and
  // it reaches the deputy rather than the person by e-mail, SMS and robots.
  const deputies = (await deputiesToday(client, b.orgId, personIds)).filter((d) => !personIds.includes(d.deputyId));
  const rows = [
    ...personIds.map((personId) => ({ personId, title, forId: null as string | null })),
    ...deputies.map((d) => ({ personId: d.deputyId, title: `【代${d.personName}接收】${title}`, forId: d.personId })),
  ];
  await client.query({
    text: `INSERT INTO notifications (id, org_id, person_id, kind, title, body, task_id, workflow_id, step, on_behalf_of)
           SELECT n.id, $5, n.person_id, $6, n.title, $7, $8, $9, $10, n.for_id
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS n (id, person_id, title, for_id)
           ON CONFLICT (id) DO NOTHING`,
    values: [
      rows.map((r) => notificationId(b.workflowId, b.step, r.personId)),
      rows.map((r) => r.personId),
      rows.map((r) => r.title),
      rows.map((r) => r.forId),
      b.orgId,
      b.kind,
      body,
      b.taskId ?? null,
      b.workflowId,
      b.step,
    ],
  });
  const away = new Set(deputies.map((d) => d.personId));
  const reached = [...new Set([...personIds.filter((p) => !away.has(p)), ...deputies.map((d) => d.deputyId)])];
  // Beyond the inbox: e-mail, SMS, group robots, as the routing policy and each person's choice say.
  await writeDeliveries(client, {
    orgId: b.orgId,
    kind: b.kind,
    notifications: reached.map((personId) => ({ id: notificationId(b.workflowId, b.step, personId), personId })),
  });
  const endpoints = await client.query<{ unitId: string }>({
    text: `SELECT w.unit_id AS "unitId" FROM webhook_endpoints w JOIN units u ON u.id = w.unit_id
           WHERE w.unit_id = ANY ($1::text[]) AND u.org_id = $2 ORDER BY w.unit_id`,
    values: [b.webhookUnitIds, b.orgId],
  });
  const unitIds = endpoints.rows.map((e) => e.unitId);
  await client.query({
    text: `INSERT INTO webhook_events (id, unit_id, kind, payload, workflow_id, step, dispatch)
           SELECT e.id, e.unit_id, $3, $4, $5, $6, $7 FROM unnest($1::text[], $2::text[]) AS e (id, unit_id)
           ON CONFLICT (id) DO NOTHING`,
    values: [
      unitIds.map((u) => webhookEventId(b.workflowId, b.step, u)),
      unitIds,
      b.kind,
      JSON.stringify({ taskId: b.taskId ?? null, title, body }),
      b.workflowId,
      b.step,
      b.dispatch ?? 'OUTBOX',
    ],
  });
  const notified = await client.query<{ personId: string }>({
    text: `SELECT person_id AS "personId" FROM notifications WHERE workflow_id = $1 AND step = $2 ORDER BY person_id`,
    values: [b.workflowId, b.step],
  });
  const events = await client.query<{ id: string }>({
    text: 'SELECT id FROM webhook_events WHERE workflow_id = $1 AND step = $2 ORDER BY unit_id',
    values: [b.workflowId, b.step],
  });
  return { notified: notified.rows.map((n) => n.personId), webhookEventIds: events.rows.map((e) => e.id) };
}

const INBOX_COLUMNS = `id, kind, title, body, task_id AS "taskId", created_at AS "createdAt", read_at AS "readAt"`;

/** A page of a person's notifications, newest first, with the filter's total and the unread count. */
export async function listInbox(
  pool: Pool,
  personId: string,
  filter: { unread?: boolean },
  page: { limit: number; offset: number },
): Promise<{ items: InboxItem[]; total: number; unread: number }> {
  const unread = filter.unread ?? null;
  const { rows } = await pool.query<InboxItem>({
    text: `SELECT ${INBOX_COLUMNS} FROM notifications
           WHERE person_id = $1 AND ($2::boolean IS NULL OR (read_at IS NULL) = $2)
           ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`,
    values: [personId, unread, page.limit, page.offset],
  });
  const counts = await pool.query<{ total: number; unread: number }>({
    text: `SELECT count(*) FILTER (WHERE $2::boolean IS NULL OR (read_at IS NULL) = $2)::int AS total,
             count(*) FILTER (WHERE read_at IS NULL)::int AS unread
           FROM notifications WHERE person_id = $1`,
    values: [personId, unread],
  });
  return { items: rows, total: counts.rows[0]?.total ?? 0, unread: counts.rows[0]?.unread ?? 0 };
}

/** Marks one of a person's notifications read (keeping the first time), with its audit row; undefined if not theirs. */
export async function markNotificationRead(
  pool: Pool,
  personId: string,
  id: string,
  actor: AuditActor,
): Promise<InboxItem | undefined> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<InboxItem>({
      text: `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND person_id = $2
             RETURNING ${INBOX_COLUMNS}`,
      values: [id, personId],
    });
    const item = rows[0];
    if (item) {
      await appendAudit(client, {
        ...actor,
        action: 'inbox.update',
        objectType: 'notification',
        objectId: id,
        payload: { read: true },
        outcome: 'DONE',
      });
    }
    return item;
  });
}

/** Marks every unread notification of a person read, with one audit row; returns how many. */
export async function markAllNotificationsRead(pool: Pool, personId: string, actor: AuditActor): Promise<number> {
  return inTransaction(pool, async (client) => {
    const { rowCount } = await client.query({
      text: 'UPDATE notifications SET read_at = now() WHERE person_id = $1 AND read_at IS NULL',
      values: [personId],
    });
    const count = rowCount ?? 0;
    await appendAudit(client, {
      ...actor,
      action: 'inbox.update',
      objectType: 'inbox',
      objectId: personId,
      payload: { readAll: true, count },
      outcome: 'DONE',
    });
    return count;
  });
}

/** A unit's webhook endpoint, without its secret. */
export async function findWebhookEndpoint(pool: Pool, unitId: string): Promise<WebhookEndpoint | undefined> {
  const { rows } = await pool.query<WebhookEndpoint>({
    text: `SELECT unit_id AS "unitId", url, created_at AS "createdAt", updated_at AS "updatedAt"
           FROM webhook_endpoints WHERE unit_id = $1`,
    values: [unitId],
  });
  return rows[0];
}

/** Sets a unit's endpoint and secret (replacing both), with an audit row that names the URL, never the secret. */
export async function saveWebhookEndpoint(
  pool: Pool,
  e: { unitId: string; url: string; secret: string },
  actor: AuditActor,
): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query({
      text: `INSERT INTO webhook_endpoints (unit_id, url, secret, created_by) VALUES ($1, $2, $3, $4)
             ON CONFLICT (unit_id) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret, updated_at = now()`,
      values: [e.unitId, e.url, e.secret, actor.actorId ?? null],
    });
    await appendAudit(client, {
      ...actor,
      action: 'webhook.update',
      objectType: 'webhook',
      objectId: e.unitId,
      payload: { url: e.url, secretRotated: true },
      outcome: 'DONE',
    });
  });
}

/** Removes a unit's endpoint, with an audit row; returns whether there was one. */
export async function deleteWebhookEndpoint(pool: Pool, unitId: string, actor: AuditActor): Promise<boolean> {
  return inTransaction(pool, async (client) => {
    const { rowCount } = await client.query({
      text: 'DELETE FROM webhook_endpoints WHERE unit_id = $1',
      values: [unitId],
    });
    const deleted = (rowCount ?? 0) > 0;
    await appendAudit(client, {
      ...actor,
      action: 'webhook.update',
      objectType: 'webhook',
      objectId: unitId,
      payload: { deleted },
      outcome: 'DONE',
    });
    return deleted;
  });
}
