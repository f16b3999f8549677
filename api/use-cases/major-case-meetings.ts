import type { CycleRow } from '../../db/queries/cycles';
import { procedureDefaultsInForce } from '../../db/queries/rules-in-force';
import { meetingWorkflowId, type MeetingInput } from '../../procedures/cycle/messages';
import * as mm from '../../procedures/meeting/messages';
import { actorOf, auditRead, auditRefusal, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, said } from '../errors';
import type { Action } from '../policy';
import { instanceId, startRecorded } from './act';

/**
 * The major-case coordination group's meetings (大要案协调小组, issue 18 part 4; DOMAIN.md "Case collaboration"): the
 * office convenes one, optionally on a referral (移送), as a `jointMeeting` workflow of kind MAJOR_CASE started
 * directly, not through the cycle: nothing of it reaches the cycle's timeline or status, which units read. Its
 * members are the people of the group; what the office and they alone may see is decided by the policy (api/policy.ts).
 */

export interface MajorCaseCall {
  title: string;
  at: string;
  confirmBy: string;
  place: string;
  topics: string[];
  referralId?: string;
}

/**
 * Starts the group meeting's workflow (its notice goes to each member in person) and answers once it can be read back.
 * A retried request with the same Idempotency-Key joins the meeting it started.
 */
export async function convokeMajorCaseMeeting(
  deps: AppDeps,
  caller: Caller,
  cycle: CycleRow,
  call: MajorCaseCall & { warnings: string[] },
  idempotencyKey: string | undefined,
) {
  const action: Action = 'meeting.call';
  if (cycle.phase === 'CLOSED') {
    await auditRefusal(deps, caller, action, { type: 'cycle', id: cycle.id }, 'cycle closed');
    throw AppError.conflict(said('年度周期已结束，不能再召集会议', 'The annual cycle has ended; no more meetings'));
  }
  const key = instanceId('mc', 'major-case-meeting\n', caller, idempotencyKey);
  const { warnings, referralId, ...meeting } = call;
  const input: MeetingInput = {
    ...meeting,
    meetingId: `${cycle.id}-${key}`,
    cycleId: cycle.id,
    orgId: cycle.orgId,
    key,
    kind: 'MAJOR_CASE',
    // No status report: the group's agenda is its own.
    since: new Date().toISOString(),
    calledBy: actorOf(caller),
    ...(warnings.length ? { warnings } : {}),
    ...(referralId ? { referralId } : {}),
    // The office's procedure defaults in force as it is convened (issue 22); the meeting keeps them.
    minutesWorkingDays: (await procedureDefaultsInForce(deps.db, cycle.orgId)).meeting.minutesWorkingDays,
  };
  const workflowId = meetingWorkflowId(input.meetingId);
  await startRecorded(
    deps.temporal,
    { taskQueue: deps.taskQueue, workflowType: 'jointMeeting', workflowId, input },
    mm.meetingRecorded,
  );
  return { id: input.meetingId, workflowId, cycleId: cycle.id, kind: 'MAJOR_CASE' as const };
}

/** A list that showed major-case group meetings is audited once, naming them (`payload.ids`). */
export async function auditListedMajorCaseMeetings(
  deps: AppDeps,
  caller: Caller,
  items: { id: string; kind: string }[],
): Promise<void> {
  const ids = items.filter((m) => m.kind === 'MAJOR_CASE').map((m) => m.id);
  if (ids.length > 0) await auditRead(deps, caller, 'majorCaseMeeting.read', { type: 'meeting' }, { ids });
}
