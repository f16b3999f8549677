import type { AddressInfo } from 'node:net';
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { recordTaskStep } from '../../activities/task-step';
import { parseNoticeChannels, type NoticeChannelsConfig } from '../../config/notice-channels';
import { loadOrganisationFile } from '../../db/queries/load-organisation';
import { setNoticeRouting } from '../../db/queries/notice-deliveries';
import { writeNotifications } from '../../db/queries/notifications';
import { inTransaction } from '../../db/transaction';
import { recipientSets } from '../../activities/notifications';
import { createNoticeDeliveryActivities } from '../../activities/notice-delivery';
import { routingOf, watchChannelsFile } from '../../worker/notice-dispatcher';
import { createTestDatabase, type TestDatabase } from '../support/database';
import {
  assignedStep,
  listen,
  noticeOnTask,
  routineTask,
  SMS_KEY,
  smsGateway,
  smtpServer,
} from '../support/notice-receivers';

/**
 * The notice outbox (issue 23): a step's deliveries (per person and channel) are written with its inbox entries,
 * once; the delivery activities send each through its channel — a real SMTP server and a signed SMS gateway started
 * here — and tell a failure worth retrying from a refusal for good. Their workflow (waits, retries, dead letters) is
 * tested on the time-skipping server: test/workflows/notice-delivery.test.ts.
 */
