import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../config/paths';
import { ConfigError, configTable, loadConfig } from '../../config';
import { databasePoolOptions } from '../../config/database-connection';

describe('configuration', () => {
  it('gives every key its default when the environment is empty', () => {
    const config = loadConfig({});

    expect(config).toMatchObject({ PORT: 3000, TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: 'heli' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.TEMPORAL_ADDRESS).toBeUndefined();
  });

  it('names the variable and what it expects when a value is bad', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });

    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT: .*number/);
    expect(attempt).toThrow(/DATABASE_URL: /);
  });

  it('refuses half an mTLS key pair', () => {
    expect(() => loadConfig({ TEMPORAL_TLS_CERT_PATH: '/etc/heli/client.pem' })).toThrow(/TEMPORAL_TLS_KEY_PATH/);
  });

  it('checks at start that the TLS files it will read are there', () => {
    const attempt = () => loadConfig({ TEMPORAL_TLS_CA_PATH: '/nonexistent/ca.pem' });

    expect(attempt).toThrow(/TEMPORAL_TLS_CA_PATH: \/nonexistent\/ca.pem is not a readable file/);
  });

  it.each([
    ['heli district', /TEMPORAL_TASK_QUEUE: "heli district": a task queue name has no blanks/],
    ['heli\t', /TEMPORAL_TASK_QUEUE: .*no blanks or control characters/],
    ['/_sys/heli/1', /TEMPORAL_TASK_QUEUE: \/_sys\/heli\/1: \/_sys\/ is reserved by Temporal/],
    ['', /TEMPORAL_TASK_QUEUE: a task queue name has 1 to 1000 characters/],
    ['q'.repeat(1001), /TEMPORAL_TASK_QUEUE: a task queue name has 1 to 1000 characters/],
  ])('refuses the task queue name %j, naming TEMPORAL_TASK_QUEUE', (queue, message) => {
    expect(() => loadConfig({ TEMPORAL_TASK_QUEUE: queue })).toThrow(message);
  });

  it('takes task queue and namespace names Temporal takes', () => {
    expect(loadConfig({ TEMPORAL_TASK_QUEUE: 'heli-district.7/main', TEMPORAL_NAMESPACE: 'heli.a1b2c' })).toMatchObject(
      {
        TEMPORAL_TASK_QUEUE: 'heli-district.7/main',
        TEMPORAL_NAMESPACE: 'heli.a1b2c',
      },
    );
    expect(() => loadConfig({ TEMPORAL_NAMESPACE: 'my namespace' })).toThrow(/TEMPORAL_NAMESPACE: .*no blanks/);
  });

  it.each(['temporal.internal:7233', 'heli.a1b2c.tmprl.cloud:7233', '10.0.0.5:7233', '[fd00::5]:7233'])(
    'takes the Temporal address %s',
    (address) => expect(loadConfig({ TEMPORAL_ADDRESS: address }).TEMPORAL_ADDRESS).toBe(address),
  );

  it.each(['https://temporal.internal:7233', 'temporal.internal', 'temporal.internal:99999'])(
    'refuses the Temporal address %s, saying host:port',
    (address) =>
      expect(() => loadConfig({ TEMPORAL_ADDRESS: address })).toThrow(/TEMPORAL_ADDRESS: .* is not host:port/),
  );

  it("takes the reverse proxies to trust as addresses, ranges or express's names, and refuses anything else", () => {
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.8.0.0/16 fd00::1' }).TRUST_PROXY).toEqual([
      'loopback',
      '10.8.0.0/16',
      'fd00::1',
    ]);
    expect(loadConfig({}).TRUST_PROXY).toEqual([]);
    expect(() => loadConfig({ TRUST_PROXY: 'nginx' })).toThrow(/TRUST_PROXY: nginx is not an IP address/);
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', TEMPORAL_ADDRESS: ' ' })).toMatchObject({
      DATABASE_URL: undefined,
      TEMPORAL_ADDRESS: undefined,
    });
  });

  it('documents every key in the README table', () => {
    const table = configTable();

    expect(table).toContain('| `PORT` | `3000` |');
    expect(table).toContain('| `DATABASE_URL` | (unset) |');
  });
});

