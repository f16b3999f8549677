#!/usr/bin/env node
// `npm run test:fuzz`: Schemathesis against the live API (the whole stack, in this process, on a throwaway
// database), once with a token of each role of the example organisation. Fails on any server error, any
// response that does not match the OpenAPI document, any operation that ignores its authentication, and
// any activity the worker could not run on what the API accepted.
// Reports of each role are kept in data/fuzz/<role>/ (JUnit, NDJSON, JSON and Schemathesis's own output).
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRun, schemathesisArgs, writeSchemathesisConfig } from './fuzz-schemathesis.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { findFreePort } = require('../dist/config/processes.js');
const st = path.join(root, '.venv', 'bin', 'st');
const reportRoot = path.join(root, 'data', 'fuzz');

const ROLES = {
  OFFICE: 'p-huang-min',
  UNIT: 'p-xie-hua', // head of town-dongguan
  LEADER: 'p-liu-fang', // responsible leader of dept-health and dept-education, not in the group
  GROUP: 'p-li-jianguo',
  OBSERVER: 'p-bai-xue',
  ENFORCEMENT: 'p-qin-hao', // head of the police's economic crimes brigade: a party to case collaboration (移送)
};

/**
 * The roles to fuzz: all of them, or those FUZZ_ROLES names (`FUZZ_ROLES=OFFICE,UNIT`), to try a change quickly; an
 * unknown name stops the run before anything starts.
 */
function rolesToFuzz() {
  const wanted = process.env.FUZZ_ROLES?.split(',')
    .map((r) => r.trim().toUpperCase())
    .filter(Boolean);
  if (!wanted?.length) return Object.keys(ROLES);
  const unknown = wanted.filter((r) => !(r in ROLES));
  if (unknown.length)
    throw new Error(`FUZZ_ROLES: unknown ${unknown.join(', ')}; roles: ${Object.keys(ROLES).join(', ')}`);
  return wanted;
}

const cleanups = [];
const workerProblems = new Map(); // what the worker warned about, with how often
let current; // the running `st`, stopped on a signal
let interrupted = false;

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
    return Object.assign(new URL(process.env.DATABASE_URL), { pathname: `/${name}` }).toString();
  }
  const { startEmbeddedPostgres } = require('../dist/db/embedded-postgres.js');
  const dataDir = path.join(makeTempDir('heli-fuzz-pg-'), 'postgres');
  const pg = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), onLog: () => undefined });
  cleanups.push(pg.stop);
  return pg.url;
}

