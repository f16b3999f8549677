/**
 * Workflow interceptors that report failures to the worker's metrics through a sink (workflow code has no I/O of
 * its own). Sinks are not called while history is replayed, so a failure is counted once, when it happens.
 */
import {
  ContinueAsNew,
  proxySinks,
  TemporalFailure,
  type Next,
  type Sinks,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptors,
} from '@temporalio/workflow';

export interface HeliSinks extends Sinks {
  heliMetrics: {
    /** The execution ended FAILED (it sent the fail-workflow command). */
    workflowFailed(): void;
    /** Workflow code threw an error that is no Temporal failure: the workflow task fails and Temporal retries it. */
    workflowTaskFailed(): void;
  };
}

const { heliMetrics } = proxySinks<HeliSinks>();

/**
 * The SDK fails the workflow *task* (not the workflow) for any error but a Temporal failure, and continue-as-new
 * travels as an error of its own; see the TypeScript SDK's "Workflow failures".
 */
function countTaskFailure(err: unknown): never {
  if (!(err instanceof TemporalFailure) && !(err instanceof ContinueAsNew)) heliMetrics.workflowTaskFailed();
  throw err;
}

async function watch<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    return countTaskFailure(err);
  }
}

const inbound: WorkflowInboundCallsInterceptor = {
  execute: (input, next: Next<WorkflowInboundCallsInterceptor, 'execute'>) => watch(() => next(input)),
  handleSignal: (input, next: Next<WorkflowInboundCallsInterceptor, 'handleSignal'>) => watch(() => next(input)),
  handleUpdate: (input, next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>) => watch(() => next(input)),
};

export const interceptors = (): WorkflowInterceptors => ({
  inbound: [inbound],
  internals: [
    {
      concludeActivation(input, next) {
        const output = next(input);
        if (output.commands.some((c) => c.failWorkflowExecution)) heliMetrics.workflowFailed();
        return output;
      },
    },
  ],
});
