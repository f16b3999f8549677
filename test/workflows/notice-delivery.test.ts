import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Client } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { createActivities, type Activities } from '../../activities';
import { parseNoticeChannels, type NoticeChannel, type NoticeChannelsConfig } from '../../config/notice-channels';
import { fromProject } from '../../config/paths';
import { loadShippedCalendars, readWorkingCalendar } from '../../db/queries/calendar';
import { addWorkingHours } from '../../activities/channels/working-hours';
import { loadOrganisationFile } from '../../db/queries/load-organisation';
import { deliveryId, listDeliveries, retryDelivery, setNoticeRouting } from '../../db/queries/notice-deliveries';
import { deliveryWorkflowId, digestWorkflowId } from '../../procedures/notice/messages';
import { routingOf, startNoticeRelay } from '../../worker/notice-dispatcher';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { listen, noticeOnTask, receiver, SMS_KEY, smsGateway, smtpServer } from '../support/notice-receivers';
import { eventually } from '../support/http';
import { createTimeSkippingEnv } from '../support/temporal';

const ROBOT_SECRET = 'SEC-dingtalk-robot-secret';
const HOUR = 3_600_000;
/** Asia/Shanghai, the example organisation's time zone: UTC+8 all year. */
const localOf = (ms: number) => new Date(ms + 8 * HOUR).toISOString();

/**
 * Notices as durable work on the time-skipping server (issue 23, "done when"): each delivery is a workflow the relay
 * starts from the outbox; it waits out quiet hours and the digest hour on durable timers, retries with backoff, and
 * ends sent once or dead. The channels are real: an SMTP server, a DingTalk robot and an SMS gateway started here,
 * each checking what the platform checks (the robot's and the gateway's signatures).
 */