describe('notice deliveries from the outbox', () => {
  let db: TestDatabase;
  let n = 0;
  // The SMS gateway: checks each request's signature; refuses one number for good, is down for another.
  const { sms, server: gateway } = smsGateway(({ mobile }) =>
    mobile === '13900000400' ? 400 : mobile === '13900000503' ? 503 : undefined,
  );
  const { mails, server: smtp } = smtpServer();
  let config: NoticeChannelsConfig;

  const task = () => routineTask(`t-deliver-${++n}`);
  const assigned = assignedStep;
  const deliveriesOf = async (taskId: string) =>
    (
      await db.pool.query<{ id: string; person_id: string; channel: string; state: string; attempts: number }>(
        `SELECT d.id, d.person_id, d.channel, d.state, d.attempts FROM notice_deliveries d
         JOIN notifications n ON n.id = d.notification_id WHERE n.task_id = $1 ORDER BY d.id`,
        [taskId],
      )
    ).rows;
  /** The delivery activities as the worker has them, called here directly (their workflow is tested elsewhere). */
  const activities = () => createNoticeDeliveryActivities({ db: db.pool, config: () => config });

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadOrganisationFile(db.pool, path.join(__dirname, '../../examples/organisation.yaml'));
    await db.pool.query(
      `UPDATE people SET email = id || '@example.gov.cn', mobile = '1380000' || lpad((row_number)::text, 4, '0')
       FROM (SELECT id AS pid, row_number() OVER (ORDER BY id) FROM people) r WHERE r.pid = people.id`,
    );
    await listen(gateway);
    await listen(smtp);
    config = parseNoticeChannels(
      JSON.stringify({
        baseUrl: 'https://heli.example.gov.cn',
        email: {
          host: '127.0.0.1',
          port: (smtp.server.address() as AddressInfo).port,
          from: '合力 <heli@example.gov.cn>',
        },
        sms: { url: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`, keyId: 'heli', key: SMS_KEY },
        policy: { default: [], ASSIGNED: ['SMS'], ESCALATION_L3: ['SMS', 'EMAIL'], REMINDER: ['EMAIL', 'SMS'] },
      }),
    );
    setNoticeRouting(routingOf(() => config));
  }, 60_000);

  afterAll(async () => {
    setNoticeRouting(undefined);
    await new Promise<void>((resolve) => gateway.close(() => resolve()));
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await db?.drop();
  });

  it('writes one delivery per notified person and allowed channel with the step, once', async () => {
    const step = assigned(task());
    await recordTaskStep(db.pool, step);
    await recordTaskStep(db.pool, step);
    const notified = await db.pool.query('SELECT person_id FROM notifications WHERE task_id = $1', [step.task.taskId]);
    const rows = await deliveriesOf(step.task.taskId);
    expect(notified.rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.channel)).toEqual(notified.rows.map(() => 'SMS'));
    expect(new Set(rows.map((r) => r.person_id)).size).toBe(notified.rows.length);
  });

  it('never posts a supervision network member’s notice in a group robot, only the office staff’s', async () => {
    const withRobot = parseNoticeChannels(
      JSON.stringify({
        baseUrl: 'https://heli.example.gov.cn',
        dingtalk: [
          { name: 'office-group', url: 'https://oapi.dingtalk.com/robot/send?access_token=t', unitIds: ['office'] },
        ],
        policy: { default: [], INVITED: ['DINGTALK'] },
      }),
    );
    setNoticeRouting(routingOf(() => withRobot));
    try {
      await inTransaction(db.pool, (client) =>
        writeNotifications(client, {
          orgId: 'district',
          workflowId: 'inspection:robot-test',
          step: '1-invited',
          kind: 'INVITED',
          title: '【邀请参加检查】作风建设专项检查',
          body: '诚邀您参加本轮检查',
          recipients: recipientSets([
            { kind: 'PERSON', personId: 'p-bai-xue' },
            { kind: 'PERSON', personId: 'p-huang-min' },
          ]),
          webhookUnitIds: [],
        }),
      );
      const { rows } = await db.pool.query<{ person_id: string; channel: string }>(
        `SELECT d.person_id, d.channel FROM notice_deliveries d JOIN notifications n ON n.id = d.notification_id
         WHERE n.workflow_id = 'inspection:robot-test' ORDER BY d.person_id`,
      );
      expect(rows).toEqual([{ person_id: 'p-huang-min', channel: 'DINGTALK' }]);
    } finally {
      setNoticeRouting(routingOf(() => config));
    }
  });

  it('sends a short SMS through the signed gateway; a refusal for good is not retried, an outage is', async () => {
    const steps = [assigned(task()), assigned(task())];
    for (const step of steps) await recordTaskStep(db.pool, step);
    const [first, second] = await deliveriesOf(steps[0]!.task.taskId);
    const [third] = await deliveriesOf(steps[1]!.task.taskId);
    await db.pool.query(`UPDATE notice_deliveries SET address = '13900000400' WHERE id = $1`, [second!.id]);
    await db.pool.query(`UPDATE notice_deliveries SET address = '13900000503' WHERE id = $1`, [third!.id]);
    const acts = activities();
    const send = (id: string) => new MockActivityEnvironment().run(acts.sendNoticeDelivery, { ids: [id], run: 0 });

    expect(await send(first!.id)).toEqual([first!.id]);
    const text = sms.accepted.find((a) => a.id === first!.id)!.text;
    expect([...text].length).toBeLessThanOrEqual(70);
    expect(text).toMatch(/^【合力监督】.*请登录合力平台查看。$/);
    expect(sms.badSignatures).toBe(0);

    await expect(send(second!.id)).rejects.toMatchObject({ type: 'DELIVERY_REFUSED', nonRetryable: true });
    await expect(send(third!.id)).rejects.toMatchObject({ type: 'DELIVERY_FAILED', nonRetryable: false });
    const failed = (
      await db.pool.query('SELECT state, attempts FROM notice_deliveries WHERE id = ANY ($1)', [
        [second!.id, third!.id],
      ])
    ).rows;
    // Each failed attempt is counted on its row; neither is dead yet (the workflow decides, after its retries).
    expect(failed).toEqual([
      { state: 'PENDING', attempts: 1 },
      { state: 'PENDING', attempts: 1 },
    ]);
    // Sent already: sending again sends nothing.
    await acts.recordNoticeSent({ ids: [first!.id] });
    expect(await send(first!.id)).toEqual([]);
    expect(sms.attempts.get(first!.id)).toBe(1);
  });

  it('sends e-mail with a Chinese subject and the link back to the task', async () => {
    const taskId = `t-deliver-${++n}`;
    await noticeOnTask(db.pool, {
      taskId,
      step: '2-reminder',
      kind: 'REMINDER',
      title: '督办提醒：任务即将到期',
      body: '请于3月31日前办结。',
      personIds: ['p-huang-min'],
    });
    const before = mails.length;
    const email = (await deliveriesOf(taskId)).find((r) => r.channel === 'EMAIL')!;
    expect(await activities().sendNoticeDelivery({ ids: [email.id], run: 0 })).toEqual([email.id]);
    expect(mails.length).toBe(before + 1);
    const mail = mails.at(-1)!;
    expect(mail.subject).toBe('【合力】督办提醒：任务即将到期');
    // The link names the inbox entry it carries, so that opening it is the read receipt.
    const [entry] = (
      await db.pool.query<{ id: string }>(
        `SELECT id FROM notifications WHERE workflow_id = $1 AND person_id = 'p-huang-min'`,
        [`task:${taskId}`],
      )
    ).rows;
    expect(mail.text).toContain(`https://heli.example.gov.cn/tasks/${taskId}?notice=${entry!.id}`);
    expect((mail.to as { text: string }).text).toBe('p-huang-min@example.gov.cn');
  });

  it('in quiet hours a notice waits for the morning, but an L3 escalation still goes by SMS', async () => {
    // Quiet from an hour ago to two hours ahead, in the organisation's time zone.
    await db.pool.query(
      `INSERT INTO notice_preferences (person_id, quiet_from, quiet_to)
       SELECT 'p-huang-min', ((now() AT TIME ZONE 'Asia/Shanghai') - interval '1 hour')::time,
              ((now() AT TIME ZONE 'Asia/Shanghai') + interval '2 hours')::time`,
    );
    try {
      const taskId = `t-deliver-${++n}`;
      const notice = (step: string, kind: string) =>
        noticeOnTask(db.pool, {
          taskId,
          step,
          kind,
          title: '提醒',
          body: '正文',
          personIds: ['p-huang-min'],
        });
      await notice('3-reminder', 'REMINDER');
      await notice('4-l3', 'ESCALATION_L3');
      const { rows } = await db.pool.query<{ kind: string; channel: string; wait: number }>(
        `SELECT n.kind, d.channel, round(extract(epoch FROM d.next_attempt_at - now()) / 60)::int AS wait
         FROM notice_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.task_id = $1
         ORDER BY n.kind, d.channel`,
        [taskId],
      );
      expect(rows).toEqual([
        { kind: 'ESCALATION_L3', channel: 'EMAIL', wait: 120 },
        { kind: 'ESCALATION_L3', channel: 'SMS', wait: 0 },
        { kind: 'REMINDER', channel: 'EMAIL', wait: 120 },
        { kind: 'REMINDER', channel: 'SMS', wait: 120 },
      ]);
    } finally {
      await db.pool.query(`DELETE FROM notice_preferences WHERE person_id = 'p-huang-min'`);
    }
  });

  it('writes a low-priority notice for the daily digest, due at the next digest hour', async () => {
    const taskId = `t-deliver-${++n}`;
    const plain = config;
    config = { ...plain, policy: { ...plain.policy, COMMENT: ['SMS'] }, digest: { kinds: ['COMMENT'], at: '08:30' } };
    try {
      for (const i of [1, 2, 3]) {
        await noticeOnTask(db.pool, {
          taskId,
          step: `c-${i}`,
          kind: 'COMMENT',
          title: `新的批注 ${i}`,
          body: '请查阅。',
          personIds: ['p-huang-min'],
        });
      }
      // Each waits for the next 08:30 in the organisation's time zone.
      const { rows: waiting } = await db.pool.query<{ local: string; digest: boolean }>(
        `SELECT to_char(d.next_attempt_at AT TIME ZONE 'Asia/Shanghai', 'HH24:MI') AS local, d.digest
         FROM notice_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.task_id = $1`,
        [taskId],
      );
      expect(waiting).toEqual([1, 2, 3].map(() => ({ local: '08:30', digest: true })));
      // The digest's workflow sends them as one message at that hour (test/workflows/notice-delivery.test.ts).
    } finally {
      config = plain;
    }
  });

  it('the worker takes its channels from NOTICE_CHANNELS_FILE, keeps the last good one on a bad edit, logs no secret', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heli-channels-'));
    const file = join(dir, 'channels.json');
    const text = JSON.stringify({
      baseUrl: 'https://heli.example.gov.cn',
      sms: { url: config.sms!.url, keyId: 'heli', key: SMS_KEY },
      policy: { ASSIGNED: ['SMS'] },
    });
    writeFileSync(file, text);
    utimesSync(file, 1_000, 1_000);
    const logged: unknown[] = [];
    const logger = { warn: (...a: unknown[]) => logged.push(a), info: (...a: unknown[]) => logged.push(a) };
    setNoticeRouting(undefined);
    const channels = watchChannelsFile(file, logger);
    try {
      const step = assigned(task());
      await recordTaskStep(db.pool, step);
      expect((await deliveriesOf(step.task.taskId)).map((r) => r.channel)).toContain('SMS');
      expect(channels.config().sms?.url).toBe(config.sms!.url);
      writeFileSync(file, text.replace('"policy"', '"polcy"'));
      utimesSync(file, 2_000, 2_000);
      const again = assigned(task());
      await recordTaskStep(db.pool, again);
      expect((await deliveriesOf(again.task.taskId)).length).toBeGreaterThan(0);
      expect(JSON.stringify(logged)).toContain('polcy');
      expect(JSON.stringify(logged)).not.toContain(SMS_KEY);
    } finally {
      channels.stop();
      setNoticeRouting(routingOf(() => config));
    }
  });
});
