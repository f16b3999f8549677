import { existsSync } from 'node:fs';
import path from 'node:path';

function findProjectRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** The project's root folder (where package.json is), whether running from source or from dist/. */
export const projectRoot = findProjectRoot(__dirname);

/** Resolves a configured path relative to the project root, absolute paths unchanged. */
export function fromProject(p: string): string {
  return path.resolve(projectRoot, p);
}
