import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { fromProject } from '../config/paths';
import { workflowInterceptorModules } from './create-worker';

/**
 * Builds the production workflow bundle (run by `npm run build`): `bundle.js [out] [workflows module]`; the
 * benchmark bundles its own workflows module the same way.
 */
async function main() {
  const out = fromProject(process.argv[2] ?? 'dist/workflow-bundle.js');
  const workflows = process.argv[3] ? path.resolve(process.argv[3]) : require.resolve('../workflows');
  const { code } = await bundleWorkflowCode({
    workflowsPath: workflows,
    workflowInterceptorModules,
    logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} },
  });
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, code);
  process.stdout.write(`workflow bundle written to ${path.relative(process.cwd(), out)} (${code.length} bytes)\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
