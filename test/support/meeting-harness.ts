import type { WorkflowHandle } from '@temporalio/client';
import { jointMeeting, supervisedTask } from '../../workflows';
import { meetingWorkflowId, type MeetingInput } from '../../procedures/cycle/messages';
import { getMeetingStatus, meetingRecorded, type MeetingStatus } from '../../procedures/meeting/messages';
import { taskWorkflowId, type TaskInput } from '../../procedures/task/messages';
import { eventually } from './http';
import { actor, taskInput } from './task-harness';
import { adHocOf, createWorkflowHarness, type HarnessBasics, type WorkflowHarness } from './workflow-harness';

export interface MeetingHarness extends HarnessBasics, Pick<WorkflowHarness, 'policies'> {
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
}

/**
 * The joint meeting on the time-skipping server with its real activities (read model, calendar, notifications, and
 * the supervised tasks its resolutions start) on a fresh database holding the example organisation and calendars.
 */
export async function createMeetingHarness(): Promise<MeetingHarness> {
  const h = await createWorkflowHarness({ name: 'meetings' });
  const { env, db, policies, now } = h;

  return {
    ...h,
    async start(overrides) {
      const { id: meetingId, ...adHoc } = adHocOf(overrides.cycleId, 'a');
      const input: MeetingInput = {
        meetingId,
        ...adHoc,
        title: '党风廉政建设责任制专题联席会议',
        place: '区纪委监委三楼会议室',
        topics: ['研究村级小微权力清单落实工作'],
        calledBy: actor('office'),
        ...overrides,
      };
      const handle = await h.startRecorded(jointMeeting, meetingWorkflowId(meetingId), input, meetingRecorded);
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
    skipTo: (instant, handle, done) => h.skipUntil(instant, handle, getMeetingStatus, done),
    timeline: (meetingId) => h.timeline('meeting_timeline', 'meeting_id', meetingId, 'kind, message'),
  };
}
