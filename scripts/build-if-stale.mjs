#!/usr/bin/env node
// `npm start` builds only when a build input changed since the last successful build; `npm run build` always builds.
//
//   node scripts/build-if-stale.mjs            build when stale (npm start)
//   node scripts/build-if-stale.mjs --force    build in any case (npm run build, postinstall)
//   node scripts/build-if-stale.mjs --check    exit 0 when current, 1 when stale; builds nothing
//   node scripts/build-if-stale.mjs --inputs   print the input files, one a line
//   --root <dir>                               the project (default: this script's project)
//
// The inputs are the files of the folders tsc and Vite compile (every folder the build reaches, web/ included,
// the migrations and YAML beside them too), package.json, package-lock.json and the tsconfigs. Their contents are
// hashed; a successful build writes the hash to dist/.build-stamp, and a build is current when the stamp holds
// the hash of today's inputs and the build's outputs exist. Contents, not mtimes: a `git checkout` that brings
// back the same files does not rebuild, and one that changes a file always does.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folders whose files feed the build. test/ builds nothing of dist (ts-jest compiles it on its own). */
export const INPUT_DIRS = [
  'activities',
  'api',
  'assessment',
  'bench',
  'cli',
  // The generated API types (clients/typescript/src/api-schema.ts) the web workspace imports.
  'clients',
  'config',
  'db',
  'procedures',
  'render',
  'web',
  'worker',
  'workflows',
];
export const INPUT_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
/** Written by runs, never read by the build: they must not make the next start rebuild. */
const SKIPPED = new Set(['node_modules', 'dist', 'bench/results']); // by name anywhere (clients/*/dist too), or by path
/** What a complete build leaves behind: the CLI, the workflow bundle, the workspace. */
export const OUTPUTS = ['dist/cli/heli.js', 'dist/workflow-bundle.js', 'dist/web/index.html'];
export const STAMP = 'dist/.build-stamp';

function walk(root, rel, out) {
  let entries;
  try {
    entries = readdirSync(path.join(root, rel), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const child = rel === '' ? e.name : `${rel}/${e.name}`;
    if (SKIPPED.has(e.name) || SKIPPED.has(child)) continue;
    if (e.isDirectory()) walk(root, child, out);
    else if (e.isFile()) out.push(child);
  }
}

/** The build's input files, relative to `root`, sorted. */
export function buildInputs(root) {
  const files = INPUT_FILES.filter((f) => existsSync(path.join(root, f)));
  for (const dir of INPUT_DIRS) walk(root, dir, files);
  return files.sort();
}

/** One hash over the names and contents of the inputs. */
export function inputsHash(root) {
  const hash = createHash('sha256');
  for (const file of buildInputs(root)) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(path.join(root, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

/** Whether dist/ holds a complete build of today's inputs; `reason` says why not. */
export function buildState(root) {
  const hash = inputsHash(root);
  const missing = OUTPUTS.find((f) => !existsSync(path.join(root, f)));
  if (missing) return { current: false, hash, reason: `${missing} is missing` };
  let stamp;
  try {
    stamp = readFileSync(path.join(root, STAMP), 'utf8').trim();
  } catch {
    return { current: false, hash, reason: 'no build stamp' };
  }
  return stamp === hash ? { current: true, hash } : { current: false, hash, reason: 'build inputs changed' };
}

/**
 * Runs the build steps (`npm run build:steps`) and stamps dist/ with the hash taken before they ran: a file
 * changed while building makes the next start build again. The old stamp goes first, so a build that fails
 * half-way is never taken for current.
 */
export function build(root, hash) {
  rmSync(path.join(root, STAMP), { force: true });
  const run = spawnSync('npm', ['run', 'build:steps', '--silent'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) return run.status ?? 1;
  mkdirSync(path.join(root, 'dist'), { recursive: true });
  writeFileSync(path.join(root, STAMP), `${hash}\n`);
  return 0;
}

function main(argv) {
  const at = argv.indexOf('--root');
  const root = at >= 0 ? path.resolve(argv[at + 1]) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  if (argv.includes('--inputs')) {
    process.stdout.write(buildInputs(root).join('\n') + '\n');
    return 0;
  }
  const state = buildState(root);
  if (argv.includes('--check')) {
    process.stdout.write(state.current ? 'build is current\n' : `build is stale: ${state.reason}\n`);
    return state.current ? 0 : 1;
  }
  if (state.current && !argv.includes('--force')) {
    process.stdout.write('heli: 构建已是最新（build is current），跳过构建\n');
    return 0;
  }
  if (!argv.includes('--force')) process.stdout.write(`heli: 重新构建（${state.reason}）\n`);
  return build(root, state.hash);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
