#!/usr/bin/env node
// Installs Schemathesis (the API fuzzer of `npm run test:fuzz`) from PyPI into the project-local venv
// (.venv) that install-temporal.mjs creates. Called by scripts/fuzz.mjs, not by postinstall, so a plain
// `npm install` stays lean. Idempotent: a venv that already holds the pinned version is left alone.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, accessSync, constants } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const venv = path.join(root, '.venv');
const pins = { schemathesis: '4.32.5' };
const marker = path.join(venv, 'heli-fuzz-pins.json');
const st = path.join(venv, 'bin', 'st');

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function fail(message) {
  console.error(`\nheli: cannot install Schemathesis: ${message}\n`);
  process.exit(1);
}

function findPython() {
  for (const candidate of ['python3', 'python']) {
    // Schemathesis 4 needs Python 3.9 or newer.
    const probe = spawnSync(candidate, ['-c', 'import sys; print(sys.version_info >= (3, 9))'], { encoding: 'utf8' });
    if (probe.status === 0 && probe.stdout.trim() === 'True') return candidate;
  }
  return fail(
    'python3 (3.9 or newer) was not found on PATH. Install it (Debian: apt-get install python3 python3-venv python3-pip).',
  );
}

function stVersion() {
  const probe = spawnSync(st, ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

const installed = existsSync(marker) ? JSON.parse(readFileSync(marker, 'utf8')) : {};
if (installed.schemathesis === pins.schemathesis && isExecutable(st)) {
  console.log(`heli: Schemathesis ${pins.schemathesis} already in ${venv}`);
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
const spec = `schemathesis==${pins.schemathesis}`;
console.log(`heli: installing ${spec} into ${venv}`);
try {
  execFileSync(venvPython, ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', spec], {
    stdio: 'inherit',
  });
} catch {
  fail(`pip could not install ${spec} (is the PyPI index reachable?).`);
}
const version = stVersion();
if (!version?.includes(pins.schemathesis)) {
  fail(`${spec} installed but '${st} --version' answers ${JSON.stringify(version ?? 'nothing')}.`);
}
writeFileSync(marker, JSON.stringify(pins, null, 2));
console.log(`heli: ${version} installed`);
