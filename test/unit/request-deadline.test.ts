import type { Server } from 'node:http';
import express from 'express';
import pino from 'pino';
import { problemHandler } from '../../api/errors';
import { requestDeadline } from '../../api/request-deadline';

/** An app whose one route answers after `delayMs`, behind the request deadline of `deadlineMs`. */
async function appAnsweringAfter(delayMs: number, deadlineMs: number) {
  const app = express();
  app.use((req, _res, next) => {
    req.id = 'req-1';
    next();
  });
  app.use(requestDeadline(deadlineMs));
  app.get('/v1/slow', async (_req, res) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (!res.headersSent) res.json({ done: true });
  });
  app.use(problemHandler(pino({ level: 'silent' })));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/v1/slow`, close: () => new Promise((r) => server.close(r)) };
}

describe('the request deadline', () => {
  it('answers a request still running at the deadline with 503 problem+json, saying why in Chinese', async () => {
    const app = await appAnsweringAfter(1_500, 200);
    try {
      const startedAt = Date.now();
      const res = await fetch(app.url);
      const body = (await res.json()) as Record<string, unknown>;

      expect(Date.now() - startedAt).toBeLessThan(1_000);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(body).toMatchObject({
        type: 'urn:heli:problem:deadline-exceeded',
        status: 503,
        instance: '/v1/slow',
        requestId: 'req-1',
      });
      expect(body.detail).toMatch(/请稍后重试/);
    } finally {
      await app.close();
    }
  });

  it('leaves a request answered in time alone', async () => {
    const app = await appAnsweringAfter(10, 1_000);
    try {
      const res = await fetch(app.url);

      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ done: true });
    } finally {
      await app.close();
    }
  });
});
