import type { Client } from '@temporalio/client';
import { Pool } from 'pg';
import pino from 'pino';
import { createApp } from '../../api/app';
import type { AppDeps } from '../../api/deps';
import { findFreePort as freePort } from '../../config/processes';
import { apiClient } from '../support/http';

/** A Temporal client whose frontend answers, or fails, as the test says. */
const temporalThat = (answers: boolean) =>
  ({
    workflowService: {
      getSystemInfo: async () => {
        if (!answers) throw new Error('14 UNAVAILABLE: connection refused');
        return {};
      },
    },
  }) as unknown as Client;

async function serve(deps: Partial<AppDeps>) {
  const app = createApp({
    db: new Pool({ host: '127.0.0.1', port: await freePort(), connectionTimeoutMillis: 500 }),
    temporal: temporalThat(true),
    taskQueue: 'health-test',
    identity: { resolve: async () => undefined },
    log: pino({ level: 'silent' }),
    workerState: () => 'RUNNING',
    version: 'test',
    rateLimitPerMinute: 600,
    taskPolicies: new Map(),
    ...deps,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as { port: number };
  return { call: apiClient(`http://127.0.0.1:${port}`), close: () => new Promise((r) => server.close(r)) };
}

describe('GET /healthz', () => {
  it('answers 503 naming the database when PostgreSQL is down', async () => {
    const { call, close } = await serve({});
    try {
      const res = await call('GET', '/healthz');

      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ ok: false, database: { ok: false }, temporal: { ok: true } });
    } finally {
      await close();
    }
  });

  it('answers 503 naming Temporal and the worker when they are down', async () => {
    const { call, close } = await serve({ temporal: temporalThat(false), workerState: () => 'FAILED' });
    try {
      const res = await call('GET', '/healthz');

      expect(res.status).toBe(503);
      expect(res.body.temporal).toMatchObject({ ok: false, detail: expect.stringContaining('UNAVAILABLE') });
      expect(res.body.worker).toEqual({ ok: false, state: 'FAILED' });
    } finally {
      await close();
    }
  });

  it('answers an unknown path with problem+json 404', async () => {
    const { call, close } = await serve({});
    try {
      const res = await call('GET', '/nowhere');

      expect(res.status).toBe(404);
      expect(res.type).toContain('application/problem+json');
    } finally {
      await close();
    }
  });

  it('answers 503, not 500, when the database is down during a /v1 call', async () => {
    const { call, close } = await serve({
      identity: {
        resolve: async () => ({ personId: 'p', orgId: 'o', unitId: 'u', roles: ['OFFICE'], credentialId: 't' }),
      },
    });
    try {
      const res = await call('GET', '/v1/units', undefined, { authorization: 'Bearer x' });

      expect(res.status).toBe(503);
      expect(res.body.detail).toContain('数据库');
    } finally {
      await close();
    }
  });
});

describe('the per-token rate limit when the database is unreachable', () => {
  it('still answers 429 with Retry-After once a token has used its requests in this process, and logs why', async () => {
    const lines: string[] = [];
    const { call, close } = await serve({
      rateLimitPerMinute: 2,
      log: pino({ level: 'info' }, { write: (line: string) => lines.push(line) }),
      identity: {
        resolve: async () => ({ personId: 'p', orgId: 'o', unitId: 'u', roles: ['OFFICE'], credentialId: 't-rate' }),
      },
    });
    try {
      const statuses = [];
      for (let i = 0; i < 2; i++)
        statuses.push((await call('GET', '/v1/me', undefined, { authorization: 'Bearer x' })).status);
      const limited = await call('GET', '/v1/me', undefined, { authorization: 'Bearer x' });

      expect(statuses).not.toContain(429);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('ratelimit-remaining')).toBe('0');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const warnings = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level === 40);
      expect(warnings).toEqual([
        expect.objectContaining({ msg: 'rate limit: database unreachable, counting in this process only' }),
      ]);
    } finally {
      await close();
    }
  });
});
