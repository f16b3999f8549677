import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { portAnswers } from '../../config/processes';
import { findFreePort as freePort } from '../../config/processes';
import { runHeli } from '../support/heli-process';
import { createTestDatabase, type TestDatabase } from '../support/database';

function runFailing(args: string[], env: Record<string, string>) {
  try {
    runHeli(args, env);
  } catch (err) {
    const e = err as { status: number; stderr: string };
    return { status: e.status, stderr: e.stderr };
  }
  throw new Error(`heli ${args.join(' ')} succeeded`);
}

describe('heli start with bad input', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'heli-bad-'));
    chmodSync(dataDir, 0o755);
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}/postgres.secret`, { force: true });
  });

  it('stops on a bad environment value, naming the variable, before touching anything', () => {
    const result = runFailing(['start'], { DATA_DIR: dataDir, PORT: 'eighty', TEMPORAL_TLS: 'maybe' });

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/PORT: .*number/);
    expect(result.stderr).toMatch(/TEMPORAL_TLS: /);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('stops on a bad organisation file, naming its line and field, and leaves nothing running', async () => {
    const orgFile = path.join(dataDir, 'org.yaml');
    writeFileSync(
      orgFile,
      'organisation: { id: district, name: 区 }\nunits:\n  - { id: office, name: 办, kind: BUREAU }\n',
    );
    const pgPort = await freePort();
    const temporalPort = await freePort();

    const result = runFailing(['start'], {
      DATA_DIR: dataDir,
      ORG_FILE: orgFile,
      PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(pgPort),
      TEMPORAL_DEV_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(await freePort()),
    });

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/org\.yaml:3:\d+ units\[0\]\.kind/);
    expect(await portAnswers(pgPort)).toBe(false);
    expect(await portAnswers(temporalPort)).toBe(false);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  }, 120_000);
});

describe('heli worker and heli api', () => {
  it.each(['worker', 'api'])('heli %s without the servers to connect to says which variables it needs', (part) => {
    const result = runFailing([part], { TEMPORAL_ADDRESS: '127.0.0.1:7233' });

    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/须设置 DATABASE_URL 和 TEMPORAL_ADDRESS/);
  });

  it('stops on a bad REQUEST_DEADLINE_SECONDS, naming it', () => {
    const result = runFailing(['api'], { REQUEST_DEADLINE_SECONDS: '0' });

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/REQUEST_DEADLINE_SECONDS: /);
  });
});

describe('configuration for real servers', () => {
  let db: TestDatabase;
  beforeAll(async () => (db = await createTestDatabase()));
  afterAll(() => db.drop());

  it.each(['worker', 'api'])('heli %s stops on database TLS and task queue settings, naming each variable', (part) => {
    const result = runFailing([part], {
      DATABASE_URL: 'postgres://heli@db.internal:5432/heli?sslmode=verify-full',
      DATABASE_SSL: 'verify-ca',
      TEMPORAL_ADDRESS: 'https://temporal.internal:7233',
      TEMPORAL_TASK_QUEUE: 'heli main',
    });

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/DATABASE_URL: sets TLS itself \(sslmode\)/);
    expect(result.stderr).toMatch(/DATABASE_SSL_CA_PATH: DATABASE_SSL=verify-ca needs the CA/);
    expect(result.stderr).toMatch(/TEMPORAL_ADDRESS: .* is not host:port/);
    expect(result.stderr).toMatch(/TEMPORAL_TASK_QUEUE: "heli main"/);
  });

  it('connects with the TLS it is told to use: verify-full to a server without TLS is refused, disable works', () => {
    // The test PostgreSQL has no TLS: a pool that really asks for it is turned away, one told not to is let in.
    const refused = runFailing(['migrate'], { DATABASE_URL: db.url, DATABASE_SSL: 'verify-full' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/无法连接数据库 .*does not support SSL/);

    expect(runHeli(['migrate'], { DATABASE_URL: db.url, DATABASE_SSL: 'disable', DATABASE_POOL_MAX: '2' })).toMatch(
      /database is up to date/,
    );
  });
});
