/**
 * The workflows of the benchmark's worker (bench/decompose.ts): Heli's own, plus a workflow that does nothing, the
 * yardstick a decomposition is measured against. Kept out of workflows/ so that production bundles never carry it.
 */
export * from '../workflows';

/** Completes at once: its cost is the server's and the worker's floor for one workflow. */
export async function benchBareWorkflow(): Promise<string> {
  return 'done';
}
