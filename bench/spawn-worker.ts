import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Pool } from 'pg';

/** What a phase run on a time-skipping server of its own, with a worker process of its own, takes from the run. */
export interface TimeSkippingPhaseDeps {
  db: Pool;
  databaseUrl: string;
  bundlePath: string;
  /** Registers what must be stopped on Ctrl-C (the run stops its own at its end). */
  onStop: (what: string, stop: () => Promise<void>) => void;
  say: (line: string) => void;
  checkInterrupted: () => void;
  inParallel: <T>(n: number, concurrency: number, fn: (i: number) => Promise<T>) => Promise<T[]>;
}

/**
 * Starts the benchmark's worker (bench/worker-process.ts) in a process of its own on `taskQueue` of the server at
 * `address`, with the benchmark's prebuilt bundle, and returns once it polls; `stop` drains it (SIGTERM).
 */
export async function spawnWorkerProcess(p: {
  databaseUrl: string;
  address: string;
  taskQueue: string;
  bundlePath: string;
  label: string;
  /** More of the worker's environment (`WORKER_MAX_CACHED_WORKFLOWS`, ...). */
  env?: Record<string, string>;
}): Promise<{ pid: number; stop: () => Promise<void> }> {
  const worker = spawn(process.execPath, [path.join(__dirname, 'worker-process.js')], {
    env: {
      ...process.env,
      BENCH_DATABASE_URL: p.databaseUrl,
      BENCH_TEMPORAL_ADDRESS: p.address,
      BENCH_TASK_QUEUE: p.taskQueue,
      BENCH_WORKFLOW_BUNDLE: p.bundlePath,
      ...p.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const stop = async () => {
    worker.kill('SIGTERM');
    await exited;
  };
  try {
    await new Promise<void>((resolve, reject) => {
      worker.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      worker.once('exit', (code) => reject(new Error(`${p.label} exited (${code}) before it was ready`)));
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return { pid: worker.pid!, stop };
}
