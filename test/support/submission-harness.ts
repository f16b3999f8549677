import { randomBytes } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { loadNetworkPolicy } from '../../config/network';
import { submission } from '../../workflows';
import {
  getSubmissionStatus,
  submissionRecorded,
  submissionWorkflowId,
  type SubmissionInput,
  type SubmissionStatus,
} from '../../procedures/submission/messages';
import { createWorkflowHarness, type HarnessBasics, type WorkflowHarness } from './workflow-harness';
import { apiActor as actor } from './actors';

export interface SubmissionHarness extends HarnessBasics {
  client: WorkflowHarness['client'];
  policies: WorkflowHarness['policies'];
  /** Starts a submission (a fresh id; p-bai-xue's problem about town-dongguan unless overridden), once recorded. */
  start(
    overrides?: Partial<SubmissionInput>,
  ): Promise<{ handle: WorkflowHandle<typeof submission>; submissionId: string }>;
  skipTo(instant: string, handle: WorkflowHandle, done?: (s: SubmissionStatus) => boolean): Promise<SubmissionStatus>;
  queryUntil(handle: WorkflowHandle, done: (s: SubmissionStatus) => boolean): Promise<SubmissionStatus>;
  timeline(submissionId: string): Promise<{ kind: string; message: string; actorId: string | null; at: string }[]>;
  /** People notified of a step kind by the submission's workflow, sorted, each once. */
  notified(submissionId: string, kind: string): Promise<string[]>;
}

export { actor };

/**
 * The submission on the time-skipping server with its real activities (read model, calendar, notifications, the task
 * it may become) on a fresh database holding the example organisation and calendars, with the shipped policy.
 */
export async function createSubmissionHarness(): Promise<SubmissionHarness> {
  const h = await createWorkflowHarness({ name: 'submissions' });
  const { submissions: policy } = loadNetworkPolicy();
  return {
    ...h,
    async start(overrides = {}) {
      const submissionId = `s-${randomBytes(5).toString('hex')}`;
      const input: SubmissionInput = {
        submissionId,
        orgId: 'district',
        kind: 'PROBLEM',
        subjectUnitId: 'town-dongguan',
        what: '东关街道便民服务中心窗口工作人员工作时间长时间离岗，群众办事排长队',
        where: '东关街道便民服务中心',
        happenedOn: '2026-11-30',
        policy,
        submittedBy: actor('p-bai-xue', 'office', ['OBSERVER'], `req-${submissionId}-submit`),
        ...overrides,
      };
      const handle = await h.startRecorded(
        submission,
        submissionWorkflowId(input.submissionId),
        input,
        submissionRecorded,
      );
      return { handle, submissionId: input.submissionId };
    },
    skipTo: (instant, handle, done) => h.skipUntil(instant, handle, getSubmissionStatus, done),
    queryUntil: (handle, done) => h.queryUntil(handle, getSubmissionStatus, done),
    timeline: (id) => h.timeline('submission_timeline', 'submission_id', id, 'kind, message, actor_id AS "actorId"'),
    notified: (id, kind) => h.notified(submissionWorkflowId(id), kind, true),
  };
}
