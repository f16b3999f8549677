import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, utimesSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { emailChannel } from '../../activities/channels/email';
import { SlidingWindowLimiter } from '../../activities/channels/rate-limit';
import { robotChannel } from '../../activities/channels/robots';
import { httpSmsGateway, smsChannel } from '../../activities/channels/sms';
import { addWorkingHours } from '../../activities/channels/working-hours';
import type { NoticeMessage } from '../../activities/channels/channel';
import { parseNoticeChannels, watchNoticeChannels } from '../../config/notice-channels';

const message: NoticeMessage = {
  id: 'd_test1',
  kind: 'REMINDER',
  title: '督办提醒：关于整改落实情况的报告即将到期',
  body: '“关于整改落实情况的报告”将于2026年12月8日到期，请按时办结并反馈。',
  link: 'https://heli.example.gov.cn/tasks/t_1',
  atMobile: '13800000001',
};

/** A local HTTP receiver: answers with `answer(request, body)` and keeps what it got. */
async function receiver(answer: (req: IncomingMessage, body: string) => { status: number; body: string }) {
  const got: { url: string; headers: IncomingMessage['headers']; body: string; at: number }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      got.push({ url: req.url ?? '', headers: req.headers, body, at: Date.now() });
      const a = answer(req, body);
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, got, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const config = (extra: Record<string, unknown>) =>
  parseNoticeChannels(JSON.stringify({ baseUrl: 'https://heli.example.gov.cn', ...extra }));

describe('e-mail over a real SMTP server', () => {
  let server: SMTPServer;
  let port: number;
  const received: { raw: Buffer; from?: string; to: string[]; user?: string }[] = [];

  beforeAll(async () => {
    server = new SMTPServer({
      // STARTTLS with the package's own test certificate; login required.
      secure: false,
      authMethods: ['PLAIN', 'LOGIN'],
      onAuth(auth, _session, cb) {
        if (auth.username === 'heli' && auth.password === 'smtp-pass-2') cb(null, { user: 'heli' });
        else cb(new Error('bad credentials'));
      },
      onRcptTo(address, _session, cb) {
        if (address.address.startsWith('nobody@')) {
          const err = new Error('mailbox unavailable') as Error & { responseCode: number };
          err.responseCode = 550;
          cb(err);
        } else cb();
      },
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            raw: Buffer.concat(chunks),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
            to: session.envelope.rcptTo.map((r) => r.address),
            user: session.user as string | undefined,
          });
          cb();
        });
      },
      logger: false,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const settings = (password = 'smtp-pass-2') =>
    config({
      email: {
        host: '127.0.0.1',
        port,
        requireTLS: true,
        allowUnverifiedCertificate: true,
        user: 'heli',
        password,
        from: '合力监督平台 <heli@example.gov.cn>',
      },
    }).email;

  it('sends a Chinese-subject e-mail over STARTTLS with login, in plain text and HTML with the link back', async () => {
    const result = await emailChannel(() => settings()).send(message, 'zhang.san@example.gov.cn');
    expect(result).toEqual({ outcome: 'DELIVERED' });
    const last = received.at(-1)!;
    expect(last.to).toEqual(['zhang.san@example.gov.cn']);
    expect(last.user).toBe('heli');
    // The subject travels MIME-encoded (RFC 2047), never as raw UTF-8 in the header.
    const subjectLine = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(last.raw.toString('latin1'))![1]!;
    expect(subjectLine).toMatch(/=\?UTF-8\?[BQ]\?/i);
    const mail = await simpleParser(last.raw);
    expect(mail.subject).toBe(`【合力】${message.title}`);
    expect(mail.text).toContain('请按时办结并反馈');
    expect(mail.text).toContain(message.link);
    expect(mail.html).toContain(`<a href="${message.link}">在合力平台中查看</a>`);
    expect(mail.headers.get('x-heli-delivery-id')).toBe('d_test1');
  });

  it('a mailbox the server refuses is a permanent failure; a wrong password is tried again (it may be rotated)', async () => {
    await expect(emailChannel(() => settings()).send(message, 'nobody@example.gov.cn')).resolves.toMatchObject({
      outcome: 'PERMANENT',
    });
    const wrong = await emailChannel(() => settings('old-pass')).send(message, 'zhang.san@example.gov.cn');
    expect(wrong.outcome).toBe('RETRY');
    expect(JSON.stringify(wrong)).not.toContain('old-pass');
  });

  it('a server that is down is tried again', async () => {
    const down = config({ email: { host: '127.0.0.1', port: 1, from: 'heli@example.gov.cn' } }).email;
    await expect(emailChannel(() => down).send(message, 'a@example.gov.cn')).resolves.toMatchObject({
      outcome: 'RETRY',
    });
  });
});

