import { randomBytes } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { loadAccountability } from '../../config/accountability';
import { accountabilityCase } from '../../workflows';
import {
  caseRecorded,
  caseWorkflowId,
  getCaseStatus,
  type CaseInput,
  type CaseStatus,
} from '../../procedures/case/messages';
import { createWorkflowHarness, type HarnessBasics } from './workflow-harness';

export interface CaseHarness extends HarnessBasics {
  /** Starts a case (a fresh id; an office finding against town-dongguan unless overridden), once it is recorded. */
  start(overrides?: Partial<CaseInput>): Promise<{ handle: WorkflowHandle<typeof accountabilityCase>; caseId: string }>;
  /** Skips workflow time to just after `instant`, then waits until the case's state satisfies `done`. */
  skipTo(instant: string, handle: WorkflowHandle, done?: (s: CaseStatus) => boolean): Promise<CaseStatus>;
  timeline(caseId: string): Promise<{ kind: string; message: string; actorId: string | null; at: string }[]>;
  /** People notified of a step kind (CASE_OPENED, CASE_DECIDED, ...), sorted. */
  notified(caseId: string, kind: string): Promise<string[]>;
}

/**
 * The accountability case on the time-skipping server with its real activities (read model, calendar,
 * notifications) on a fresh database holding the example organisation and calendars, with the shipped policy.
 */
export async function createCaseHarness(): Promise<CaseHarness> {
  const h = await createWorkflowHarness({ name: 'cases' });
  const { policy } = loadAccountability();

  return {
    ...h,
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
      const handle = await h.startRecorded(accountabilityCase, caseWorkflowId(input.caseId), input, caseRecorded);
      return { handle, caseId: input.caseId };
    },
    skipTo: (instant, handle, done) => h.skipUntil(instant, handle, getCaseStatus, done),
    timeline: (caseId) => h.timeline('case_timeline', 'case_id', caseId, 'kind, message, actor_id AS "actorId"'),
    notified: (caseId, kind) => h.notified(caseWorkflowId(caseId), kind, true),
  };
}
