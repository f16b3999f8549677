#!/usr/bin/env node
// `npm run test:fuzz`: Schemathesis against the live API (the whole stack, in this process, on a throwaway
// database), once with a token of each role of the example organisation. Fails on any server error, any
// response that does not match the OpenAPI document, and any operation that ignores its authentication.
// Reports of each role are kept in data/fuzz/<role>/ (JUnit, NDJSON, JSON and Schemathesis's own output).
// Ids of the example organisation and two seeded tasks are offered to the generator as dictionaries: random
// ids alone would never name an existing unit, leader or task, and the core logic would go untested.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const st = path.join(root, '.venv', 'bin', 'st');
const reportRoot = path.join(root, 'data', 'fuzz');

const ROLES = {
  OFFICE: 'p-huang-min',
  UNIT: 'p-xie-hua', // head of town-dongguan
  LEADER: 'p-wang-hongmei',
  GROUP: 'p-li-jianguo',
  OBSERVER: 'p-bai-xue',
};

// The budget: bounded and seeded, so a CI run is reproducible and takes a predictable time.
const OPTIONS = '--checks all --max-examples 25 --seed 20260101 --workers 1 --request-timeout 10 --no-color';
// Leaves random ids in a quarter of the cases, so the "no such unit/task" paths are fuzzed too.
const DICTIONARY_PROBABILITY = 0.75;

const cleanups = [];
let current; // the running `st`, stopped on a signal
let interrupted = false;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function makeTempDir(prefix) {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o755); // as root, the postgres user must reach the cluster inside
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** DATABASE_URL gets a fresh database of its own; otherwise a fresh embedded cluster is the throwaway. */
async function openThrowawayDatabase() {
  if (process.env.DATABASE_URL) {
    const { Client } = require('pg');
    const name = `heli_fuzz_${process.pid}_${Date.now()}`;
    const admin = async (sql) => {
      const client = new Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(sql).finally(() => client.end());
    };
    await admin(`CREATE DATABASE ${name}`);
    cleanups.push(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    return url.toString();
  }
  const { startEmbeddedPostgres } = require('../dist/db/embedded-postgres.js');
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(makeTempDir('heli-fuzz-pg-'), 'postgres'),
    port: await freePort(),
    onLog: () => undefined,
  });
  cleanups.push(pg.stop);
  return pg.url;
}

async function startApi() {
  const { DefaultLogger, Runtime } = require('@temporalio/worker');
  // Worker lifecycle chatter would bury the report; warnings and errors still show.
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
  const { startStack } = require('../dist/cli/stack.js');
  const { loadConfig } = require('../dist/config/index.js');
  const pino = require('pino');
  const config = loadConfig({
    DATABASE_URL: await openThrowawayDatabase(),
    DATA_DIR: makeTempDir('heli-fuzz-data-'),
    PORT: '0',
    TEMPORAL_DEV_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    TEMPORAL_TASK_QUEUE: `fuzz-${process.pid}`,
    // The fuzzer sends hundreds of requests a second per token: at the default limit most operations would
    // only ever see 429. The limiter itself has its own tests.
    RATE_LIMIT_PER_MINUTE: '1000000',
  });
  const stack = await startStack(config, pino({ level: 'silent' }), 'fuzz');
  cleanups.push(stack.stop);
  return stack;
}

