import { byRole, defineProcedure, nonBlank, refuseWhen, type Attempt } from '../kernel/machine';
import * as tm from './messages';
import type { CaseTeamInput, CaseTeamStatus, SecondmentStatus } from './messages';
import { localInstant } from '../time/working-days';

/**
 * The case team (办案组) as two machines over one workflow's state: the team's (the office extends or releases it)
 * and each secondment's (抽调: the unit names a person, the office confirms or rejects, the person may declare a
 * conflict). Recusal (回避, issue 18): nobody of a unit the case concerns is ever named.
 */
export interface CaseTeamMachine {
  status: CaseTeamStatus;
  input: CaseTeamInput;
  /** False until the team is in the read model. */
  recorded: boolean;
}

type SeatAttempt<I extends { secondmentId: string }> = Attempt<CaseTeamMachine, I>;

export const seatOf = (m: CaseTeamMachine, secondmentId: string): SecondmentStatus | undefined =>
  m.status.secondments.find((s) => s.secondmentId === secondmentId);

const released = (m: CaseTeamMachine) => m.status.state === 'RELEASED';
const notReady = refuseWhen(
  'NOT_READY',
  ({ state }: { state: CaseTeamMachine }) => !state.recorded,
  '办案组正在组建，请稍后再办理',
);
const teamOpen = refuseWhen(
  'WRONG_STATE',
  ({ state }: { state: CaseTeamMachine }) => released(state),
  '办案组已解散，不能再办理',
);
const seatExists = refuseWhen(
  'INVALID',
  ({ state, input }: SeatAttempt<{ secondmentId: string }>) => !seatOf(state, input.secondmentId),
  '没有这项抽调',
);
const seatIn = (states: tm.SecondmentState[], text: string) =>
  refuseWhen(
    'WRONG_STATE',
    ({ state, input }: SeatAttempt<{ secondmentId: string }>) =>
      !states.includes(seatOf(state, input.secondmentId)!.state),
    text,
  );

/** Whether `personId` is named on or serving in another seat of the team. */
const alreadyOnTeam = (m: CaseTeamMachine, personId: string, except: string) =>
  m.status.secondments.some(
    (s) => s.secondmentId !== except && s.personId === personId && (s.state === 'NAMED' || s.state === 'CONFIRMED'),
  );

export const secondmentProcedure = defineProcedure({
  kind: 'secondments',
  states: ['REQUESTED', 'NAMED', 'CONFIRMED', 'RELEASED', 'WITHDRAWN'],
  // The listing decides on a secondment row's own state (actionsIn); the team as a whole has no seat state.
  stateOf: (m: CaseTeamMachine) => m.status.state,
  actions: {
    nominate: {
      update: tm.nominate,
      from: ['REQUESTED'],
      by: ['UNIT'],
      guards: [
        notReady,
        teamOpen,
        seatExists,
        refuseWhen(
          'NOT_ALLOWED',
          ({ state, input, actor }: SeatAttempt<tm.NominateInput>) =>
            !actor.roles.includes('UNIT') || actor.unitId !== seatOf(state, input.secondmentId)!.unitId,
          '人选由被抽调单位确定',
        ),
        seatIn(['REQUESTED'], '本项抽调已确定人选，不能重复选派'),
        refuseWhen(
          'INVALID',
          ({ state, input }: SeatAttempt<tm.NominateInput>) =>
            state.input.concernedUnitIds.includes(input.person.unitId),
          '该人员所在单位与本案有关，应当回避，不能选派',
        ),
        refuseWhen(
          'INVALID',
          ({ state, input }: SeatAttempt<tm.NominateInput>) =>
            input.person.unitId !== seatOf(state, input.secondmentId)!.unitId,
          '只能选派本单位人员',
        ),
        refuseWhen(
          'INVALID',
          ({ state, input }: SeatAttempt<tm.NominateInput>) => {
            const s = seatOf(state, input.secondmentId)!;
            return s.recused.includes(input.person.personId) || s.rejected.includes(input.person.personId);
          },
          '该人员已声明回避或未获确认，请另选他人',
        ),
        refuseWhen(
          'INVALID',
          ({ state, input }: SeatAttempt<tm.NominateInput>) =>
            alreadyOnTeam(state, input.person.personId, input.secondmentId),
          '该人员已在本办案组，请另选他人',
        ),
        refuseWhen(
          'INVALID',
          ({ state, input }: SeatAttempt<tm.NominateInput>) => {
            const s = seatOf(state, input.secondmentId)!;
            return s.wantedPersonId !== null && s.wantedPersonId !== input.person.personId && !input.reason?.trim();
          },
          '改派他人须说明理由',
        ),
      ],
    },
    confirmSecondment: {
      update: tm.confirmSecondment,
      from: ['NAMED'],
      by: ['OFFICE'],
      guards: [
        notReady,
        byRole('OFFICE', '人选由组织协调室确认'),
        teamOpen,
        seatExists,
        seatIn(['NAMED'], '单位尚未选派人员，无从确认'),
      ],
    },
    rejectSecondment: {
      update: tm.rejectSecondment,
      from: ['NAMED'],
      by: ['OFFICE'],
      guards: [
        notReady,
        byRole('OFFICE', '人选由组织协调室确认'),
        teamOpen,
        seatExists,
        seatIn(['NAMED'], '单位尚未选派人员，无从退回'),
        nonBlank((i: tm.SecondmentDecisionInput) => i.reason, '退回理由'),
      ],
    },
    declareConflict: {
      update: tm.declareConflict,
      from: ['NAMED', 'CONFIRMED'],
      by: 'ANY',
      guards: [
        notReady,
        teamOpen,
        seatExists,
        seatIn(['NAMED', 'CONFIRMED'], '本项抽调尚无人选，无需声明回避'),
        refuseWhen(
          'NOT_ALLOWED',
          ({ state, input, actor }: SeatAttempt<tm.DeclareConflictInput>) =>
            seatOf(state, input.secondmentId)!.personId !== actor.personId,
          '回避由被抽调人员本人声明',
        ),
        nonBlank((i: tm.DeclareConflictInput) => i.reason, '回避理由'),
      ],
    },
  },
});

