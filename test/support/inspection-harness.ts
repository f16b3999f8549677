import { randomBytes } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { fromProject } from '../../config/paths';
import { loadTaskPolicies, type TaskPolicies } from '../../config/task-policy';
import { loadShippedCalendars } from '../../db/queries/calendar';
import { loadOrganisationFile } from '../../db/queries/load-organisation';
import { inspectionRound } from '../../workflows';
import {
  getInspectionStatus,
  inspectionWorkflowId,
  type InspectionInput,
  type InspectionStatus,
} from '../../workflows/inspection-messages';
import { createTestDatabase, type TestDatabase } from './database';
import { eventually } from './http';
import { actor } from './task-harness';
import { createTimeSkippingEnv } from './temporal';

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
  const env = await createTimeSkippingEnv();
  const db = await createTestDatabase();
  await loadOrganisationFile(db.pool, fromProject('examples/organisation.yaml'));
  await loadShippedCalendars(db.pool);
  const policies = loadTaskPolicies(fromProject('config/task-policies.yaml'));
  const taskQueue = `inspections-${randomBytes(4).toString('hex')}`;
  const fakeFetch = (async () => new Response('ok')) as typeof fetch;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('../../workflows'),
    activities: createActivities({ db: db.pool, fetch: fakeFetch }),
  });
  const running = worker.run();
  const now = () => env.currentTimeMs();
  let cycles = 0;

  return {
    env,
    db,
    policies,
    now,
    async newCycle() {
      // Years far from any real one: the cycles table allows one cycle per organisation and year.
      const year = 2800 + ++cycles;
      const id = `district-${year}`;
      await db.pool.query(
        `INSERT INTO cycles (id, workflow_id, org_id, year, phase, settings, opened_at, version)
         VALUES ($1, $2, 'district', $3, 'RUNNING', '{}', now(), 1)`,
        [id, `cycle:${id}`, year],
      );
      return id;
    },
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
        taskQueue,
        workflowId: inspectionWorkflowId(roundId),
        args: [input],
      });
      await eventually(async () => ((await handle.query(getInspectionStatus)).version > 0 ? true : undefined));
      return { handle, roundId };
    },
    async skipTo(instant, handle, done = () => true, marginMs = 1_000) {
      const ms = Date.parse(instant) - (await now());
      if (ms > 0) await env.sleep(ms + marginMs);
      return eventually(async () => {
        const s = await handle.query(getInspectionStatus);
        return done(s) ? s : undefined;
      });
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
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
      await db.drop();
    },
  };
}