/** Two tasks to aim the task operations at: the UNIT and LEADER tokens may see the first, not the second. */
async function seedTasks(apiUrl, token) {
  const dueDate = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const ids = [];
  for (const [leadUnitId, leaderId] of [
    ['town-dongguan', 'p-wang-hongmei'],
    ['dept-finance', 'p-wu-haitao'],
  ]) {
    const body = {
      title: '作风建设专项检查',
      leadUnitId,
      leaderId,
      requirements: '开展检查',
      standard: '形成报告',
      dueDate,
    };
    const res = await fetch(`${apiUrl}/v1/tasks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status === 201) ids.push((await res.json()).id);
    else console.log(`fuzz: WARNING: seeding a task answered ${res.status}: ${await res.text()}`);
  }
  return ids;
}

/** A schemathesis.toml binding id fields to the ids that exist (values are plain ids: JSON is valid TOML). */
function writeSchemathesisConfig(file, taskIds) {
  const YAML = require('yaml');
  const org = YAML.parse(readFileSync(path.join(root, 'examples', 'organisation.yaml'), 'utf8'));
  const dictionaries = {
    units: org.units.map((u) => u.id),
    zones: org.zones.map((z) => z.id),
    people: org.people.map((p) => p.id),
    leaders: org.people.filter((p) => p.roles.includes('LEADER')).map((p) => p.id),
    tasks: taskIds,
  };
  const bindings = {
    'body.leadUnitId': 'units',
    'body.coUnitIds[*]': 'units',
    'body.leaderId': 'leaders',
    'query.unit': 'units',
    'query.zone': 'zones',
    'query.actorId': 'people',
    'query.objectId': 'tasks',
    'path.id': 'tasks',
  };
  const lines = [];
  for (const [name, values] of Object.entries(dictionaries)) {
    if (values.length > 0) lines.push(`[dictionaries.${name}]`, `values = ${JSON.stringify(values)}`, '');
  }
  lines.push('[parameters]');
  for (const [parameter, name] of Object.entries(bindings)) {
    const binding = `{ dictionary = "${name}", probability = ${DICTIONARY_PROBABILITY} }`;
    if (dictionaries[name].length > 0) lines.push(`"${parameter}" = ${binding}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

function runSchemathesis(args, logFile) {
  console.log(`$ st ${args.join(' ').replace(/Bearer \S+/, 'Bearer <token>')}`);
  return new Promise((resolve, reject) => {
    const log = createWriteStream(logFile);
    current = spawn(st, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    current.stdout.pipe(log);
    current.stderr.pipe(log);
    current.once('error', reject);
    current.once('close', (code) => {
      current = undefined;
      log.end(() => resolve(code));
    });
  });
}

/** Requests actually sent (generated cases plus the checks' own probes) and failed checks, from the event log. */
function readEvents(ndjsonFile) {
  let requests = 0;
  const byCheck = {};
  for (const line of readFileSync(ndjsonFile, 'utf8').split('\n')) {
    if (!line.startsWith('{"ScenarioFinished"')) continue;
    const { recorder } = JSON.parse(line).ScenarioFinished;
    requests += Object.values(recorder.interactions ?? {}).filter((i) => i.request).length;
    for (const check of Object.values(recorder.checks ?? {}).flat()) {
      if (check.status === 'failure') byCheck[check.name] = (byCheck[check.name] ?? 0) + 1;
    }
  }
  return { requests, byCheck };
}

const unescapeXml = (text) =>
  text
    .replace(/&#(\d+);/g, (_m, n) => String.fromCodePoint(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** One entry per failed or errored operation, with Schemathesis's own text (check, response, curl). */
function readJunitFailures(junitFile) {
  const failures = [];
  const xml = readFileSync(junitFile, 'utf8');
  for (const [, name, body = ''] of xml.matchAll(/<testcase name="([^"]*)"[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
    for (const [, kind, attributes, text] of body.matchAll(/<(failure|error)\b([^>]*)>([\s\S]*?)<\/\1>/g)) {
      const codes = /message="([^"]*)"/.exec(attributes)?.[1] ?? '';
      failures.push({ operation: unescapeXml(name), kind, codes: unescapeXml(codes), text: unescapeXml(text) });
    }
  }
  return failures;
}

async function fuzzAs(role, token, apiUrl, configFile) {
  const dir = path.join(reportRoot, role.toLowerCase());
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const reports = { junit: 'junit.xml', ndjson: 'events.ndjson', json: 'report.json' };
  const args = [
    ...['--config-file', configFile, 'run', `${apiUrl}/openapi.json`, '--url', apiUrl],
    ...['-H', `Authorization: Bearer ${token}`, ...OPTIONS.split(' '), '--generation-database', 'none'],
    ...['--report', Object.keys(reports).join(',')],
    ...Object.entries(reports).flatMap(([kind, file]) => [`--report-${kind}-path`, path.join(dir, file)]),
  ];
  const startedAt = Date.now();
  const exitCode = await runSchemathesis(args, path.join(dir, 'st.log'));
  const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
  const result = {
    role,
    exitCode,
    seconds: (Date.now() - startedAt) / 1000,
    operations: report.operations?.tested ?? 0,
    ...readEvents(path.join(dir, 'events.ndjson')),
    untested: report.warnings?.missing_test_data ?? [],
    errors: report.errors,
    failures: readJunitFailures(path.join(dir, 'junit.xml')),
  };
  const checks = Object.entries(result.byCheck).map(([c, n]) => `${c}=${n}`);
  console.log(
    `${role}: ${result.operations} operations, ${result.requests} requests, ${result.seconds.toFixed(1)} s, ` +
      `failures: ${checks.join(' ') || 'none'}${result.errors.length ? `, errors: ${result.errors.length}` : ''}`,
  );
  return result;
}

function printFailures(results) {
  for (const r of results) {
    for (const f of r.failures) {
      console.log(`\n--- ${r.role} ${f.kind}: ${f.operation} [${f.codes}]\n${f.text.trim()}`);
    }
    for (const e of r.errors) console.log(`\n--- ${r.role} error: ${e.title} (${e.count}x)`);
  }
}

async function main() {
  execFileSync(process.execPath, [path.join(root, 'scripts', 'install-fuzz.mjs')], { stdio: 'inherit' });
  const startedAt = Date.now();
  const stack = await startApi();
  console.log(`fuzz: stack up in ${((Date.now() - startedAt) / 1000).toFixed(1)} s at ${stack.apiUrl}`);
  const { issueToken } = require('../dist/db/queries/tokens.js');
  const tokens = {};
  for (const [role, personId] of Object.entries(ROLES)) tokens[role] = (await issueToken(stack.db, personId)).token;
  const configFile = path.join(makeTempDir('heli-fuzz-config-'), 'schemathesis.toml');
  writeSchemathesisConfig(configFile, await seedTasks(stack.apiUrl, tokens.OFFICE));
  const results = [];
  for (const role of Object.keys(ROLES)) {
    if (interrupted) break;
    results.push(await fuzzAs(role, tokens[role], stack.apiUrl, configFile));
  }
  printFailures(results);
  // One unit per (role, operation): an operation failed for a role when Schemathesis reported anything on it.
  const total = results.reduce((n, r) => n + r.operations, 0);
  const failed = results.reduce((n, r) => n + new Set(r.failures.map((f) => f.operation)).size, 0);
  const unexplained = results.filter((r) => r.exitCode !== 0 && r.failures.length === 0);
  console.log(`fuzz: ${total - failed} passed, ${failed + unexplained.length} failed`);
  return interrupted || failed + unexplained.length > 0 ? 1 : 0;
}

async function cleanUp() {
  for (const cleanup of cleanups.reverse().splice(0)) {
    await cleanup().catch((err) => console.error(`fuzz: cleanup failed: ${err.message}`));
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    interrupted = true;
    current?.kill(signal);
  });
}

let status = 1;
try {
  status = await main();
} catch (err) {
  console.error(`fuzz: ${err.stack ?? err}`);
} finally {
  await cleanUp();
}
process.exit(status);
