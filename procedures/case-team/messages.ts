import { defineQuery, defineUpdate } from '../kernel/definitions';
import type { Recipient } from '../kernel/recipients';
import type { Actor } from '../task/messages';

/**
 * A case team (办案组, DOMAIN.md "Case collaboration", issue 18 part 1): the office draws investigators from a
 * collaboration zone's member units (抽调) for a case and a period, with recusal (回避), then releases them.
 */

/** The case-team policy (config/collaboration.yaml, section `caseTeams`); offsets in working days. */
export interface CaseTeamPolicy {
  /** A unit names its person (签收抽调函) by 24:00 of this working day after the request reached it. */
  signForWorkingDays: number;
  /** Still nobody named this many working days after that: the unit's responsible leader (分管领导) is told (L2). */
  escalateAfterWorkingDays: number;
}

/** The skills the team needs and how many people of each (e.g. 「财务审计」×2). */
export interface SkillNeed {
  skill: string;
  count: number;
}

/** One seat of the team asked of one unit: the office may say whom it wants (点名抽调). */
export interface SeatRequest {
  /** `<teamId>-s<n>`, n from 1. */
  secondmentId: string;
  unitId: string;
  skill: string;
  /** The person the office asked for by name; naming another is a proposal (with a reason). */
  wantedPersonId: string | null;
}

export interface CaseTeamInput {
  teamId: string;
  orgId: string;
  zoneId: string;
  /** The case's reference (案件编号/案由): need to know, never in a unit's notice. */
  caseRef: string;
  skills: SkillNeed[];
  /** The units the case concerns: never asked, and none of their people serve (回避). */
  concernedUnitIds: string[];
  /** The period: first and last day (local dates); the team is released at 24:00 of the last. */
  startDate: string;
  endDate: string;
  seats: SeatRequest[];
  policy: CaseTeamPolicy;
  openedBy: Actor | null;
}

/**
 * REQUESTED: the unit is to name someone (抽调函 sent); NAMED: named (or proposed), the office is to confirm;
 * CONFIRMED: on the team; RELEASED: served and released; WITHDRAWN: the team was released before the seat was filled.
 */
export type SecondmentState = 'REQUESTED' | 'NAMED' | 'CONFIRMED' | 'RELEASED' | 'WITHDRAWN';
export type CaseTeamState = 'OPEN' | 'RELEASED';

export interface SecondmentStatus {
  secondmentId: string;
  unitId: string;
  skill: string;
  wantedPersonId: string | null;
  state: SecondmentState;
  /** Each request to name (the first, and again after a rejection or a declared conflict) is a round. */
  round: number;
  requestedAt: string | null;
  /** The sign-for limit of the round: 24:00 of its last day; and when a missing name goes to the leader. */
  dueAt: string | null;
  escalateAt: string | null;
  /** When the unit named someone in this round; late: some round's limit lapsed before it did. */
  answeredAt: string | null;
  late: boolean;
  urgedAt: string | null;
  escalatedAt: string | null;
  personId: string | null;
  /** Named another than the one the office asked for (a proposal), with the unit's reason. */
  proposed: boolean;
  reason: string | null;
  namedBy: string | null;
  confirmedAt: string | null;
  releasedAt: string | null;
  /** People of this seat who declared a conflict (回避) or were rejected: never named again on this team. */
  recused: string[];
  rejected: string[];
}

export interface CaseTeamStatus {
  teamId: string;
  state: CaseTeamState;
  openedAt: string | null;
  startDate: string;
  endDate: string;
  /** 24:00 local of `endDate`: the release timer. */
  endAt: string;
  releasedAt: string | null;
  /** Released before the end of the period, by the office. */
  releasedEarly: boolean;
  releaseReason: string | null;
  extensions: { from: string; to: string; reason: string; by: string; at: string }[];
  secondments: SecondmentStatus[];
  /** Monotonic: the read model keeps the highest version it has seen. */
  version: number;
}

/** A person as the API found them in the organisation: the workflow decides on their unit (it reads no table). */
export interface NamedPerson {
  personId: string;
  unitId: string;
}

export interface NominateInput {
  actor: Actor;
  secondmentId: string;
  person: NamedPerson;
  /** Required when naming another than the office asked for (a proposal). */
  reason?: string;
}

export interface SecondmentDecisionInput {
  actor: Actor;
  secondmentId: string;
  /** Required for a rejection. */
  reason?: string;
}

export interface DeclareConflictInput {
  actor: Actor;
  secondmentId: string;
  reason: string;
}

export interface ExtendInput {
  actor: Actor;
  endDate: string;
  reason: string;
}

export interface ReleaseInput {
  actor: Actor;
  reason: string;
}

export const getCaseTeamStatus = defineQuery<CaseTeamStatus>('getCaseTeamStatus');
/** Completes once the team is in the read model. */
export const caseTeamRecorded = defineUpdate<CaseTeamStatus>('caseTeamRecorded');
export const nominate = defineUpdate<CaseTeamStatus, [NominateInput]>('nominate');
export const confirmSecondment = defineUpdate<CaseTeamStatus, [SecondmentDecisionInput]>('confirmSecondment');
export const rejectSecondment = defineUpdate<CaseTeamStatus, [SecondmentDecisionInput]>('rejectSecondment');
export const declareConflict = defineUpdate<CaseTeamStatus, [DeclareConflictInput]>('declareConflict');
export const extendTeam = defineUpdate<CaseTeamStatus, [ExtendInput]>('extendTeam');
export const releaseTeam = defineUpdate<CaseTeamStatus, [ReleaseInput]>('releaseTeam');

/** Deterministic workflow id of a case team. */
export const caseTeamWorkflowId = (teamId: string): string => `case-team:${teamId}`;

/** A notice of one step, to the people it concerns. */
export interface CaseTeamNotice {
  kind: string;
  title: string;
  body: string;
  recipients: Recipient[];
}

/**
 * The seats of a request: for each skill, `count` seats, dealt to the asked units in turn (round robin), so that
 * every unit gives about as many people as the others. Pure, so the API and the tests agree on it.
 */
export function dealSeats(
  teamId: string,
  skills: SkillNeed[],
  units: { unitId: string; personId?: string | null }[],
): SeatRequest[] {
  const seats: SeatRequest[] = [];
  let turn = 0;
  const wanted = new Set<string>();
  for (const { skill, count } of skills) {
    for (let i = 0; i < count; i++) {
      const unit = units[turn++ % units.length]!;
      // The person the office asked for by name fills one seat of their unit.
      const personId = unit.personId && !wanted.has(unit.personId) ? unit.personId : null;
      if (personId) wanted.add(personId);
      seats.push({
        secondmentId: `${teamId}-s${seats.length + 1}`,
        unitId: unit.unitId,
        skill,
        wantedPersonId: personId,
      });
    }
  }
  return seats;
}

/** Which kinds of unit a team draws from: the zone's member units (departments, towns and streets). */
export const MEMBER_KINDS = ['DEPARTMENT', 'TOWN'];

/**
 * Whether a unit may be asked for a secondment of a team in `zoneId`: a member unit of that zone that the case does
 * not concern (回避: a unit the case concerns is never asked).
 */
export const askable = (
  unit: { id: string; kind: string; zoneId: string | null },
  zoneId: string,
  concerned: string[],
) => unit.zoneId === zoneId && MEMBER_KINDS.includes(unit.kind) && !concerned.includes(unit.id);