describe('PostgreSQL by URL: pool size and TLS', () => {
  let dir: string;
  let ca: string;
  let cert: string;
  let key: string;
  const url = 'postgres://heli:secret@db.internal:5432/heli';

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'heli-config-'));
    [ca, cert, key] = ['ca.pem', 'client.pem', 'client.key'].map((f) => {
      writeFileSync(path.join(dir, f), `-----BEGIN ${f}-----\n`);
      return path.join(dir, f);
    }) as [string, string, string];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sizes every pool by DATABASE_POOL_MAX (10 by default) and leaves TLS to the URL when DATABASE_SSL is unset', () => {
    expect(databasePoolOptions(loadConfig({ DATABASE_URL: url }))).toEqual({ max: 10 });
    expect(
      databasePoolOptions(loadConfig({ DATABASE_URL: `${url}?sslmode=verify-full`, DATABASE_POOL_MAX: '40' })),
    ).toEqual({
      max: 40,
    });
    expect(() => loadConfig({ DATABASE_POOL_MAX: '0' })).toThrow(/DATABASE_POOL_MAX: /);
    expect(() => loadConfig({ DATABASE_POOL_MAX: 'lots' })).toThrow(/DATABASE_POOL_MAX: /);
  });

  it("maps DATABASE_SSL to what node-postgres does with libpq's meaning of each mode", () => {
    const ssl = (env: Record<string, string>) => databasePoolOptions(loadConfig({ DATABASE_URL: url, ...env })).ssl;

    expect(ssl({ DATABASE_SSL: 'disable' })).toBe(false);
    expect(ssl({ DATABASE_SSL: 'require' })).toEqual({ rejectUnauthorized: false });
    expect(ssl({ DATABASE_SSL: 'verify-full' })).toEqual({});
    const full = ssl({
      DATABASE_SSL: 'verify-full',
      DATABASE_SSL_CA_PATH: ca,
      DATABASE_SSL_CERT_PATH: cert,
      DATABASE_SSL_KEY_PATH: key,
    });
    expect(full).toEqual({
      ca: `-----BEGIN ca.pem-----\n`,
      cert: `-----BEGIN client.pem-----\n`,
      key: `-----BEGIN client.key-----\n`,
    });
    const verifyCa = ssl({ DATABASE_SSL: 'verify-ca', DATABASE_SSL_CA_PATH: ca }) as {
      ca: string;
      checkServerIdentity: () => unknown;
      rejectUnauthorized?: boolean;
    };
    expect(verifyCa.ca).toContain('ca.pem');
    expect(verifyCa.rejectUnauthorized).toBeUndefined(); // the chain is checked, the host name is not
    expect(verifyCa.checkServerIdentity()).toBeUndefined();
  });

  it.each([
    [{ DATABASE_SSL: 'verify-full' }, /DATABASE_SSL: applies to DATABASE_URL only/],
    [{ DATABASE_URL: url, DATABASE_SSL: 'on' }, /DATABASE_SSL: /],
    [{ DATABASE_URL: url, DATABASE_SSL: 'verify-ca' }, /DATABASE_SSL_CA_PATH: DATABASE_SSL=verify-ca needs the CA/],
    [
      { DATABASE_URL: url, DATABASE_SSL_CA_PATH: '(ca)' },
      /DATABASE_SSL_CA_PATH: .*needs DATABASE_SSL=require, verify-ca or verify-full/,
    ],
    [
      { DATABASE_URL: url, DATABASE_SSL: 'verify-full', DATABASE_SSL_CERT_PATH: '(cert)' },
      /DATABASE_SSL_KEY_PATH: a client certificate needs both/,
    ],
    [
      { DATABASE_URL: url, DATABASE_SSL: 'verify-full', DATABASE_SSL_CA_PATH: '/nonexistent/ca.pem' },
      /DATABASE_SSL_CA_PATH: \/nonexistent\/ca.pem is not a readable file/,
    ],
    [
      { DATABASE_URL: `${url}?sslmode=require`, DATABASE_SSL: 'verify-full' },
      /DATABASE_URL: sets TLS itself \(sslmode\): drop that from the URL or drop DATABASE_SSL, not both/,
    ],
    [
      { DATABASE_URL: `${url}?sslmode=requir` },
      /DATABASE_URL: sslmode=requir is not one of disable, prefer, require, verify-ca, verify-full, no-verify/,
    ],
    [
      { DATABASE_URL: `${url}?sslmode=verify-full&sslrootcert=/nonexistent/root.crt` },
      /DATABASE_URL: sslrootcert=\/nonexistent\/root.crt is not a readable file/,
    ],
  ])('refuses %j, naming the variable', (env, message) => {
    const files: Record<string, string> = { '(ca)': ca, '(cert)': cert };
    const resolved = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, files[v] ?? v]));
    expect(() => loadConfig(resolved)).toThrow(ConfigError);
    expect(() => loadConfig(resolved)).toThrow(message);
  });

  it('honours sslmode and the certificate files in the URL', () => {
    const withFiles = `${url}?sslmode=verify-full&sslrootcert=${encodeURIComponent(ca)}`;
    expect(loadConfig({ DATABASE_URL: withFiles }).DATABASE_URL).toBe(withFiles);
    expect(loadConfig({ DATABASE_URL: `${url}?sslmode=no-verify` }).DATABASE_SSL).toBeUndefined();
  });
});

describe('the README', () => {
  it('carries the current configuration table', () => {
    // Prettier pads Markdown tables, so compare without spaces and with runs of dashes folded.
    const fold = (text: string) => text.replace(/ +/g, '').replace(/-{3,}/g, '---');
    const readme = fold(readFileSync(path.join(projectRoot, 'README.md'), 'utf8'));

    expect(readme).toContain(fold(configTable()));
  });
});
