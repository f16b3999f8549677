import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../db/embedded-postgres';
import { findFreePort as freePort } from '../../config/processes';

declare global {
  var heliTestPostgres: { server: EmbeddedPostgres; dir: string } | undefined;
}

/**
 * One PostgreSQL server for the whole run: DATABASE_URL when set, else the embedded one in a temporary
 * folder. Each test file creates its own database on it (test/support/database.ts).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.HELI_TEST_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'heli-test-'));
  chmodSync(dir, 0o755); // the postgres user must reach the cluster inside
  const server = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'postgres'),
    port: await freePort(),
    onLog: () => undefined,
  });
  globalThis.heliTestPostgres = { server, dir };
  process.env.HELI_TEST_DATABASE_URL = server.url;
}
