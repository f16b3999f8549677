import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startStack, type Stack, type StackOptions } from '../../cli/stack';
import { loadConfig } from '../../config';
import { issueToken } from '../../db/queries/tokens';
import { createTestDatabase, type TestDatabase } from './database';
import { findFreePort as freePort } from '../../config/processes';
import { apiClient } from './http';
import { LOOPBACK_RANGES, localResolver } from './webhook-receiver';

export interface TestStack {
  stack: Stack;
  db: TestDatabase;
  /** An API client with a fresh token of this person of the example organisation. */
  as(personId: string): Promise<ReturnType<typeof apiClient>>;
  anonymous: ReturnType<typeof apiClient>;
  /** The task queue this stack's worker polls (a CLI run against the stack must use it). */
  taskQueue: string;
  stop(): Promise<void>;
}

/**
 * The whole stack as `heli start` runs it, on a dev server and a fresh database, the API on a free port. Webhooks
 * may reach the tests' loopback receivers, and host names resolve without the network (`localResolver`).
 */
export async function startTestStack(
  env: Record<string, string> = {},
  options: StackOptions = { resolveHost: localResolver() },
): Promise<TestStack> {
  const db = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'heli-stack-'));
  const configure = async () =>
    loadConfig({
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      PORT: '0',
      TEMPORAL_DEV_PORT: String(await freePort()),
      TEMPORAL_UI_PORT: String(await freePort()),
      TEMPORAL_TASK_QUEUE: `test-${process.pid}-${Date.now()}`,
      WORKFLOW_BUNDLE: path.join(dataDir, 'no-bundle.js'),
      WEBHOOK_ALLOWED_RANGES: LOOPBACK_RANGES,
      ...env,
    });
  let config = await configure();
  let stack: Stack;
  // A port free when drawn can be taken by another process before the dev server binds it (the draw cannot hold
  // it for a binary we start): then, and only then, the stack starts again on fresh ports.
  for (let attempt = 1; ; attempt++) {
    try {
      stack = await startStack(config, pino({ level: 'silent' }), 'test', options);
      break;
    } catch (err) {
      if (attempt >= 3 || !/address already in use/.test((err as Error).message)) throw err;
      config = await configure();
    }
  }
  return {
    stack,
    db,
    as: async (personId) => apiClient(stack.apiUrl, (await issueToken(db.pool, personId)).token),
    anonymous: apiClient(stack.apiUrl),
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    async stop() {
      await stack.stop();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
