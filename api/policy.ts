import type { Identity, Role } from './identity';

/**
 * Who may do what (DOMAIN.md "Who uses it"). One place decides, for a person, an action and an object:
 * ALLOW, FORBIDDEN (the caller sees the object but may not do this to it: 403) or NOT_FOUND (the object is
 * outside the caller's scope: 404, so that its existence does not leak).
 */
export type Decision = 'ALLOW' | 'FORBIDDEN' | 'NOT_FOUND';

/** What a task exposes to the policy. `unitLeaderIds`: the responsible leaders of its lead and co units. */
export interface TaskScope {
  orgId: string;
  leadUnitId: string;
  coUnitIds: string[];
  leaderId: string;
  unitLeaderIds: string[];
  /** A village's sub-task (三级联动): the parent's lead unit sees it as its own. */
  parentLeadUnitId?: string | null;
}

/** What an inspection round exposes to the policy: the units in its scope and their responsible leaders. */
export interface InspectionScope {
  orgId: string;
  unitIds: string[];
  unitLeaderIds: string[];
  /** Members of the supervision network the office invited into the round (issue 19 part 5). */
  observerIds?: string[];
}

/**
 * What a conduct appraisal (行风评议) exposes: the units appraised and their responsible leaders, and the members
 * invited to rate them (a member reads the appraisal and their own form).
 */
export interface AppraisalScope {
  orgId: string;
  unitIds: string[];
  unitLeaderIds: string[];
  memberIds: string[];
}

/**
 * What a joint meeting exposes to the policy: its invited units and their responsible leaders; a meeting of the
 * major-case coordination group (大要案协调小组) its member people (`memberIds`, null for any other meeting).
 */
export interface MeetingScope extends InspectionScope {
  memberIds?: string[] | null;
}

/**
 * What an accountability case exposes to the policy: its unit, and the leaders it concerns (the leader it names,
 * the unit's responsible leader, people named in its decision).
 */
export interface CaseScope {
  orgId: string;
  unitId: string;
  leaderIds: string[];
}

/**
 * What a referral (移送) exposes to the policy: its sending and receiving units, and the people who may know of it
 * besides the office and those units' ENFORCEMENT people: the major-case coordination group's members (大要案协调小组)
 * and those the office names (need to know).
 */
export interface ReferralScope {
  orgId: string;
  unitIds: string[];
  personIds: string[];
}

/**
 * What a case team (办案组) exposes to the policy: need to know (issue 18) — besides the office, only its confirmed
 * members read it (the case reference and the roster); not the leadership group, not the units that lent people.
 */
export interface CaseTeamScope {
  orgId: string;
  memberIds: string[];
}

/** What a secondment (抽调) exposes: the unit asked (which names a person) and the person named (who may recuse). */
export interface SecondmentScope {
  orgId: string;
  unitId: string;
  personId: string | null;
}

/**
 * What belongs to the organisation as a whole: its directory, its cycles, its bulletins. Everyone of the organisation
 * whose roles may read such objects sees each of them; the others (an observer and a cycle) see none.
 */
type OrgWide = 'organisation' | 'cycle' | 'bulletin';
export type OrgObject = { [T in OrgWide]: { type: T; orgId: string } }[OrgWide];

/** A trainee's rotation record (轮训记录): the trainee, their unit and its responsible leader. */
export interface RotationRecordScope {
  orgId: string;
  personId: string;
  unitId: string;
  unitLeaderId: string | null;
}

export type PolicyObject =
  | OrgObject
  | ({ type: 'task' } & TaskScope)
  | ({ type: 'meeting' } & MeetingScope)
  | ({ type: 'case' } & CaseScope)
  | ({ type: 'inspection' } & InspectionScope)
  | ({ type: 'referral' } & ReferralScope)
  | ({ type: 'caseTeam' } & CaseTeamScope)
  | ({ type: 'secondment' } & SecondmentScope)
  // A rotation plan concerns the units of its windows and their responsible leaders.
  | ({ type: 'rotation' } & InspectionScope)
  | ({ type: 'rotationRecord' } & RotationRecordScope)
  | ({ type: 'appraisal' } & AppraisalScope)
  // A member's appointment to the supervision network: the office's, and the member's own.
  | { type: 'networkMember'; orgId: string; personId: string }
  // A submission (反映) of a network member: the office's, and the member's who submitted it; nobody else's.
  | { type: 'submission'; orgId: string; submitterId: string };

