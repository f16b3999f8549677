import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporalCliPath } from '../../config/temporal-binaries';
import { quietTimeSkippingClient as quietClientOf, startTimeSkippingServer } from '../../worker/time-skipping-server';
import { recordHistoriesOf } from './history-recorder';

/**
 * The time-skipping test server, from the binary the project installed (never a download). With
 * `RECORD_HISTORIES=1` its workflow histories are recorded after each test (test/support/history-recorder.ts).
 */
export async function createTimeSkippingEnv() {
  const env = await startTimeSkippingServer();
  recordHistoriesOf(env.client);
  return env;
}

/** A real Temporal dev server (in memory), from the project's Temporal CLI. */
export const createLocalEnv = () =>
  TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: temporalCliPath() } },
  });

/** A quiet client of a time-skipping server for tests that run for minutes (worker/time-skipping-server.ts). */
export const quietTimeSkippingClient = (env: TestWorkflowEnvironment) => quietClientOf(env.address);
