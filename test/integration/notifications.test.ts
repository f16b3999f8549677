import { createHmac } from 'node:crypto';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import { createNotificationActivities, type NotificationRequest, type Recipient } from '../../activities/notifications';
import { loadOrganisationFile } from '../../db/queries/load-organisation';
import { deleteWebhookEndpoint, saveWebhookEndpoint } from '../../db/queries/notifications';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { loopbackTargets, startReceiver } from '../support/webhook-receiver';

const examplePath = path.join(__dirname, '../../examples/organisation.yaml');
const SECRET = 'test-secret-of-town-dongguan';
const OFFICE_ACTOR = { orgId: 'district', actorId: 'p-huang-min', actorRoles: ['OFFICE'] };

describe('the notification activities', () => {
  let db: TestDatabase;
  let receiver: ReturnType<typeof startReceiver>;
  let acts: ReturnType<typeof createNotificationActivities>;
  let n = 0;

  const request = (recipients: Recipient[], extra: Partial<NotificationRequest> = {}): NotificationRequest => ({
    workflowId: `task:t-notify-${++n}`,
    step: '1-overdue',
    orgId: 'district',
    taskId: `t-notify-${n}`,
    kind: 'OVERDUE_L1',
    title: '【逾期催办】开展节日期间作风建设专项检查',
    body: '已逾期，现予催办。',
    recipients,
    ...extra,
  });
  const eventRow = async (id: string) =>
    (await db.pool.query('SELECT attempts, last_error, delivered_at FROM webhook_events WHERE id = $1', [id])).rows[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadOrganisationFile(db.pool, examplePath);
    receiver = startReceiver();
    await saveWebhookEndpoint(
      db.pool,
      { unitId: 'town-dongguan', url: await receiver.url, secret: SECRET },
      OFFICE_ACTOR,
    );
    acts = createNotificationActivities({ db: db.pool, webhookTargets: loopbackTargets() });
  });

  afterAll(async () => {
    await receiver?.close();
    await db?.drop();
  });

  beforeEach(() => {
    receiver.received.length = 0;
    receiver.answer(200);
  });

  describe('recipients', () => {
    it('resolves the head of a unit to that one person', async () => {
      const { notified } = await acts.notify(request([{ kind: 'UNIT_HEAD', unitId: 'town-dongguan' }]));

      expect(notified).toEqual(['p-xie-hua']);
    });

    it('resolves OFFICE and GROUP to the active people holding that role', async () => {
      const office = await acts.notify(request([{ kind: 'OFFICE', orgId: 'district' }]));
      const group = await acts.notify(request([{ kind: 'GROUP', orgId: 'district' }]));

      expect(office.notified).toEqual(['p-huang-min', 'p-yang-fan', 'p-zhang-wei']);
      expect(group.notified).toEqual([
        'p-chen-lixin',
        'p-li-jianguo',
        'p-wang-hongmei',
        'p-wu-haitao',
        'p-zhao-zhiqiang',
        'p-zheng-yu',
      ]);
    });

    it('resolves a whole unit and its responsible leader, each person once', async () => {
      const { notified } = await acts.notify(
        request([
          { kind: 'UNIT', unitId: 'town-dongguan' },
          { kind: 'UNIT_HEAD', unitId: 'town-dongguan' },
          { kind: 'UNIT_LEADER', unitId: 'town-dongguan' },
          { kind: 'PERSON', personId: 'p-xie-hua' },
        ]),
      );

      expect(notified).toEqual(['p-wang-hongmei', 'p-xie-hua', 'p-yu-hong']);
    });

    it('ignores people of another organisation and unknown ids', async () => {
      const { notified } = await acts.notify(
        request([
          { kind: 'OFFICE', orgId: 'elsewhere' },
          { kind: 'PERSON', personId: 'p-nobody' },
        ]),
      );

      expect(notified).toEqual([]);
    });
  });

  describe('notify', () => {
    it('writes one notification per person and one webhook event per unit, however often it is retried', async () => {
      const req = request([
        { kind: 'UNIT', unitId: 'town-dongguan' },
        { kind: 'UNIT_HEAD', unitId: 'town-xicheng' },
      ]);

      const first = await acts.notify(req);
      const retry = await acts.notify(req);

      expect(retry).toEqual(first);
      expect(first.webhookEventIds).toHaveLength(1); // town-xicheng has no webhook
      const rows = await db.pool.query(
        'SELECT person_id, count(*)::int AS n FROM notifications WHERE workflow_id = $1 GROUP BY person_id ORDER BY 1',
        [req.workflowId],
      );
      expect(rows.rows).toEqual([
        { person_id: 'p-han-bing', n: 1 },
        { person_id: 'p-xie-hua', n: 1 },
        { person_id: 'p-yu-hong', n: 1 },
      ]);
      const events = await db.pool.query('SELECT unit_id FROM webhook_events WHERE workflow_id = $1', [req.workflowId]);
      expect(events.rows).toEqual([{ unit_id: 'town-dongguan' }]);
    });

    it('sends webhook events only to the units it is told to', async () => {
      const toOffice = await acts.notify(request([{ kind: 'OFFICE', orgId: 'district' }]));
      const explicit = await acts.notify(
        request([{ kind: 'OFFICE', orgId: 'district' }], { webhookUnitIds: ['town-dongguan'] }),
      );

      expect(toOffice.webhookEventIds).toEqual([]);
      expect(explicit.webhookEventIds).toHaveLength(1);
    });
  });

  describe('deliverWebhook', () => {
    const newEvent = async () => {
      const { webhookEventIds } = await acts.notify(request([{ kind: 'UNIT_HEAD', unitId: 'town-dongguan' }]));
      return webhookEventIds[0]!;
    };

    it('posts the event signed with the unit’s secret, once', async () => {
      const eventId = await newEvent();

      const first = await acts.deliverWebhook({ eventId });
      const again = await acts.deliverWebhook({ eventId });

      expect([first, again]).toEqual(['DELIVERED', 'ALREADY_DELIVERED']);
      expect(receiver.received).toHaveLength(1);
      const { headers, body } = receiver.received[0]!;
      const expected = createHmac('sha256', SECRET)
        .update(`${String(headers['x-heli-timestamp'])}.${body}`)
        .digest('hex');
      expect(headers['x-heli-signature']).toBe(`sha256=${expected}`);
      expect(headers['x-heli-event-id']).toBe(eventId);
      expect(headers['content-type']).toBe('application/json');
      expect(Math.abs(Number(headers['x-heli-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
      expect(JSON.parse(body)).toEqual({
        id: eventId,
        kind: 'OVERDUE_L1',
        unitId: 'town-dongguan',
        taskId: expect.stringMatching(/^t-notify-/),
        title: '【逾期催办】开展节日期间作风建设专项检查',
        body: '已逾期，现予催办。',
        createdAt: expect.any(String),
      });
      expect(await eventRow(eventId)).toEqual(
        expect.objectContaining({ attempts: 1, last_error: null, delivered_at: expect.any(Date) }),
      );
    });

    it('throws on a server error so Temporal retries, counting the attempt', async () => {
      const eventId = await newEvent();
      receiver.answer(500);

      await expect(acts.deliverWebhook({ eventId })).rejects.toThrow(/answered 500/);
      receiver.answer(200);
      const retried = await acts.deliverWebhook({ eventId });

      expect(retried).toBe('DELIVERED');
      expect(await eventRow(eventId)).toEqual(expect.objectContaining({ attempts: 2, delivered_at: expect.any(Date) }));
    });

    it('records a failed attempt with its error', async () => {
      const eventId = await newEvent();
      receiver.answer(503);

      const error = await acts.deliverWebhook({ eventId }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(ApplicationFailure);
      expect(await eventRow(eventId)).toEqual(
        expect.objectContaining({ attempts: 1, last_error: expect.stringContaining('503'), delivered_at: null }),
      );
    });

    it('gives up at once when the receiver rejects the event (4xx)', async () => {
      const eventId = await newEvent();
      receiver.answer(400);

      const error = await acts.deliverWebhook({ eventId }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ApplicationFailure);
      expect(error).toMatchObject({ type: 'WebhookRejected', nonRetryable: true });
      expect(await eventRow(eventId)).toEqual(
        expect.objectContaining({ attempts: 1, last_error: expect.stringContaining('400') }),
      );
    });

    it('retries a 429, which asks to come back later', async () => {
      const eventId = await newEvent();
      receiver.answer(429);

      const error = await acts.deliverWebhook({ eventId }).catch((e: unknown) => e);

      expect(error).not.toBeInstanceOf(ApplicationFailure);
    });

    it('throws a retryable error when the receiver cannot be reached', async () => {
      const eventId = await newEvent();
      const unreachable = createNotificationActivities({
        db: db.pool,
        webhookTargets: loopbackTargets(),
        fetch: () => Promise.reject(new TypeError('fetch failed')),
      });

      await expect(unreachable.deliverWebhook({ eventId })).rejects.toThrow(/fetch failed/);
      expect(await eventRow(eventId)).toEqual(expect.objectContaining({ attempts: 1 }));
    });

    it('answers NO_ENDPOINT when the unit’s webhook was removed meanwhile', async () => {
      const eventId = await newEvent();
      await deleteWebhookEndpoint(db.pool, 'town-dongguan', OFFICE_ACTOR);

      const result = await acts.deliverWebhook({ eventId });

      expect(result).toBe('NO_ENDPOINT');
      expect(receiver.received).toHaveLength(0);
      await saveWebhookEndpoint(
        db.pool,
        { unitId: 'town-dongguan', url: await receiver.url, secret: SECRET },
        OFFICE_ACTOR,
      );
    });
  });
});
