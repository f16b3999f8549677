import { spawn } from 'node:child_process';
import { fromProject } from '../config/paths';

/**
 * `npm start` to a healthy /healthz on an unchanged tree (issue 17): scripts/time-start.mjs with two runs on one
 * temporary DATA_DIR, the first a fresh start (initdb, every migration), the second the restart that is measured.
 */
export interface StartRun {
  run: number;
  seconds: number;
  phases: Record<string, number>;
}

export async function benchRestart(say: (line: string) => void): Promise<{ fresh: StartRun; restart: StartRun }> {
  const child = spawn(process.execPath, [fromProject('scripts/time-start.mjs'), '2'], {
    cwd: fromProject('.'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    for (const line of c.toString().split('\n').filter(Boolean)) say(`   ${line}`);
  });
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const runs = out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as StartRun);
  if (code !== 0 || runs.length < 2) throw new Error(`scripts/time-start.mjs failed (${code}): ${err.slice(-2_000)}`);
  return { fresh: runs[0]!, restart: runs[1]! };
}