/** Every action and the roles that may ever perform it (function level). */
export const ACTIONS = {
  // The administrator too: she edits the organisation, so she reads it (and every role sees its own organisation, so
  // that a function none of a person's roles may use is refused, 403, before any object is looked up).
  'organisation.read': ['OFFICE', 'UNIT', 'LEADER', 'GROUP', 'OBSERVER', 'ENFORCEMENT', 'ADMIN'],
  // The organisation itself (issue 22): a separate permission from the office's.
  'organisation.mergeUnit': ['ADMIN'],
  // Its units and people edited live, each edit a version (issue 22): the administrator's alone.
  'organisation.edit': ['ADMIN'],
  // Its versions, their diff and its export: the office's, and the administrator's who makes them.
  'organisation.readVersions': ['OFFICE', 'ADMIN'],
  'organisation.export': ['OFFICE', 'ADMIN'],
  'task.create': ['OFFICE'],
  'task.import': ['OFFICE'],
  'task.read': ['OFFICE', 'UNIT', 'LEADER', 'GROUP'],
  'task.list': ['OFFICE', 'UNIT', 'LEADER', 'GROUP'],
  'task.signFor': ['UNIT'],
  'task.reportProgress': ['UNIT'],
  'task.coUnitReport': ['UNIT'],
  'task.submit': ['UNIT'],
  'task.requestExtension': ['UNIT'],
  'task.decideExtension': ['OFFICE', 'LEADER'],
  'task.accept': ['OFFICE'],
  'task.return': ['OFFICE'],
  'task.reassign': ['OFFICE'],
  'task.overrideCoUnitGate': ['OFFICE'],
  // Cascade (三级联动), issue 20 item 6: the lead unit (or the office) splits a task for its villages; the office alone
  // lets the lead unit submit before they are done.
  'task.split': ['OFFICE', 'UNIT'],
  'task.overrideSubtasks': ['OFFICE'],
  'task.comment': ['OFFICE', 'UNIT', 'LEADER', 'GROUP'],
  'task.cancel': ['OFFICE'],
  // Bulk work (批量操作, issue 20 item 7): one request applies one action to many tasks, each decided as if alone.
  'task.bulk': ['OFFICE'],
  // Saved views (保存的视图): whoever lists tasks keeps their own named filters, private to them.
  'view.read': ['OFFICE', 'UNIT', 'LEADER', 'GROUP'],
  'view.update': ['OFFICE', 'UNIT', 'LEADER', 'GROUP'],
  // Pause (挂账) and refusal (退单), issue 20: the lead unit asks, the office decides; either side resumes the clock.
  'task.requestPause': ['UNIT'],
  'task.decidePause': ['OFFICE'],
  'task.resume': ['OFFICE', 'UNIT'],
  'task.refuse': ['UNIT'],
  'task.arbitrateRefusal': ['OFFICE'],
  // Handlers (承办人, issue 20 item 5): the lead unit and each co-organising unit name their own.
  'task.nameHandler': ['UNIT'],
  // Urging by hand (督办/催办, issue 20 item 3): the office, on any open task.
  'task.urge': ['OFFICE'],
  'task.extend': ['OFFICE'],
  // Named supervision (挂牌督办) and lifting it (摘牌), issue 20 item 3.
  'task.supervise': ['OFFICE'],
  // Milestones (序时进度), issue 20: the office sets them at creation and adjusts them while the task is open.
  'task.setMilestones': ['OFFICE'],
  // The office lets a task submit without the evidence its type requires (免予提交佐证材料, issue 21), recorded.
  'task.waiveEvidence': ['OFFICE'],
  // Attachments (佐证材料, issue 21 item 1): whoever may act on the task attaches (its units, the office); whoever
  // sees the task downloads (audited as attachment.download).
  'attachment.upload': ['OFFICE', 'UNIT'],
  // Absences and deputies (请假与代理, issue 20 item 5): each person their own; a unit's head their unit's; the office all.
  'absence.read': ['OFFICE', 'UNIT', 'LEADER', 'GROUP', 'ENFORCEMENT'],
  'absence.update': ['OFFICE', 'UNIT', 'LEADER', 'GROUP', 'ENFORCEMENT'],
  'audit.read': ['OFFICE'],
  'calendar.read': ['OFFICE', 'UNIT', 'LEADER', 'GROUP', 'OBSERVER', 'ENFORCEMENT'],
  'calendar.load': ['OFFICE'],
  'calendar.drop': ['OFFICE'],
  // The office's own rules, edited with versions (issue 22): task types and their policies for now.
  'rules.read': ['OFFICE'],
  'rules.publish': ['OFFICE'],
  'rules.restore': ['OFFICE'],
  // Each person's own inbox and notice settings, whatever their roles (the administrator alone too).
  'inbox.read': ['OFFICE', 'UNIT', 'LEADER', 'GROUP', 'OBSERVER', 'ENFORCEMENT', 'ADMIN'],
  'inbox.update': ['OFFICE', 'UNIT', 'LEADER', 'GROUP', 'OBSERVER', 'ENFORCEMENT', 'ADMIN'],
  'webhook.read': ['OFFICE'],
  'webhook.update': ['OFFICE'],
  // Notices by e-mail, SMS and robot (issue 23): the office's delivery list and dead letters; each person's own settings.
  'delivery.read': ['OFFICE'],
  'delivery.update': ['OFFICE'],
  'preferences.read': ['OFFICE', 'UNIT', 'LEADER', 'GROUP', 'OBSERVER', 'ENFORCEMENT', 'ADMIN'],
  'preferences.update': ['OFFICE', 'UNIT', 'LEADER', 'GROUP', 'OBSERVER', 'ENFORCEMENT', 'ADMIN'],
  'bulletin.read': ['OFFICE', 'UNIT', 'LEADER', 'GROUP'],
  'bulletin.create': ['OFFICE'],
  'cycle.open': ['OFFICE'],
  'cycle.read': ['OFFICE', 'UNIT', 'LEADER', 'GROUP'],
  'cycle.board': ['OFFICE', 'LEADER', 'GROUP'],
  'overview.read': ['OFFICE', 'LEADER', 'GROUP'],
  // The higher level's read-only roll-up of the organisations under it (figures only; api/use-cases/rollup.ts).
  'rollup.read': ['OFFICE', 'LEADER', 'GROUP'],
  'cycle.close': ['OFFICE'],
  'plan.submit': ['OFFICE'],
  'plan.read': ['OFFICE', 'LEADER', 'GROUP'],
  'plan.approve': ['GROUP'],
  'meeting.call': ['OFFICE'],
  'meeting.read': ['OFFICE', 'UNIT', 'LEADER', 'GROUP'],
  'meeting.confirm': ['UNIT'],
  'meeting.minutes': ['OFFICE'],
  'meeting.cancel': ['OFFICE'],
  // The major-case coordination group's meetings (大要案协调小组, issue 18 part 4): the office and the members alone see
  // one (inScope), whatever their role (an ENFORCEMENT member too); its read is audited, done or refused (not in
  // READS); each member confirms for themself (MEMBER).
  'majorCaseMeeting.read': ['OFFICE', 'UNIT', 'LEADER', 'GROUP', 'ENFORCEMENT'],
  'majorCaseMeeting.confirm': ['OFFICE', 'UNIT', 'LEADER', 'GROUP', 'ENFORCEMENT'],
  'inspection.create': ['OFFICE'],
  // An invited member of the supervision network (OBSERVER) reads the round's scope and adds observations (issue 19).
  'inspection.read': ['OFFICE', 'UNIT', 'LEADER', 'GROUP', 'OBSERVER'],
  'inspection.invite': ['OFFICE'],
  'inspection.observe': ['OBSERVER'],
  'inspection.selfCheck': ['UNIT'],
  'inspection.findings': ['OFFICE'],
  'inspection.closeFindings': ['OFFICE'],
  'inspection.report': ['OFFICE', 'GROUP'],
  // Referrals (移送, issue 18 part 3), need to know: the office, the sending and receiving enforcement units' people,
  // the major-case coordination group's members (whatever their roles) and the people the office names (`inScope`).
  'referral.create': ['OFFICE', 'ENFORCEMENT'],
  'referral.read': ['OFFICE', 'ENFORCEMENT', 'LEADER', 'GROUP', 'UNIT'],
  'referral.accept': ['OFFICE', 'ENFORCEMENT'],
  'referral.result': ['OFFICE', 'ENFORCEMENT'],
  'referral.return': ['OFFICE', 'ENFORCEMENT'],
  'referral.decide': ['OFFICE', 'ENFORCEMENT'],
  'referral.opinion': ['OFFICE'],
  'referral.close': ['OFFICE'],
  'referral.grant': ['OFFICE'],
  'case.open': ['OFFICE'],
  'case.read': ['OFFICE', 'UNIT', 'LEADER', 'GROUP'],
  'case.statement': ['UNIT'],
  'case.decide': ['OFFICE'],
  // Case teams (办案组, issue 18 part 1): need to know. A team is read by the office and its confirmed members; a
  // secondment (抽调) by the office, the unit asked and the person named. Reads are audited (not in READS).
  'caseTeam.open': ['OFFICE'],
  'caseTeam.read': ['OFFICE', 'UNIT'],
  'caseTeam.extend': ['OFFICE'],
  'caseTeam.release': ['OFFICE'],
  'secondment.read': ['OFFICE', 'UNIT'],
  'secondment.nominate': ['UNIT'],
  'secondment.confirm': ['OFFICE'],
  'secondment.reject': ['OFFICE'],
  'secondment.declareConflict': ['UNIT'],
  'schedule.read': ['OFFICE'],
  'schedule.update': ['OFFICE'],
  'assessment.run': ['OFFICE'],
  'assessment.read': ['OFFICE', 'UNIT', 'LEADER', 'GROUP'],
  'assessment.adjust': ['OFFICE'],
  'assessment.publish': ['OFFICE'],
  // Scoring an assessment again with another version of the scoring model (issue 22), and reading those: the office's.
  'assessment.recompute': ['OFFICE'],
  'assessment.recomputations.read': ['OFFICE'],
  'scoring.read': ['OFFICE', 'UNIT', 'LEADER', 'GROUP'],
  // Rotation training (轮训, issue 18 part 2): the office makes the year's plan and decides swaps; a unit sees and
  // confirms (or asks to swap) its own windows, a leader sees those of the units they lead. A trainee's record
  // (rotationRecord) is read by the office, the group, the trainee, their unit and its leader; only the office and the
  // trainee see the case references (the others the count); every read of it is audited (not in READS).
  'rotation.create': ['OFFICE'],
  'rotation.read': ['OFFICE', 'UNIT', 'LEADER', 'GROUP'],
  'rotation.confirm': ['UNIT'],
  'rotation.swapRequest': ['UNIT'],
  'rotation.swapDecision': ['OFFICE'],
  'rotation.endEarly': ['OFFICE'],
  'rotationRecord.read': ['OFFICE', 'UNIT', 'LEADER', 'GROUP'],
  // The supervision network (监督网络, issue 19): the office keeps the roster and appoints, renews and retires members;
  // a member reads their own appointment. Nobody else learns who serves (an informant's name stays with the office).
  'networkMember.read': ['OFFICE', 'OBSERVER'],
  'networkMember.manage': ['OFFICE'],
  // Conduct appraisals (行风评议, issue 19 part 5): the office opens one and invites members; an invited member fills
  // their own form; a unit and its leader read the unit's aggregate once it is closed; nobody reads another's form.
  'appraisal.open': ['OFFICE'],
  'appraisal.read': ['OFFICE', 'UNIT', 'LEADER', 'GROUP', 'OBSERVER'],
  'appraisal.invite': ['OFFICE'],
  'appraisal.close': ['OFFICE'],
  'appraisal.rate': ['OBSERVER'],
  // Submissions (反映, issue 19 parts 2–4): an active network member submits and rates the answer to their own; only
  // the office triages, answers and knows who submitted. Units, leaders and the group never see one (the bulletin and
  // the office's overview give counts only). Every read is audited, done or refused (not in READS).
  'submission.create': ['OBSERVER'],
  'submission.read': ['OFFICE', 'OBSERVER'],
  'submission.reply': ['OFFICE'],
  'submission.task': ['OFFICE'],
  'submission.refer': ['OFFICE'],
  'submission.merge': ['OFFICE'],
  'submission.close': ['OFFICE'],
  'submission.answer': ['OFFICE'],
  'submission.rate': ['OBSERVER'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ACTIONS;

/**
 * Task actions that need more than seeing the task: the lead unit signs, reports, submits and asks for
 * extensions; a co-organising unit reports its part; the task's own leader (or the office) decides
 * extensions. A caller who sees the task without that relation gets 403, not 404.
 */
type Relation =
  | 'LEAD'
  | 'OFFICE_OR_LEAD'
  | 'CO'
  | 'LEAD_OR_CO'
  | 'OFFICE_LEAD_OR_CO'
  | 'TASK_LEADER'
  | 'MEMBER'
  | 'SEAT_UNIT'
  | 'SEAT_PERSON';
const RELATIONS: Partial<Record<Action, Relation>> = {
  'task.signFor': 'LEAD',
  'task.reportProgress': 'LEAD',
  'task.submit': 'LEAD',
  'task.requestExtension': 'LEAD',
  'task.coUnitReport': 'CO',
  'task.nameHandler': 'LEAD_OR_CO',
  'attachment.upload': 'OFFICE_LEAD_OR_CO',
  'task.requestPause': 'LEAD',
  'task.refuse': 'LEAD',
  'task.resume': 'OFFICE_OR_LEAD',
  'task.split': 'OFFICE_OR_LEAD',
  'task.decideExtension': 'TASK_LEADER',
  'majorCaseMeeting.confirm': 'MEMBER',
  // A secondment's unit names its person; only the person named declares a conflict (回避).
  'secondment.nominate': 'SEAT_UNIT',
  'secondment.declareConflict': 'SEAT_PERSON',
};

function hasRelation(identity: Identity, role: Role, object: PolicyObject, relation: Relation): boolean {
  if (relation === 'MEMBER') return object.type === 'meeting' && !!object.memberIds?.includes(identity.personId);
  if (object.type === 'secondment') {
    if (relation === 'SEAT_UNIT') return role === 'UNIT' && object.unitId === identity.unitId;
    if (relation === 'SEAT_PERSON') return object.personId === identity.personId;
  }
  if (object.type !== 'task') return true;
  switch (relation) {
    case 'SEAT_UNIT':
    case 'SEAT_PERSON':
      return false;
    case 'LEAD':
      return role === 'UNIT' && object.leadUnitId === identity.unitId;
    case 'OFFICE_OR_LEAD':
      return role === 'OFFICE' || (role === 'UNIT' && object.leadUnitId === identity.unitId);
    case 'CO':
      return role === 'UNIT' && object.coUnitIds.includes(identity.unitId);
    case 'LEAD_OR_CO':
      return role === 'UNIT' && (object.leadUnitId === identity.unitId || object.coUnitIds.includes(identity.unitId));
    case 'OFFICE_LEAD_OR_CO':
      return (
        role === 'OFFICE' ||
        (role === 'UNIT' && (object.leadUnitId === identity.unitId || object.coUnitIds.includes(identity.unitId)))
      );
    case 'TASK_LEADER':
      return role === 'OFFICE' || (role === 'LEADER' && object.leaderId === identity.personId);
  }
}

function inScope(identity: Identity, role: Role, object: PolicyObject): boolean {
  if (object.orgId !== identity.orgId) return false;
  if (object.type === 'organisation' || object.type === 'cycle' || object.type === 'bulletin') return true;
  // A major-case group meeting (大要案协调小组) is need-to-know: the office and its members, whatever else they are.
  if (object.type === 'meeting' && object.memberIds) {
    return role === 'OFFICE' || object.memberIds.includes(identity.personId);
  }
  if (object.type === 'referral') {
    // Not the leadership group as such: only the office, the two units' own people and those on the access list.
    if (role === 'OFFICE') return true;
    if (object.personIds.includes(identity.personId)) return true;
    return role === 'ENFORCEMENT' && object.unitIds.includes(identity.unitId);
  }
  // Need to know (issue 18): the leadership group does not oversee case teams; a member reads their team, a unit the
  // secondments asked of it, a person the one naming them.
  if (object.type === 'networkMember') return role === 'OFFICE' || object.personId === identity.personId;
  if (object.type === 'submission') return role === 'OFFICE' || object.submitterId === identity.personId;
  if (object.type === 'caseTeam') return role === 'OFFICE' || object.memberIds.includes(identity.personId);
  if (object.type === 'secondment') {
    const mine = object.unitId === identity.unitId || object.personId === identity.personId;
    return role === 'OFFICE' || (role === 'UNIT' && mine);
  }
  // A trainee sees their own rotation record, whatever their role.
  if (object.type === 'rotationRecord' && object.personId === identity.personId) return true;
  switch (role) {
    case 'OFFICE':
    case 'GROUP': // the leadership group oversees the whole procedure
      return true;
    case 'UNIT':
      if (
        object.type === 'meeting' ||
        object.type === 'inspection' ||
        object.type === 'rotation' ||
        object.type === 'appraisal'
      ) {
        return object.unitIds.includes(identity.unitId);
      }
      if (object.type === 'rotationRecord') return object.unitId === identity.unitId;
      if (object.type === 'case') return object.unitId === identity.unitId; // never another unit's case
      return (
        object.leadUnitId === identity.unitId ||
        object.coUnitIds.includes(identity.unitId) ||
        (!!object.parentLeadUnitId && object.parentLeadUnitId === identity.unitId)
      );
    case 'LEADER':
      if (
        object.type === 'meeting' ||
        object.type === 'inspection' ||
        object.type === 'rotation' ||
        object.type === 'appraisal'
      ) {
        return object.unitLeaderIds.includes(identity.personId);
      }
      if (object.type === 'rotationRecord') return object.unitLeaderId === identity.personId;
      if (object.type === 'case') return object.leaderIds.includes(identity.personId);
      return object.leaderId === identity.personId || object.unitLeaderIds.includes(identity.personId);
    case 'OBSERVER': // a member of the supervision network: only what the office invited them into
      if (object.type === 'inspection') return !!object.observerIds?.includes(identity.personId);
      if (object.type === 'appraisal') return object.memberIds.includes(identity.personId);
      return false;
    case 'ENFORCEMENT': // a party to case collaboration: only what it sends or receives (its referrals)
    case 'ADMIN': // the organisation itself, none of its procedures
      return false;
  }
}

/** The action that reads the object: a major-case group meeting has its own (its members may be of any role). */
const readOf = (object: PolicyObject): Action =>
  object.type === 'meeting' && object.memberIds ? 'majorCaseMeeting.read' : `${object.type}.read`;

/** Whether any of the person's roles lets them see the object at all. */
function sees(identity: Identity, object: PolicyObject): boolean {
  const readers: readonly Role[] = ACTIONS[readOf(object)];
  return identity.roles.some((role) => readers.includes(role) && inScope(identity, role, object));
}

/**
 * Decides one action on one object; a person with several roles gets the widest of them. An object the
 * person cannot see at all is NOT_FOUND whatever the action, even one their roles may never take (an observer
 * and a task: 404, as for a task that does not exist); one they see but may not act on is FORBIDDEN.
 */
export function decide(identity: Identity, action: Action, object: PolicyObject): Decision {
  if (!sees(identity, object)) return 'NOT_FOUND';
  const allowed: readonly Role[] = ACTIONS[action];
  const roles = identity.roles.filter((r) => allowed.includes(r));
  if (roles.length === 0) return 'FORBIDDEN';
  const relation = RELATIONS[action];
  const permitted = roles.some(
    (role) => inScope(identity, role, object) && (!relation || hasRelation(identity, role, object, relation)),
  );
  return permitted ? 'ALLOW' : 'FORBIDDEN';
}
