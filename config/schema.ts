import { z } from 'zod';
import { parseAddressRange } from './address-ranges';

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
    description: 'PostgreSQL connection URL; unset starts the embedded PostgreSQL.',
  },
  EMBEDDED_PG_PORT: { schema: port.default(54329), description: 'Port of the embedded PostgreSQL.' },
  TEMPORAL_ADDRESS: {
    schema: optionalText,
    description: 'host:port of an external Temporal frontend (cluster or Cloud); unset starts the dev server.',
  },
  TEMPORAL_NAMESPACE: { schema: z.string().min(1).default('default'), description: 'Temporal namespace.' },
  TEMPORAL_TASK_QUEUE: { schema: z.string().min(1).default('heli'), description: 'Task queue of the worker.' },
  TEMPORAL_API_KEY: { schema: optionalText, description: 'API key for Temporal Cloud (implies TLS).' },
  TEMPORAL_TLS: { schema: bool.default(false), description: 'Connect to Temporal over TLS.' },
  TEMPORAL_TLS_CERT_PATH: { schema: optionalText, description: 'Client certificate (PEM) for mTLS.' },
  TEMPORAL_TLS_KEY_PATH: { schema: optionalText, description: 'Client private key (PEM) for mTLS.' },
  TEMPORAL_TLS_CA_PATH: { schema: optionalText, description: 'CA bundle (PEM) for the server certificate.' },
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
  WEBHOOK_ALLOWED_RANGES: {
    schema: addressRanges,
    description: 'Non-public CIDRs (comma-separated) that unit webhooks may reach, e.g. `10.8.0.0/16`; unset: none.',
  },
  WORKER_MAX_CACHED_WORKFLOWS: {
    schema: z.coerce.number().int().min(0).max(100_000).default(200),
    description: 'Workflows the worker keeps in memory between their steps; others are replayed when they wake.',
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
  });

export type Config = z.output<typeof configSchema>;
