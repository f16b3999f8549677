import { z } from 'zod';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import type { AnyRoute } from '../route';
import { actionRoute, createRoute, detailRoute, pageRoute } from './action-route';
import { id, isoDate, offeredActions, text, timelineEntrySchema, timeLimitFields, timestamp } from '../schemas';
import {
  answerSubmission,
  closeSubmission,
  createSubmission,
  findSubmissions,
  getSubmission,
  mergeSubmission,
  rateSubmission,
  referSubmission,
  replySubmission,
  taskSubmission,
} from '../use-cases/submissions';

const STATES = ['SUBMITTED', 'TASKED', 'REFERRED', 'ANSWERED', 'MERGED', 'CLOSED'] as const;
const KINDS = ['OBSERVATION', 'PROBLEM', 'CLUE'] as const;
const TRIAGE = ['REPLY', 'TASK', 'REFER', 'MERGE', 'CLOSE'] as const;

const createBody = z
  .object({
    kind: z.enum(KINDS).describe('OBSERVATION 意见建议, PROBLEM 问题反映, CLUE 问题线索'),
    subjectUnitId: id
      .optional()
      .describe('The responsible unit it concerns (被反映单位); optional for an observation only'),
    what: text(5_000).describe('What happened or what is proposed (反映内容)'),
    where: text(500).describe('Where (地点)'),
    happenedOn: isoDate.describe('The day it happened (发生时间), not in the future (422)'),
  })
  .strict();

const answerBody = z
  .object({
    answer: text(5_000).describe('The answer to the member (反馈), in the office’s words, nothing confidential'),
  })
  .strict();
const closeBody = z
  .object({ reason: text(2_000).describe('Why it is closed (办结理由), as the member reads it') })
  .strict();
const mergeBody = z
  .object({
    intoId: id.describe('The earlier, not closed submission it joins (同一事项)'),
    note: text(1_000).optional(),
  })
  .strict();
const rateBody = z
  .object({
    rating: z.number().int().min(1).max(5).describe('1 (不满意) to 5 (满意)'),
    comment: text(1_000).optional(),
  })
  .strict();
const taskBody = z
  .object({
    title: text(200).describe('The task’s title, in the office’s words (nothing of the member)'),
    type: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{1,39}$/)
      .default('ROUTINE')
      .describe('Task type (GET /v1/task-types), whose supervision policy applies'),
    coUnitIds: z.array(id).max(50).default([]).describe('Co-organising units (协办单位)'),
    leaderId: id.describe('Responsible leader (分管领导)'),
    requirements: text(5_000).describe('Task requirements (任务要求)'),
    standard: text(5_000).describe('Acceptance standard (落实标准)'),
    ...timeLimitFields,
  })
  .strict();
const referBody = z
  .object({
    receiverUnitId: id.describe('The enforcement unit (公检法、审计) the clue is referred to'),
    title: text(200),
    parties: text(1_000).describe('Who it concerns (当事人), as text'),
    summary: text(5_000),
    dates: z
      .array(z.object({ label: text(50), date: isoDate }).strict())
      .max(10)
      .default([]),
  })
  .strict();

/** What a member reads of their own submission. */
const memberFields = {
  id: z.string(),
  kind: z.enum(KINDS),
  subjectUnitId: z.string().nullable(),
  subjectUnitName: z.string().nullable(),
  what: z.string(),
  where: z.string(),
  happenedOn: z.string(),
  submittedAt: timestamp,
  state: z.enum(STATES),
  triageDueAt: timestamp.describe('24:00 of the last day for the office’s triage (分办)'),
  triagedAt: timestamp.nullable(),
  answerDueAt: timestamp.nullable().describe('24:00 of the last day for the answer to the member (反馈)'),
  answer: z.string().nullable(),
  answeredAt: timestamp.nullable(),
  taskDoneAt: timestamp.nullable().describe('When the task it led to was accepted (整改办结)'),
  closeReason: z.string().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  ratedAt: timestamp.nullable(),
};
/** What only the office reads: who submitted, what it led to, the ladder. */
const officeFields = {
  workflowId: z.string(),
  orgId: z.string(),
  submittedBy: z.string().describe('The member who submitted (office only)'),
  submitterName: z.string(),
  triageRemindedAt: timestamp.nullable(),
  triageOverdueAt: timestamp.nullable(),
  triageEscalatedAt: timestamp.nullable(),
  triageAction: z.enum(TRIAGE).nullable(),
  triageLate: z.boolean(),
  taskId: z.string().nullable(),
  referralId: z.string().nullable(),
  mergedInto: z.string().nullable(),
  mergedIds: z.array(z.string()),
  answerOverdueAt: timestamp.nullable(),
  answerLate: z.boolean(),
};
const optional = <T extends Record<string, z.ZodType>>(fields: T) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof T]: z.ZodOptional<T[K]>;
  };