/** An activity failing on data the API accepted answers 201 yet never happens: no HTTP check can see it. */
function recordWorkerProblems() {
  const { DefaultLogger, Runtime } = require('@temporalio/worker');
  const record = ({ message, meta }) => {
    // The fuzzer points unit webhooks at made-up hosts; deliveries to them fail and are retried, as they
    // should be. That is the receivers' failure, not Heli's (the delivery path has its own tests).
    if (meta?.activityType === 'deliverWebhook') return;
    const problem = [message, meta?.activityType ?? meta?.workflowType, meta?.error?.message].filter(Boolean);
    workerProblems.set(problem.join(': '), (workerProblems.get(problem.join(': ')) ?? 0) + 1);
  };
  Runtime.install({
    logger: new DefaultLogger('WARN', record),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
}

async function startApi() {
  const { startStack } = require('../dist/cli/stack.js');
  const { loadConfig } = require('../dist/config/index.js');
  const config = loadConfig({
    DATABASE_URL: await openThrowawayDatabase(),
    DATA_DIR: makeTempDir('heli-fuzz-data-'),
    PORT: '0',
    TEMPORAL_DEV_PORT: String(await findFreePort()),
    TEMPORAL_UI_PORT: String(await findFreePort()),
    // Schemathesis sends hundreds of requests a second per token: at the default limit most operations would
    // only ever answer 429. The limiter has tests of its own.
    RATE_LIMIT_PER_MINUTE: '1000000',
  });
  const stack = await startStack(config, require('pino')({ level: 'silent' }), 'fuzz');
  cleanups.push(stack.stop);
  return stack;
}

/** Two tasks for the task operations: the UNIT and LEADER tokens may see the first, not the second. */
async function seedTasks(apiUrl, token) {
  const dueDate = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const ids = [];
  for (const [leadUnitId, coUnitIds, leaderId] of [
    ['town-dongguan', ['dept-health'], 'p-wang-hongmei'],
    ['dept-finance', [], 'p-wu-haitao'],
  ]) {
    const body = {
      title: '作风建设专项检查',
      leadUnitId,
      coUnitIds,
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

/** Runs `st` in a temporary folder: it and Hypothesis keep caches in their working folder. */
function runSchemathesis(args, logFile, cwd) {
  const shown = args.map((a) => (/\s/.test(a) ? `'${a.replace(/Bearer \S+/, 'Bearer <token>')}'` : a));
  console.log(`$ st ${shown.join(' ')}`);
  return new Promise((resolve, reject) => {
    const log = createWriteStream(logFile);
    current = spawn(st, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    current.stdout.pipe(log);
    current.stderr.pipe(log);
    current.once('error', reject).once('close', (code) => {
      current = undefined;
      log.end(() => resolve(code));
    });
  });
}

async function fuzzAs(role, token, apiUrl, configFile) {
  const dir = path.join(reportRoot, role.toLowerCase());
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const startedAt = Date.now();
  const args = schemathesisArgs({ apiUrl, token, configFile, dir });
  const exitCode = await runSchemathesis(args, path.join(dir, 'st.log'), path.dirname(configFile));
  const run = { role, exitCode, ...readRun(dir) };
  const checks = Object.entries(run.byCheck).map(([check, n]) => `${check}=${n}`);
  console.log(
    `${role}: ${run.operations} operations, ${run.requests} requests, ${((Date.now() - startedAt) / 1000).toFixed(1)} s, ` +
      `failures: ${checks.join(' ') || 'none'}${run.errors.length ? `, errors: ${run.errors.length}` : ''}` +
      (run.untested.length ? ` (never past 4xx: ${run.untested.join(', ')})` : ''),
  );
  return run;
}

function printFailures(runs) {
  for (const run of runs) {
    for (const testCase of run.testCases) {
      for (const f of testCase.failures)
        console.log(`\n--- ${run.role} ${f.kind}: ${testCase.name} [${f.codes}]\n${f.text}`);
    }
    for (const e of run.errors) console.log(`\n--- ${run.role} error: ${e.title} (${e.count}x)`);
  }
  for (const [problem, count] of workerProblems) console.log(`\n--- worker: ${problem} (${count}x)`);
}

async function main() {
  execFileSync(process.execPath, [path.join(root, 'scripts', 'install-fuzz.mjs')], { stdio: 'inherit' });
  const roles = rolesToFuzz();
  const startedAt = Date.now();
  recordWorkerProblems();
  const stack = await startApi();
  console.log(`fuzz: stack up in ${((Date.now() - startedAt) / 1000).toFixed(1)} s at ${stack.apiUrl}`);
  const { issueToken } = require('../dist/db/queries/tokens.js');
  const tokens = {};
  for (const [role, personId] of Object.entries(ROLES)) tokens[role] = (await issueToken(stack.db, personId)).token;
  const configFile = path.join(makeTempDir('heli-fuzz-config-'), 'schemathesis.toml');
  writeSchemathesisConfig(configFile, await seedTasks(stack.apiUrl, tokens.OFFICE));
  const runs = [];
  for (const role of roles) {
    if (!interrupted) runs.push(await fuzzAs(role, tokens[role], stack.apiUrl, configFile));
  }
  printFailures(runs);
  // Counted in JUnit test cases: one per operation and role, plus each role's stateful scenario. A run that
  // failed without a failing test case (e.g. the schema did not load) and a worker that warned fail as well.
  const testCases = runs.flatMap((r) => r.testCases);
  const passed = testCases.filter((t) => t.failures.length === 0).length;
  const failedRuns = runs.filter((r) => r.exitCode !== 0 && r.testCases.every((t) => t.failures.length === 0));
  const failed = testCases.length - passed + failedRuns.length + (workerProblems.size > 0 ? 1 : 0);
  const requests = runs.reduce((n, r) => n + r.requests, 0);
  console.log(`\nfuzz: ${requests} requests in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  console.log(`fuzz: ${passed} passed, ${failed} failed`);
  return interrupted || failed > 0 ? 1 : 0;
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
