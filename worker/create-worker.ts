import { existsSync } from 'node:fs';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Activities } from '../activities';

export interface WorkerSettings {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: Activities;
  /** A prebuilt bundle (production); when missing, the workflows are bundled now. */
  bundlePath?: string;
  shutdownGraceSeconds: number;
}

/** The worker for Heli's one task queue: workflows from the prebuilt bundle, activities from the factory. */
export async function createWorker(settings: WorkerSettings): Promise<Worker> {
  const workflows: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> =
    settings.bundlePath && existsSync(settings.bundlePath)
      ? { workflowBundle: { codePath: settings.bundlePath } }
      : { workflowsPath: require.resolve('../workflows') };
  return Worker.create({
    connection: settings.connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    activities: settings.activities,
    ...workflows,
    shutdownGraceTime: `${settings.shutdownGraceSeconds}s`,
  });
}
