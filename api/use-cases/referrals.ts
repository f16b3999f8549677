import { loadCollaboration, type ReferralsConfig } from '../../config/collaboration';
import type { ListScope } from '../../db/queries/read-page';
import {
  listReferrals,
  readReferralDetails,
  type ReferralFilter,
  type ReferralRow,
} from '../../db/queries/referral-read';
import { findPerson, findUnit } from '../../db/queries/organisation-read';
import * as rm from '../../procedures/referral/messages';
import type { ReferralDate, ReferralInput, ReferralStatus } from '../../procedures/referral/messages';
import type { Actor } from '../../procedures/task/messages';
import type { UpdateDefinition } from '@temporalio/client';
import { actorOf, auditRead, auditRefusal, authoriseFunction, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, said, type FieldProblem } from '../errors';
import { FIELD } from '../field-texts';
import type { Action } from '../policy';
import { instanceId, startRecorded } from './act';
import { actionsFor, actOn, REFERRAL, visible } from './instances';

let shipped: ReferralsConfig | undefined;
/** The referral policy of config/collaboration.yaml (read once). */
export const referralPolicy = (): ReferralsConfig => (shipped ??= loadCollaboration().referrals);

const NOT_ENFORCEMENT = said('不是执纪执法协作单位（公检法、审计）', 'not an enforcement or audit unit');
const NOT_OFFICE = said('移送纪委监委的线索由组织协调室接收', 'clues to the commission go to its coordination office');

/** 422 naming every bad field, audited as a refusal of `action`. */
export async function refuseFields(
  deps: AppDeps,
  caller: Caller,
  action: Action,
  id: string | undefined,
  problems: FieldProblem[],
): Promise<never> {
  const error = new AppError(
    'unknown-reference',
    422,
    said('移送涉及的单位或人员不存在或不适用', 'A unit or person of the referral does not exist or does not fit'),
    problems,
  );
  await auditRefusal(deps, caller, action, { type: 'referral', id }, error.message);
  throw error;
}

export interface CreateReferralBody {
  receiverUnitId?: string;
  title: string;
  parties: string;
  summary: string;
  dates?: ReferralDate[];
}

/**
 * The office refers a matter to an enforcement unit (公检法、审计), or an enforcement unit's person refers a clue to
 * the commission (its office receives it); the referral's workflow notifies the receiver.
 */
export async function createReferral(deps: AppDeps, caller: Caller, body: CreateReferralBody, idempotencyKey?: string) {
  const input = await prepareReferral(deps, caller, body, idempotencyKey);
  const workflowId = rm.referralWorkflowId(input.referralId);
  const status = await startRecorded(
    deps.temporal,
    { taskQueue: deps.taskQueue, workflowType: 'referral', workflowId, input },
    rm.referralRecorded,
  );
  return {
    id: input.referralId,
    workflowId,
    direction: input.direction,
    state: status?.state ?? 'SENT',
    acceptanceDueAt: status?.acceptanceDueAt ?? null,
  };
}

/**
 * The referral-creation path without the start: authorised and checked (422 naming the field), the input a referral's
 * workflow starts with. `salt` keeps the ids of referrals made through other procedures (a submission's) apart;
 * `at` is where the body is in the request.
 */
