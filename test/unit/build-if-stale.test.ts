import { execFileSync, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../config/paths';

const script = path.join(projectRoot, 'scripts', 'build-if-stale.mjs');

/**
 * A project tree of its own whose `build:steps` only writes the build's outputs and counts how often it ran, so
 * that the decision (build or not) is tested without the real 20 s build.
 */
function fakeProject(): { root: string; builds: () => number; write: (file: string, text: string) => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'heli-build-stamp-'));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  const steps = [
    "const fs=require('fs');",
    "if(process.env.FAIL_BUILD==='1')process.exit(3);",
    "fs.appendFileSync('builds.log','x');",
    "for(const f of ['dist/cli/heli.js','dist/workflow-bundle.js','dist/web/index.html']){",
    "fs.mkdirSync(require('path').dirname(f),{recursive:true});fs.writeFileSync(f,'built');}",
  ].join('');
  write(
    'package.json',
    JSON.stringify({ name: 'fake', private: true, scripts: { 'build:steps': `node -e "${steps}"` } }),
  );
  write('package-lock.json', '{"lockfileVersion":3}');
  write('tsconfig.json', '{}');
  write('api/app.ts', 'export const a = 1;\n');
  write('workflows/task.ts', 'export const t = 1;\n');
  write('web/src/app.tsx', 'export const w = 1;\n');
  write('db/migrations/001_start.sql', 'CREATE TABLE t (id int);\n');
  const builds = () =>
    existsSync(path.join(root, 'builds.log')) ? readFileSync(path.join(root, 'builds.log'), 'utf8').length : 0;
  return { root, builds, write };
}

function start(root: string, env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, [script, '--root', root], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: run.status, out: run.stdout + run.stderr };
}

describe('npm start builds only when the build is stale (scripts/build-if-stale.mjs)', () => {
  let project: ReturnType<typeof fakeProject>;
  beforeEach(() => (project = fakeProject()));
  afterEach(() => rmSync(project.root, { recursive: true, force: true }));

  it('builds a tree never built, then skips the build while nothing changed', () => {
    expect(start(project.root).status).toBe(0);
    expect(project.builds()).toBe(1);
    expect(readFileSync(path.join(project.root, 'dist/.build-stamp'), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);

    const again = start(project.root);

    expect(again.status).toBe(0);
    expect(again.out).toContain('build is current');
    expect(project.builds()).toBe(1);
  });

  it.each([
    ['a TypeScript source changed', 'api/app.ts', 'export const a = 2;\n'],
    ['a workflow changed', 'workflows/task.ts', 'export const t = 2;\n'],
    ['a web source changed', 'web/src/app.tsx', 'export const w = 2;\n'],
    ['a migration changed', 'db/migrations/001_start.sql', 'CREATE TABLE t (id bigint);\n'],
    ['the package lock changed', 'package-lock.json', '{"lockfileVersion":3,"packages":{}}'],
    ['a source file appeared', 'procedures/new.ts', 'export const n = 1;\n'],
  ])('builds again when %s', (_what, file, text) => {
    start(project.root);
    project.write(file, text);

    const run = start(project.root);

    expect(run.status).toBe(0);
    expect(run.out).toContain('build inputs changed');
    expect(project.builds()).toBe(2);
    start(project.root);
    expect(project.builds()).toBe(2);
  });

  it('does not rebuild for a file touched but unchanged, nor for what runs write (bench results)', () => {
    start(project.root);
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(project.root, 'api/app.ts'), later, later);
    project.write('bench/results/run.json', '{}');

    start(project.root);

    expect(project.builds()).toBe(1);
  });

  it('builds again when an output is gone', () => {
    start(project.root);
    rmSync(path.join(project.root, 'dist/workflow-bundle.js'));

    const run = start(project.root);

    expect(run.out).toContain('dist/workflow-bundle.js is missing');
    expect(project.builds()).toBe(2);
  });

  it('never takes a failed build for current: the stamp goes, and the next start builds', () => {
    start(project.root);
    project.write('api/app.ts', 'export const a = 3;\n');

    const failed = start(project.root, { FAIL_BUILD: '1' });

    expect(failed.status).toBe(3);
    expect(existsSync(path.join(project.root, 'dist/.build-stamp'))).toBe(false);
    start(project.root);
    expect(project.builds()).toBe(2);
  });

  it('builds with --force even when current (npm run build), and --check builds nothing', () => {
    start(project.root);
    const check = () => spawnSync(process.execPath, [script, '--root', project.root, '--check']).status;
    expect(check()).toBe(0);

    execFileSync(process.execPath, [script, '--root', project.root, '--force']);
    expect(project.builds()).toBe(2);
    appendFileSync(path.join(project.root, 'api/app.ts'), '// changed\n');
    expect(check()).toBe(1);
    expect(project.builds()).toBe(2);
  });
});

describe('the inputs of the real build', () => {
  const inputs = execFileSync(process.execPath, [script, '--inputs'], { encoding: 'utf8' }).trim().split('\n');
  const inputDirs = new Set(inputs.map((f) => f.split('/')[0]));

  it('cover every folder tsc compiles and every top-level folder holding sources (test/ aside)', () => {
    const build = JSON.parse(readFileSync(path.join(projectRoot, 'tsconfig.build.json'), 'utf8')) as {
      include: string[];
    };
    const withSources = readdirSync(projectRoot, { withFileTypes: true })
      .filter(
        (e) => e.isDirectory() && !e.name.startsWith('.') && !['node_modules', 'dist', 'test', 'data'].includes(e.name),
      )
      .map((e) => e.name)
      .filter((dir) =>
        readdirSync(path.join(projectRoot, dir), { recursive: true, encoding: 'utf8' }).some((f) => /\.tsx?$/.test(f)),
      );

    for (const dir of [...build.include, ...withSources]) expect(inputDirs).toContain(dir);
    for (const file of ['package.json', 'package-lock.json', 'tsconfig.build.json', 'web/vite.config.mjs'])
      expect(inputs).toContain(file);
    expect(inputs.some((f) => f.startsWith('db/migrations/'))).toBe(true);
  });
});
