/**
 * The workflows of the benchmark's worker (bench/decompose.ts): Heli's own, plus a workflow that does nothing, the
 * yardstick a decomposition is measured against. Kept out of workflows/ so that production bundles never carry it.
 */
import { condition, defineUpdate, proxyActivities, setHandler, sleep } from '@temporalio/workflow';

export * from '../workflows';

/** Completes at once: its cost is the server's and the worker's floor for one workflow. */
export async function benchBareWorkflow(): Promise<string> {
  return 'done';
}

/** The bare Update the action benchmark compares Heli's actions with: accepted, answered, nothing else. */
export const benchPing = defineUpdate<number, [number]>('benchPing');

/** Answers `benchPing` until told to stop (a ping of -1): the server's and worker's floor for one Update. */
export async function benchUpdateWorkflow(): Promise<void> {
  let done = false;
  setHandler(benchPing, (n) => {
    if (n < 0) done = true;
    return n;
  });
  await condition(() => done);
}

const { benchNoop } = proxyActivities<{ benchNoop(): Promise<void> }>({ startToCloseTimeout: '1 minute' });

/**
 * The escalation burst's yardstick (bench/escalation.ts): a timer until `atMs` (workflow time), then one activity
 * that does nothing — what a lapsing deadline costs the server and the worker before Heli records anything.
 */
export async function benchTimerWorkflow(atMs: number): Promise<void> {
  await sleep(Math.max(1, atMs - Date.now()));
  await benchNoop();
}
