import { z } from 'zod';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import type { AnyRoute } from '../route';
import { actionRoute, createRoute, detailRoute, pageRoute } from './action-route';
import { assignmentFields, id, isoDate, offeredActions, text, timelineEntrySchema, timestamp } from '../schemas';
import {
  acceptReferral,
  closeReferral,
  createReferral,
  decideReturnedReferral,
  findReferrals,
  getReferral,
  giveReferralResult,
  grantReferralAccess,
  returnReferral,
} from '../use-cases/referrals';
import { recordReferralOpinion } from '../use-cases/referral-opinions';

const STATES = ['SENT', 'ACCEPTED', 'ANSWERED', 'RETURNED', 'REFERRED_ON', 'HANDLED', 'CLOSED'] as const;
const DIRECTIONS = ['TO_ENFORCEMENT', 'TO_COMMISSION'] as const;

const dateSchema = z.object({ label: text(50), date: isoDate }).strict();

const createBody = z
  .object({
    receiverUnitId: id
      .optional()
      .describe('The office: the enforcement unit (公检法、审计) it refers to. An enforcement unit: none (the office)'),
    title: text(200).describe('What is referred (移送事项), e.g. 「某所长涉嫌挪用公款问题」'),
    parties: text(1_000).describe('Who it concerns (当事人), as text'),
    summary: text(5_000).describe('The matter in brief (基本情况); Heli holds no case file'),
    dates: z.array(dateSchema).max(10).default([]).describe('Dates that matter (立案、发案…), each with its label'),
  })
  .strict();

const noteBody = z.object({ note: text(2_000).optional() }).strict();
const resultBody = z.object({ result: text(5_000).describe('The result of handling (处理结果)') }).strict();
const returnBody = z
  .object({ reasons: text(2_000).describe('Why it is returned (退回理由), e.g. 不属于本单位管辖') })
  .strict();
const decisionBody = z
  .object({
    decision: z.enum(['REFER_ON', 'HANDLE', 'CLOSE']).describe('Refer it on to another unit, handle it, or close it'),
    note: text(2_000).describe('The sender’s reasons (处理意见)'),
    unitId: id.optional().describe('REFER_ON: the enforcement unit it now goes to (a new referral, linked)'),
  })
  .strict();
const opinionBody = z
  .object({
    facts: text(5_000).optional().describe('Findings of fact (事实认定)'),
    evidence: text(5_000).optional().describe('Findings on evidence (证据认定)'),
    nature: text(2_000).optional().describe('Findings on nature (性质认定)'),
    text: text(5_000).describe('The coordination opinion (协调意见)'),
    task: z
      .object({ title: text(200).describe('What must be done, the task’s title'), ...assignmentFields })
      .strict()
      .optional()
      .describe('When the opinion asks for action: the supervised task (COORDINATION_OPINION) it becomes'),
  })
  .strict();
const accessBody = z
  .object({
    personIds: z.array(id).min(1).max(20).describe('People who need to know (知悉人员)'),
    reason: text(1_000).describe('Why they need to know'),
  })
  .strict();

const opinionSchema = z.object({
  seq: z.number().int(),
  facts: z.string(),
  evidence: z.string(),
  nature: z.string(),
  text: z.string(),
  taskId: z.string().nullable(),
  by: z.string(),
  at: z.string(),
});

const summaryFields = {
  id: z.string(),
  workflowId: z.string(),
  orgId: z.string(),
  direction: z.enum(DIRECTIONS),
  senderUnitId: z.string(),
  senderUnitName: z.string(),
  receiverUnitId: z.string(),
  receiverUnitName: z.string(),
  title: z.string(),
  parties: z.string(),
  summary: z.string(),
  dates: z.array(z.object({ label: z.string(), date: z.string() })),
  previousId: z.string().nullable(),
  nextReferralId: z.string().nullable(),
  sentBy: z.string(),
  sentAt: timestamp,
  state: z.enum(STATES),
  acceptanceDueAt: timestamp.describe('24:00 of the last day for acceptance feedback (受理反馈)'),
  acceptedAt: timestamp.nullable(),
  acceptanceLate: z.boolean().describe('Acceptance (or return) given after its deadline'),
  acceptanceUrgedAt: timestamp.nullable(),
  acceptanceEscalatedAt: timestamp.nullable(),
  resultDueAt: timestamp.nullable().describe('24:00 of the last day for result feedback (处理结果反馈)'),
  resultAt: timestamp.nullable(),
  resultLate: z.boolean(),
  resultUrgedAt: timestamp.nullable(),
  resultEscalatedAt: timestamp.nullable(),
  returnedAt: timestamp.nullable(),
  decision: z.string().nullable(),
  closedAt: timestamp.nullable(),
};
const summarySchema = z.object(summaryFields).meta({ id: 'ReferralSummary' });
const referralSchema = z
  .object({
    ...summaryFields,
    actions: offeredActions('referrals'),
    acceptanceNote: z.string().nullable(),
    result: z.string().nullable(),
    returnReasons: z.string().nullable(),
    decisionNote: z.string().nullable(),
    opinions: z.array(opinionSchema),
    accessIds: z.array(z.string()).describe('People the office named as needing to know'),
    timeline: z.array(timelineEntrySchema),
  })
  .meta({ id: 'Referral' });
