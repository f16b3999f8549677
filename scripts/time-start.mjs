#!/usr/bin/env node
// Times `npm start` to a healthy /healthz: `node scripts/time-start.mjs [runs]`. The first run starts on an
// empty DATA_DIR (initdb, every migration), the later ones restart on the same one: the "unchanged tree" case.
// Everything runs on free ports and a temporary DATA_DIR, so it does not collide with a running Heli.
// Prints one JSON line per run: { run, seconds, phases } with the seconds at which the log reached each phase.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 2);

const freePort = () =>
  new Promise((resolve, reject) => {
    // Below the ephemeral range, as config/processes.ts findFreePort does.
    const port = 15_000 + Math.floor(Math.random() * 17_000);
    const s = net.createServer();
    s.once('error', () => freePort().then(resolve, reject));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(port)));
  });

const phases = [
  ['build', /构建/],
  ['postgres', /embedded PostgreSQL is up/],
  ['migrated', /database migrated|organisation loaded/],
  ['running', /is running \(/],
];

async function once(run, env) {
  const started = Date.now();
  const child = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const seen = {};
  const tail = [];
  const onData = (chunk) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      tail.push(line);
      if (tail.length > 30) tail.shift();
      for (const [name, re] of phases) {
        if (seen[name] === undefined && re.test(line)) seen[name] = (Date.now() - started) / 1000;
      }
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let ended = false;
  const exited = new Promise((resolve) => child.once('exit', resolve)).then(() => void (ended = true));
  let healthyAt;
  while (healthyAt === undefined && !ended && Date.now() - started < 180_000) {
    const ok = await fetch(`http://127.0.0.1:${env.PORT}/healthz`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) healthyAt = Date.now();
    else await new Promise((r) => setTimeout(r, 50));
  }
  if (!ended) process.kill(-child.pid, 'SIGINT');
  await exited;
  if (healthyAt === undefined) throw new Error(`run ${run}: not healthy\n${tail.join('\n')}`);
  return { run, seconds: (healthyAt - started) / 1000, phases: seen };
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'heli-time-start-'));
// As root, the embedded PostgreSQL runs as `postgres`, which must reach the folder (mkdtemp makes it 0700).
chmodSync(dataDir, 0o755);
try {
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    EMBEDDED_PG_PORT: String(await freePort()),
    TEMPORAL_DEV_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    LOG_LEVEL: 'info',
  };
  delete env.DATABASE_URL;
  delete env.TEMPORAL_ADDRESS;
  for (let run = 1; run <= runs; run++) process.stdout.write(JSON.stringify(await once(run, env)) + '\n');
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
