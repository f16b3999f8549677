import type { WorkflowHandle } from '@temporalio/client';
import { loadCollaboration } from '../../config/collaboration';
import { rotationPlan } from '../../workflows';
import {
  getRotationStatus,
  rotationPlanId,
  rotationRecorded,
  rotationWorkflowId,
  type RotationInput,
  type RotationStatus,
  type WindowPlan,
} from '../../procedures/rotation/messages';
import type { Actor } from '../../procedures/task/messages';
import { createWorkflowHarness, type HarnessBasics } from './workflow-harness';

export interface RotationHarness extends HarnessBasics {
  /** Starts the plan of `year` for the district with these windows (the shipped policy), once it is recorded. */
  start(
    year: number,
    windows: WindowPlan[],
    overrides?: Partial<RotationInput>,
  ): Promise<{ handle: WorkflowHandle<typeof rotationPlan>; planId: string; workflowId: string }>;
  /** Skips workflow time to just after `instant`, then waits until the plan's status satisfies `done`. */
  skipTo(instant: string, handle: WorkflowHandle, done?: (s: RotationStatus) => boolean): Promise<RotationStatus>;
  timeline(planId: string): Promise<{ kind: string; windowId: string | null; message: string; at: string }[]>;
  /** People notified of a step kind (ROTATION_STARTED, ...), sorted, each once. */
  notified(workflowId: string, kind: string): Promise<string[]>;
}

export const officeActor = (requestId: string): Actor => ({
  personId: 'p-huang-min',
  unitId: 'office',
  roles: ['OFFICE'],
  credentialId: 'tok_p-huang-min',
  requestId,
});

/** The rotation plan on the time-skipping server with its real activities, on a fresh database. */
export async function createRotationHarness(): Promise<RotationHarness> {
  const h = await createWorkflowHarness({ name: 'rotations' });
  const { rotation: policy } = loadCollaboration();
  return {
    ...h,
    async start(year, windows, overrides = {}) {
      const input: RotationInput = {
        planId: rotationPlanId('district', year),
        orgId: 'district',
        year,
        windows,
        confirmBy: { workingDays: policy.confirmWorkingDays },
        policy,
        createdBy: officeActor(`req-create-${year}`),
        ...overrides,
      };
      const workflowId = rotationWorkflowId('district', year);
      const handle = await h.startRecorded(rotationPlan, workflowId, input, rotationRecorded);
      return { handle, planId: input.planId, workflowId };
    },
    skipTo: (instant, handle, done) => h.skipUntil(instant, handle, getRotationStatus, done),
    timeline: (planId) => h.timeline('rotation_timeline', 'plan_id', planId, 'kind, window_id AS "windowId", message'),
    notified: (workflowId, kind) => h.notified(workflowId, kind, true),
  };
}
