import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { issueToken } from '../db/queries/tokens';
import { summary } from './actions';
import { benchPing } from './workflows';

/**
 * The action load (issue 17): `callers` concurrent callers, each acting on a task of its own (a progress report
 * through Heli's API, in a process of its own) for `durationMs`, then the same number of callers each sending bare
 * Updates to a workflow of its own for as long, on the same server. Throughput and client-side latencies of both,
 * and the API process's resident memory under the load.
 */
export interface LoadRun {
  callers: number;
  seconds: number;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** Resident memory of a process from /proc in MB (VmRSS now, or VmHWM: its peak), undefined once it is gone. */
export function rssMB(pid: number | undefined, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${field}:`));
    return line ? Math.round(Number(line.split(/\s+/)[1]) / 102.4) / 10 : undefined;
  } catch {
    return undefined;
  }
}

/** The API in its own process (bench/api-process.ts); stopped by the returned `stop`. */
export async function startApiProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(__dirname, 'api-process.js')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const m = /ready (\d+)/.exec(chunk.toString());
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`the API process exited (${code}) before it was ready`)));
  });
  return {
    pid: child.pid!,
    port,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Runs `act(caller, k)` in `callers` lanes until `durationMs` has passed; a failed call fails the run. */
async function drive(
  callers: number,
  durationMs: number,
  act: (caller: number, k: number) => Promise<void>,
): Promise<LoadRun> {
  const ms: number[] = [];
  const t0 = performance.now();
  const end = t0 + durationMs;
  await Promise.all(
    Array.from({ length: callers }, async (_, caller) => {
      for (let k = 0; performance.now() < end; k++) {
        const t = performance.now();
        await act(caller, k);
        ms.push(performance.now() - t);
      }
    }),
  );
  const wall = performance.now() - t0;
  return {
    callers,
    seconds: Math.round(wall) / 1000,
    requests: ms.length,
    perSecond: Math.round((ms.length / (wall / 1000)) * 10) / 10,
    ...summary(ms),
  };
}

export async function benchLoad(
  stack: { db: Pool; client: Client; taskQueue: string },
  api: { port: number; pid: number },
  opts: { callers: number; durationMs: number; cycleId: string },
  say: (line: string) => void,
) {
  const { db, client, taskQueue } = stack;
  const { rows } = await db.query<{ id: string; head_id: string }>({
    text: `SELECT t.id, u.head_id FROM tasks t JOIN units u ON u.id = t.lead_unit_id
           WHERE t.cycle_id = $1 AND t.state = 'ASSIGNED' AND u.head_id IS NOT NULL
           ORDER BY t.id LIMIT $2`,
    values: [opts.cycleId, opts.callers],
  });
  if (rows.length < opts.callers) throw new Error(`only ${rows.length} assigned tasks for ${opts.callers} callers`);
  const tokens = new Map<string, string>();
  for (const r of rows) {
    if (!tokens.has(r.head_id))
      tokens.set(r.head_id, (await issueToken(db, r.head_id, undefined, 'system:bench')).token);
  }
  const base = `http://127.0.0.1:${api.port}`;
  const post = async (i: number, verb: string, body: unknown) => {
    const task = rows[i]!;
    const res = await fetch(`${base}/v1/tasks/${task.id}/${verb}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.get(task.head_id)!}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`POST ${verb} on ${task.id}: ${res.status} ${text}`);
  };
  const progress = (i: number, k: number) => post(i, 'progress', { text: `第${k + 1}次进展：压力测试`, percent: 50 });
  await Promise.all(rows.map((_, i) => post(i, 'sign', {})));
  const bare = await Promise.all(
    rows.map((_, i) =>
      client.workflow.start('benchUpdateWorkflow', { taskQueue, workflowId: `bench-load-${i}-${Date.now()}` }),
    ),
  );
  const ping = (i: number, k: number) => bare[i]!.executeUpdate(benchPing, { args: [k] }).then(() => undefined);

  let apiPeak = 0;
  const sampler = setInterval(() => (apiPeak = Math.max(apiPeak, rssMB(api.pid) ?? 0)), 100);
  try {
    // A few rounds each as warm-up (connections, caches, the worker's cache of these workflows).
    await drive(opts.callers, 2_000, progress);
    await drive(opts.callers, 2_000, ping);
    say(`   ${opts.callers} callers acting on distinct tasks for ${opts.durationMs / 1000} s`);
    const heli = await drive(opts.callers, opts.durationMs, progress);
    say(`   Heli: ${heli.perSecond}/s, p50 ${heli.p50} ms, p99 ${heli.p99} ms; now as many bare Updates`);
    const plain = await drive(opts.callers, opts.durationMs, ping);
    say(`   bare: ${plain.perSecond}/s, p50 ${plain.p50} ms, p99 ${plain.p99} ms`);
    await Promise.all(bare.map((h) => h.executeUpdate(benchPing, { args: [-1] })));
    return {
      heli,
      bare: plain,
      apiRssPeakMB: Math.max(apiPeak, rssMB(api.pid, 'VmHWM') ?? 0),
    };
  } finally {
    clearInterval(sampler);
  }
}
