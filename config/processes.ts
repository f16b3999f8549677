import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** Whether a process with this pid exists (signal 0 checks without sending anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `check` every 100 ms until it holds, or fails naming `what` after `timeoutMs`. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
export function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Passes a child's output to `onLog` line by line and keeps its last lines for an error message. */
export function followOutput(child: ChildProcess, onLog: (line: string) => void, keep = 20): () => string[] {
  const tail: string[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      tail.push(line);
      if (tail.length > keep) tail.shift();
      onLog(line);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return () => [...tail];
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Ports this process has handed out: each is free when drawn but bound only later, by whoever asked for it. */
const handedOut = new Set<number>();

/**
 * A port that is free now, for servers started by tests and the fuzz run. It is drawn below Linux's
 * ephemeral range (32768 and up), where the OS picks ports for `listen(0)` and outgoing connections:
 * the Temporal dev server opens such random ports of its own while starting, and a port we took from
 * that range and released could be handed to it before our own server binds it. Nor is a port handed
 * out twice by one process: a test stack draws the dev server's two ports and then Core's metrics port
 * before any of them is bound, and a second draw of the same free port made the dev server fail with
 * "address already in use".
 */
export async function findFreePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 15_000 + Math.floor(Math.random() * 17_000);
    if (handedOut.has(port)) continue;
    if (await canListen(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('no free port found in 15000-31999');
}

/**
 * Claims a folder for this process with a pid file, refusing when a live process holds it: two Heli
 * processes on one DATA_DIR would each take the other's servers for orphans. Returns the release.
 */
export function claimFolder(dir: string, what: string): () => void {
  mkdirSync(dir, { recursive: true });
  const pidFile = path.join(dir, 'heli.pid');
  let holder: number | undefined;
  try {
    holder = Number(readFileSync(pidFile, 'utf8'));
  } catch {
    holder = undefined;
  }
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new Error(`${what} ${dir} is in use by another Heli process (pid ${holder}); stop it first`);
  }
  writeFileSync(pidFile, String(process.pid));
  return () => rmSync(pidFile, { force: true });
}
