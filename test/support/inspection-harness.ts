import { randomBytes } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { TaskPolicies } from '../../config/task-policy';
import { inspectionRound } from '../../workflows';
import {
  getInspectionStatus,
  inspectionRecorded,
  inspectionWorkflowId,
  type InspectionInput,
  type InspectionStatus,
} from '../../procedures/inspection/messages';
import type { TestDatabase } from './database';
import { actor } from './task-harness';
import { createWorkflowHarness } from './workflow-harness';

export interface InspectionHarness {
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  policies: TaskPolicies;
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
  now(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The inspection round on the time-skipping server with its real activities (read model, calendar, notifications,
 * and the rectification tasks its findings start) on a fresh database holding the example organisation and calendars.
 */
export async function createInspectionHarness(): Promise<InspectionHarness> {
  const h = await createWorkflowHarness({ name: 'inspections' });
  const { env, db, policies, now } = h;

  return {
    env,
    db,
    policies,
    now,
    newCycle: () => h.newCycle(),
    async start(overrides) {
      const key = `x${randomBytes(3).toString('hex')}`;
      const roundId = `${overrides.cycleId}-${key}`;
      const input: InspectionInput = {
        roundId,
        orgId: 'district',
        key,
        kind: 'AD_HOC',
        title: '2027年上半年作风建设专项检查',
        checklist: ['落实中央八项规定精神情况', '村级小微权力清单执行情况'],
        calledBy: actor('office'),
        ...overrides,
      };
      const handle = await env.client.workflow.start(inspectionRound, {
        taskQueue: h.taskQueue,
        workflowId: inspectionWorkflowId(roundId),
        args: [input],
      });
      // Returns once the first step (notice, read-model rows) is recorded, as the API waits for it.
      await handle.executeUpdate(inspectionRecorded);
      return { handle, roundId };
    },
    async skipTo(instant, handle, done = () => true, marginMs = 1_000) {
      await h.skipPast(instant, marginMs);
      return h.queryUntil(handle, getInspectionStatus, done);
    },
    async timeline(roundId) {
      const { rows } = await db.pool.query(
        `SELECT kind, message, unit_id AS "unitId",
           to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
         FROM inspection_timeline WHERE round_id = $1 ORDER BY id`,
        [roundId],
      );
      return rows;
    },
    async notified(roundId, kind) {
      const { rows } = await db.pool.query<{ person_id: string }>(
        `SELECT person_id FROM notifications WHERE workflow_id = $1 AND kind = $2 ORDER BY person_id`,
        [inspectionWorkflowId(roundId), kind],
      );
      return rows.map((r) => r.person_id);
    },
    stop: () => h.stop(),
  };
}
