import { existsSync } from 'node:fs';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Activities } from '../activities';
import type { HeliMetrics } from '../config/heli-metrics';
import { activityMetrics, workflowMetricSinks } from './observe';

export interface WorkerSettings {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: Activities;
  /** A prebuilt bundle (production); when missing, the workflows are bundled now. */
  bundlePath?: string;
  shutdownGraceSeconds: number;
  /** Activity and workflow metrics go here (served at /metrics). */
  metrics: HeliMetrics;
  /**
   * Workflows kept in memory between their steps (WORKER_MAX_CACHED_WORKFLOWS). A district runs thousands of tasks that
   * sleep for days: bounding the cache bounds the worker's memory, and a workflow evicted is replayed when it wakes.
   */
  maxCachedWorkflows: number;
}

/** Bundled into the workflow code: the production bundle (worker/bundle.ts) includes it too. */
export const workflowInterceptorModules = [require.resolve('../workflows/interceptors')];

/** The worker for Heli's one task queue: workflows from the prebuilt bundle, activities from the factory. */
export async function createWorker(settings: WorkerSettings): Promise<Worker> {
  const workflows: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> =
    settings.bundlePath && existsSync(settings.bundlePath)
      ? { workflowBundle: { codePath: settings.bundlePath } }
      : { workflowsPath: require.resolve('../workflows') };
  const bundled = 'workflowBundle' in workflows;
  return Worker.create({
    connection: settings.connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    activities: settings.activities,
    ...workflows,
    shutdownGraceTime: `${settings.shutdownGraceSeconds}s`,
    maxCachedWorkflows: settings.maxCachedWorkflows,
    interceptors: {
      activity: [activityMetrics(settings.metrics)],
      ...(bundled ? {} : { workflowModules: workflowInterceptorModules }),
    },
    sinks: workflowMetricSinks(settings.metrics),
  });
}
