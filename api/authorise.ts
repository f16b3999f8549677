import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { appendAudit } from '../db/queries/audit';
import type { Actor } from '../procedures/task/messages';
import type { AppDeps } from './deps';
import { AppError, inLanguage, said, type Text } from './errors';
import type { Identity } from './identity';
import { decide, type Action, type PolicyObject } from './policy';

/** The person behind a request, and the request's id for the audit log. */
export interface Caller {
  identity: Identity;
  requestId: string;
  /** The Update id derived from the request's Idempotency-Key, when it has one (see `callerOf`). */
  updateId?: string;
}

/** Options of an Update sent for `caller`: its id, so that a retried request is not applied twice. */
export const updateOptions = <A>(caller: Caller, args: A) => ({
  args,
  ...(caller.updateId ? { updateId: caller.updateId } : {}),
});

const READS = new Set<Action>([
  'organisation.read',
  'organisation.readVersions',
  'task.read',
  'task.list',
  'audit.read',
  'calendar.read',
  'rules.read',
  'inbox.read',
  'webhook.read',
  'delivery.read',
  'preferences.read',
  'bulletin.read',
  'cycle.read',
  'plan.read',
  'meeting.read',
  'inspection.read',
  'inspection.report',
  'case.read',
  'schedule.read',
  'assessment.read',
  'assessment.recomputations.read',
  'scoring.read',
  'rollup.read',
  'rotation.read',
  'view.read',
  'absence.read',
]);

/** Records a refused or failed mutation; reads are not audited. */
export async function auditRefusal(
  deps: Pick<AppDeps, 'db'>,
  caller: Caller,
  action: Action,
  object: { type: string; id?: string },
  reason: string,
): Promise<void> {
  if (READS.has(action)) return;
  await appendAudit(deps.db, { ...callerEntry(caller, action, object), outcome: 'REFUSED', reason });
}

/**
 * Runs `work`; a request it refuses as a whole (an AppError: 409, 422...) is audited as a refusal of `action` on
 * `object`, with why, before the refusal answers.
 */
export async function auditingRefusals<T>(
  deps: Pick<AppDeps, 'db'>,
  caller: Caller,
  action: Action,
  object: { type: string; id?: string },
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AppError) await auditRefusal(deps, caller, action, object, err.message);
    throw err;
  }
}

/** Who did what to which object, with which credential and request: the part of an audit row the caller gives. */
const callerEntry = (caller: Caller, action: Action, object: { type: string; id?: string }) => ({
  ...auditActorOf(caller),
  action,
  objectType: object.type,
  objectId: object.id,
});

/**
 * Records that the caller read a need-to-know object (a case team, a referral, a major-case group meeting: issue 18
 * "Confidentiality"): who, when, which object, with which credential and request. Such reads are audited done or
 * refused alike; their actions are not in READS, so a refusal is audited by `auditRefusal` too. A list records the
 * ids it showed in `payload.ids`.
 */
export async function auditRead(
  deps: Pick<AppDeps, 'db'>,
  caller: Caller,
  action: Action,
  object: { type: string; id?: string },
  payload: Record<string, unknown> = {},
): Promise<void> {
  await appendAudit(deps.db, { ...callerEntry(caller, action, object), payload, outcome: 'DONE' });
}

/**
 * Applies the policy to one action on one object: returns when allowed, otherwise audits the refusal of a
 * mutation and throws 403 (function the caller's roles may never use) or 404 (object outside their scope, with
 * `missing`: the text the object's absence would give, so that the two answers are the same).
 */
export async function authorise(
  deps: Pick<AppDeps, 'db'>,
  caller: Caller,
  action: Action,
  object: PolicyObject,
  objectRef: { type: string; id?: string },
  missing?: Text,
): Promise<void> {
  const decision = decide(caller.identity, action, object);
  if (decision === 'ALLOW') return;
  const error = decision === 'FORBIDDEN' ? AppError.forbidden() : AppError.notFound(missing);
  await auditRefusal(deps, caller, action, objectRef, error.message);
  throw error;
}

/** The function-level half alone, for checks that come before any object is looked up. */
export async function authoriseFunction(
  deps: Pick<AppDeps, 'db'>,
  caller: Caller,
  action: Action,
  objectRef: { type: string; id?: string },
) {
  const org = { type: 'organisation' as const, orgId: caller.identity.orgId };
  // Every role sees its own organisation (policy.ts): NOT_FOUND would be roles that do not, refused all the same.
  if (decide(caller.identity, action, org) !== 'ALLOW') {
    const error = AppError.forbidden();
    await auditRefusal(deps, caller, action, objectRef, error.message);
    throw error;
  }
  if (caller.identity.deputyId && PERSONAL.has(action)) {
    const error = AppError.forbidden(
      said(
        '代理人不能代为处理本人的个人事项',
        'A deputy cannot handle the personal matters of the person they stand in for',
      ),
    );
    await auditRefusal(deps, caller, action, objectRef, error.message);
    throw error;
  }
}

/**
 * A person's own matters, which a deputy acting for them (请假与代理) may not change: their absences, notice settings,
 * saved views and inbox.
 */
const PERSONAL = new Set<Action>(['absence.update', 'preferences.update', 'view.update', 'inbox.update']);

/** The caller as a workflow records it: person, roles, unit, credential and request id. */
export const actorOf = ({ identity, requestId }: Caller): Actor => ({
  personId: identity.personId,
  roles: identity.roles,
  unitId: identity.unitId,
  credentialId: identity.credentialId,
  requestId,
  ...(identity.deputyId ? { deputyId: identity.deputyId } : {}),
});

/**
 * Who did an API mutation, as the audit log records it: the caller, or the deputy who acted for them (请假与代理)
 * with the absent person in `onBehalfOf`.
 */
export const auditActorOf = ({ identity, requestId }: Caller) => ({
  orgId: identity.orgId,
  actorId: identity.deputyId ?? identity.personId,
  actorRoles: identity.roles,
  tokenId: identity.credentialId,
  requestId,
  ...(identity.deputyId ? { onBehalfOf: identity.personId } : {}),
});

/**
 * Maps a workflow's refusal of an Update (its validator's reason, or a workflow that has ended) to a 409 with
 * that reason (403 when the machine says who may not: NOT_ALLOWED), audited as a refusal; any other error is
 * rethrown.
 */
export async function refusedUpdate(
  deps: Pick<AppDeps, 'db'>,
  caller: Caller,
  action: Action,
  object: { type: string; id: string },
  err: unknown,
  endedReason: Text,
): Promise<never> {
  let reason: Text | undefined;
  let notAllowed = false;
  if (err instanceof WorkflowUpdateFailedError) {
    reason = err.cause?.message ?? err.message;
    notAllowed = err.cause instanceof ApplicationFailure && err.cause.details?.[0] === 'NOT_ALLOWED';
  } else if (err instanceof WorkflowNotFoundError) reason = endedReason;
  if (reason === undefined) throw err;
  await auditRefusal(deps, caller, action, object, inLanguage(reason, 'zh'));
  throw notAllowed ? AppError.forbidden(reason) : AppError.conflict(reason);
}
