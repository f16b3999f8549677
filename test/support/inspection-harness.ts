import type { WorkflowHandle } from '@temporalio/client';
import { inspectionRound } from '../../workflows';
import {
  getInspectionStatus,
  inspectionRecorded,
  inspectionWorkflowId,
  type InspectionInput,
  type InspectionStatus,
} from '../../procedures/inspection/messages';
import { actor } from './task-harness';
import { adHocOf, createWorkflowHarness, type HarnessBasics, type WorkflowHarness } from './workflow-harness';

export interface InspectionHarness extends HarnessBasics, Pick<WorkflowHarness, 'policies'> {
  /** A cycle row of its own (the rounds' and tasks' `cycle_id`). */
  newCycle(): Promise<string>;
  /** Starts a round of the cycle, as the cycle or the API would, and waits until its notice is recorded. */
  start(
    input: Pick<InspectionInput, 'cycleId' | 'unitIds' | 'selfCheckDueDate' | 'findingsDueDate'> &
      Partial<InspectionInput>,
  ): Promise<{ handle: WorkflowHandle<typeof inspectionRound>; roundId: string }>;
  /** Skips workflow time to `marginMs` after `instant`, then waits until the round's state satisfies `done`. */
  skipTo(
    instant: string,
    handle: WorkflowHandle,
    done?: (s: InspectionStatus) => boolean,
    marginMs?: number,
  ): Promise<InspectionStatus>;
  timeline(roundId: string): Promise<{ kind: string; message: string; unitId: string | null; at: string }[]>;
  /** Who got notifications of this kind from the round's workflow, sorted. */
  notified(roundId: string, kind: string): Promise<string[]>;
}

/**
 * The inspection round on the time-skipping server with its real activities (read model, calendar, notifications,
 * and the rectification tasks its findings start) on a fresh database holding the example organisation and calendars.
 */
export async function createInspectionHarness(): Promise<InspectionHarness> {
  const h = await createWorkflowHarness({ name: 'inspections' });

  return {
    ...h,
    async start(overrides) {
      const { id: roundId, ...adHoc } = adHocOf(overrides.cycleId, 'x');
      const input: InspectionInput = {
        roundId,
        ...adHoc,
        title: '2027年上半年作风建设专项检查',
        checklist: ['落实中央八项规定精神情况', '村级小微权力清单执行情况'],
        calledBy: actor('office'),
        ...overrides,
      };
      const handle = await h.startRecorded(inspectionRound, inspectionWorkflowId(roundId), input, inspectionRecorded);
      return { handle, roundId };
    },
    skipTo: (instant, handle, done, marginMs) => h.skipUntil(instant, handle, getInspectionStatus, done, marginMs),
    timeline: (roundId) => h.timeline('inspection_timeline', 'round_id', roundId, 'kind, message, unit_id AS "unitId"'),
    notified: (roundId, kind) => h.notified(inspectionWorkflowId(roundId), kind),
  };
}
