import { readFileSync, statSync } from 'node:fs';
import { inspect } from 'node:util';
import { z } from 'zod';

/** The channels a notice may take besides the inbox (and the units' webhooks, which stay as they are). */
export const NOTICE_CHANNELS = ['EMAIL', 'SMS', 'DINGTALK', 'WECOM'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

/**
 * A secret (SMTP password, robot secret, gateway key): never printed, logged or serialised. It is read when it is
 * used, so a rotated secret (a new value in its file, or a re-read channels file) takes effect without a restart.
 */
export class Secret {
  readonly #read: () => string;
  constructor(read: () => string) {
    this.#read = read;
  }
  /** The secret's value now. */
  reveal(): string {
    return this.#read();
  }
  toString(): string {
    return '[secret]';
  }
  toJSON(): string {
    return '[secret]';
  }
  [inspect.custom](): string {
    return '[secret]';
  }
}

/** A secret is given inline (the channels file is itself kept like a secret), by environment variable or by file. */
const secret = z
  .union([
    z.string().min(1),
    z.object({ env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/) }).strict(),
    z.object({ file: z.string().min(1) }).strict(),
  ])
  .transform((s, ctx) => {
    if (typeof s === 'string') return new Secret(() => s);
    if ('env' in s) {
      if (!process.env[s.env]) ctx.addIssue({ code: 'custom', message: `environment variable ${s.env} is not set` });
      return new Secret(() => process.env[s.env] ?? '');
    }
    try {
      readFileSync(s.file);
    } catch {
      ctx.addIssue({ code: 'custom', message: `${s.file} is not a readable file` });
    }
    return new Secret(() => readFileSync(s.file, 'utf8').trim());
  });

const httpUrl = z.url({ protocol: /^https?$/ });
const robotName = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/);
/** A platform's published limit: 20 messages a minute per robot (DingTalk and WeCom alike). */
const perMinute = z.number().int().min(1).max(600).default(20);

const emailSchema = z
  .object({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(587),
    /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
    secure: z.boolean().default(false),
    /** Refuse to send unless the server upgrades with STARTTLS. */
    requireTLS: z.boolean().default(false),
    user: z.string().min(1).optional(),
    password: secret.optional(),
    from: z.string().min(3),
    /** Accept a server certificate that does not verify (a test server only). */
    allowUnverifiedCertificate: z.boolean().default(false),
  })
  .strict();

const robotSchema = z
  .object({
    name: robotName,
    /** The robot's webhook, with its access_token (DingTalk) or key (WeCom). */
    url: httpUrl,
    /** DingTalk's 加签 secret (SEC…): every post is signed with it. */
    secret: secret.optional(),
    /** The units whose people this robot's group reaches. */
    unitIds: z.array(z.string().min(1)).min(1),
    perMinute,
  })
  .strict();

const smsSchema = z
  .object({
    url: httpUrl,
    keyId: z.string().min(1),
    key: secret,
    /** The signature (签名) the carrier shows, e.g. 【合力监督】. */
    signName: z.string().min(1).max(20).default('【合力监督】'),
    /** One SMS: 70 characters in Chinese (UCS-2), signature included. */
    maxLength: z.number().int().min(20).max(500).default(70),
  })
  .strict();

export const noticeChannelsSchema = z
  .object({
    /** The workspace's address as people open it: links in notices go there. */
    baseUrl: httpUrl,
    email: emailSchema.optional(),
    dingtalk: z.array(robotSchema).default([]),
    wecom: z.array(robotSchema).default([]),
    sms: smsSchema.optional(),
    /** Low-priority kinds gathered into one message a day per person and channel, sent at `at` (local time). */
    digest: z
      .object({
        kinds: z.array(z.string().min(1)).min(1),
        at: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'expected a time HH:MM'),
      })
      .strict()
      .optional(),
    /** An L1 notice (逾期催办) still unread after this many working hours is sent again by SMS; absent: never. */
    unreadL1BySmsAfterWorkingHours: z.number().int().min(1).max(200).optional(),
    /**
     * Which channels a notice of each kind takes by default (`default` for kinds not named), besides the inbox.
     * A channel without its settings above is skipped.
     */
    policy: z
      .object({ default: z.array(z.enum(NOTICE_CHANNELS)).default([]) })
      .catchall(z.array(z.enum(NOTICE_CHANNELS)))
      .default({ default: [] }),
  })
  .strict()
  .superRefine((c, ctx) => {
    const names = [...c.dingtalk, ...c.wecom].map((r) => r.name);
    for (const n of names.filter((n, i) => names.indexOf(n) !== i)) {
      ctx.addIssue({ code: 'custom', path: ['dingtalk'], message: `robot ${n} is named twice` });
    }
  });

export type NoticeChannelsConfig = z.output<typeof noticeChannelsSchema>;
export type RobotConfig = z.output<typeof robotSchema>;
export type EmailConfig = z.output<typeof emailSchema>;
export type SmsConfig = z.output<typeof smsSchema>;

/** Parses a channels file's text (JSON); throws naming every problem, never a secret's value. */
export function parseNoticeChannels(text: string, source = 'channels file'): NoticeChannelsConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`${source}: not JSON (${(err as Error).message})`);
  }
  const parsed = noticeChannelsSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new Error(`${source}: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/**
 * The channels file (NOTICE_CHANNELS_FILE), read again whenever it changes, so settings and secrets rotate without
 * a restart. A changed file that does not parse keeps the last good settings (and `problem` says why).
 */
export function watchNoticeChannels(file: string): {
  current(): NoticeChannelsConfig;
  problem(): string | undefined;
} {
  let stamp = '';
  let config: NoticeChannelsConfig | undefined;
  let problem: string | undefined;
  const refresh = () => {
    const st = statSync(file);
    const now = `${st.mtimeMs}:${st.size}:${st.ino}`;
    if (now === stamp) return;
    try {
      config = parseNoticeChannels(readFileSync(file, 'utf8'), file);
      problem = undefined;
    } catch (err) {
      if (!config) throw err;
      problem = (err as Error).message;
    }
    stamp = now;
  };
  refresh();
  return {
    current() {
      try {
        refresh();
      } catch (err) {
        problem = (err as Error).message;
      }
      return config!;
    },
    problem: () => problem,
  };
}
