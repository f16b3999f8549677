import type { Actor } from '../task/messages';
import { byRole, defineProcedure, nonBlank, refuseWhen } from '../kernel/machine';
import * as rm from './messages';
import type { ReferralInput, ReferralStatus } from './messages';

/**
 * The referral (移送) as a state machine, DOMAIN.md "Case collaboration": the receiver gives acceptance feedback
 * (受理反馈) or returns it (退回) with reasons, then result feedback (处理结果反馈); after a return the sender decides
 * what next. The office records coordination opinions (协调意见) while the referral is open, and closes it once
 * answered.
 */
export interface ReferralMachine {
  status: ReferralStatus;
  input: ReferralInput;
  /** False until the referral is in the read model. */
  recorded: boolean;
}

/** The office's side: the commission (OFFICE role); the other side: the ENFORCEMENT unit's own people. */
const isOfficeSide = (actor: Actor) => actor.roles.includes('OFFICE');
const isUnitSide = (actor: Actor, unitId: string) => actor.roles.includes('ENFORCEMENT') && actor.unitId === unitId;

/** Whether `actor` acts for the receiving side of the referral. */
export const isReceiver = (m: ReferralMachine, actor: Actor): boolean =>
  m.input.direction === 'TO_ENFORCEMENT' ? isUnitSide(actor, m.input.receiverUnitId) : isOfficeSide(actor);
/** Whether `actor` acts for the sending side of the referral. */
export const isSender = (m: ReferralMachine, actor: Actor): boolean =>
  m.input.direction === 'TO_ENFORCEMENT' ? isOfficeSide(actor) : isUnitSide(actor, m.input.senderUnitId);

const ended = (m: ReferralMachine) => rm.ENDED_STATES.includes(m.status.state);
const notReady = refuseWhen<ReferralMachine, unknown>(
  'NOT_READY',
  ({ state }) => !state.recorded,
  '移送正在登记，请稍后再办理',
);
const receiverOnly = (what: string) =>
  refuseWhen<ReferralMachine, unknown>(
    'NOT_ALLOWED',
    ({ state, actor }) => !isReceiver(state, actor),
    `${what}由接收单位作出`,
  );
const endedRefusal = refuseWhen<ReferralMachine, unknown>(
  'WRONG_STATE',
  ({ state }) => ended(state),
  '该移送已办结，不能再办理',
);

export const referralProcedure = defineProcedure({
  kind: 'referrals',
  states: ['SENT', 'ACCEPTED', 'ANSWERED', 'RETURNED', 'REFERRED_ON', 'HANDLED', 'CLOSED'],
  stateOf: (m: ReferralMachine) => m.status.state,
  actions: {
    acceptReferral: {
      update: rm.acceptReferral,
      from: ['SENT'],
      by: ['OFFICE', 'ENFORCEMENT'],
      guards: [
        notReady,
        receiverOnly('受理反馈'),
        endedRefusal,
        refuseWhen('WRONG_STATE', ({ state }) => state.status.state === 'RETURNED', '该移送已退回，不能再受理'),
        refuseWhen('WRONG_STATE', ({ state }) => state.status.state !== 'SENT', '该移送已受理，不能重复受理'),
      ],
    },
    giveResult: {
      update: rm.giveResult,
      from: ['ACCEPTED'],
      by: ['OFFICE', 'ENFORCEMENT'],
      guards: [
        notReady,
        receiverOnly('处理结果反馈'),
        endedRefusal,
        refuseWhen('WRONG_STATE', ({ state }) => state.status.state === 'SENT', '尚未受理，须先作受理反馈'),
        refuseWhen('WRONG_STATE', ({ state }) => state.status.state !== 'ACCEPTED', '已反馈处理结果，不能重复反馈'),
        nonBlank((i: rm.ResultInput) => i.result, '处理结果'),
      ],
    },
    returnReferral: {
      update: rm.returnReferral,
      from: ['SENT'],
      by: ['OFFICE', 'ENFORCEMENT'],
      guards: [
        notReady,
        receiverOnly('退回'),
        endedRefusal,
        refuseWhen('WRONG_STATE', ({ state }) => state.status.state !== 'SENT', '该移送已受理或已退回，不能退回'),
        nonBlank((i: rm.ReturnInput) => i.reasons, '退回理由'),
      ],
    },
    decideReturned: {
      update: rm.decideReturned,
      from: ['RETURNED'],
      by: ['OFFICE', 'ENFORCEMENT'],
      guards: [
        notReady,
        refuseWhen('NOT_ALLOWED', ({ state, actor }) => !isSender(state, actor), '退回后的处理由移送单位决定'),
        refuseWhen('WRONG_STATE', ({ state }) => state.status.state !== 'RETURNED', '该移送未被退回，无需决定'),
        nonBlank((i: rm.DecideInput) => i.note, '处理意见'),
        refuseWhen(
          'INVALID',
          ({ input }: { input: rm.DecideInput }) => input.decision === 'REFER_ON' && !input.unitId,
          '另行移送须指定接收单位',
        ),
        refuseWhen(
          'INVALID',
          ({ state, input }: { state: ReferralMachine; input: rm.DecideInput }) =>
            input.decision === 'REFER_ON' && input.unitId === state.input.receiverUnitId,
          '不能再移送给退回的单位',
        ),
        refuseWhen(
          'INVALID',
          ({ state, input }: { state: ReferralMachine; input: rm.DecideInput }) =>
            input.decision === 'REFER_ON' && state.input.direction === 'TO_COMMISSION',
          '线索已退回，移送单位可自行处理或终结，不能另行移送',
        ),
      ],
    },
    recordOpinion: {
      update: rm.recordOpinion,
      from: ['SENT', 'ACCEPTED', 'ANSWERED'],
      by: ['OFFICE'],
      guards: [
        notReady,
        byRole('OFFICE', '协调意见由组织协调室记录'),
        refuseWhen('WRONG_STATE', ({ state }) => state.status.state === 'RETURNED', '该移送已退回，待移送单位决定'),
        endedRefusal,
        nonBlank((i: rm.OpinionInput) => i.text, '协调意见'),
        refuseWhen(
          'INVALID',
          ({ input }: { input: rm.OpinionInput }) =>
            !input.facts?.trim() && !input.evidence?.trim() && !input.nature?.trim(),
          '须至少载明事实、证据或性质的一项认定',
        ),
      ],
    },
    grantAccess: {
      update: rm.grantAccess,
      from: ['SENT', 'ACCEPTED', 'ANSWERED', 'RETURNED'],
      by: ['OFFICE'],
      guards: [
        notReady,
        byRole('OFFICE', '知悉范围由组织协调室确定'),
        endedRefusal,
        nonBlank((i: rm.GrantInput) => i.reason, '知悉事由'),
        refuseWhen('INVALID', ({ input }: { input: rm.GrantInput }) => input.personIds.length === 0, '须指定知悉人员'),
      ],
    },
    closeReferral: {
      update: rm.closeReferral,
      from: ['ANSWERED'],
      by: ['OFFICE'],
      guards: [
        notReady,
        byRole('OFFICE', '移送由组织协调室办结'),
        endedRefusal,
        refuseWhen('WRONG_STATE', ({ state }) => state.status.state !== 'ANSWERED', '尚未反馈处理结果，不能办结'),
      ],
    },
  },
});

