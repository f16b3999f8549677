import { z } from 'zod';
import { pingDatabase } from '../../db/pool';
import type { AppDeps, HealthReport } from '../deps';
import { defineRoute } from '../route';

const component = z.object({ ok: z.boolean(), detail: z.string().optional() });
const healthSchema = z.object({
  ok: z.boolean(),
  temporal: component,
  database: component,
  worker: z.object({ ok: z.boolean(), state: z.string() }),
});

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)),
  );
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Checks Temporal, PostgreSQL and the in-process worker, each with a short deadline. */
export async function checkHealth(deps: AppDeps): Promise<HealthReport> {
  const [temporal, database] = await Promise.all([
    within(2_000, deps.temporal.workflowService.getSystemInfo({})).then(
      () => ({ ok: true }),
      (err: Error) => ({ ok: false, detail: err.message }),
    ),
    within(2_000, pingDatabase(deps.db)).then(
      (ok) => (ok ? { ok } : { ok, detail: 'PostgreSQL does not answer' }),
      (err: Error) => ({ ok: false, detail: err.message }),
    ),
  ]);
  const state = deps.workerState() ?? 'NOT_IN_PROCESS';
  const worker = { ok: state === 'RUNNING' || state === 'NOT_IN_PROCESS', state };
  return { ok: temporal.ok && database.ok && worker.ok, temporal, database, worker };
}

export const healthRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'get',
    path: '/healthz',
    summary: 'State of Temporal, PostgreSQL and the worker; 503 names what is down',
    tag: 'system',
    secured: false,
    response: healthSchema,
    errors: [503],
    handler: async ({ res }) => {
      const report = await checkHealth(deps);
      if (!report.ok) res.locals.status = 503;
      return report;
    },
  }),
];
