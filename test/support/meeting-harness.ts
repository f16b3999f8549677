import { randomBytes } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { TaskPolicies } from '../../config/task-policy';
import { jointMeeting, supervisedTask } from '../../workflows';
import { meetingWorkflowId, type MeetingInput } from '../../procedures/cycle/messages';
import { getMeetingStatus, meetingRecorded, type MeetingStatus } from '../../procedures/meeting/messages';
import { taskWorkflowId, type TaskInput } from '../../procedures/task/messages';
import type { TestDatabase } from './database';
import { eventually } from './http';
import { actor, taskInput } from './task-harness';
import { createWorkflowHarness } from './workflow-harness';

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
  const h = await createWorkflowHarness({ name: 'meetings' });
  const { env, db, policies, now } = h;

  return {
    env,
    db,
    policies,
    now,
    newCycle: () => h.newCycle(),
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
        taskQueue: h.taskQueue,
        workflowId: meetingWorkflowId(meetingId),
        args: [input],
      });
      // Returns once the first step (notice, read-model rows) is recorded, as the API waits for it.
      await handle.executeUpdate(meetingRecorded);
      return { handle, meetingId };
    },
    async startTask(cycleId, overrides = {}) {
      const input = taskInput(policies, new Date(await now()).toISOString(), { cycleId, ...overrides });
      await env.client.workflow.start(supervisedTask, {
        taskQueue: h.taskQueue,
        workflowId: taskWorkflowId(input.taskId),
        args: [input],
      });
      await eventually(async () => {
        const { rowCount } = await db.pool.query('SELECT 1 FROM tasks WHERE id = $1', [input.taskId]);
        return rowCount ? true : undefined;
      });
      return input.taskId;
    },
    async skipTo(instant, handle, done = () => true) {
      await h.skipPast(instant);
      return h.queryUntil(handle, getMeetingStatus, done);
    },
    async timeline(meetingId) {
      const { rows } = await db.pool.query(
        `SELECT kind, message, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
         FROM meeting_timeline WHERE meeting_id = $1 ORDER BY id`,
        [meetingId],
      );
      return rows;
    },
    stop: () => h.stop(),
  };
}
