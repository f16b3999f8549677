#!/usr/bin/env node
// `npm test`: every jest suite, in two phases. The suites on the time-skipping server (test/workflows, test/replay)
// run one at a time: the Java test server stalls a skip when its connection is busy with a second server's suite on
// a loaded machine (seen as 60 s timeouts in test/workflows/task-calendar.test.ts). Every other suite starts its own
// database and dev server and runs two at a time, which halves their wall time on two cores.
// Arguments go to both runs; `--outputFile=F` (with `--json`) gets the two runs' results merged, as one run's.
// With paths or a pattern, one run of exactly those (`npm test -- test/unit`), in band.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const jest = require.resolve('jest/bin/jest');
const args = process.argv.slice(2);
const SERIAL = ['<rootDir>/test/workflows/', '<rootDir>/test/replay/'];

const run = (extra) => spawnSync(process.execPath, [jest, ...extra], { stdio: 'inherit' }).status ?? 1;

if (args.some((a) => !a.startsWith('-'))) process.exit(run(['--runInBand', ...args]));

const output = args.find((a) => a.startsWith('--outputFile='))?.slice('--outputFile='.length);
const rest = args.filter((a) => !a.startsWith('--outputFile='));
const parts = output ? [`${output}.parallel`, `${output}.serial`] : [];
const withOutput = (i) => (output ? [`--outputFile=${parts[i]}`] : []);

const parallel = run([
  '--maxWorkers=2',
  ...SERIAL.flatMap((p) => ['--testPathIgnorePatterns', p]),
  ...withOutput(0),
  ...rest,
]);
const serial = run(['--runInBand', ...withOutput(1), ...rest, ...SERIAL.map((p) => p.replace('<rootDir>/', ''))]);

if (output) {
  const results = parts.map((f) => {
    try {
      return JSON.parse(readFileSync(f, 'utf8'));
    } catch {
      return undefined; // a run that crashed wrote nothing: its suites are not counted, and the status says so
    } finally {
      rmSync(f, { force: true });
    }
  });
  const sum = (key) => results.reduce((n, r) => n + (r?.[key] ?? 0), 0);
  const merged = {
    success: results.every((r) => r?.success === true),
    numTotalTestSuites: sum('numTotalTestSuites'),
    numPassedTestSuites: sum('numPassedTestSuites'),
    numFailedTestSuites: sum('numFailedTestSuites'),
    numTotalTests: sum('numTotalTests'),
    numPassedTests: sum('numPassedTests'),
    numFailedTests: sum('numFailedTests'),
    numPendingTests: sum('numPendingTests'),
    testResults: results.flatMap((r) => r?.testResults ?? []),
  };
  writeFileSync(output, JSON.stringify(merged));
}
process.exit(parallel !== 0 ? parallel : serial);