describe('notice delivery as durable work, on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  let plain: Client;
  let db: TestDatabase;
  let worker: Worker;
  let running: Promise<void>;
  let relay: ReturnType<typeof startNoticeRelay>;
  let config: NoticeChannelsConfig;
  let n = 0;

  const alwaysFail = new Set<string>();
  const { sms, server: gateway } = smsGateway(({ mobile }) => (alwaysFail.has(mobile) ? 503 : undefined));

  // The DingTalk robot: checks 加签 (timestamp + "\n" + secret, HMAC-SHA256, base64), fails a title's first `failFirst`.
  const robot = { attempts: new Map<string, number>(), accepted: [] as string[], failFirst: 0, badSignatures: 0 };
  const dingtalk = receiver((req, body) => {
    const url = new URL(req.url ?? '/', 'http://robot');
    const timestamp = url.searchParams.get('timestamp') ?? '';
    const sign = createHmac('sha256', ROBOT_SECRET).update(`${timestamp}\n${ROBOT_SECRET}`).digest('base64');
    if (url.searchParams.get('access_token') !== 'tok' || url.searchParams.get('sign') !== sign) {
      robot.badSignatures++;
      return [200, '{"errcode":310000,"errmsg":"sign not match"}'];
    }
    const m = JSON.parse(body) as { msgtype: string; markdown: { title: string } };
    const seen = (robot.attempts.get(m.markdown.title) ?? 0) + 1;
    robot.attempts.set(m.markdown.title, seen);
    if (seen <= robot.failFirst) return [503, 'busy'];
    robot.accepted.push(m.markdown.title);
    return [200, '{"errcode":0,"errmsg":"ok"}'];
  });

  const { mails, server: smtp } = smtpServer();

  /** The database refuses this many "sent" records next (a restart, a failover), as the channel has taken the message. */
  let refusals = 0;
  const refusingSentRecords = (a: Activities): Activities => ({
    ...a,
    async recordNoticeSent(p) {
      if (refusals > 0) {
        refusals -= 1;
        throw new Error('terminating connection due to administrator command');
      }
      return a.recordNoticeSent(p);
    },
  });

  /** One notice of `kind` to `personId`, written as a step writes it (inbox entry and deliveries in one transaction). */
  async function notify(personId: string, kind: string, title: string): Promise<string> {
    const taskId = `t-notice-${++n}`;
    await noticeOnTask(db.pool, {
      taskId,
      step: `${n}-${kind.toLowerCase()}`,
      kind,
      title,
      body: '请于工作时限内办结。',
      personIds: [personId],
    });
    const { rows } = await db.pool.query<{ id: string }>(
      'SELECT id FROM notifications WHERE workflow_id = $1 AND person_id = $2',
      [`task:${taskId}`, personId],
    );
    return rows[0]!.id;
  }

  /** The workflow of a delivery run, once the relay has started it. */
  async function started(notificationId: string, channel: NoticeChannel, run = 0) {
    const id = deliveryId(notificationId, channel);
    await eventually(async () => {
      const { rows } = await db.pool.query(
        'SELECT 1 FROM notice_deliveries WHERE id = $1 AND run = $2 AND started_at IS NOT NULL',
        [id, run],
      );
      return rows.length > 0 ? true : undefined;
    });
    return { id, handle: env.client.workflow.getHandle(deliveryWorkflowId(id, run)) };
  }

  const delivery = async (id: string) =>
    (
      await db.pool.query<{ state: string; attempts: number; last_error: string | null }>(
        'SELECT state, attempts, last_error FROM notice_deliveries WHERE id = $1',
        [id],
      )
    ).rows[0];

  /**
   * Skips the server's time to `ms` (nothing when it has passed). Time moves only here: results are read through a
   * plain client (`outcome`), since the testing client's `result()` lets the server skip to whatever timer is next.
   */
  async function skipTo(ms: number): Promise<void> {
    const now = await env.currentTimeMs();
    if (ms > now) await env.sleep(ms - now);
  }

  /** Skips to the next `hh:mm` in the organisation's time zone, and answers that instant. */
  async function skipToLocal(hhmm: string): Promise<number> {
    const now = await env.currentTimeMs();
    let target = Date.parse(`${localOf(now).slice(0, 10)}T${hhmm}:00.000+08:00`);
    if (target <= now) target += 24 * HOUR;
    await skipTo(target);
    return target;
  }

  /** A workflow's result, once it has one, without skipping time. */
  const outcome = (handle: { workflowId: string }) => plain.workflow.getHandle(handle.workflowId).result();

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    plain = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
    db = await createTestDatabase();
    await loadOrganisationFile(db.pool, fromProject('examples/organisation.yaml'));
    await loadShippedCalendars(db.pool);
    await db.pool.query(
      `UPDATE people SET email = id || '@example.gov.cn', mobile = '1380000' || lpad((row_number)::text, 4, '0')
       FROM (SELECT id AS pid, row_number() OVER (ORDER BY id) FROM people) r WHERE r.pid = people.id`,
    );
    await Promise.all([listen(gateway), listen(dingtalk), listen(smtp)]);
    const port = (s: { address(): unknown }) => (s.address() as AddressInfo).port;
    config = parseNoticeChannels(
      JSON.stringify({
        baseUrl: 'https://heli.example.gov.cn',
        email: { host: '127.0.0.1', port: port(smtp.server), from: '合力 <heli@example.gov.cn>' },
        sms: { url: `http://127.0.0.1:${port(gateway)}/send`, keyId: 'heli', key: SMS_KEY },
        dingtalk: [
          {
            name: 'office-robot',
            url: `http://127.0.0.1:${port(dingtalk)}/robot/send?access_token=tok`,
            secret: ROBOT_SECRET,
            unitIds: ['office'],
          },
        ],
        policy: {
          default: [],
          REMINDER: ['EMAIL'],
          ESCALATION_L1: ['EMAIL'],
          ESCALATION_L2: ['SMS'],
          COMMENT: ['SMS'],
          URGING: ['DINGTALK'],
        },
        unreadL1BySmsAfterWorkingHours: 4,
        digest: { kinds: ['COMMENT'], at: '08:30' },
      }),
    );
    setNoticeRouting(routingOf(() => config));
    const taskQueue = `notice-delivery-${randomBytes(4).toString('hex')}`;
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('../../workflows'),
      activities: refusingSentRecords(
        createActivities({ db: db.pool, notices: { config: () => config, temporal: env.client, taskQueue } }),
      ),
    });
    running = worker.run();
    relay = startNoticeRelay({ db: db.pool, temporal: env.client, taskQueue, pollMs: 50 });
  }, 180_000);

  afterAll(async () => {
    await relay?.stop();
    worker?.shutdown();
    await running;
    await env?.teardown();
    setNoticeRouting(undefined);
    await Promise.all([
      new Promise((resolve) => gateway.close(resolve)),
      new Promise((resolve) => dingtalk.close(resolve)),
      new Promise<void>((resolve) => smtp.close(() => resolve())),
    ]);
    await db?.drop();
  }, 60_000);

  it('in quiet hours a reminder waits for the morning, then goes once', async () => {
    await db.pool.query(
      `INSERT INTO notice_preferences (person_id, quiet_from, quiet_to) VALUES ('p-zhang-wei', '22:00', '07:30')`,
    );
    try {
      const night = await skipToLocal('23:00');
      const notice = await notify('p-zhang-wei', 'REMINDER', '【到期提醒】开展节日期间作风建设专项检查');
      const { id, handle } = await started(notice, 'EMAIL');
      // The workflow planned the delivery and sleeps on a timer until 07:30 (8.5 hours): nothing goes at night.
      const timer = await eventually(async () => {
        const history = await handle.fetchHistory();
        return history.events?.find((e) => e.timerStartedEventAttributes)?.timerStartedEventAttributes;
      });
      const wait = Number(timer?.startToFireTimeout?.seconds) * 1000 + (timer?.startToFireTimeout?.nanos ?? 0) / 1e6;
      expect(wait).toBeGreaterThan(8.5 * HOUR - 60_000);
      expect(wait).toBeLessThanOrEqual(8.5 * HOUR);
      await skipTo(night + 8.5 * HOUR - 60_000);
      expect(mails.filter((m) => m.headers.get('x-heli-delivery-id') === id)).toEqual([]);
      expect((await delivery(id))?.state).toBe('PENDING');

      await skipTo(night + 8.5 * HOUR + 60_000);
      expect(await outcome(handle)).toBe('SENT');
      const mine = mails.filter((m) => m.headers.get('x-heli-delivery-id') === id);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.subject).toBe('【到期提醒】开展节日期间作风建设专项检查');
      expect(await delivery(id)).toMatchObject({ state: 'SENT', attempts: 1 });
    } finally {
      await db.pool.query(`DELETE FROM notice_preferences WHERE person_id = 'p-zhang-wei'`);
    }
  });

  it('a digest gathers the day’s low-priority notices into one message at the digest hour', async () => {
    const morning = (await skipToLocal('10:00')) + 22.5 * HOUR;
    const notices: string[] = [];
    for (const i of [1, 2, 3]) {
      notices.push(await notify('p-yang-fan', 'COMMENT', `新的批注 ${i}`));
      await skipTo((await env.currentTimeMs()) + HOUR);
    }
    const runs = await Promise.all(notices.map((x) => started(x, 'SMS')));
    // Each delivery joins the digest of the next 08:30 and is done; the digest waits.
    for (const r of runs) expect(await outcome(r.handle)).toBe('DIGEST');
    const ids = runs.map((r) => r.id);
    await skipTo(morning - 60_000);
    expect(sms.accepted.filter((a) => ids.includes(a.id) || a.text.includes('今日通知汇总'))).toEqual([]);

    await skipTo(morning + 60_000);
    const digest = plain.workflow.getHandle(digestWorkflowId('p-yang-fan', 'SMS', new Date(morning).toISOString()));
    expect(((await digest.result()) as string[]).sort()).toEqual([...ids].sort());
    const texts = sms.accepted.filter((a) => a.text.includes('今日通知汇总'));
    expect(texts).toHaveLength(1);
    expect(texts[0]!.text).toContain('（3条）');
    for (const id of ids) expect((await delivery(id))?.state).toBe('SENT');
  });

  it('an L1 notice still unread after 4 working hours is sent again by SMS, once; a read one is not', async () => {
    const unread = await notify('p-huang-min', 'ESCALATION_L1', '【逾期催办】村级小微权力清单落实情况整改');
    const read = await notify('p-bai-xue', 'ESCALATION_L1', '【逾期催办】村级小微权力清单落实情况整改');
    const from = await env.currentTimeMs();
    const [a, b] = await Promise.all([started(unread, 'EMAIL'), started(read, 'EMAIL')]);
    // The e-mail goes at once; the workflow then waits 4 working hours (office hours of working days) to look.
    await eventually(async () =>
      (await delivery(a.id))?.state === 'SENT' && (await delivery(b.id))?.state === 'SENT' ? true : undefined,
    );
    await db.pool.query('UPDATE notifications SET read_at = now() WHERE id = $1', [read]);
    const year = new Date(from).getUTCFullYear();
    const due = addWorkingHours(await readWorkingCalendar(db.pool, 'district', year, year + 1), new Date(from), 4);
    const smsOf = (notification: string) => deliveryId(notification, 'SMS');

    await skipTo(due.getTime() - 60_000);
    expect(await delivery(smsOf(unread))).toBeUndefined();
    await skipTo(due.getTime() + 60_000);
    expect(await Promise.all([outcome(a.handle), outcome(b.handle)])).toEqual(['SENT', 'SENT']);
    const resent = await started(unread, 'SMS');
    expect(await outcome(resent.handle)).toBe('SENT');
    expect(await delivery(smsOf(read))).toBeUndefined();
    const texts = sms.accepted.filter((x) => x.id === resent.id);
    expect(texts).toHaveLength(1);
    expect(texts[0]!.text).toMatch(/^【合力监督】【逾期催办】村级小微权力清单落实情况整改/);
  });

  it('an L1 notice no channel carries (no e-mail address) is still sent by SMS if unread, once; a read one is not', async () => {
    await db.pool.query(`UPDATE people SET email = NULL WHERE id IN ('p-li-jianguo', 'p-fang-liang')`);
    const unread = await notify('p-li-jianguo', 'ESCALATION_L1', '【逾期催办】村级小微权力清单落实情况整改');
    const read = await notify('p-fang-liang', 'ESCALATION_L1', '【逾期催办】村级小微权力清单落实情况整改');
    const from = await env.currentTimeMs();
    const [a, b] = await Promise.all([started(unread, 'SMS'), started(read, 'SMS')]);
    const year = new Date(from).getUTCFullYear();
    const due = addWorkingHours(await readWorkingCalendar(db.pool, 'district', year, year + 1), new Date(from), 4);
    expect(await delivery(deliveryId(unread, 'EMAIL'))).toBeUndefined();

    // Nothing goes before the working hours have passed; the notice read meanwhile is owed no SMS.
    await skipTo(due.getTime() - 60_000);
    expect(sms.accepted.filter((x) => x.id === a.id || x.id === b.id)).toEqual([]);
    await db.pool.query('UPDATE notifications SET read_at = now() WHERE id = $1', [read]);
    await skipTo(due.getTime() + 60_000);

    expect(await Promise.all([outcome(a.handle), outcome(b.handle)])).toEqual(['SENT', 'SKIPPED']);
    expect(sms.accepted.filter((x) => x.id === a.id)).toHaveLength(1);
    expect(sms.accepted.filter((x) => x.id === b.id)).toEqual([]);
    expect(await delivery(a.id)).toMatchObject({ state: 'SENT', attempts: 1 });
    expect(await delivery(b.id)).toBeUndefined();
  });

  it('a receiver that fails 3 times then recovers gets the message exactly once', async () => {
    robot.failFirst = 3;
    try {
      const title = '【督办】请报送整改进展';
      const notice = await notify('p-huang-min', 'URGING', title);
      const { id, handle } = await started(notice, 'DINGTALK');
      // Backed off 30 s, 1 min, 2 min between the attempts, on the server's clock.
      for (const [attempts, backoff] of [
        [1, 30],
        [2, 60],
        [3, 120],
      ] as const) {
        await eventually(async () => ((await delivery(id))?.attempts === attempts ? true : undefined));
        // Seen a moment after the failure (at most the tail of the previous skip): the retry is due by then + backoff.
        const seen = await env.currentTimeMs();
        await skipTo(seen + backoff * 1000 - 15_000);
        expect((await delivery(id))?.attempts).toBe(attempts);
        await skipTo(seen + backoff * 1000 + 1_000);
      }
      expect(await outcome(handle)).toBe('SENT');
      expect(robot.attempts.get(title)).toBe(4);
      expect(robot.accepted.filter((t) => t === title)).toHaveLength(1);
      expect(robot.badSignatures).toBe(0);
      expect(await delivery(id)).toMatchObject({ state: 'SENT', attempts: 4, last_error: null });
    } finally {
      robot.failFirst = 0;
    }
  });

  it('a receiver that always fails ends on the dead-letter list; the office fixes the address and it goes once', async () => {
    await db.pool.query(`UPDATE people SET mobile = '13900000000' WHERE id = 'p-wu-haitao'`);
    alwaysFail.add('13900000000');
    const notice = await notify('p-wu-haitao', 'ESCALATION_L2', '【逾期提级督办】村级小微权力清单落实情况整改');
    const { id, handle } = await started(notice, 'SMS');
    // Twelve attempts over about half a day (the backoff doubles from 30 s up to 4 h), then dead.
    for (let attempts = 1; attempts < 12; attempts++) {
      await eventually(async () => ((await delivery(id))?.attempts === attempts ? true : undefined));
      await skipTo((await env.currentTimeMs()) + Math.min(30 * 2 ** (attempts - 1), 14_400) * 1000 + 10_000);
    }
    expect(await outcome(handle)).toBe('DEAD');
    expect(sms.attempts.get(id)).toBe(12);
    const dead = await listDeliveries(db.pool, 'district', { state: 'DEAD' }, { limit: 50, offset: 0 });
    expect(dead.items.find((d) => d.id === id)).toMatchObject({ state: 'DEAD', attempts: 12, channel: 'SMS' });
    expect(dead.items.find((d) => d.id === id)?.lastError).toMatch(/503/);

    const office = { orgId: 'district', actorId: 'p-huang-min', actorRoles: ['OFFICE'] };
    await retryDelivery(db.pool, 'district', id, { address: '13911111111' }, office);
    const again = await started(notice, 'SMS', 1);
    expect(await outcome(again.handle)).toBe('SENT');
    expect(sms.accepted.filter((a) => a.id === id)).toEqual([expect.objectContaining({ mobile: '13911111111' })]);
    expect(await delivery(id)).toMatchObject({ state: 'SENT', attempts: 1 });
    // Sent is final: another "retry" starts nothing.
    expect(await retryDelivery(db.pool, 'district', id, {}, office)).toMatchObject({ changed: false });
    expect((await db.pool.query('SELECT run FROM notice_deliveries WHERE id = $1', [id])).rows).toEqual([{ run: 1 }]);
    expect(sms.badSignatures).toBe(0);
  });

  it('a message the channel took is recorded sent once the database is back, and never sent twice', async () => {
    refusals = 3;
    const notice = await notify('p-zhao-zhiqiang', 'ESCALATION_L2', '【逾期提级督办】开展节日期间作风建设专项检查');
    const { id, handle } = await started(notice, 'SMS');
    await eventually(async () => (refusals === 0 ? true : undefined));
    // The record is retried after 1, 2, 4 s (an activity of its own): the message is not sent again meanwhile.
    await skipTo((await env.currentTimeMs()) + 10_000);
    expect(await outcome(handle)).toBe('SENT');
    expect(sms.attempts.get(id)).toBe(1);
    expect(await delivery(id)).toMatchObject({ state: 'SENT', attempts: 1 });
  });
});
