import { Client, Connection } from '@temporalio/client';
import { benchApp } from './actions';
import { createPool } from '../db/pool';

/**
 * Heli's API in a process of its own for the load benchmark (bench/load.ts), as `heli api` runs it (`createApp`,
 * real tokens and scope checks, the shared rate limit in PostgreSQL), so that its resident memory under the action
 * load is the API's alone. Prints `ready <port>` once listening; SIGTERM closes it.
 */
async function main(): Promise<void> {
  const need = (name: string) =>
    process.env[name] ??
    (() => {
      throw new Error(`${name} is not set`);
    })();
  const db = createPool(need('BENCH_DATABASE_URL'), () => undefined);
  const connection = await Connection.connect({ address: need('BENCH_TEMPORAL_ADDRESS') });
  const client = new Client({ connection, namespace: 'default' });
  const app = benchApp({ db, client, taskQueue: need('BENCH_TASK_QUEUE') });
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  process.stdout.write(`ready ${(server.address() as import('node:net').AddressInfo).port}\n`);
  process.once('SIGTERM', () => {
    server.close(() => void Promise.all([connection.close(), db.end()]).finally(() => process.exit(0)));
    server.closeAllConnections();
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`[api] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