describe('DingTalk custom robot', () => {
  it('posts a markdown message @ the person, signed with timestamp + HMAC-SHA256 as DingTalk publishes it', async () => {
    const secret = 'SECdingtalk-test-secret';
    const r = await receiver((req) => {
      // As DingTalk checks it: the timestamp within an hour, sign = base64(HMAC-SHA256(secret, ts + "\n" + secret)).
      const u = new URL(req.url ?? '', 'http://x');
      const ts = u.searchParams.get('timestamp')!;
      const expected = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64');
      const ok = u.searchParams.get('sign') === expected && Math.abs(Date.now() - Number(ts)) < 3_600_000;
      return {
        status: 200,
        body: JSON.stringify(ok ? { errcode: 0, errmsg: 'ok' } : { errcode: 310000, errmsg: 'sign not match' }),
      };
    });
    try {
      const c = config({
        dingtalk: [{ name: 'xc-office', url: `${r.url}/robot/send?access_token=abc`, secret, unitIds: ['u1'] }],
      });
      const channel = robotChannel('DINGTALK', () => c.dingtalk);
      await expect(channel.send(message, 'xc-office')).resolves.toEqual({ outcome: 'DELIVERED' });
      const body = JSON.parse(r.got[0]!.body) as {
        msgtype: string;
        markdown: { title: string; text: string };
        at: unknown;
      };
      expect(body.msgtype).toBe('markdown');
      expect(body.markdown.title).toBe(message.title);
      expect(body.markdown.text).toContain(`[在合力平台中查看](${message.link})`);
      expect(body.markdown.text).toContain('@13800000001');
      expect(body.at).toEqual({ atMobiles: ['13800000001'], isAtAll: false });
      expect(new URL(r.got[0]!.url, 'http://x').searchParams.get('access_token')).toBe('abc');

      const wrong = config({
        dingtalk: [
          { name: 'xc-office', url: `${r.url}/robot/send?access_token=abc`, secret: 'SECwrong', unitIds: ['u1'] },
        ],
      });
      await expect(robotChannel('DINGTALK', () => wrong.dingtalk).send(message, 'xc-office')).resolves.toMatchObject({
        outcome: 'PERMANENT',
      });
    } finally {
      await r.close();
    }
  });

  it('keeps the robot limit by queueing: every message goes, never more than the limit in a window', async () => {
    const r = await receiver(() => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' }));
    try {
      const c = config({
        dingtalk: [{ name: 'busy', url: `${r.url}/robot/send?access_token=t`, unitIds: ['u1'], perMinute: 3 }],
      });
      const channel = robotChannel('DINGTALK', () => c.dingtalk, { windowMs: 400 });
      const results = await Promise.all(
        Array.from({ length: 7 }, (_, i) => channel.send({ ...message, id: `d_${i}`, title: `第${i}条` }, 'busy')),
      );
      expect(results.every((x) => x.outcome === 'DELIVERED')).toBe(true);
      expect(r.got.map((g) => (JSON.parse(g.body) as { markdown: { title: string } }).markdown.title)).toEqual(
        Array.from({ length: 7 }, (_, i) => `第${i}条`),
      );
      // Any 4 consecutive posts span at least one window: never more than 3 within 400 ms.
      for (let i = 0; i + 3 < r.got.length; i++) expect(r.got[i + 3]!.at - r.got[i]!.at).toBeGreaterThanOrEqual(395);
    } finally {
      await r.close();
    }
  });

  it('errcode 130101 (sent too fast) is tried later', async () => {
    const r = await receiver(() => ({ status: 200, body: '{"errcode":130101,"errmsg":"send too fast"}' }));
    try {
      const c = config({ dingtalk: [{ name: 'r', url: `${r.url}/robot/send?access_token=t`, unitIds: ['u1'] }] });
      await expect(robotChannel('DINGTALK', () => c.dingtalk).send(message, 'r')).resolves.toMatchObject({
        outcome: 'RETRY',
      });
    } finally {
      await r.close();
    }
  });
});

describe('WeCom group robot', () => {
  it('posts the markdown message WeCom publishes to the robot key; a bad key is permanent, the limit later', async () => {
    const r = await receiver((req) => {
      const key = new URL(req.url ?? '', 'http://x').searchParams.get('key');
      if (key === 'busy') return { status: 200, body: '{"errcode":45009,"errmsg":"api freq out of limit"}' };
      return {
        status: 200,
        body: key === 'good' ? '{"errcode":0,"errmsg":"ok"}' : '{"errcode":93000,"errmsg":"invalid webhook url"}',
      };
    });
    try {
      const c = config({
        wecom: [
          { name: 'good', url: `${r.url}/cgi-bin/webhook/send?key=good`, unitIds: ['u1'] },
          { name: 'bad', url: `${r.url}/cgi-bin/webhook/send?key=bad`, unitIds: ['u1'] },
          { name: 'busy', url: `${r.url}/cgi-bin/webhook/send?key=busy`, unitIds: ['u1'] },
        ],
      });
      const channel = robotChannel('WECOM', () => c.wecom);
      await expect(channel.send(message, 'good')).resolves.toEqual({ outcome: 'DELIVERED' });
      const body = JSON.parse(r.got[0]!.body) as { msgtype: string; markdown: { content: string } };
      expect(body.msgtype).toBe('markdown');
      expect(body.markdown.content).toContain(`#### ${message.title}`);
      expect(body.markdown.content).toContain(message.link);
      expect(r.got[0]!.headers['content-type']).toMatch(/application\/json/);
      await expect(channel.send(message, 'bad')).resolves.toMatchObject({ outcome: 'PERMANENT' });
      await expect(channel.send(message, 'busy')).resolves.toMatchObject({ outcome: 'RETRY' });
      await expect(channel.send(message, 'missing')).resolves.toMatchObject({ outcome: 'PERMANENT' });
    } finally {
      await r.close();
    }
  });
});

describe('SMS through the reference HTTP gateway', () => {
  it('posts a signed request with a short text that carries no more than the title', async () => {
    const key = 'gateway-key-1';
    const r = await receiver((req, body) => {
      const ts = String(req.headers['x-sms-timestamp']);
      const nonce = String(req.headers['x-sms-nonce']);
      const expected = createHmac('sha256', key).update(`${ts}\n${nonce}\n${body}`).digest('hex');
      const ok = req.headers['x-sms-key-id'] === 'heli' && req.headers['x-sms-signature'] === expected;
      return ok ? { status: 200, body: '{"ok":true}' } : { status: 401, body: '{"error":"signature"}' };
    });
    try {
      const c = config({ sms: { url: `${r.url}/sms`, keyId: 'heli', key } });
      const channel = smsChannel(
        () => c.sms,
        httpSmsGateway(() => c.sms),
      );
      const long = { ...message, title: '督办提醒：'.padEnd(120, '长') };
      await expect(channel.send(long, '13800000001')).resolves.toEqual({ outcome: 'DELIVERED' });
      const sent = JSON.parse(r.got[0]!.body) as { id: string; mobile: string; text: string };
      expect(sent.mobile).toBe('13800000001');
      expect(sent.id).toBe('d_test1');
      expect([...sent.text].length).toBeLessThanOrEqual(70);
      expect(sent.text.startsWith('【合力监督】督办提醒：')).toBe(true);
      expect(sent.text.endsWith('请登录合力平台查看。')).toBe(true);
      expect(sent.text).not.toContain('整改落实'); // the body stays in Heli

      const wrong = config({ sms: { url: `${r.url}/sms`, keyId: 'heli', key: 'other' } });
      await expect(
        smsChannel(
          () => wrong.sms,
          httpSmsGateway(() => wrong.sms),
        ).send(message, '1'),
      ).resolves.toMatchObject({
        outcome: 'PERMANENT',
      });
    } finally {
      await r.close();
    }
  });
});

describe('the channels file', () => {
  it('names every problem at once, and no secret appears in logs or JSON', () => {
    expect(() =>
      parseNoticeChannels(JSON.stringify({ baseUrl: 'ftp://x', email: { host: '' }, sms: { url: 'x' }, extra: 1 })),
    ).toThrow(/baseUrl.*email\.host.*email\.from.*sms\.url.*sms\.keyId/s);
    const c = config({ sms: { url: 'https://sms.example.gov.cn/send', keyId: 'k', key: 'top-secret-key' } });
    expect(JSON.stringify(c)).not.toContain('top-secret-key');
    expect(inspect(c, { depth: 10 })).not.toContain('top-secret-key');
    expect(c.sms!.key.reveal()).toBe('top-secret-key');
  });

  it('takes secrets from the environment or a file, read again when they change; the file is re-read when edited', () => {
    const dir = mkdtempSync(join(tmpdir(), 'heli-channels-'));
    const keyFile = join(dir, 'sms.key');
    writeFileSync(keyFile, 'key-one\n');
    process.env.HELI_TEST_SMTP_PASSWORD = 'env-pass';
    const file = join(dir, 'channels.json');
    const write = (keyId: string, at: number) => {
      writeFileSync(
        file,
        JSON.stringify({
          baseUrl: 'https://heli.example.gov.cn',
          email: {
            host: 'smtp.example.gov.cn',
            from: 'heli@example.gov.cn',
            user: 'u',
            password: { env: 'HELI_TEST_SMTP_PASSWORD' },
          },
          sms: { url: 'https://sms.example.gov.cn/send', keyId, key: { file: keyFile } },
        }),
      );
      utimesSync(file, at, at);
    };
    write('first', 1_000);
    const watched = watchNoticeChannels(file);
    expect(watched.current().email!.password!.reveal()).toBe('env-pass');
    expect(watched.current().sms!.key.reveal()).toBe('key-one');
    writeFileSync(keyFile, 'key-two\n');
    expect(watched.current().sms!.key.reveal()).toBe('key-two');
    write('second', 2_000);
    expect(watched.current().sms!.keyId).toBe('second');
    writeFileSync(file, '{ not json');
    utimesSync(file, 3_000, 3_000);
    expect(watched.current().sms!.keyId).toBe('second');
    expect(watched.problem()).toMatch(/not JSON/);
    expect(() => config({ email: { host: 'h', from: 'f@x', password: { env: 'HELI_TEST_UNSET_VARIABLE' } } })).toThrow(
      /HELI_TEST_UNSET_VARIABLE is not set/,
    );
  });
});

describe("the README's sample channels file", () => {
  it('is a file the schema takes', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Notices by e-mail, group robot and SMS'));
    const sample = /```json\n([\s\S]*?)```/.exec(section)![1]!;
    Object.assign(process.env, { HELI_SMTP_PASSWORD: 'p', HELI_DINGTALK_DONGGUAN: 'SECx', HELI_SMS_KEY: 'k' });
    const c = parseNoticeChannels(sample);
    expect(c.dingtalk[0]!.unitIds).toEqual(['town-dongguan']);
    expect(c.unreadL1BySmsAfterWorkingHours).toBe(4);
  });
});

