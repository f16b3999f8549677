import type { Client } from '@temporalio/client';
import type { WebhookTargetOptions } from '../activities/webhook-target';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { AccountabilityConfig } from '../config/accountability';
import type { HeliMetrics } from '../config/heli-metrics';
import type { TaskPolicies } from '../config/task-policy';
import type { Files } from '../activities/files/config';
import type { IdentityResolver } from './identity';

export interface HealthReport {
  ok: boolean;
  temporal: { ok: boolean; detail?: string };
  database: { ok: boolean; detail?: string };
  worker: { ok: boolean; state: string };
}

/** What the HTTP API needs; `createApp` takes it whole, tests pass their own. */
export interface AppDeps {
  db: Pool;
  temporal: Client;
  taskQueue: string;
  identity: IdentityResolver;
  log: Logger;
  /** The worker's state, when a worker runs in this process ('RUNNING', 'DRAINING', ...). */
  workerState: () => string | undefined;
  version: string;
  /** Task types and their supervision policies (config/task-policies.yaml). */
  taskPolicies: TaskPolicies;
  /** The accountability policy (config/accountability.yaml); when absent, that file is read on first use. */
  accountability?: AccountabilityConfig;
  /** Requests a minute per token, counted in `db` across every API process (429 beyond). */
  rateLimitPerMinute: number;
  /** The process's metrics, served at `/metrics`; when absent, the app keeps its own. */
  metrics?: HeliMetrics;
  /** A /v1 request still running after this many seconds is answered 503 (default 8). */
  requestDeadlineSeconds?: number;
  /** How many tasks one bulk request may take (TASK_BULK_LIMIT; default 500): beyond, 422. */
  bulkLimit?: number;
  /** When set, `/metrics` answers only `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** Where unit webhooks may point (WEBHOOK_ALLOWED_RANGES); absent: public addresses only. */
  webhookTargets?: WebhookTargetOptions;
  /**
   * Reverse proxies whose X-Forwarded-* headers are believed (TRUST_PROXY: addresses, CIDRs, `loopback`, ...):
   * behind a proxy that ends TLS, the session cookie is Secure only when the proxy's X-Forwarded-Proto is.
   */
  trustProxy?: string[];
  /** The attachments' store and limits (FILE_STORE, FILE_MAX_BYTES, FILE_MAX_PER_STEP); absent: no uploads (503). */
  files?: Files;
}
