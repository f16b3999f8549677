import { spawn } from 'node:child_process';
import path from 'node:path';

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
