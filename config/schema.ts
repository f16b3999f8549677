import { accessSync, constants, statSync } from 'node:fs';
import { z } from 'zod';
import { parseAddressRange } from './address-ranges';
import { DATABASE_SSL_MODES, URL_SSL_MODES, urlSslSettings } from './database-connection';

const port = z.coerce.number().int().min(0).max(65535);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

/** A list of CIDRs or addresses, separated by commas or spaces; every one must parse. */
const addressRanges = optionalText.transform((v, ctx) => {
  const ranges = (v ?? '').split(/[\s,]+/).filter((r) => r !== '');
  for (const r of ranges.filter((r) => parseAddressRange(r) === undefined)) {
    ctx.addIssue({ code: 'custom', message: `${r} is not an IP address or CIDR range (e.g. 10.8.0.0/16, fd00::/8)` });
  }
  return ranges;
});

/** TRUST_PROXY: what express's `trust proxy` takes as a list, every entry checked here rather than at the first request. */
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const proxyRanges = optionalText.transform((v, ctx) => {
  const entries = (v ?? '').split(/[\s,]+/).filter((r) => r !== '');
  for (const r of entries.filter((r) => !PROXY_NAMES.includes(r) && parseAddressRange(r) === undefined)) {
    ctx.addIssue({
      code: 'custom',
      message: `${r} is not an IP address, a CIDR range or one of ${PROXY_NAMES.join(', ')}`,
    });
  }
  return entries;
});

/** A PEM file Heli reads when it connects: it must be there and readable at start, not at the first connection. */
const readableFile = optionalText.superRefine((file, ctx) => {
  if (file !== undefined && !readable(file))
    ctx.addIssue({ code: 'custom', message: `${file} is not a readable file` });
});

/**
 * A Temporal task queue or namespace name as the server takes it: no blanks or control characters (a stray space
 * in an environment file would otherwise make a worker poll a queue nobody starts work on), at most 1000
 * characters (Temporal's default limit on ids), and for a task queue not Temporal's reserved `/_sys/` prefix.
 */
const temporalName = (what: string, fallback: string) =>
  z
    .string()
    .default(fallback)
    .superRefine((name, ctx) => {
      if (name.length === 0 || name.length > 1000) {
        ctx.addIssue({ code: 'custom', message: `a ${what} name has 1 to 1000 characters` });
      } else if (/[\s\p{Cc}]/u.test(name)) {
        ctx.addIssue({
          code: 'custom',
          message: `${JSON.stringify(name)}: a ${what} name has no blanks or control characters`,
        });
      } else if (name.startsWith('/_sys/')) {
        ctx.addIssue({ code: 'custom', message: `${name}: /_sys/ is reserved by Temporal` });
      }
    });

/** host:port, as the Temporal SDK takes it (no scheme: TLS is TEMPORAL_TLS, not https://). */
const hostPort = optionalText.superRefine((address, ctx) => {
  if (address === undefined) return;
  const match = /^(\[[0-9a-fA-F:.]+\]|[^\s:/[\]]+):(\d{1,5})$/.exec(address);
  if (!match || Number(match[2]) > 65535) {
    ctx.addIssue({
      code: 'custom',
      message: `${address} is not host:port (e.g. temporal.internal:7233, or <namespace>.<account>.tmprl.cloud:7233)`,
    });
  }
});

/**
 * Every environment variable Heli reads: its parser, default and a one-line description.
 * The README's configuration table is generated from this list (`npx heli config`).
 */
