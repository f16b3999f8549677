import { byRole, defineProcedure, refuse, refuseWhen, type Guard, type Step } from '../kernel/machine';
import { personRef } from '../kernel/named-refs';
import type { Recipient } from '../kernel/recipients';
import type { Actor } from '../task/messages';
import * as am from './messages';
import type { AppraisalInput, AppraisalStatus, UnitResult } from './messages';

/** A step the appraisal records, with its notices. */
export type AppraisalStep = Step & { notices?: am.AppraisalNotice[]; at?: string };

export interface AppraisalMachine {
  status: AppraisalStatus;
  input: AppraisalInput;
  /** False until the opening is in the read model. */
  recorded: boolean;
}

type G<I> = Guard<AppraisalMachine, I>;
const isOpen = (m: AppraisalMachine) => m.status.state === 'OPEN';
const invited = (m: AppraisalMachine, personId: string) => m.status.members.some((x) => x.personId === personId);
const notYet: G<{ actor: Actor }> = refuseWhen(
  'NOT_READY',
  ({ state }) => !state.recorded,
  '评议正在发起，请稍后再办理',
);

const ratingsWellFormed: G<am.RateInput> = ({ state, input }) => {
  if (input.ratings.length === 0) return refuse('INVALID', '请至少评议一个单位');
  const seen = new Set<string>();
  for (const r of input.ratings) {
    if (!state.status.units.some((u) => u.unitId === r.unitId)) return refuse('INVALID', '该单位不在本次评议范围内');
    if (seen.has(r.unitId)) return refuse('INVALID', '同一单位在一张评议表中只能评议一次');
    seen.add(r.unitId);
    if (!am.RATINGS.includes(r.rating)) return refuse('INVALID', '评议等次须为满意、基本满意或不满意');
  }
  return null;
};

/**
 * The conduct appraisal (行风评议) as a state machine: invited members rate while it is OPEN (again and again until
 * the period ends: the last rating of a unit counts); the office invites more members while it is OPEN; the end of the
 * period closes it, or the office once every member invited has rated every unit (提前结束).
 */
export const appraisalProcedure = defineProcedure({
  kind: 'appraisals',
  states: ['OPEN', 'CLOSED'],
  stateOf: (m: AppraisalMachine) => m.status.state,
  actions: {
    rateUnits: {
      update: am.rateUnits,
      from: ['OPEN'],
      by: ['OBSERVER'],
      guards: [
        notYet,
        byRole('OBSERVER', '评议表由受邀的监督员填报'),
        refuseWhen('NOT_ALLOWED', ({ state, actor }) => !invited(state, actor.personId), '您未受邀参加本次评议'),
        refuseWhen('WRONG_STATE', ({ state }) => !isOpen(state), '评议期已结束，评议表不能再填报或修改'),
        ratingsWellFormed,
      ],
    },
    closeAppraisal: {
      update: am.closeAppraisal,
      from: ['OPEN'],
      by: ['OFFICE'],
      guards: [
        notYet,
        byRole('OFFICE', '评议由组织协调室结束'),
        refuseWhen('WRONG_STATE', ({ state }) => !isOpen(state), '评议已经结束'),
        refuseWhen(
          'WRONG_STATE',
          ({ state }) => state.status.members.some((x) => x.finishedAt === null),
          '尚有监督员未完成评议，评议期结束前不能提前结束',
        ),
      ],
    },
    inviteRaters: {
      update: am.inviteRaters,
      from: ['OPEN'],
      by: ['OFFICE'],
      guards: [
        notYet,
        byRole('OFFICE', '评议人由组织协调室邀请'),
        refuseWhen('WRONG_STATE', ({ state }) => !isOpen(state), '评议期已结束，不能再邀请评议人'),
        refuseWhen(
          'INVALID',
          ({ input }: { input: am.InviteInput }) => input.memberIds.length === 0,
          '请至少邀请一名监督员',
        ),
      ],
    },
  },
});

/** The status of an appraisal before its opening is recorded. */
export const openingStatus = (input: AppraisalInput): AppraisalStatus => ({
  appraisalId: input.appraisalId,
  state: 'OPEN',
  units: [],
  members: [],
  ratings: [],
  openedAt: null,
  dueAt: null,
  remindAt: null,
  closedAt: null,
  results: [],
  version: 0,
});