export const caseTeamProcedure = defineProcedure({
  kind: 'case-teams',
  states: ['OPEN', 'RELEASED'],
  stateOf: (m: CaseTeamMachine) => m.status.state,
  actions: {
    extendTeam: {
      update: tm.extendTeam,
      from: ['OPEN'],
      by: ['OFFICE'],
      guards: [
        notReady,
        byRole('OFFICE', '办案期限由组织协调室延长'),
        teamOpen,
        refuseWhen(
          'INVALID',
          ({ state, input }: Attempt<CaseTeamMachine, tm.ExtendInput>) => !(input.endDate > state.status.endDate),
          ({ state }) => `延长后的截止日期须晚于现截止日期（${state.status.endDate}）`,
        ),
        nonBlank((i: tm.ExtendInput) => i.reason, '延期理由'),
      ],
    },
    releaseTeam: {
      update: tm.releaseTeam,
      from: ['OPEN'],
      by: ['OFFICE'],
      guards: [
        notReady,
        byRole('OFFICE', '办案组由组织协调室解散'),
        teamOpen,
        nonBlank((i: tm.ReleaseInput) => i.reason, '解散理由'),
      ],
    },
  },
});

// ---- effects of accepted actions (pure: the workflow records the steps) ---------------------------------------

/** A team as its workflow starts it: every seat asked (its limit still to be worked out), released at 24:00 of the last day. */
export function initialStatus(input: CaseTeamInput): CaseTeamStatus {
  return {
    teamId: input.teamId,
    state: 'OPEN',
    openedAt: null,
    startDate: input.startDate,
    endDate: input.endDate,
    endAt: localInstant(input.endDate, 24).toISOString(),
    releasedAt: null,
    releasedEarly: false,
    releaseReason: null,
    extensions: [],
    secondments: input.seats.map((seat) => ({
      ...seat,
      state: 'REQUESTED',
      round: 0,
      requestedAt: null,
      dueAt: null,
      escalateAt: null,
      answeredAt: null,
      late: false,
      urgedAt: null,
      escalatedAt: null,
      personId: null,
      proposed: false,
      reason: null,
      namedBy: null,
      confirmedAt: null,
      releasedAt: null,
      recused: [],
      rejected: [],
    })),
    version: 0,
  };
}

export function name(m: CaseTeamMachine, { actor, secondmentId, person, reason }: tm.NominateInput, now: number) {
  const s = seatOf(m, secondmentId)!;
  const at = new Date(now).toISOString();
  s.state = 'NAMED';
  s.personId = person.personId;
  s.proposed = s.wantedPersonId !== null && s.wantedPersonId !== person.personId;
  s.reason = reason?.trim() || null;
  s.namedBy = actor.personId;
  s.answeredAt ??= at;
  if (s.dueAt !== null && now > Date.parse(s.dueAt)) s.late = true;
  return s;
}

export function confirm(m: CaseTeamMachine, secondmentId: string, now: number) {
  const s = seatOf(m, secondmentId)!;
  s.state = 'CONFIRMED';
  s.confirmedAt = new Date(now).toISOString();
  return s;
}

/** The seat asks its unit again (a new round): after a rejection or a declared conflict. */
export function askAgain(s: SecondmentStatus, why: 'rejected' | 'recused'): string {
  const personId = s.personId!;
  s[why].push(personId);
  s.state = 'REQUESTED';
  s.personId = null;
  s.proposed = false;
  s.reason = null;
  s.namedBy = null;
  s.confirmedAt = null;
  s.answeredAt = null;
  s.urgedAt = null;
  s.escalatedAt = null;
  // The new round's limit is worked out by the workflow (an activity): until then the seat has none to climb on.
  s.requestedAt = null;
  s.dueAt = null;
  s.escalateAt = null;
  s.round += 1;
  return personId;
}

/** The team is released: the serving are released, the seats never filled withdrawn. */
export function release(m: CaseTeamMachine, at: string, early: boolean, reason: string | null) {
  m.status.state = 'RELEASED';
  m.status.releasedAt = at;
  m.status.releasedEarly = early;
  m.status.releaseReason = reason;
  for (const s of m.status.secondments) {
    if (s.state === 'CONFIRMED') {
      s.state = 'RELEASED';
      s.releasedAt = at;
    } else if (s.state === 'REQUESTED' || s.state === 'NAMED') s.state = 'WITHDRAWN';
  }
}

/** The confirmed members: the roster (办案组成员). */
export const membersOf = (status: CaseTeamStatus) =>
  status.secondments.filter((s) => s.personId !== null && (s.state === 'CONFIRMED' || s.state === 'RELEASED'));