export const configKeys = {
  PORT: { schema: port.default(3000), description: 'HTTP port of the API (0 picks a free one).' },
  HOST: { schema: z.string().min(1).default('127.0.0.1'), description: 'Interface the API listens on.' },
  LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    description: 'Log level of the structured (pino) logs.',
  },
  DATA_DIR: {
    schema: z.string().min(1).default('data'),
    description: 'Where the embedded servers keep their files (relative to the project).',
  },
  DATABASE_URL: {
    schema: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
    description:
      'PostgreSQL connection URL; unset starts the embedded PostgreSQL. Its `sslmode` (and `sslrootcert`, `sslcert`, ' +
      '`sslkey`) are honoured as node-postgres reads them; or use the DATABASE_SSL variables.',
  },
  DATABASE_POOL_MAX: {
    schema: z.coerce.number().int().min(1).max(1000).default(10),
    description:
      'Connections each Heli process keeps at most (one pool per process): N processes need N × this on the server.',
  },
  DATABASE_SSL: {
    schema: optionalText.pipe(z.enum(DATABASE_SSL_MODES).optional()),
    description:
      'TLS to DATABASE_URL: `disable`, `require` (encrypted, certificate not checked), `verify-ca` (signed by ' +
      'DATABASE_SSL_CA_PATH; `require` with a CA checks it too), `verify-full` (also the host name; system CAs unless ' +
      'DATABASE_SSL_CA_PATH); unset: as the URL says.',
  },
  DATABASE_SSL_CA_PATH: { schema: readableFile, description: 'CA bundle (PEM) for the database server certificate.' },
  DATABASE_SSL_CERT_PATH: {
    schema: readableFile,
    description: 'Client certificate (PEM) for the database, with its key.',
  },
  DATABASE_SSL_KEY_PATH: { schema: readableFile, description: 'Client private key (PEM) for the database.' },
  EMBEDDED_PG_PORT: { schema: port.default(54329), description: 'Port of the embedded PostgreSQL.' },
  TEMPORAL_ADDRESS: {
    schema: hostPort,
    description: 'host:port of an external Temporal frontend (cluster or Cloud); unset starts the dev server.',
  },
  TEMPORAL_NAMESPACE: { schema: temporalName('namespace', 'default'), description: 'Temporal namespace.' },
  TEMPORAL_TASK_QUEUE: {
    schema: temporalName('task queue', 'heli'),
    description: 'Task queue the API starts workflows on and the workers poll: the same in every process.',
  },
  TEMPORAL_API_KEY: { schema: optionalText, description: 'API key for Temporal Cloud (implies TLS).' },
  TEMPORAL_TLS: { schema: bool.default(false), description: 'Connect to Temporal over TLS.' },
  TEMPORAL_TLS_CERT_PATH: { schema: readableFile, description: 'Client certificate (PEM) for mTLS.' },
  TEMPORAL_TLS_KEY_PATH: { schema: readableFile, description: 'Client private key (PEM) for mTLS.' },
  TEMPORAL_TLS_CA_PATH: { schema: readableFile, description: 'CA bundle (PEM) for the server certificate.' },
  TEMPORAL_TLS_SERVER_NAME: { schema: optionalText, description: 'Server name to verify (SNI override).' },
  TEMPORAL_DEV_PORT: { schema: port.default(7233), description: 'Frontend port of the embedded dev server.' },
  TEMPORAL_UI_PORT: { schema: port.default(8233), description: 'Web UI port of the embedded dev server.' },
  TEMPORAL_CLI_PATH: { schema: optionalText, description: 'Temporal CLI binary; default PATH, then .venv.' },
  TEMPORAL_TEST_SERVER_PATH: {
    schema: optionalText,
    description: 'Time-skipping test server binary (tests only); default PATH, then .venv.',
  },
  ORG_FILE: {
    schema: z.string().default('examples/organisation.yaml'),
    description: 'Organisation file loaded at start-up; empty to skip.',
  },
  TASK_POLICY_FILE: {
    schema: z.string().min(1).default('config/task-policies.yaml'),
    description: 'Task types and their supervision policies (reminders, escalation offsets, extension decider).',
  },
  WORKFLOW_BUNDLE: {
    schema: z.string().default('dist/workflow-bundle.js'),
    description: 'Prebuilt workflow bundle; bundled at start-up when the file is missing.',
  },
  RATE_LIMIT_PER_MINUTE: {
    schema: z.coerce.number().int().min(1).max(1_000_000).default(600),
    description: 'Requests a minute allowed per API token, counted across all API processes; 429 beyond.',
  },
  TASK_BULK_LIMIT: {
    schema: z.coerce.number().int().min(1).max(10_000).default(500),
    description: 'How many tasks one bulk action (`POST /v1/tasks/bulk`) may take, by ids or by filter; 422 beyond.',
  },
  METRICS_PORT: {
    schema: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), port.optional()),
    description: 'Also serve /metrics on this port of HOST (a worker without the API); unset: only the API serves it.',
  },
  METRICS_TOKEN: {
    schema: optionalText,
    description: 'When set, /metrics answers only `Authorization: Bearer <token>`; unset: open to whoever reaches it.',
  },
  REQUEST_DEADLINE_SECONDS: {
    schema: z.coerce.number().int().min(1).max(600).default(8),
    description: 'A /v1 request not answered by then gets 503 problem+json (Temporal or PostgreSQL down).',
  },
  SHUTDOWN_GRACE_SECONDS: {
    schema: z.coerce.number().int().min(1).max(3600).default(30),
    description: 'How long the worker may drain running activities on shutdown.',
  },
  TRUST_PROXY: {
    schema: proxyRanges,
    description:
      'Reverse proxies (CIDRs, addresses, or `loopback`, `linklocal`, `uniquelocal`) whose X-Forwarded-For/-Proto the API ' +
      'believes: behind a proxy that ends TLS the session cookie is then Secure; unset: none.',
  },
  WEBHOOK_ALLOWED_RANGES: {
    schema: addressRanges,
    description: 'Non-public CIDRs (comma-separated) that unit webhooks may reach, e.g. `10.8.0.0/16`; unset: none.',
  },
  WORKER_MAX_CACHED_WORKFLOWS: {
    schema: z.coerce.number().int().min(0).max(100_000).default(200),
    description: 'Workflows the worker keeps in memory between their steps; others are replayed when they wake.',
  },
  FILE_STORE: {
    schema: z.enum(['dir', 's3']).default('dir'),
    description:
      'Where attachments (佐证材料) are kept: `dir` (FILE_DIR) or `s3` (an S3-compatible object store, S3_*).',
  },
  FILE_DIR: {
    schema: optionalText,
    description: 'The attachments directory of FILE_STORE=dir (relative to the project); unset: `files` in DATA_DIR.',
  },
  FILE_MAX_BYTES: {
    schema: z.coerce
      .number()
      .int()
      .min(1)
      .default(20 * 1024 * 1024),
    description: 'Largest attachment in bytes (default 20 MB): a larger upload is refused with 413.',
  },
  FILE_MAX_PER_STEP: {
    schema: z.coerce.number().int().min(1).max(1000).default(10),
    description: "Most attachments one object takes for one purpose (e.g. a task's progress reports; default 10).",
  },
  S3_ENDPOINT: {
    schema: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    description: 'Endpoint of the S3-compatible store (e.g. `https://oss-cn-hangzhou.aliyuncs.com`); unset: AWS.',
  },
  S3_BUCKET: { schema: optionalText, description: 'Bucket of FILE_STORE=s3.' },
  S3_REGION: { schema: z.string().min(1).default('us-east-1'), description: 'Region of the S3 store.' },
  S3_ACCESS_KEY_ID: { schema: optionalText, description: 'Access key id of the S3 store (never logged).' },
  S3_SECRET_ACCESS_KEY: { schema: optionalText, description: 'Secret key of the S3 store (never logged).' },
  S3_CREDENTIALS_FILE: {
    schema: readableFile,
    description: 'A file with `S3_ACCESS_KEY_ID=` and `S3_SECRET_ACCESS_KEY=` lines, instead of the two variables.',
  },
  S3_FORCE_PATH_STYLE: {
    schema: bool.default(true),
    description: 'Address the bucket in the path (MinIO, moto, most self-hosted stores), not as a host name.',
  },
  NOTICE_CHANNELS_FILE: {
    schema: readableFile,
    description:
      'The notice channels file (JSON: e-mail, DingTalk/WeCom robots, SMS gateway, which notices take which channel; ' +
      'README "Notifications"), re-read when it changes; unset: the inbox and unit webhooks only.',
  },
} as const;

