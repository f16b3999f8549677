import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { migrate } from '../../db/migrate';

export interface TestDatabase {
  pool: Pool;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database with every migration applied, on the run's PostgreSQL; `drop` removes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.HELI_TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('HELI_TEST_DATABASE_URL is not set: run the tests through jest (globalSetup)');
  const name = `heli_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = new Pool({ connectionString: url.toString(), max: 5 });
  // DROP DATABASE … WITH (FORCE) ends connections still open at teardown; an idle client ended then is expected.
  pool.on('error', () => undefined);
  await migrate(pool);
  return {
    pool,
    url: url.toString(),
    async drop() {
      await pool.end();
      const again = new Client({ connectionString: serverUrl });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}