export async function prepareReferral(
  deps: AppDeps,
  caller: Caller,
  body: CreateReferralBody,
  idempotencyKey: string | undefined,
  salt = 'referral\n',
  at = 'body',
): Promise<ReferralInput> {
  const action: Action = 'referral.create';
  await authoriseFunction(deps, caller, action, { type: 'referral' });
  const { identity } = caller;
  const fromOffice = identity.roles.includes('OFFICE');
  let senderUnitId = identity.unitId;
  let receiverUnitId: string;
  if (fromOffice) {
    const receiver = body.receiverUnitId ? await findUnit(deps.db, body.receiverUnitId) : undefined;
    if (receiver?.orgId !== identity.orgId || receiver.kind !== 'ENFORCEMENT') {
      const message = receiver?.orgId === identity.orgId ? NOT_ENFORCEMENT : FIELD.noUnit;
      return refuseFields(deps, caller, action, undefined, [{ field: `${at}.receiverUnitId`, message }]);
    }
    receiverUnitId = receiver.id;
    const own = await findUnit(deps.db, identity.unitId);
    if (own?.kind !== 'OFFICE') senderUnitId = (await officeUnitOf(deps, identity.orgId)) ?? identity.unitId;
  } else {
    const office = await officeUnitOf(deps, identity.orgId);
    if (!office || (body.receiverUnitId !== undefined && body.receiverUnitId !== office)) {
      return refuseFields(deps, caller, action, undefined, [{ field: `${at}.receiverUnitId`, message: NOT_OFFICE }]);
    }
    receiverUnitId = office;
  }
  const input: ReferralInput = {
    referralId: instanceId('r', salt, caller, idempotencyKey),
    orgId: identity.orgId,
    direction: fromOffice ? 'TO_ENFORCEMENT' : 'TO_COMMISSION',
    senderUnitId,
    receiverUnitId,
    title: body.title.trim(),
    parties: body.parties.trim(),
    summary: body.summary.trim(),
    dates: body.dates ?? [],
    policy: referralPolicy(),
    sentBy: actorOf(caller),
    previousId: null,
  };
  return input;
}

async function officeUnitOf(deps: AppDeps, orgId: string): Promise<string | undefined> {
  const { rows } = await deps.db.query<{ id: string }>({
    text: `SELECT id FROM units WHERE org_id = $1 AND kind = 'OFFICE' AND active ORDER BY id LIMIT 1`,
    values: [orgId],
  });
  return rows[0]?.id;
}

/**
 * Which referrals a caller's list holds: the office all of its organisation's; an ENFORCEMENT person their unit's
 * (sent or received); anyone on a referral's access list or in the major-case group those (api/policy.ts agrees).
 */
const referralScopeOf = ({ identity }: Caller): ListScope => ({
  orgId: identity.orgId,
  wholeOrg: identity.roles.includes('OFFICE'),
  unitId: identity.roles.includes('ENFORCEMENT') ? identity.unitId : undefined,
  leaderId: identity.personId,
});

const summaryOf = ({ personIds: _scope, ...r }: ReferralRow) => r;

/** The referrals the caller may see, newest first; the list read is audited with the ids it showed. */
export async function findReferrals(
  deps: AppDeps,
  caller: Caller,
  filter: ReferralFilter,
  page: { limit: number; offset: number },
) {
  await authoriseFunction(deps, caller, 'referral.read', { type: 'referral' });
  const { items, total } = await listReferrals(deps.db, referralScopeOf(caller), filter, page);
  await auditRead(deps, caller, 'referral.read', { type: 'referral' }, { ids: items.map((r) => r.id) });
  return { items: items.map(summaryOf), total, ...page };
}

/** The verbs only the receiving side takes, and those only the sending side takes. */
const RECEIVER_VERBS = ['accept', 'result', 'return'];
const SENDER_VERBS = ['decision'];

/** Which side of the referral the caller acts for, if any. */
function sideOf(caller: Caller, r: ReferralRow): { sender: boolean; receiver: boolean } {
  const { roles, unitId } = caller.identity;
  const office = roles.includes('OFFICE');
  const unit = (id: string) => roles.includes('ENFORCEMENT') && unitId === id;
  return r.direction === 'TO_ENFORCEMENT'
    ? { sender: office, receiver: unit(r.receiverUnitId) }
    : { sender: unit(r.senderUnitId), receiver: office };
}

