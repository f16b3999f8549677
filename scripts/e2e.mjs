#!/usr/bin/env node
// `npm run test:e2e` (after `npm run build`): the browser tests of the web workspace, through jest with its own
// config (jest.e2e.config.js), closing on one line `e2e: N passed, N failed` for CI to read.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`e2e: no Chromium at ${chromium} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
}
if (!existsSync(path.join(root, 'dist', 'web', 'index.html'))) {
  console.error('e2e: dist/web is missing: run npm run build first');
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'heli-e2e-'));
const results = path.join(dir, 'results.json');
const started = Date.now();
const run = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
    '-c',
    'jest.e2e.config.js',
    '--runInBand',
    '--json',
    `--outputFile=${results}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, CHROMIUM_PATH: chromium } },
);
let passed = 0;
let failed = run.status === 0 ? 0 : 1;
try {
  const r = JSON.parse(readFileSync(results, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
  if (run.status !== 0 && failed === 0) failed = 1;
} catch {
  // jest died before writing results: counted as one failure above
}
rmSync(dir, { recursive: true, force: true });
console.log(`e2e took ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(run.status ?? 1);
