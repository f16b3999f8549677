import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import pino from 'pino';
import { createApp } from '../api/app';
import { tokenResolver } from '../api/identity';
import { loadAccountability } from '../config/accountability';
import { fromProject } from '../config/paths';
import { loadTaskPolicies } from '../config/task-policy';
import { issueToken } from '../db/queries/tokens';
import { benchPing } from './workflows';

/**
 * A unit's action through Heli's HTTP API (a progress report: authentication, scope, Update, validator, the step
 * recorded in the read model) beside a bare Update round trip on the same server, sampled alternately so both see
 * the same load. Latencies in ms; the figures are the ratios of their p50 and p99.
 */
export interface ActionLatency {
  samples: number;
  heli: { p50: number; p99: number };
  bare: { p50: number; p99: number };
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
export const summary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: Math.round(percentile(sorted, 0.5) * 10) / 10, p99: Math.round(percentile(sorted, 0.99) * 10) / 10 };
};

/** Tasks of one lead unit among those decomposed, with the unit's head (who may act for it). */
async function unitTasks(db: Pool, count: number): Promise<{ headId: string; taskIds: string[] }> {
  const { rows } = await db.query<{ lead_unit_id: string; head_id: string; ids: string[] }>(
    `SELECT t.lead_unit_id, u.head_id, (array_agg(t.id ORDER BY t.id))[1:$1] AS ids
     FROM tasks t JOIN units u ON u.id = t.lead_unit_id WHERE t.state = 'ASSIGNED'
     GROUP BY t.lead_unit_id, u.head_id ORDER BY count(*) DESC LIMIT 1`,
    [count],
  );
  if (!rows[0]) throw new Error('no assigned task to act on: run the decomposition first');
  return { headId: rows[0].head_id, taskIds: rows[0].ids };
}

/** Heli's API as `heli api` builds it, with the benchmark's tokens in mind: no rate limit to speak of. */
export function benchApp(stack: { db: Pool; client: Client; taskQueue: string }) {
  return createApp({
    db: stack.db,
    temporal: stack.client,
    taskQueue: stack.taskQueue,
    identity: tokenResolver(stack.db),
    log: pino({ level: 'warn' }),
    workerState: () => 'RUNNING',
    version: 'bench',
    taskPolicies: loadTaskPolicies(fromProject('config/task-policies.yaml')),
    accountability: loadAccountability(),
    rateLimitPerMinute: 1_000_000,
  });
}

export async function benchActions(
  stack: { db: Pool; client: Client; taskQueue: string },
  samples: number,
  say: (line: string) => void,
): Promise<ActionLatency> {
  const { db, client, taskQueue } = stack;
  const app = benchApp(stack);
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const port = (server.address() as import('node:net').AddressInfo).port;
  try {
    const { headId, taskIds } = await unitTasks(db, 10);
    const { token } = await issueToken(db, headId, undefined, 'system:bench');
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status !== 200) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    };
    for (const id of taskIds) await post(`/v1/tasks/${id}/sign`, {});
    const bare = await client.workflow.start('benchUpdateWorkflow', {
      taskQueue,
      workflowId: `bench-ping-${Date.now()}`,
    });

    const heliMs: number[] = [];
    const bareMs: number[] = [];
    const warmUp = 20;
    for (let i = 0; i < samples + warmUp; i++) {
      const taskId = taskIds[i % taskIds.length]!;
      let t = performance.now();
      await post(`/v1/tasks/${taskId}/progress`, { text: `第${i + 1}次进展：已完成阶段性工作`, percent: 50 });
      const heli = performance.now() - t;
      t = performance.now();
      await bare.executeUpdate(benchPing, { args: [i] });
      const plain = performance.now() - t;
      if (i >= warmUp) {
        heliMs.push(heli);
        bareMs.push(plain);
      }
      if ((i + 1) % 100 === 0) say(`   ${i + 1} actions and bare Updates`);
    }
    await bare.executeUpdate(benchPing, { args: [-1] });
    return { samples, heli: summary(heliMs), bare: summary(bareMs) };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
