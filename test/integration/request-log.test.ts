import type { Client } from '@temporalio/client';
import type { Server } from 'node:http';
import pino from 'pino';
import { serveApi } from '../../cli/stack';
import { loadConfig } from '../../config';
import { fromProject } from '../../config/paths';
import { loadOrganisationFile } from '../../db/queries/load-organisation';
import { issueToken } from '../../db/queries/tokens';
import { createTestDatabase } from '../support/database';
import { DONGGUAN_HEAD } from '../support/people';
import { useHarness } from '../support/use-harness';

/** One API process as `heli api` wires it, writing its log into `lines` (one JSON object a line). */
async function startApiWithLog() {
  const db = await createTestDatabase();
  await loadOrganisationFile(db.pool, fromProject('examples/organisation.yaml'));
  const lines: string[] = [];
  const log = pino({ level: 'info', base: { service: 'heli' } }, { write: (line: string) => void lines.push(line) });
  const config = loadConfig({ DATABASE_URL: db.url, PORT: '0' });
  const server: Server = await serveApi(config, {
    db: db.pool,
    temporal: {} as Client, // the routes below read the database only
    log,
    workerState: () => undefined,
    version: 'test',
    taskPolicies: new Map(),
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    lines,
    /** The parsed request lines of one request id. */
    linesOf: (requestId: string) =>
      lines.map((l) => JSON.parse(l) as Record<string, any>).filter((l) => l.req?.id === requestId), // eslint-disable-line @typescript-eslint/no-explicit-any
    stop: async () => {
      await new Promise((r) => server.close(r));
      await db.drop();
    },
  };
}

const h = useHarness(startApiWithLog);

describe('the request log (pino-http)', () => {
  it('writes one line per request with its id, method, url, route, status, time and person', async () => {
    const { token } = await issueToken(h.db.pool, DONGGUAN_HEAD);

    const res = await fetch(`${h.url}/v1/tasks/t-not-there`, {
      headers: { authorization: `Bearer ${token}`, 'x-request-id': 'req-log-1' },
    });

    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('req-log-1');
    const lines = h.linesOf('req-log-1');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      service: 'heli',
      msg: 'request completed',
      req: { id: 'req-log-1', method: 'GET', url: '/v1/tasks/t-not-there' },
      res: { statusCode: 404 },
      route: '/v1/tasks/:id',
      personId: DONGGUAN_HEAD,
      responseTime: expect.any(Number),
    });
  });

  it('gives a request without a usable X-Request-Id a new one, logged and echoed', async () => {
    const res = await fetch(`${h.url}/v1/me`, { headers: { 'x-request-id': 'not a plain token!' } });
    const id = res.headers.get('x-request-id')!;

    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(h.linesOf(id)).toEqual([
      expect.objectContaining({ res: expect.objectContaining({ statusCode: 401 }), route: '/v1/*' }),
    ]);
  });

  it('logs neither the bearer token, nor the cookie or the CSRF token', async () => {
    const { token } = await issueToken(h.db.pool, DONGGUAN_HEAD);
    const cookie = 'heli_session=cookie-secret-value-1234567890';
    const csrf = 'csrf-secret-value-0987654321';

    const res = await fetch(`${h.url}/v1/me`, {
      headers: { authorization: `Bearer ${token}`, cookie, 'x-csrf-token': csrf, 'x-request-id': 'req-log-secret' },
    });

    expect(res.status).toBe(200);
    const [line, ...more] = h.linesOf('req-log-secret');
    expect(more).toHaveLength(0);
    expect(line).toMatchObject({ route: '/v1/me', personId: DONGGUAN_HEAD, res: { statusCode: 200 } });
    expect(line!.req.headers).toMatchObject({
      authorization: '[Redacted]',
      cookie: '[Redacted]',
      'x-csrf-token': '[Redacted]',
    });
    const text = h.lines.join('');
    for (const secret of [token, 'cookie-secret-value', csrf]) expect(text).not.toContain(secret);
  });

  it('logs no token given in the query string, in the url or the query', async () => {
    const res = await fetch(`${h.url}/v1/me?token=query-secret-1&access_token=query-secret-2&unit=x`, {
      headers: { 'x-request-id': 'req-log-query' },
    });

    expect(res.status).toBe(401);
    const [line] = h.linesOf('req-log-query');
    expect(line!.req.url).toBe('/v1/me?token=[Redacted]&access_token=[Redacted]&unit=x');
    expect(line!.req.query).toEqual({ token: '[Redacted]', access_token: '[Redacted]', unit: 'x' });
    expect(h.lines.join('')).not.toContain('query-secret');
  });

  it('logs no session cookie a response sets', async () => {
    const { token } = await issueToken(h.db.pool, DONGGUAN_HEAD);

    const res = await fetch(`${h.url}/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-log-signin' },
      body: JSON.stringify({ token }),
    });

    expect(res.status).toBe(201);
    const session = /heli_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
    expect(session).toBeDefined();
    const [line] = h.linesOf('req-log-signin');
    expect(line).toMatchObject({
      route: '/auth/session',
      res: { statusCode: 201, headers: { 'set-cookie': '[Redacted]' } },
    });
    expect(h.lines.join('')).not.toContain(session!);
    expect(h.lines.join('')).not.toContain(token);
  });

  it('does not log scrapes of /metrics and probes of /healthz', async () => {
    const metrics = await fetch(`${h.url}/metrics`, { headers: { 'x-request-id': 'req-log-metrics' } });
    const health = await fetch(`${h.url}/healthz`, { headers: { 'x-request-id': 'req-log-health' } });

    expect(metrics.status).toBe(200);
    expect(health.headers.get('x-request-id')).toBe('req-log-health');
    expect([...h.linesOf('req-log-metrics'), ...h.linesOf('req-log-health')]).toEqual([]);
    expect(await metrics.text()).toContain('heli_http_requests_total{method="GET",route="/v1/me",status="200"} 1');
    expect(await (await fetch(`${h.url}/metrics`)).text()).toMatch(
      /^heli_http_requests_total\{method="GET",route="\/metrics",status="200"\} 1$/m,
    );
  });
});