const summarySchema = z
  .object({ ...memberFields, ...optional(officeFields) })
  .describe('The office reads every field; a member the fields of their own submission only')
  .meta({ id: 'SubmissionSummary' });
const submissionSchema = z
  .object({
    ...memberFields,
    ...optional(officeFields),
    actions: offeredActions('submissions'),
    timeline: z.array(timelineEntrySchema).optional().describe('The office only'),
  })
  .meta({ id: 'Submission' });
const actedSchema = z.object({
  submissionId: z.string(),
  state: z.enum(STATES),
  answerDueAt: z.string().nullable(),
  answer: z.string().nullable(),
  rating: z.number().nullable(),
  taskId: z.string().nullable().optional().describe('The office only'),
  referralId: z.string().nullable().optional().describe('The office only'),
  mergedInto: z.string().nullable().optional().describe('The office only'),
});

/** Submissions (反映, issue 19): a network member's observations, problems and clues, and the office's triage. */
export const submissionRoutes = (deps: AppDeps): AnyRoute[] => [
  createRoute({
    path: '/submissions',
    kind: 'submissions',
    summary:
      'Submit an observation, a problem or a clue (a serving member of the supervision network): the office is told',
    body: createBody,
    response: z.object({
      id: z.string(),
      workflowId: z.string(),
      state: z.enum(STATES),
      triageDueAt: z.string().nullable(),
    }),
    errors: [403, 422],
    handler: (body, caller, key) => createSubmission(deps, caller, body, key),
  }),
  pageRoute({
    kind: 'submissions',
    summary: 'The office: the organisation’s submissions; a member: their own. Newest first; the read is audited',
    filters: {
      state: z.enum(STATES).optional(),
      kind: z.enum(KINDS).optional(),
      awaitingTriage: z
        .enum(['true', 'false'])
        .optional()
        .transform((v) => (v === undefined ? undefined : v === 'true'))
        .describe('true: only those waiting for triage'),
      unanswered: z
        .enum(['true', 'false'])
        .optional()
        .transform((v) => (v === undefined ? undefined : v === 'true'))
        .describe('true: only those whose member has not heard back'),
    },
    item: summarySchema,
    handler: (filter, page, caller) => findSubmissions(deps, caller, filter, page),
  }),
  detailRoute({
    kind: 'submissions',
    summary: 'A submission: the office’s view with its timeline, or the member’s own (the read is audited)',
    response: submissionSchema,
    handler: (id, caller) => getSubmission(deps, caller, id),
  }),
  actionRoute({
    kind: 'submissions',
    verb: 'reply',
    summary: 'Triage by replying (答复, office): the member hears the answer now',
    body: answerBody,
    response: actedSchema,
    handler: (id, body, req) => replySubmission(deps, callerOf(req), id, body),
  }),
  actionRoute({
    kind: 'submissions',
    verb: 'task',
    summary:
      'Triage into a supervised task for the subject unit (交办, office), through the task-creation path; the task carries nothing of the member',
    body: taskBody,
    response: actedSchema,
    handler: (id, body, req) => taskSubmission(deps, callerOf(req), id, body),
  }),
  actionRoute({
    kind: 'submissions',
    verb: 'refer',
    summary: 'Triage a clue into a referral to an enforcement unit (移送, office), through the referral-creation path',
    body: referBody,
    response: actedSchema,
    handler: (id, body, req) => referSubmission(deps, callerOf(req), id, body),
  }),
  actionRoute({
    kind: 'submissions',
    verb: 'merge',
    summary: 'Merge into an earlier, not closed submission (合并办理, office): both members are told',
    body: mergeBody,
    response: actedSchema,
    handler: (id, body, req) => mergeSubmission(deps, callerOf(req), id, body),
  }),
  actionRoute({
    kind: 'submissions',
    verb: 'close',
    summary: 'Close it with a reason (办结, office): the member is told the reason',
    body: closeBody,
    response: actedSchema,
    handler: (id, body, req) => closeSubmission(deps, callerOf(req), id, body),
  }),
  actionRoute({
    kind: 'submissions',
    verb: 'answer',
    summary: 'Answer the member on a tasked or referred submission (反馈, office), without confidential details',
    body: answerBody,
    response: actedSchema,
    handler: (id, body, req) => answerSubmission(deps, callerOf(req), id, body),
  }),
  actionRoute({
    kind: 'submissions',
    verb: 'rate',
    summary: 'Rate the answer once (评价, the member who submitted): 1–5 and an optional comment',
    body: rateBody,
    response: actedSchema,
    handler: (id, body, req) => rateSubmission(deps, callerOf(req), id, body),
  }),
];
