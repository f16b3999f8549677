import { randomBytes } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { fromProject } from '../../config/paths';
import { loadTaskPolicies, type TaskPolicies } from '../../config/task-policy';
import { loadShippedCalendars } from '../../db/queries/calendar';
import { loadOrganisationFile } from '../../db/queries/load-organisation';
import { jointMeeting, supervisedTask } from '../../workflows';
import { meetingWorkflowId, type MeetingInput } from '../../workflows/cycle-messages';
import { getMeetingStatus, type MeetingStatus } from '../../workflows/meeting-messages';
import { taskWorkflowId, type TaskInput } from '../../workflows/messages';
import { createTestDatabase, type TestDatabase } from './database';
import { eventually } from './http';
import { actor, PEOPLE } from './task-harness';
import { createTimeSkippingEnv } from './temporal';

export interface MeetingHarness {
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  policies: TaskPolicies;
  /** A cycle row of its own (the meetings' and tasks' `cycle_id`), so that each test's status report is its own. */
  newCycle(): Promise<string>;
  /** Starts a meeting of the cycle, as the cycle would, and waits until its notice is recorded. */
  start(input: Pick<MeetingInput, 'cycleId' | 'at' | 'confirmBy' | 'since'> & Partial<MeetingInput>): Promise<{
    handle: WorkflowHandle<typeof jointMeeting>;
    meetingId: string;
  }>;
  /** Starts a supervised task of the cycle, assigned now (workflow time), ROUTINE unless overridden. */
  startTask(cycleId: string, overrides?: Partial<TaskInput>): Promise<string>;
  /** Skips workflow time to just after `instant`, then waits until the meeting's state satisfies `done`. */
  skipTo(instant: string, handle: WorkflowHandle, done?: (s: MeetingStatus) => boolean): Promise<MeetingStatus>;
  timeline(meetingId: string): Promise<{ kind: string; message: string; at: string }[]>;
  now(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The joint meeting on the time-skipping server with its real activities (read model, calendar, notifications, and
 * the supervised tasks its resolutions start) on a fresh database holding the example organisation and calendars.
 */
export async function createMeetingHarness(): Promise<MeetingHarness> {
  const env = await createTimeSkippingEnv();
  const db = await createTestDatabase();
  await loadOrganisationFile(db.pool, fromProject('examples/organisation.yaml'));
  await loadShippedCalendars(db.pool);
  const policies = loadTaskPolicies(fromProject('config/task-policies.yaml'));
  const taskQueue = `meetings-${randomBytes(4).toString('hex')}`;
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
      const year = 2900 + ++cycles;
      const id = `district-${year}`;
      await db.pool.query(
        `INSERT INTO cycles (id, workflow_id, org_id, year, phase, settings, opened_at, version)
         VALUES ($1, $2, 'district', $3, 'RUNNING', '{}', now(), 1)`,
        [id, `cycle:${id}`, year],
      );
      return id;
    },
    async start(overrides) {
      const key = `a${randomBytes(3).toString('hex')}`;
      const meetingId = `${overrides.cycleId}-${key}`;
      const input: MeetingInput = {
        meetingId,
        orgId: 'district',
        key,
        kind: 'AD_HOC',
        title: '党风廉政建设责任制专题联席会议',
        place: '区纪委监委三楼会议室',
        topics: ['研究村级小微权力清单落实工作'],
        calledBy: actor('office'),
        ...overrides,
      };
      const handle = await env.client.workflow.start(jointMeeting, {
        taskQueue,
        workflowId: meetingWorkflowId(meetingId),
        args: [input],
      });
      await eventually(async () => ((await handle.query(getMeetingStatus)).version > 0 ? true : undefined));
      return { handle, meetingId };
    },
    async startTask(cycleId, overrides = {}) {
      const taskId = `t-${randomBytes(5).toString('hex')}`;
      const input: TaskInput = {
        taskId,
        orgId: 'district',
        title: '开展作风建设专项检查',
        leadUnitId: PEOPLE.lead.unitId,
        coUnitIds: [],
        leaderId: PEOPLE.leader.personId,
        requirements: '按方案开展检查',
        standard: '形成检查报告',
        limit: { kind: 'WORKING_DAYS', days: 10 },
        policy: policies.get('ROUTINE')!,
        assignedAt: new Date(await now()).toISOString(),
        cycleId,
        createdBy: PEOPLE.office.personId,
        actor: actor('office'),
        ...overrides,
      };
      await env.client.workflow.start(supervisedTask, { taskQueue, workflowId: taskWorkflowId(taskId), args: [input] });
      await eventually(async () => {
        const { rowCount } = await db.pool.query('SELECT 1 FROM tasks WHERE id = $1', [taskId]);
        return rowCount ? true : undefined;
      });
      return taskId;
    },
    async skipTo(instant, handle, done = () => true) {
      const ms = Date.parse(instant) - (await now());
      if (ms > 0) await env.sleep(ms + 1_000);
      return eventually(async () => {
        const s = await handle.query(getMeetingStatus);
        return done(s) ? s : undefined;
      });
    },
    async timeline(meetingId) {
      const { rows } = await db.pool.query(
        `SELECT kind, message, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
         FROM meeting_timeline WHERE meeting_id = $1 ORDER BY id`,
        [meetingId],
      );
      return rows;
    },
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
      await db.drop();
    },
  };
}
