import { Pool, type PoolConfig } from 'pg';

/**
 * Creates the connection pool; errors of idle clients are reported, never thrown into the void. `extra` carries
 * DATABASE_POOL_MAX and the TLS settings (config/database-connection.ts).
 */
export function createPool(connectionString: string, onError: (err: Error) => void, extra: PoolConfig = {}): Pool {
  const pool = new Pool({ connectionString, max: 10, connectionTimeoutMillis: 5_000, ...extra });
  pool.on('error', onError);
  return pool;
}

/** True when the database answers a trivial query within the pool's connection timeout. */
export async function pingDatabase(pool: Pool): Promise<boolean> {
  try {
    await pool.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
