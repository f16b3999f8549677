import { randomBytes } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { loadCollaboration } from '../../config/collaboration';
import { referral } from '../../workflows';
import {
  getReferralStatus,
  referralRecorded,
  referralWorkflowId,
  type ReferralInput,
  type ReferralStatus,
} from '../../procedures/referral/messages';
import { createWorkflowHarness, type HarnessBasics, type WorkflowHarness } from './workflow-harness';
import { apiActor as actor } from './actors';

export interface ReferralHarness extends HarnessBasics {
  client: WorkflowHarness['client'];
  policies: WorkflowHarness['policies'];
  /** Starts a referral (a fresh id; the office to enf-police unless overridden), once it is recorded. */
  start(overrides?: Partial<ReferralInput>): Promise<{ handle: WorkflowHandle<typeof referral>; referralId: string }>;
  /** Skips workflow time to just after `instant`, then waits until the referral's state satisfies `done`. */
  skipTo(instant: string, handle: WorkflowHandle, done?: (s: ReferralStatus) => boolean): Promise<ReferralStatus>;
  queryUntil(handle: WorkflowHandle, done: (s: ReferralStatus) => boolean): Promise<ReferralStatus>;
  timeline(referralId: string): Promise<{ kind: string; message: string; actorId: string | null; at: string }[]>;
  /** People notified of a step kind (REFERRAL_SENT, ...) by the referral's workflow, sorted, each once. */
  notified(referralId: string, kind: string): Promise<string[]>;
}

/** A person as the API would send them, with a request id of the test's own. */
export { actor };

/**
 * The referral on the time-skipping server with its real activities (read model, calendar, notifications, the tasks
 * its opinions become) on a fresh database holding the example organisation and calendars, with the shipped policy.
 */
export async function createReferralHarness(): Promise<ReferralHarness> {
  const h = await createWorkflowHarness({ name: 'referrals' });
  const { referrals: policy } = loadCollaboration();

  return {
    ...h,
    async start(overrides = {}) {
      const referralId = `r-${randomBytes(5).toString('hex')}`;
      const input: ReferralInput = {
        referralId,
        orgId: 'district',
        direction: 'TO_ENFORCEMENT',
        senderUnitId: 'office',
        receiverUnitId: 'enf-police',
        title: '某街道原财政所长涉嫌挪用公款问题',
        parties: '张某，东关街道原财政所所长',
        summary: '审查调查中发现张某涉嫌挪用公款，数额较大，已超出纪检监察机关管辖范围',
        dates: [{ label: '立案日期', date: '2026-11-20' }],
        policy,
        sentBy: actor('p-huang-min', 'office', ['OFFICE'], `req-${referralId}-send`),
        previousId: null,
        ...overrides,
      };
      const handle = await h.startRecorded(referral, referralWorkflowId(input.referralId), input, referralRecorded);
      return { handle, referralId: input.referralId };
    },
    skipTo: (instant, handle, done) => h.skipUntil(instant, handle, getReferralStatus, done),
    queryUntil: (handle, done) => h.queryUntil(handle, getReferralStatus, done),
    timeline: (id) => h.timeline('referral_timeline', 'referral_id', id, 'kind, message, actor_id AS "actorId"'),
    notified: (id, kind) => h.notified(referralWorkflowId(id), kind, true),
  };
}