type Keys = typeof configKeys;

export const configSchema = z
  .object(
    Object.fromEntries(Object.entries(configKeys).map(([k, v]) => [k, v.schema])) as {
      [K in keyof Keys]: Keys[K]['schema'];
    },
  )
  .superRefine((c, ctx) => {
    if ((c.TEMPORAL_TLS_CERT_PATH === undefined) !== (c.TEMPORAL_TLS_KEY_PATH === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [c.TEMPORAL_TLS_CERT_PATH ? 'TEMPORAL_TLS_KEY_PATH' : 'TEMPORAL_TLS_CERT_PATH'],
        message: 'mTLS needs both TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH',
      });
    }
    for (const issue of databaseTlsProblems(c)) ctx.addIssue({ code: 'custom', ...issue });
    if (c.FILE_STORE === 's3' && c.S3_BUCKET === undefined) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'FILE_STORE=s3 needs the bucket' });
    }
  });

/** TLS to PostgreSQL is set in one place, and every setting has what it needs. */
function databaseTlsProblems(c: {
  DATABASE_URL?: string;
  DATABASE_SSL?: (typeof DATABASE_SSL_MODES)[number];
  DATABASE_SSL_CA_PATH?: string;
  DATABASE_SSL_CERT_PATH?: string;
  DATABASE_SSL_KEY_PATH?: string;
}): { path: string[]; message: string }[] {
  const problems: { path: string[]; message: string }[] = [];
  const set = (
    ['DATABASE_SSL', 'DATABASE_SSL_CA_PATH', 'DATABASE_SSL_CERT_PATH', 'DATABASE_SSL_KEY_PATH'] as const
  ).filter((k) => c[k] !== undefined);
  if (c.DATABASE_URL === undefined) {
    for (const k of set)
      problems.push({
        path: [k],
        message: 'applies to DATABASE_URL only (the embedded PostgreSQL is local, without TLS)',
      });
    return problems;
  }
  const inUrl = urlSslSettings(c.DATABASE_URL);
  if (inUrl.sslmode !== undefined && !URL_SSL_MODES.includes(inUrl.sslmode)) {
    problems.push({
      path: ['DATABASE_URL'],
      message: `sslmode=${inUrl.sslmode} is not one of ${URL_SSL_MODES.join(', ')}`,
    });
  }
  if (set.length > 0 && inUrl.params.length > 0) {
    problems.push({
      path: ['DATABASE_URL'],
      message: `sets TLS itself (${inUrl.params.join(', ')}): drop that from the URL or drop ${set.join(', ')}, not both`,
    });
  }
  for (const file of inUrl.files.filter((f) => !readable(f.path))) {
    problems.push({ path: ['DATABASE_URL'], message: `${file.param}=${file.path} is not a readable file` });
  }
  const tls = c.DATABASE_SSL !== undefined && c.DATABASE_SSL !== 'disable';
  if (c.DATABASE_SSL === 'verify-ca' && c.DATABASE_SSL_CA_PATH === undefined) {
    problems.push({
      path: ['DATABASE_SSL_CA_PATH'],
      message: 'DATABASE_SSL=verify-ca needs the CA that signed the server certificate',
    });
  }
  for (const k of set.filter((k) => k !== 'DATABASE_SSL' && !tls)) {
    problems.push({ path: [k], message: 'needs DATABASE_SSL=require, verify-ca or verify-full' });
  }
  if ((c.DATABASE_SSL_CERT_PATH === undefined) !== (c.DATABASE_SSL_KEY_PATH === undefined)) {
    problems.push({
      path: [c.DATABASE_SSL_CERT_PATH ? 'DATABASE_SSL_KEY_PATH' : 'DATABASE_SSL_CERT_PATH'],
      message: 'a client certificate needs both DATABASE_SSL_CERT_PATH and DATABASE_SSL_KEY_PATH',
    });
  }
  return problems;
}

function readable(file: string): boolean {
  try {
    accessSync(file, constants.R_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export type Config = z.output<typeof configSchema>;
