import { CancelledFailure } from '@temporalio/common';
import type { ActivityInterceptorsFactory, InjectedSinks } from '@temporalio/worker';
import type { HeliMetrics } from '../config/heli-metrics';
import type { HeliSinks } from '../workflows/interceptors';

/**
 * Counts and times every activity attempt by its type and outcome. The SDK's own activity log lines
 * ("Activity failed", ...) already carry workflowId, workflowType, activityType and attempt.
 */
export function activityMetrics(metrics: HeliMetrics): ActivityInterceptorsFactory {
  return (ctx) => ({
    inbound: {
      async execute(input, next) {
        const activity = ctx.info.activityType;
        const timed = metrics.activityDuration.startTimer({ activity });
        let outcome = 'completed';
        try {
          return await next(input);
        } catch (err) {
          outcome = err instanceof CancelledFailure ? 'cancelled' : 'failed';
          throw err;
        } finally {
          metrics.activityExecutions.inc({ activity, outcome });
          timed();
        }
      },
    },
  });
}

/** Where the workflow interceptors (workflows/interceptors.ts) report failures. */
export function workflowMetricSinks(metrics: HeliMetrics): InjectedSinks<HeliSinks> {
  return {
    heliMetrics: {
      workflowFailed: { fn: (info) => metrics.workflowFailures.inc({ workflow_type: info.workflowType }) },
      workflowTaskFailed: { fn: (info) => metrics.workflowTaskFailures.inc({ workflow_type: info.workflowType }) },
    },
  };
}