describe('the robot rate limit', () => {
  it('lets `limit` through per window and queues the rest in order', async () => {
    let t = 0;
    const limiter = new SlidingWindowLimiter(2, 1_000, () => t);
    await limiter.take();
    await limiter.take();
    expect(limiter.delay()).toBe(1_000);
    t = 1_000;
    expect(limiter.delay()).toBe(0);
  });
});

describe('working hours for the unread-L1 SMS', () => {
  // 2026-10-01..07 is the National Day holiday; 2026-10-10 (Saturday) a working day in this table.
  const cal = {
    years: new Set([2026]),
    overrides: new Map<string, 'HOLIDAY' | 'WORKDAY'>([
      ...['01', '02', '03', '04', '05', '06', '07'].map((d) => [`2026-10-${d}`, 'HOLIDAY'] as const),
      ['2026-10-10', 'WORKDAY'] as const,
    ]),
  };
  const at = (local: string) => new Date(`${local}+08:00`);

  it('counts office hours of working days only', () => {
    // Thursday 15:00 + 4 h: 2 h on Thursday, 2 h on Friday morning.
    expect(addWorkingHours(cal, at('2026-09-24T15:00:00'), 4)).toEqual(at('2026-09-25T11:00:00'));
    // Friday evening: Monday 13:00.
    expect(addWorkingHours(cal, at('2026-09-25T20:00:00'), 4)).toEqual(at('2026-09-28T13:00:00'));
    // Before the holiday: on past the whole week, to the working Thursday after it.
    expect(addWorkingHours(cal, at('2026-09-30T16:00:00'), 2)).toEqual(at('2026-10-08T10:00:00'));
    // An adjusted working Saturday counts.
    expect(addWorkingHours(cal, at('2026-10-09T16:00:00'), 2)).toEqual(at('2026-10-10T10:00:00'));
  });
});
