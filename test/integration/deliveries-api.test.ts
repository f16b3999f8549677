import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNotificationActivities } from '../../activities/notifications';
import { eventually, type apiClient } from '../support/http';
import { DONGGUAN_HEAD as HEAD, OFFICE } from '../support/people';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * The office's list of notice deliveries over HTTP: a dead address on the dead-letter list, fixed and sent; each
 * person's own preferences and contact, which nobody else reads. The stack runs with a channels file, as deployed:
 * its relay starts each delivery's workflow on the stack's worker.
 */
describe('notice deliveries and preferences over HTTP', () => {
  let t: TestStack;
  let head: ReturnType<typeof apiClient>;
  let office: ReturnType<typeof apiClient>;
  const dir = mkdtempSync(join(tmpdir(), 'heli-deliveries-'));
  const channelsFile = join(dir, 'channels.json');
  let edits = 0;
  /** Writes the channels file with `policy`; the worker reads it again at its next use (a newer modification time). */
  const writeChannels = (policy: Record<string, string[]>) => {
    writeFileSync(
      channelsFile,
      JSON.stringify({
        baseUrl: 'https://heli.example.gov.cn',
        sms: { url: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`, keyId: 'k', key: 'secret' },
        policy,
      }),
    );
    edits += 1;
    utimesSync(channelsFile, 1_000 + edits, 1_000 + edits);
  };
  const accepted: { id: string; mobile: string }[] = [];
  // An SMS gateway that refuses one number for good (a wrong number) and takes any other.
  const gateway = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const m = JSON.parse(body) as { id: string; mobile: string };
      if (m.mobile === '13800009999') return res.writeHead(400).end('{"error":"no such subscriber"}');
      accepted.push(m);
      res.writeHead(200).end('{"ok":true}');
    });
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    writeChannels({ REMINDER: ['SMS'] });
    t = await startTestStack({ NOTICE_CHANNELS_FILE: channelsFile });
    head = await t.as(HEAD);
    office = await t.as(OFFICE);
    await t.db.pool.query(`UPDATE people SET mobile = '13800009999', email = 'xie.hua@example.gov.cn' WHERE id = $1`, [
      HEAD,
    ]);
  }, 120_000);

  afterAll(async () => {
    await t?.stop();
    await new Promise<void>((resolve) => gateway.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('lists a dead delivery for the office only; the office fixes the address and it is sent once', async () => {
    await createNotificationActivities({ db: t.db.pool }).notify({
      workflowId: 'task:t-deliveries-1',
      step: '1-reminder',
      orgId: 'district',
      taskId: 't-deliveries-1',
      kind: 'REMINDER',
      title: '【到期提醒】开展节日期间作风建设专项检查',
      body: '距工作时限还有3个工作日。',
      recipients: [{ kind: 'PERSON', personId: HEAD }],
    });
    {
      const dead = await eventually(async () => {
        const res = await office('GET', '/v1/deliveries?state=DEAD');
        return res.body.items?.find((d: { taskId: string }) => d.taskId === 't-deliveries-1');
      });
      expect(dead).toMatchObject({ channel: 'SMS', address: '13800009999', state: 'DEAD', attempts: 1 });
      expect(dead.lastError).toMatch(/400/);
      expect((await head('GET', '/v1/deliveries?state=DEAD')).status).toBe(403);

      const bad = await office('POST', `/v1/deliveries/${dead.id}/retry`, { address: 'not-a-number' });
      expect(bad.status).toBe(422);
      expect(bad.type).toMatch(/problem\+json/);
      expect(bad.body.errors).toEqual([{ field: 'body.address', message: '须为6至15位手机号码' }]);
      const en = await office('POST', `/v1/deliveries/${dead.id}/retry`, { address: 'x' }, { 'accept-language': 'en' });
      expect(en.body.errors).toEqual([
        { field: 'body.address', message: 'expected a mobile number of 6 to 15 digits' },
      ]);
      expect((await office('POST', '/v1/deliveries/nd_000000000000000000000000/retry', {})).status).toBe(404);
      expect((await head('POST', `/v1/deliveries/${dead.id}/retry`, {})).status).toBe(403);

      const fixed = await office('POST', `/v1/deliveries/${dead.id}/retry`, { address: '13800001234' });
      expect(fixed.status).toBe(200);
      expect(fixed.body).toMatchObject({ changed: true, delivery: { state: 'PENDING', address: '13800001234' } });
      const sent = await eventually(async () => {
        const res = await office('GET', '/v1/deliveries?objectId=t-deliveries-1');
        return res.body.items?.[0]?.state === 'SENT' ? res.body.items[0] : undefined;
      });
      expect(sent).toMatchObject({ id: dead.id, sentAt: expect.any(String) });
      expect(accepted.filter((a) => a.id === dead.id)).toEqual([
        { id: dead.id, mobile: '13800001234', text: expect.any(String) },
      ]);
      const again = await office('POST', `/v1/deliveries/${dead.id}/retry`, {});
      expect(again.body).toMatchObject({ changed: false, delivery: { state: 'SENT' } });
      const audit = await t.db.pool.query(
        `SELECT action, actor_id FROM audit_log WHERE object_id = $1 AND outcome = 'DONE' ORDER BY id`,
        [dead.id],
      );
      expect(audit.rows).toEqual([
        { action: 'delivery.fix-address', actor_id: OFFICE },
        { action: 'delivery.retry', actor_id: OFFICE },
      ]);
    }
  });

  it('shows the office, on the task’s timeline, who its notices reached, read or not, and each delivery', async () => {
    const year = new Date().getUTCFullYear() + 1;
    // The assignment goes by SMS too (to a number the gateway refuses for good), routed as the step is written.
    writeChannels({ ASSIGNED: ['SMS'] });
    const created = await office('POST', '/v1/tasks', {
      title: '开展节日期间作风建设专项检查',
      type: 'ROUTINE',
      leadUnitId: 'town-dongguan',
      coUnitIds: [],
      leaderId: 'p-chen-lixin',
      requirements: '对公车使用开展检查',
      standard: '形成检查报告',
      dueDate: `${year}-03-31`,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const assigned = (body: { timeline?: { kind: string; notices?: unknown }[] }) =>
      body.timeline?.find((e) => e.kind === 'ASSIGNED');
    try {
      const entry = await eventually(async () => {
        const e = assigned((await office('GET', `/v1/tasks/${id}`)).body) as
          { notices: { personId: string; deliveries: { state: string }[] }[] } | undefined;
        const mine = e?.notices?.find((n) => n.personId === HEAD);
        return mine?.deliveries.some((d) => d.state === 'DEAD') ? e : undefined;
      });
      expect(entry.notices.find((n) => n.personId === HEAD)).toEqual({
        personId: HEAD,
        name: '谢华',
        readAt: null,
        deliveries: [{ channel: 'SMS', state: 'DEAD', sentAt: null }],
      });
      // No address is shown, and nobody but the office reads who read what.
      expect(JSON.stringify(entry)).not.toContain('13800009999');
      const byHead = await head('GET', `/v1/tasks/${id}`);
      expect(byHead.status).toBe(200);
      expect(assigned(byHead.body)).not.toHaveProperty('notices');

      // The head reads it (in the inbox, or by the link of a message, which marks the same entry): a read receipt.
      const inbox = await head('GET', '/v1/inbox?unread=true');
      const notice = (inbox.body.items as { id: string; taskId: string }[]).find((n) => n.taskId === id)!;
      expect((await head('POST', `/v1/inbox/${notice.id}/read`)).status).toBe(200);
      const after = assigned((await office('GET', `/v1/tasks/${id}`)).body) as {
        notices: { personId: string; readAt: string | null }[];
      };
      expect(after.notices.find((n) => n.personId === HEAD)!.readAt).toEqual(expect.any(String));
    } finally {
      writeChannels({ REMINDER: ['SMS'] });
    }
  });

  it('a person reads and sets their own channels and quiet hours; their contact is nobody else’s to read', async () => {
    const mine = await head('GET', '/v1/me/notice-preferences');
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({
      channels: [],
      quietHours: null,
      contact: { email: 'xie.hua@example.gov.cn', mobile: '13800009999' },
    });
    const bad = await head('PUT', '/v1/me/notice-preferences', {
      channels: ['FAX'],
      quietHours: { from: '25:00', to: '7' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.channels[0]',
      'body.quietHours.from',
      'body.quietHours.to',
    ]);

    const put = await head('PUT', '/v1/me/notice-preferences', {
      channels: ['SMS', 'EMAIL'],
      quietHours: { from: '22:00', to: '07:30' },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ channels: ['SMS', 'EMAIL'], quietHours: { from: '22:00', to: '07:30' } });
    expect((await head('GET', '/v1/me/notice-preferences')).body.quietHours).toEqual({ from: '22:00', to: '07:30' });
    // The office's own settings are its own: the head's are not there.
    expect((await office('GET', '/v1/me/notice-preferences')).body).toMatchObject({ channels: [], quietHours: null });

    // The people directory never carries contact addresses.
    const people = await office('GET', '/v1/people?limit=200');
    expect(people.status).toBe(200);
    expect(people.text).not.toContain('13800009999');
    expect(people.text).not.toContain('xie.hua@example.gov.cn');
  });
});
