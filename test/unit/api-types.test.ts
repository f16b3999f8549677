import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The web's and the client's API types are generated from the OpenAPI document (`npm run gen:api`); a change of the
 * document without them regenerated fails here as it fails CI (`npm run gen:api -- --check`). Reads dist (npm test
 * builds it first).
 */
const root = path.join(__dirname, '../..');
const TARGETS = ['web/src/lib/api-schema.d.ts', 'clients/typescript/src/api-schema.ts'];

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

  it('are found stale, by name, once one of them differs from what the document generates', () => {
    const target = TARGETS[1]!;
    const kept = path.join(mkdtempSync(path.join(os.tmpdir(), 'heli-api-types-')), 'kept.ts');
    copyFileSync(path.join(root, target), kept);
    try {
      writeFileSync(path.join(root, target), readFileSync(kept, 'utf8').replace('requestId?: string;', ''));

      const { status, stderr } = check();

      expect(status).toBe(1);
      expect(stderr).toContain(`${target} is stale`);
      expect(stderr).not.toContain(TARGETS[0]);
    } finally {
      copyFileSync(kept, path.join(root, target));
      rmSync(path.dirname(kept), { recursive: true, force: true });
    }
  });
});
