import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The client's API types (the web workspace imports them too) are generated from the OpenAPI document (`npm run gen:api`); a change of the
 * document without them regenerated fails here as it fails CI (`npm run gen:api -- --check`). Reads dist (npm test
 * builds it first).
 */
const root = path.join(__dirname, '../..');
const TARGET = 'clients/typescript/src/api-schema.ts';

const check = () => {
  try {
    execFileSync(process.execPath, ['scripts/gen-api.mjs', '--check'], { cwd: root, stdio: 'pipe' });
    return { status: 0, stderr: '' };
  } catch (err) {
    const failed = err as { status: number; stderr: Buffer };
    return { status: failed.status, stderr: failed.stderr.toString() };
  }
};

describe('the generated API types', () => {
  it('are what the OpenAPI document generates now (run `npm run gen:api` and commit them otherwise)', () => {
    expect(check()).toEqual({ status: 0, stderr: '' });
  });

  it('are found stale, by name, once they differ from what the document generates', () => {
    const target = TARGET;
    const kept = path.join(mkdtempSync(path.join(os.tmpdir(), 'heli-api-types-')), 'kept.ts');
    copyFileSync(path.join(root, target), kept);
    try {
      writeFileSync(path.join(root, target), readFileSync(kept, 'utf8').replace('requestId?: string;', ''));

      const { status, stderr } = check();

      expect(status).toBe(1);
      expect(stderr.trim().split('\n')).toEqual([
        `${target} is stale: the OpenAPI document changed; run \`npm run gen:api\` and commit it`,
      ]);
    } finally {
      copyFileSync(kept, path.join(root, target));
      rmSync(path.dirname(kept), { recursive: true, force: true });
    }
  });
});