const ref = (m: AppraisalMachine) => `（评议编号${m.input.appraisalId}）`;
/** 2027-11-19T16:00:00Z (24:00 of 11月19日 in Asia/Shanghai) → 11月19日24:00 */
export const dueText = (iso: string): string => {
  const local = new Date(Date.parse(iso) + 8 * 3_600_000 - 1);
  return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日24:00`;
};
const person = (personId: string): Recipient => ({ kind: 'PERSON', personId });

/** The invitation each new member receives. */
const invitation = (m: AppraisalMachine, personIds: string[]): am.AppraisalNotice => ({
  kind: 'APPRAISAL_INVITED',
  title: `【行风评议】${m.input.title}`,
  body:
    `诚邀您参加${m.input.title}，对${m.status.units.length}个单位的行风作风情况逐一评议（满意、基本满意、不满意），` +
    `请于${dueText(m.status.dueAt!)}前在工作台填报评议表，截止前可修改${ref(m)}。您的评议仅计入汇总结果，不向被评议单位显示。`,
  recipients: personIds.map(person),
});

/** The appraisal opens: members are invited, the office is told. */
export function openedStep(m: AppraisalMachine, at: string): AppraisalStep {
  const { input, status } = m;
  status.openedAt = at;
  status.members = input.memberIds.map((personId) => ({ personId, invitedAt: at, rated: 0, finishedAt: null }));
  return {
    kind: 'OPENED',
    message: `发起「${input.title}」：评议单位${status.units.length}个，邀请监督员${status.members.length}名，${dueText(status.dueAt!)}截止`,
    actor: input.openedBy,
    action: 'appraisal.open',
    payload: { unitIds: input.unitIds, memberIds: input.memberIds, workingDays: input.workingDays },
    at,
    notices: [invitation(m, input.memberIds)],
  };
}

/** The office invites more members while the appraisal is open; those already invited are left as they are. */
export function invitedStep(m: AppraisalMachine, { actor, memberIds }: am.InviteInput, at: string): AppraisalStep {
  const added = [...new Set(memberIds)].filter((p) => !invited(m, p));
  for (const personId of added) m.status.members.push({ personId, invitedAt: at, rated: 0, finishedAt: null });
  return {
    kind: 'INVITED',
    message: added.length ? `邀请监督员${added.length}名参加评议` : '所邀监督员均已在评议人之列',
    actor,
    action: 'appraisal.invite',
    payload: { memberIds: added },
    notices: added.length ? [invitation(m, added)] : [],
  };
}

/**
 * A member rates units: the last rating of a unit replaces an earlier one. The step names the member and how many
 * units they rated, never how (the timeline and the audit log are the office's; a rating is the rater's alone).
 */
export function ratedStep(m: AppraisalMachine, { actor, ratings }: am.RateInput, now: number): AppraisalStep {
  const at = new Date(now).toISOString();
  const { status } = m;
  for (const r of ratings) {
    status.ratings = status.ratings.filter((x) => !(x.personId === actor.personId && x.unitId === r.unitId));
    status.ratings.push({
      personId: actor.personId,
      unitId: r.unitId,
      rating: r.rating,
      comment: r.comment?.trim() || null,
      ratedAt: at,
    });
  }
  const member = status.members.find((x) => x.personId === actor.personId)!;
  const wasFinished = member.finishedAt !== null;
  member.rated = status.ratings.filter((x) => x.personId === actor.personId).length;
  if (member.rated === status.units.length && !wasFinished) member.finishedAt = at;
  const finished = member.finishedAt !== null;
  return {
    kind: 'RATED',
    message: `${personRef(actor.personId)}填报评议表（${member.rated}/${status.units.length}个单位${finished ? '，已全部评议' : ''}）`,
    actor,
    action: 'appraisal.rate',
    payload: { units: ratings.length, rated: member.rated, finished },
  };
}

/** The working day before the end: each member who has not rated every unit is reminded. */
export function remindedStep(m: AppraisalMachine, at: string): AppraisalStep | null {
  const pending = m.status.members.filter((x) => x.finishedAt === null);
  if (pending.length === 0) return null;
  return {
    kind: 'REMINDED',
    message: `评议将于${dueText(m.status.dueAt!)}截止，已提醒尚未完成评议的监督员${pending.length}名`,
    at,
    notices: [
      {
        kind: 'APPRAISAL_REMINDED',
        title: `【提醒】${m.input.title}`,
        body: `${m.input.title}将于${dueText(m.status.dueAt!)}截止，您尚有单位未评议，请及时填报评议表${ref(m)}。`,
        recipients: pending.map((x) => person(x.personId)),
      },
    ],
  };
}

/** Per unit: the raters, their grades and the satisfaction score Σ points ÷ raters (2 decimals); null when none. */
export function aggregate(status: AppraisalStatus): UnitResult[] {
  return status.units.map((u) => {
    const of = status.ratings.filter((r) => r.unitId === u.unitId);
    const count = (g: am.Rating) => of.filter((r) => r.rating === g).length;
    const points = of.reduce((sum, r) => sum + am.RATING_POINTS[r.rating], 0);
    return {
      unitId: u.unitId,
      unitName: u.unitName,
      raters: of.length,
      satisfied: count('SATISFIED'),
      basic: count('BASIC'),
      unsatisfied: count('UNSATISFIED'),
      score: of.length === 0 ? null : Math.round((points / of.length) * 100) / 100,
    };
  });
}

/** The period ended: the appraisal closes and aggregates; each unit is told its own result, the office all of them. */
export function closedStep(m: AppraisalMachine, at: string, actor?: Actor): AppraisalStep {
  const { status, input } = m;
  status.state = 'CLOSED';
  status.closedAt = at;
  status.results = aggregate(status);
  const finished = status.members.filter((x) => x.finishedAt !== null).length;
  const line = (r: UnitResult) =>
    r.raters === 0
      ? `${r.unitName}：无评议`
      : `${r.unitName}：满意度${r.score!.toFixed(2)}（满意${r.satisfied}、基本满意${r.basic}、不满意${r.unsatisfied}，共${r.raters}人评议）`;
  return {
    kind: 'CLOSED',
    message:
      `${actor ? '全部监督员已完成评议，组织协调室提前结束评议' : '评议期结束，评议关闭'}：` +
      `${status.members.length}名监督员中${finished}名完成全部评议，结果已汇总`,
    at,
    actor,
    action: actor ? 'appraisal.close' : undefined,
    notices: [
      {
        kind: 'APPRAISAL_CLOSED',
        title: `【评议结果】${input.title}`,
        body: `${input.title}已结束${ref(m)}，汇总结果如下：\n${status.results.map(line).join('\n')}`,
        recipients: [{ kind: 'OFFICE', orgId: input.orgId }],
      },
      ...status.results.map((r): am.AppraisalNotice => ({
        kind: 'APPRAISAL_RESULT',
        title: `【评议结果】${input.title}`,
        body: `${input.title}已结束${ref(m)}。贵单位的评议结果：${line(r)}。评议结果计入年度考核。`,
        recipients: [{ kind: 'UNIT_HEAD', unitId: r.unitId }],
      })),
    ],
  };
}
