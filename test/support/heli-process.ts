import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../config/paths';
import { eventually } from './http';

const bin = path.join(projectRoot, 'bin', 'heli.js');

/** Runs `heli <args>` (the built CLI) with `env` on top of a clean environment, returning stdout. */
export function runHeli(args: string[], env: Record<string, string>): string {
  // Bounded: a command that should stop at once must fail the test, not hang it.
  return execFileSync(process.execPath, [bin, ...args], {
    env: cleanEnv(env),
    encoding: 'utf8',
    stdio: 'pipe',
    timeout: 60_000,
    killSignal: 'SIGINT',
  });
}

/**
 * Runs `heli <args>` without blocking this process: needed when the command talks to a worker running in the
 * test process itself (a synchronous child would stall that worker until its workflow tasks time out).
 */
export function runHeliAsync(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGINT'), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _db, TEMPORAL_ADDRESS: _t, ...rest } = process.env;
  return { ...rest, LOG_LEVEL: 'warn', ...env };
}

export interface HeliProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `heli start` as `npm start` would, and waits until /healthz answers 200. */
export async function startHeli(env: Record<string, string>, apiUrl: string): Promise<HeliProcess> {
  const child = spawn(process.execPath, [bin, 'start'], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  await eventually(async () => {
    if (gone) throw new Error(`heli start exited early:\n${output}`);
    const res = await fetch(`${apiUrl}/healthz`).catch(() => undefined);
    return res?.status === 200 ? true : undefined;
  }, 120_000);
  return { child, output: () => output, exited };
}