/** A referral with its feedback, opinions, access list and timeline; the read is audited. */
export async function getReferral(deps: AppDeps, caller: Caller, id: string) {
  const found = await visible(deps, caller, REFERRAL, id, 'referral.read');
  const side = sideOf(caller, found);
  const actions = actionsFor(caller, REFERRAL, found).filter(
    (verb) => (!RECEIVER_VERBS.includes(verb) || side.receiver) && (!SENDER_VERBS.includes(verb) || side.sender),
  );
  return { ...summaryOf(found), actions, ...(await readReferralDetails(deps.db, id)) };
}

/** Where a referral stands after an action. */
export const answerOf = (s: ReferralStatus) => ({
  referralId: s.referralId,
  state: s.state,
  acceptanceLate: s.acceptanceLate,
  resultLate: s.resultLate,
  resultDueAt: s.resultDueAt,
  nextReferralId: s.nextReferralId,
  opinions: s.opinions,
});

/** One action of the receiver, the sender or the office, sent to the referral's workflow. */
async function actOnReferral<A extends { actor: Actor }>(
  deps: AppDeps,
  caller: Caller,
  id: string,
  action: Action,
  update: UpdateDefinition<ReferralStatus, [A]>,
  args: Omit<A, 'actor'>,
) {
  const found = await visible(deps, caller, REFERRAL, id, action);
  return answerOf(await actOn(deps, caller, REFERRAL, found, action, update, args));
}

export const acceptReferral = (deps: AppDeps, caller: Caller, id: string, body: { note?: string }) =>
  actOnReferral(deps, caller, id, 'referral.accept', rm.acceptReferral, body);

export const giveReferralResult = (deps: AppDeps, caller: Caller, id: string, body: { result: string }) =>
  actOnReferral(deps, caller, id, 'referral.result', rm.giveResult, body);

export const returnReferral = (deps: AppDeps, caller: Caller, id: string, body: { reasons: string }) =>
  actOnReferral(deps, caller, id, 'referral.return', rm.returnReferral, body);

export const closeReferral = (deps: AppDeps, caller: Caller, id: string, body: { note?: string }) =>
  actOnReferral(deps, caller, id, 'referral.close', rm.closeReferral, body);

/** The sender's decision on a returned referral; REFER_ON names an enforcement unit of the organisation (422). */
export async function decideReturnedReferral(
  deps: AppDeps,
  caller: Caller,
  id: string,
  body: { decision: rm.SenderDecision; note: string; unitId?: string },
) {
  const action: Action = 'referral.decide';
  const found = await visible(deps, caller, REFERRAL, id, action);
  if (body.decision === 'REFER_ON' && body.unitId !== undefined) {
    const unit = await findUnit(deps.db, body.unitId);
    if (unit?.orgId !== found.orgId || unit.kind !== 'ENFORCEMENT') {
      const message = unit?.orgId === found.orgId ? NOT_ENFORCEMENT : FIELD.noUnit;
      await refuseFields(deps, caller, action, id, [{ field: 'body.unitId', message }]);
    }
  }
  return answerOf(await actOn(deps, caller, REFERRAL, found, action, rm.decideReturned, body));
}

/** The office names people who need to know (知悉人员); they must be people of the organisation (422). */
export async function grantReferralAccess(
  deps: AppDeps,
  caller: Caller,
  id: string,
  body: { personIds: string[]; reason: string },
) {
  const action: Action = 'referral.grant';
  const found = await visible(deps, caller, REFERRAL, id, action);
  const problems: FieldProblem[] = [];
  for (const [i, personId] of body.personIds.entries()) {
    if ((await findPerson(deps.db, personId))?.orgId !== found.orgId) {
      problems.push({ field: `body.personIds[${i}]`, message: FIELD.noPerson });
    }
  }
  if (problems.length > 0) await refuseFields(deps, caller, action, id, problems);
  const status = await actOn(deps, caller, REFERRAL, found, action, rm.grantAccess, body);
  return { ...answerOf(status), accessIds: status.accessIds };
}
