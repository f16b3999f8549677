import { randomBytes } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { loadAccountability } from '../../config/accountability';
import { accountabilityCase } from '../../workflows';
import {
  caseRecorded,
  caseWorkflowId,
  getCaseStatus,
  type CaseInput,
  type CaseStatus,
} from '../../procedures/case/messages';
import type { TestDatabase } from './database';
import { createWorkflowHarness } from './workflow-harness';

export interface CaseHarness {
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  /** Starts a case (a fresh id; an office finding against town-dongguan unless overridden), once it is recorded. */
  start(overrides?: Partial<CaseInput>): Promise<{ handle: WorkflowHandle<typeof accountabilityCase>; caseId: string }>;
  /** Skips workflow time to just after `instant`, then waits until the case's state satisfies `done`. */
  skipTo(instant: string, handle: WorkflowHandle, done?: (s: CaseStatus) => boolean): Promise<CaseStatus>;
  timeline(caseId: string): Promise<{ kind: string; message: string; actorId: string | null; at: string }[]>;
  /** People notified of a step kind (CASE_OPENED, CASE_DECIDED, ...), sorted. */
  notified(caseId: string, kind: string): Promise<string[]>;
  now(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The accountability case on the time-skipping server with its real activities (read model, calendar,
 * notifications) on a fresh database holding the example organisation and calendars, with the shipped policy.
 */
export async function createCaseHarness(): Promise<CaseHarness> {
  const h = await createWorkflowHarness({ name: 'cases' });
  const { env, db, now } = h;
  const { policy } = loadAccountability();

  return {
    env,
    db,
    now,
    async start(overrides = {}) {
      const caseId = `c-${randomBytes(5).toString('hex')}`;
      const input: CaseInput = {
        caseId,
        orgId: 'district',
        cycleId: null,
        unitId: 'town-dongguan',
        leaderId: null,
        source: { kind: 'OFFICE', reason: '未按要求落实党风廉政建设主体责任' },
        policy,
        openedBy: null,
        ...overrides,
      };
      const handle = await env.client.workflow.start(accountabilityCase, {
        taskQueue: h.taskQueue,
        workflowId: caseWorkflowId(input.caseId),
        args: [input],
      });
      // Returns once the first step (notice, read-model rows) is recorded, as the API waits for it.
      await handle.executeUpdate(caseRecorded);
      return { handle, caseId: input.caseId };
    },
    async skipTo(instant, handle, done = () => true) {
      await h.skipPast(instant);
      return h.queryUntil(handle, getCaseStatus, done);
    },
    async timeline(caseId) {
      const { rows } = await db.pool.query(
        `SELECT kind, message, actor_id AS "actorId",
           to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
         FROM case_timeline WHERE case_id = $1 ORDER BY id`,
        [caseId],
      );
      return rows;
    },
    async notified(caseId, kind) {
      const { rows } = await db.pool.query<{ person_id: string }>(
        `SELECT DISTINCT person_id FROM notifications WHERE workflow_id = $1 AND kind = $2 ORDER BY person_id`,
        [caseWorkflowId(caseId), kind],
      );
      return rows.map((r) => r.person_id);
    },
    stop: () => h.stop(),
  };
}