/** A referral as it is sent: nothing answered yet (the workflow fills in the names and deadlines). */
export const sentStatus = (referralId: string): ReferralStatus => ({
  referralId,
  state: 'SENT',
  senderName: null,
  receiverName: null,
  sentAt: null,
  acceptanceDueAt: null,
  acceptanceEscalateAt: null,
  acceptedAt: null,
  acceptedBy: null,
  acceptanceNote: null,
  acceptanceLate: false,
  acceptanceUrgedAt: null,
  acceptanceEscalatedAt: null,
  resultDueAt: null,
  resultEscalateAt: null,
  resultAt: null,
  resultBy: null,
  result: null,
  resultLate: false,
  resultUrgedAt: null,
  resultEscalatedAt: null,
  returnedAt: null,
  returnedBy: null,
  returnReasons: null,
  decision: null,
  decisionNote: null,
  decidedBy: null,
  decidedAt: null,
  nextReferralId: null,
  opinions: [],
  accessIds: [],
  closedAt: null,
  version: 0,
});

const iso = (now: number) => new Date(now).toISOString();
const pastDue = (due: string | null, now: number) => due !== null && now >= Date.parse(due);

/** The receiver's acceptance (受理); late when after the acceptance deadline. */
export function takeAcceptance(m: ReferralMachine, { actor, note }: rm.AcceptInput, now: number): void {
  const { status } = m;
  status.state = 'ACCEPTED';
  status.acceptedAt = iso(now);
  status.acceptedBy = actor.personId;
  status.acceptanceNote = note?.trim() || null;
  status.acceptanceLate = pastDue(status.acceptanceDueAt, now);
}

/** The receiver's result (处理结果); late when after the result deadline. */
export function takeResult(m: ReferralMachine, { actor, result }: rm.ResultInput, now: number): void {
  const { status } = m;
  status.state = 'ANSWERED';
  status.resultAt = iso(now);
  status.resultBy = actor.personId;
  status.result = result.trim();
  status.resultLate = pastDue(status.resultDueAt, now);
}

/** The receiver returns it (退回): its acceptance feedback, late when after the acceptance deadline. */
export function takeReturn(m: ReferralMachine, { actor, reasons }: rm.ReturnInput, now: number): void {
  const { status } = m;
  status.state = 'RETURNED';
  status.returnedAt = iso(now);
  status.returnedBy = actor.personId;
  status.returnReasons = reasons.trim();
  status.acceptanceLate = pastDue(status.acceptanceDueAt, now);
}

/** The sender's decision after a return; REFER_ON names the referral that carries it on. */
export function takeDecision(m: ReferralMachine, d: rm.DecideInput, now: number): void {
  const { status } = m;
  status.decision = d.decision;
  status.decisionNote = d.note.trim();
  status.decidedBy = d.actor.personId;
  status.decidedAt = iso(now);
  status.state = d.decision === 'REFER_ON' ? 'REFERRED_ON' : d.decision === 'HANDLE' ? 'HANDLED' : 'CLOSED';
  status.nextReferralId = d.decision === 'REFER_ON' ? rm.nextReferralId(m.input.referralId) : null;
  status.closedAt = iso(now);
}

/** A coordination opinion (协调意见); one that asks for action names the task it becomes. */
export function takeOpinion(m: ReferralMachine, o: rm.OpinionInput, now: number): rm.Opinion {
  const seq = m.status.opinions.length + 1;
  const opinion: rm.Opinion = {
    seq,
    facts: o.facts?.trim() ?? '',
    evidence: o.evidence?.trim() ?? '',
    nature: o.nature?.trim() ?? '',
    text: o.text.trim(),
    taskId: o.task ? rm.opinionTaskId(m.input.referralId, seq) : null,
    by: o.actor.personId,
    at: iso(now),
  };
  m.status.opinions = [...m.status.opinions, opinion];
  return opinion;
}
