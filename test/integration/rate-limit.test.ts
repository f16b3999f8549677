import type { Client } from '@temporalio/client';
import type { Server } from 'node:http';
import pino from 'pino';
import { serveApi } from '../../cli/stack';
import { loadConfig } from '../../config';
import { fromProject } from '../../config/paths';
import { createPool } from '../../db/pool';
import { loadOrganisationFile } from '../../db/queries/load-organisation';
import { issueToken } from '../../db/queries/tokens';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { apiClient } from '../support/http';
import { DONGGUAN_HEAD, FINANCE_HEAD, OFFICE, XICHENG_HEAD } from '../support/people';
import { useHarness } from '../support/use-harness';

const BUDGET = 5;

/** One API process as `heli api` wires it (its own pool), on the test database. */
async function startApiProcess(databaseUrl: string) {
  const config = loadConfig({ DATABASE_URL: databaseUrl, PORT: '0', RATE_LIMIT_PER_MINUTE: String(BUDGET) });
  const db = createPool(databaseUrl, () => undefined);
  const server: Server = await serveApi(config, {
    db,
    temporal: {} as Client, // GET /v1/me reads the database only
    log: pino({ level: 'silent' }),
    workerState: () => undefined,
    version: 'test',
    taskPolicies: new Map(),
  });
  const { port } = server.address() as { port: number };
  return {
    as: (token?: string) => apiClient(`http://127.0.0.1:${port}`, token),
    stop: async () => {
      await new Promise((r) => server.close(r));
      await db.end();
    },
  };
}

/** Two API processes sharing one database, as two `heli api` behind a load balancer. */
async function startTwoApiProcesses() {
  const db: TestDatabase = await createTestDatabase();
  await loadOrganisationFile(db.pool, fromProject('examples/organisation.yaml'));
  const one = await startApiProcess(db.url);
  const two = await startApiProcess(db.url);
  return {
    anonymous: one.as(),
    /** A fresh token of `personId`, as a client of each process. */
    async tokenOf(personId: string) {
      const { token } = await issueToken(db.pool, personId);
      return [one.as(token), two.as(token)] as const;
    },
    async stop() {
      await one.stop();
      await two.stop();
      await db.drop();
    },
  };
}

const h = useHarness(startTwoApiProcesses);

describe('the per-token rate limit, shared by every API process on the database', () => {
  it('spends one budget across both processes: the (N+1)th request, on either, is 429 with Retry-After', async () => {
    const [first, second] = await h.tokenOf(OFFICE);

    const answers = [];
    for (let i = 0; i < BUDGET; i++) answers.push(await (i % 2 === 0 ? first : second)('GET', '/v1/me'));
    const refused = await second('GET', '/v1/me');
    const refusedToo = await first('GET', '/v1/me');

    expect(answers.map((a) => a.status)).toEqual(Array(BUDGET).fill(200));
    expect(answers.map((a) => a.headers.get('ratelimit-limit'))).toEqual(Array(BUDGET).fill(String(BUDGET)));
    expect(answers.map((a) => a.headers.get('ratelimit-remaining'))).toEqual(['4', '3', '2', '1', '0']);
    for (const a of answers) {
      expect(Number(a.headers.get('ratelimit-reset'))).toBeGreaterThanOrEqual(1);
      expect(Number(a.headers.get('ratelimit-reset'))).toBeLessThanOrEqual(60);
      expect(a.headers.get('ratelimit-policy')).toBe(`${BUDGET};w=60`);
    }
    for (const r of [refused, refusedToo]) {
      expect(r.status).toBe(429);
      expect(r.type).toContain('application/problem+json');
      expect(r.body).toMatchObject({ status: 429, type: 'urn:heli:problem:rate-limited' });
      expect(r.headers.get('ratelimit-remaining')).toBe('0');
      const retryAfter = Number(r.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(r.headers.get('ratelimit-reset')).toBe(String(retryAfter));
      expect(r.body.detail).toBe(`请求过于频繁：每个访问令牌每分钟最多 ${BUDGET} 次请求，请 ${retryAfter} 秒后重试`);
    }
  });

  it('leaves another token its whole budget', async () => {
    const [spent] = await h.tokenOf(DONGGUAN_HEAD);
    const [, other] = await h.tokenOf(XICHENG_HEAD);
    for (let i = 0; i <= BUDGET; i++) await spent('GET', '/v1/me');

    const stillSpent = await spent('GET', '/v1/me');
    const answer = await other('GET', '/v1/me');

    expect(stillSpent.status).toBe(429);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('ratelimit-remaining')).toBe(String(BUDGET - 1));
  });

  it('lets exactly N of many simultaneous requests through, across both processes', async () => {
    const [first, second] = await h.tokenOf(FINANCE_HEAD);

    const answers = await Promise.all(
      Array.from({ length: 4 * BUDGET }, (_, i) => (i % 2 === 0 ? first : second)('GET', '/v1/me')),
    );

    expect(answers.filter((a) => a.status === 200)).toHaveLength(BUDGET);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(3 * BUDGET);
  });

  it('refuses in English to a client that prefers it', async () => {
    const [first] = await h.tokenOf(OFFICE);
    for (let i = 0; i < BUDGET; i++) await first('GET', '/v1/me');

    const refused = await first('GET', '/v1/me', undefined, { 'accept-language': 'en' });

    expect(refused.status).toBe(429);
    expect(refused.body.detail).toBe(
      `Too many requests: at most ${BUDGET} a minute per token; retry in ${refused.headers.get('retry-after')} s`,
    );
  });

  it('is declared in the OpenAPI document, for integrators to read', async () => {
    const spec = await h.anonymous('GET', '/openapi.json');

    const me = spec.body.paths['/v1/me'].get.responses;
    expect(Object.keys(me['200'].headers)).toEqual(
      expect.arrayContaining(['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']),
    );
    expect(Object.keys(me['429'].headers)).toEqual(expect.arrayContaining(['Retry-After', 'RateLimit-Reset']));
  });
});
