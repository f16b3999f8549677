import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporalCliPath, temporalTestServerPath } from '../../config/temporal-binaries';

/** The time-skipping test server, from the binary the project installed (never a download). */
export const createTimeSkippingEnv = () =>
  TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
  });

/** A real Temporal dev server (in memory), from the project's Temporal CLI. */
export const createLocalEnv = () =>
  TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: temporalCliPath() } },
  });
