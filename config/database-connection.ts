import { readFileSync } from 'node:fs';
import type { PoolConfig } from 'pg';
import type { ConnectionOptions } from 'node:tls';
import type { Config } from './index';

/** DATABASE_SSL: libpq's names, with libpq's meaning. */
export const DATABASE_SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;
/**
 * The `sslmode` values node-postgres (pg-connection-string) knows in a URL. Unlike libpq, it treats `prefer`,
 * `require` and `verify-ca` as `verify-full` (certificate and host name checked, and it warns so) unless the URL
 * also says `uselibpqcompat=true`; `no-verify` encrypts without checking; `disable` is plain text.
 */
export const URL_SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify'];
const URL_SSL_PARAMS = ['ssl', 'sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'uselibpqcompat'];
const URL_SSL_FILES = ['sslrootcert', 'sslcert', 'sslkey'];

/** What a connection URL says about TLS itself (node-postgres reads these and they override the pool's `ssl`). */
export function urlSslSettings(url: string): {
  sslmode?: string;
  params: string[];
  files: { param: string; path: string }[];
} {
  let query: URLSearchParams;
  try {
    query = new URL(url).searchParams;
  } catch {
    return { params: [], files: [] };
  }
  return {
    sslmode: query.get('sslmode') ?? undefined,
    params: URL_SSL_PARAMS.filter((p) => query.has(p)),
    files: URL_SSL_FILES.filter((p) => query.get(p)).map((param) => ({ param, path: query.get(param) as string })),
  };
}

/** The `ssl` option of the pool from DATABASE_SSL*; undefined leaves TLS to the URL. */
function sslOf(config: Config): PoolConfig['ssl'] {
  const mode = config.DATABASE_SSL;
  if (mode === undefined) return undefined;
  if (mode === 'disable') return false;
  const ca = config.DATABASE_SSL_CA_PATH ? readFileSync(config.DATABASE_SSL_CA_PATH, 'utf8') : undefined;
  const options: ConnectionOptions = {
    ...(ca ? { ca } : {}),
    ...(config.DATABASE_SSL_CERT_PATH && config.DATABASE_SSL_KEY_PATH
      ? {
          cert: readFileSync(config.DATABASE_SSL_CERT_PATH, 'utf8'),
          key: readFileSync(config.DATABASE_SSL_KEY_PATH, 'utf8'),
        }
      : {}),
  };
  // As libpq: `require` with a CA checks the chain as verify-ca does; without one it only encrypts.
  if (mode === 'require' && !ca) return { ...options, rejectUnauthorized: false };
  if (mode === 'require' || mode === 'verify-ca') return { ...options, checkServerIdentity: () => undefined };
  return options;
}

/**
 * Pool settings of every process from the configuration: DATABASE_POOL_MAX connections and DATABASE_SSL*. Not for
 * the embedded PostgreSQL, which is local and plain (the schema refuses DATABASE_SSL* without DATABASE_URL).
 */
export function databasePoolOptions(config: Config): PoolConfig {
  const ssl = config.DATABASE_URL ? sslOf(config) : undefined;
  return { max: config.DATABASE_POOL_MAX, ...(ssl === undefined ? {} : { ssl }) };
}