const actedSchema = z.object({
  referralId: z.string(),
  state: z.enum(STATES),
  acceptanceLate: z.boolean(),
  resultLate: z.boolean(),
  resultDueAt: z.string().nullable(),
  nextReferralId: z.string().nullable(),
  opinions: z.array(opinionSchema),
});

/** Referrals (移送, issue 18 part 3) between the commission and 公检法、审计: need to know, every read audited. */
export const referralRoutes = (deps: AppDeps): AnyRoute[] => [
  createRoute({
    path: '/referrals',
    kind: 'referrals',
    summary:
      'Refer a matter to an enforcement unit (office), or a clue to the commission (an enforcement unit): the receiver is notified',
    body: createBody,
    response: z.object({
      id: z.string(),
      workflowId: z.string(),
      direction: z.enum(DIRECTIONS),
      state: z.enum(STATES),
      acceptanceDueAt: z.string().nullable(),
    }),
    errors: [403, 422],
    handler: (body, caller, key) => createReferral(deps, caller, body, key),
  }),
  pageRoute({
    kind: 'referrals',
    summary: 'Referrals the caller may know of, newest first (the read is audited with the ids listed)',
    filters: {
      unitId: id.optional().describe('Only those sent or received by this unit'),
      direction: z.enum(DIRECTIONS).optional(),
      state: z.enum(STATES).optional(),
    },
    item: summarySchema,
    handler: (filter, page, caller) => findReferrals(deps, caller, filter, page),
  }),
  detailRoute({
    kind: 'referrals',
    summary: 'A referral with its feedback, coordination opinions and timeline (the read is audited)',
    response: referralSchema,
    handler: (id, caller) => getReferral(deps, caller, id),
  }),
  actionRoute({
    kind: 'referrals',
    verb: 'accept',
    summary: 'Acceptance feedback (受理反馈) by the receiving side',
    body: noteBody,
    response: actedSchema,
    handler: (id, body, req) => acceptReferral(deps, callerOf(req), id, body),
  }),
  actionRoute({
    kind: 'referrals',
    verb: 'result',
    summary: 'Result feedback (处理结果反馈) by the receiving side, after acceptance',
    body: resultBody,
    response: actedSchema,
    handler: (id, body, req) => giveReferralResult(deps, callerOf(req), id, body),
  }),
  actionRoute({
    kind: 'referrals',
    verb: 'return',
    summary: 'Return the referral (退回) with reasons, e.g. not the receiver’s jurisdiction, instead of accepting it',
    body: returnBody,
    response: actedSchema,
    handler: (id, body, req) => returnReferral(deps, callerOf(req), id, body),
  }),
  actionRoute({
    kind: 'referrals',
    verb: 'decision',
    summary: 'The sender’s decision on a returned referral: refer it on (a new, linked referral), handle it, close it',
    body: decisionBody,
    response: actedSchema,
    handler: (id, body, req) => decideReturnedReferral(deps, callerOf(req), id, body),
  }),
  actionRoute({
    kind: 'referrals',
    verb: 'opinions',
    summary: 'Record a coordination opinion (协调意见, office); one with a task becomes a supervised task',
    body: opinionBody,
    response: actedSchema,
    handler: (id, body, req) => recordReferralOpinion(deps, callerOf(req), id, body),
  }),
  actionRoute({
    kind: 'referrals',
    verb: 'access',
    summary: 'Name people who need to know of the referral (知悉人员, office)',
    body: accessBody,
    response: actedSchema.extend({ accessIds: z.array(z.string()) }),
    handler: (id, body, req) => grantReferralAccess(deps, callerOf(req), id, body),
  }),
  actionRoute({
    kind: 'referrals',
    verb: 'close',
    summary: 'Close an answered referral (office)',
    body: noteBody,
    response: actedSchema,
    handler: (id, body, req) => closeReferral(deps, callerOf(req), id, body),
  }),
];
