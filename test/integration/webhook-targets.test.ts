import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import pino from 'pino';
import type { WebhookTargetOptions } from '../../activities/webhook-target';
import { createApp } from '../../api/app';
import { tokenResolver } from '../../api/identity';
import { loadOrganisationFile } from '../../db/queries/load-organisation';
import { issueToken } from '../../db/queries/tokens';
import { startWebhookDispatcher } from '../../worker/webhook-dispatcher';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { apiClient, eventually } from '../support/http';
import { noticeUnitHead } from '../support/meeting-notice';
import { localResolver, startReceiver } from '../support/webhook-receiver';

const OFFICE = 'p-huang-min';

/**
 * Issue 15 (SSRF): a unit webhook may not lead into the operator's own network. The office is refused such a URL
 * when it sets it, and a delivery is refused before it connects when the URL leads there by then (the allowed
 * ranges changed, or what the name resolves to). Only loopback addresses are ever connected to here.
 */
describe('where unit webhooks may point', () => {
  let db: TestDatabase;
  let receiver: ReturnType<typeof startReceiver>;
  let receiverUrl: string;
  const servers: Server[] = [];
  let n = 0;

  /** The API over real HTTP with these webhook targets (Temporal is not needed by the webhook routes). */
  async function officeOf(webhookTargets: WebhookTargetOptions) {
    const app = createApp({
      db: db.pool,
      temporal: {} as Client,
      taskQueue: 'webhook-targets-test',
      identity: tokenResolver(db.pool),
      log: pino({ level: 'silent' }),
      workerState: () => 'RUNNING',
      version: 'test',
      rateLimitPerMinute: 10_000,
      taskPolicies: new Map(),
      webhookTargets,
    });
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    const { token } = await issueToken(db.pool, OFFICE);
    return apiClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, token);
  }

  const stored = async (unitId: string) =>
    (await db.pool.query('SELECT url FROM webhook_endpoints WHERE unit_id = $1', [unitId])).rows;

  /** One notice to the unit's head: one outbox event for the unit's webhook. */
  async function eventFor(unitId: string): Promise<string> {
    return (await noticeUnitHead(db.pool, unitId, `meeting:m-targets-${++n}`))[0]!;
  }

  /** Runs a dispatcher with `webhookTargets` until the event is delivered or given up, and answers its row. */
  async function dispatch(eventId: string, webhookTargets: WebhookTargetOptions) {
    const dispatcher = startWebhookDispatcher({ db: db.pool, pollMs: 20, webhookTargets });
    try {
      return await eventually(async () => {
        const { rows } = await db.pool.query(
          'SELECT attempts, last_error, delivered_at, gave_up_at FROM webhook_events WHERE id = $1',
          [eventId],
        );
        return rows[0]?.delivered_at || rows[0]?.gave_up_at ? rows[0] : undefined;
      });
    } finally {
      await dispatcher.stop();
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadOrganisationFile(db.pool, path.join(__dirname, '../../examples/organisation.yaml'));
    receiver = startReceiver();
    receiverUrl = await receiver.url;
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    await receiver?.close();
    await db?.drop();
  });

  describe('when the office sets a webhook, with no range allowed (the default)', () => {
    // The real resolver: `localhost` is answered from /etc/hosts, no other name is asked.
    let office: Awaited<ReturnType<typeof officeOf>>;
    beforeAll(async () => {
      office = await officeOf({});
    });

    it.each([
      ['http://127.0.0.1:8080/hook', 'a loopback address'],
      ['http://localhost:8080/hook', 'the host name localhost resolves to 127.0.0.1, which is a loopback address'],
      ['http://10.0.0.8/hook', 'a private address'],
      ['https://192.168.1.20/hook', 'a private address'],
      ['http://169.254.169.254/latest/meta-data/', 'the cloud metadata address'],
      ['http://100.64.0.1/hook', 'a carrier-grade NAT address'],
      ['http://0.0.0.0:8080/hook', 'an unspecified address'],
    ])('refuses %s with 422 naming body.url, audited, nothing stored', async (url, why) => {
      const res = await office('PUT', '/v1/units/town-dongguan/webhook', { url });
      const english = await office('PUT', '/v1/units/town-dongguan/webhook', { url }, { 'accept-language': 'en' });

      expect(res.status).toBe(422);
      expect(res.type).toContain('application/problem+json');
      expect(res.body.detail).toBe('该 Webhook 地址指向内网或特殊地址，不能用作推送目标');
      expect(res.body.errors).toEqual([
        { field: 'body.url', message: expect.stringContaining('Webhook 不能推送到该地址') },
      ]);
      expect(english.body.errors).toEqual([{ field: 'body.url', message: expect.stringContaining(why) }]);
      expect(await stored('town-dongguan')).toEqual([]);
      const audit = await db.pool.query(
        "SELECT outcome, reason FROM audit_log WHERE action = 'webhook.update' AND object_id = 'town-dongguan' ORDER BY id DESC LIMIT 1",
      );
      expect(audit.rows).toEqual([{ outcome: 'REFUSED', reason: expect.stringContaining(why) }]);
    });

    // Not the shape the API takes (http(s), a host name or dotted IPv4, no credentials): 400, as any bad field.
    it.each([
      'http://[::1]:8080/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://2130706433/hook',
      'http://0x7f.0.0.1/hook',
      'ftp://127.0.0.1/hook',
      'gopher://localhost:6379/_FLUSHALL',
      'http://user:pass@hooks.example.org/hook',
      'file:///etc/passwd',
    ])('refuses %s with 400 naming body.url, nothing stored', async (url) => {
      const res = await office('PUT', '/v1/units/town-xicheng/webhook', { url });

      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'body.url', message: expect.any(String) }]);
      expect(await stored('town-xicheng')).toEqual([]);
    });

    it('takes a name it cannot resolve yet: each delivery resolves and checks it again', async () => {
      const office2 = await officeOf({ resolve: localResolver() });

      const res = await office2('PUT', '/v1/units/town-nanhu/webhook', { url: 'https://oa.nanhu.example/heli' });

      expect(res.status).toBe(200);
      expect(await stored('town-nanhu')).toEqual([{ url: 'https://oa.nanhu.example/heli' }]);
    });
  });

  describe('when the operator allows a range', () => {
    it('takes an address in it, and still refuses one outside it', async () => {
      const office = await officeOf({ allowedRanges: ['127.0.0.0/8'], resolve: localResolver() });

      const inside = await office('PUT', '/v1/units/town-beishan/webhook', { url: 'http://localhost:8080/hook' });
      const outside = await office('PUT', '/v1/units/town-xicheng/webhook', { url: 'http://10.0.0.8/hook' });

      expect(inside.status).toBe(200);
      expect(await stored('town-beishan')).toEqual([{ url: 'http://localhost:8080/hook' }]);
      expect(outside.status).toBe(422);
      expect(await stored('town-xicheng')).toEqual([]);
    });
  });

  describe('when a webhook is called', () => {
    it('refuses, before connecting, a URL set while its range was allowed once the range no longer is', async () => {
      const office = await officeOf({ allowedRanges: ['127.0.0.0/8'] });
      expect((await office('PUT', '/v1/units/town-dongguan/webhook', { url: receiverUrl })).status).toBe(200);
      const before = { requests: receiver.received.length, connections: receiver.connections() };

      // The operator removes the range and restarts: the worker now allows no private range.
      const row = await dispatch(await eventFor('town-dongguan'), {});

      expect(row).toEqual({
        attempts: 1,
        last_error: expect.stringMatching(/refused before connecting: 127\.0\.0\.1 is a loopback address/),
        delivered_at: null,
        gave_up_at: expect.any(Date),
      });
      expect({ requests: receiver.received.length, connections: receiver.connections() }).toEqual(before);
    });

    it('refuses, before connecting, a name that now resolves to a refused address', async () => {
      const port = new URL(receiverUrl).port;
      const resolve = localResolver({ 'oa.dongguan.test': ['127.0.0.1'] });
      const targets = { allowedRanges: ['127.0.0.1/32'], resolve };
      const office = await officeOf(targets);
      const url = `http://oa.dongguan.test:${port}/hook`;
      expect((await office('PUT', '/v1/units/town-dongguan/webhook', { url })).status).toBe(200);

      const delivered = await dispatch(await eventFor('town-dongguan'), targets);
      resolve.names['oa.dongguan.test'] = ['127.0.0.2']; // loopback still, but outside the allowed range
      const before = { requests: receiver.received.length, connections: receiver.connections() };
      const refused = await dispatch(await eventFor('town-dongguan'), targets);

      expect(delivered).toMatchObject({ attempts: 1, delivered_at: expect.any(Date), last_error: null });
      expect(refused).toEqual({
        attempts: 1,
        last_error: expect.stringContaining(
          'refused before connecting: the host name oa.dongguan.test resolves to 127.0.0.2, which is a loopback address',
        ),
        delivered_at: null,
        gave_up_at: expect.any(Date),
      });
      expect({ requests: receiver.received.length, connections: receiver.connections() }).toEqual(before);
    });

    it('connects to the address it checked, not to what the name resolves to a moment later (DNS rebinding)', async () => {
      const port = new URL(receiverUrl).port;
      const asked: string[] = [];
      const checked = localResolver({ 'rebind.dongguan.test': ['127.0.0.1'] });
      // The first answer passes the check; every later one is an address outside the allowed range.
      const rebinding = async (host: string) => {
        asked.push(host);
        const answer = await checked(host);
        checked.names['rebind.dongguan.test'] = ['127.0.0.2'];
        return answer;
      };
      const targets = { allowedRanges: ['127.0.0.1/32'], resolve: rebinding };
      await db.pool.query('UPDATE webhook_endpoints SET url = $2 WHERE unit_id = $1', [
        'town-dongguan',
        `http://rebind.dongguan.test:${port}/hook`,
      ]);
      const before = receiver.received.length;

      const row = await dispatch(await eventFor('town-dongguan'), targets);

      expect(row).toMatchObject({ attempts: 1, delivered_at: expect.any(Date) });
      expect(asked).toEqual(['rebind.dongguan.test']);
      expect(receiver.received.length).toBe(before + 1);
      expect(receiver.received.at(-1)!.headers.host).toBe(`rebind.dongguan.test:${port}`);
    });

    it('does not follow a redirect: the attempt fails and is tried again later', async () => {
      const office = await officeOf({ allowedRanges: ['127.0.0.0/8'] });
      await office('PUT', '/v1/units/town-dongguan/webhook', { url: receiverUrl });
      receiver.answer(302);
      const dispatcher = startWebhookDispatcher({
        db: db.pool,
        pollMs: 20,
        backoff: () => 3_600,
        webhookTargets: { allowedRanges: ['127.0.0.0/8'] },
      });
      const before = receiver.received.length;
      const eventId = await eventFor('town-dongguan');
      try {
        const row = await eventually(async () => {
          const { rows } = await db.pool.query(
            'SELECT attempts, last_error, gave_up_at FROM webhook_events WHERE id = $1',
            [eventId],
          );
          return rows[0]?.attempts === 1 ? rows[0] : undefined;
        });

        expect(row).toEqual({ attempts: 1, last_error: expect.stringContaining('answered 302'), gave_up_at: null });
        expect(receiver.received.length).toBe(before + 1);
      } finally {
        await dispatcher.stop();
        receiver.answer(200);
      }
    });
  });
});
