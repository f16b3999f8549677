import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { MockActivityEnvironment } from '@temporalio/testing';
import { recordTaskStep, type TaskStepInput } from '../../activities/task-step';
import { parseNoticeChannels, type NoticeChannelsConfig } from '../../config/notice-channels';
import { fromProject } from '../../config/paths';
import { loadTaskPolicies } from '../../config/task-policy';
import { loadOrganisationFile } from '../../db/queries/load-organisation';
import { setNoticeRouting } from '../../db/queries/notice-deliveries';
import { recordNotifications, writeNotifications } from '../../db/queries/notifications';
import { inTransaction } from '../../db/transaction';
import { recipientSets } from '../../activities/notifications';
import { assignedStatus } from '../../procedures/task/machine';
import type { TaskInput } from '../../procedures/task/messages';
import { createNoticeDeliveryActivities } from '../../activities/notice-delivery';
import { routingOf, watchChannelsFile } from '../../worker/notice-dispatcher';
import { createTestDatabase, type TestDatabase } from '../support/database';

const SMS_KEY = 'sms-gateway-key';

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
  const sms = {
    attempts: new Map<string, number>(),
    accepted: [] as { id: string; mobile: string; text: string }[],
    badSignatures: 0,
  };
  const gateway = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const sig = createHmac('sha256', SMS_KEY)
        .update(`${String(req.headers['x-sms-timestamp'])}\n${String(req.headers['x-sms-nonce'])}\n${body}`)
        .digest('hex');
      if (sig !== req.headers['x-sms-signature']) {
        sms.badSignatures++;
        return res.writeHead(401).end('{"error":"signature"}');
      }
      const m = JSON.parse(body) as { id: string; mobile: string; text: string };
      const seen = (sms.attempts.get(m.id) ?? 0) + 1;
      sms.attempts.set(m.id, seen);
      if (m.mobile === '13900000400') return res.writeHead(400).end('{"error":"no such subscriber"}');
      if (m.mobile === '13900000503') return res.writeHead(503).end('{"error":"carrier down"}');
      sms.accepted.push(m);
      res.writeHead(200).end('{"ok":true}');
    });
  });
  const mails: Buffer[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _s, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push(Buffer.concat(chunks));
        cb();
      });
    },
  });
  let config: NoticeChannelsConfig;

  const task = (): TaskInput =>
    ({
      taskId: `t-deliver-${++n}`,
      orgId: 'district',
      title: '开展节日期间作风建设专项检查',
      leadUnitId: 'town-dongguan',
      coUnitIds: [],
      leaderId: 'p-chen-lixin',
      requirements: '逐项检查',
      standard: '形成报告',
      limit: { kind: 'DATE', date: '2027-03-31' },
      policy: loadTaskPolicies(fromProject('config/task-policies.yaml')).get('ROUTINE')!,
      assignedAt: '2027-03-01T02:00:00.000Z',
      cycleId: null,
      createdBy: 'p-huang-min',
      actor: { personId: 'p-huang-min', roles: ['OFFICE'], unitId: 'office', credentialId: 'c', requestId: 'r' },
    }) as TaskInput;
  const assigned = (t: TaskInput): TaskStepInput => ({
    workflowId: `task:${t.taskId}`,
    task: t,
    status: { ...assignedStatus(t), dueDate: '2027-03-31', version: 1 },
    entry: { step: '1-assigned', kind: 'ASSIGNED', message: '交办任务', at: '2027-03-01T02:00:00.000Z' },
    audit: { action: 'task.create', payload: {} },
    details: { dueDate: '2027-03-31' },
  });
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
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
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
    await recordNotifications(db.pool, {
      orgId: 'district',
      workflowId: `task:${taskId}`,
      step: '2-reminder',
      taskId,
      kind: 'REMINDER',
      title: '督办提醒：任务即将到期',
      body: '请于3月31日前办结。',
      recipients: {
        personIds: ['p-huang-min'],
        headOfUnitIds: [],
        memberOfUnitIds: [],
        leaderOfUnitIds: [],
        officeOrgIds: [],
        groupOrgIds: [],
      },
      webhookUnitIds: [],
    });
    const before = mails.length;
    const email = (await deliveriesOf(taskId)).find((r) => r.channel === 'EMAIL')!;
    expect(await activities().sendNoticeDelivery({ ids: [email.id], run: 0 })).toEqual([email.id]);
    expect(mails.length).toBe(before + 1);
    const mail = await simpleParser(mails.at(-1)!);
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
        recordNotifications(db.pool, {
          orgId: 'district',
          workflowId: `task:${taskId}`,
          step,
          taskId,
          kind,
          title: '提醒',
          body: '正文',
          recipients: {
            personIds: ['p-huang-min'],
            headOfUnitIds: [],
            memberOfUnitIds: [],
            leaderOfUnitIds: [],
            officeOrgIds: [],
            groupOrgIds: [],
          },
          webhookUnitIds: [],
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
        await recordNotifications(db.pool, {
          orgId: 'district',
          workflowId: `task:${taskId}`,
          step: `c-${i}`,
          taskId,
          kind: 'COMMENT',
          title: `新的批注 ${i}`,
          body: '请查阅。',
          recipients: {
            personIds: ['p-huang-min'],
            headOfUnitIds: [],
            memberOfUnitIds: [],
            leaderOfUnitIds: [],
            officeOrgIds: [],
            groupOrgIds: [],
          },
          webhookUnitIds: [],
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
