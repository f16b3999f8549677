import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { fromProject } from '../config/paths';
import { startEmbeddedPostgres } from '../db/embedded-postgres';

/** Where the database is: DATABASE_URL, or the embedded PostgreSQL (started, or reused when running). */
export async function openDatabase(config: Config, log: Logger, reuseRunning = false) {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, stop: async () => undefined };
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(fromProject(config.DATA_DIR), 'postgres'),
    port: config.EMBEDDED_PG_PORT,
    onLog: (line) => log.debug({ component: 'postgres' }, line),
    reuseRunning,
  });
  log.info({ dataDir: pg.dataDir, port: config.EMBEDDED_PG_PORT }, 'embedded PostgreSQL is up');
  return pg;
}
