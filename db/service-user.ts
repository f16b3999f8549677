import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';

export interface ServiceUser {
  name: string;
  uid: number;
  gid: number;
}

function lookup(name: string): ServiceUser | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
    return { name, uid, gid };
  } catch {
    return undefined;
  }
}

/** The unprivileged system user a server runs as when Heli runs as root; created if missing. */
export function ensureServiceUser(name: string): ServiceUser {
  const found = lookup(name);
  if (found) return found;
  try {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', name]);
  } catch (err) {
    throw new Error(`running as root and the '${name}' user is missing; creating it failed: ${(err as Error).message}`);
  }
  const created = lookup(name);
  if (!created) throw new Error(`created the '${name}' user but cannot look it up`);
  return created;
}

/** Whether `user` can traverse every folder above `target` (it need not exist yet) by the mode bits. */
export function reachableBy(user: ServiceUser, target: string): boolean {
  let dir = path.resolve(target);
  const dirs: string[] = [];
  while (true) {
    dirs.push(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // The target itself is checked when it exists; folders not yet made will be created by us.
  return dirs.slice(1).every((d) => {
    let st;
    try {
      st = statSync(d);
    } catch {
      return true;
    }
    if (st.uid === user.uid) return (st.mode & 0o100) !== 0;
    if (st.gid === user.gid) return (st.mode & 0o010) !== 0;
    return (st.mode & 0o001) !== 0;
  });
}
