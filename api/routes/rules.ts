import { z } from 'zod';
import { taskPolicyFields } from '../../config/task-policy';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import { defineRoute } from '../route';
import { impactedTaskSchema, taskTypeSchema, timestamp } from '../schemas';
import {
  diffQuery,
  publishBodyOf,
  restoreBody,
  rulesSchemaOf,
  versionEntrySchema,
  versionParams,
} from './rule-version-schemas';
import {
  diffTaskPolicyVersions,
  previewTaskPolicies,
  publishTaskPolicies,
  readTaskPolicyRules,
  readTaskPolicyVersion,
  restoreTaskPolicies,
} from '../use-cases/rules';

const contentSchema = z
  .object({ types: z.array(taskTypeSchema) })
  .describe('The organisation’s own task types, in the shape of its file’s `taskPolicies`');

const versionSchema = versionEntrySchema.extend({ content: contentSchema }).meta({ id: 'TaskPolicyVersion' });

const rulesSchema = rulesSchemaOf('task-policies', contentSchema, 'the organisation file’s types as loaded');

const apply = z
  .enum(['NEW_ONLY', 'ALSO_RUNNING'])
  .optional()
  .describe(
    'NEW_ONLY (default): running tasks keep the policy they have. ALSO_RUNNING: each running task of a changed type ' +
      'takes its new policy, its timers ahead moved and its timeline told; nothing it recorded is rewritten',
  );

const draftContent = z.object({ types: z.array(taskPolicyFields).max(50) }).strict();

const publishBody = publishBodyOf(draftContent).extend({ apply }).strict();

const restoreWithApply = restoreBody.extend({ apply }).strict();

const publishedSchema = versionSchema
  .extend({
    apply: z.enum(['NEW_ONLY', 'ALSO_RUNNING']),
    appliedTo: z.number().int().describe('Running tasks of the changed types told the new policy (ALSO_RUNNING)'),
  })
  .meta({ id: 'TaskPolicyPublished' });

const changeSchema = z.object({
  type: z.string(),
  field: z.string().nullable().describe('e.g. `escalation.l2AfterWorkingDays`; null for a type added or removed'),
  change: z.enum(['ADDED', 'REMOVED', 'CHANGED']),
  before: z.unknown(),
  after: z.unknown(),
  text: z.string().describe('The change in a sentence (Chinese)'),
});

const previewSchema = z.object({
  basedOn: z.number().int().describe('The version in force the draft is compared with'),
  changes: z.array(changeSchema),
  tasks: z.array(impactedTaskSchema).describe('Running tasks of the changed types, soonest due first, at most 200'),
  total: z.number().int().describe('Every running task of the changed types'),
  at: timestamp.describe('The moment the preview was worked out for'),
});

const diffSchema = z.object({ from: z.number().int(), to: z.number().int(), changes: z.array(changeSchema) });

export const ruleRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'get',
    path: '/rules/task-policies',
    summary:
      'The organisation’s own task types and their policies in force, with every version (author, time, reason) ' +
      '(office)',
    tag: 'rules',
    secured: true,
    response: rulesSchema,
    errors: [403],
    handler: ({ req }) => readTaskPolicyRules(deps, callerOf(req)),
  }),
  defineRoute({
    method: 'post',
    path: '/rules/task-policies',
    summary:
      'Publish a new version of the organisation’s own task types (office): new tasks follow it at once, running ' +
      'tasks too when `apply` is ALSO_RUNNING. 409 when `baseVersion` is no longer the version in force; 422 names ' +
      'every field whose meaning is wrong (a type listed twice, L3 not after L2, a pause above its maximum)',
    tag: 'rules',
    secured: true,
    body: publishBody,
    status: 201,
    response: publishedSchema,
    errors: [403, 409, 422],
    handler: ({ body, req }) => publishTaskPolicies(deps, callerOf(req), body),
  }),
  defineRoute({
    method: 'post',
    path: '/rules/task-policies/preview',
    summary:
      'What a draft of the task types would do (office), stored nowhere: the changes from the version in force and, ' +
      'for each running task of a changed type, which timers ahead would move and what would fall due at once were ' +
      'it applied to running tasks. 422 as publishing would',
    tag: 'rules',
    secured: true,
    body: z.object({ content: draftContent }).strict(),
    response: previewSchema,
    errors: [403, 422],
    handler: ({ body, req }) => previewTaskPolicies(deps, callerOf(req), body),
  }),
  defineRoute({
    method: 'get',
    path: '/rules/task-policies/diff',
    summary:
      'What changed from one version of the task types to another (office): per type and field, added, removed or ' +
      'changed, with the values before and after and a sentence',
    tag: 'rules',
    secured: true,
    query: diffQuery,
    response: diffSchema,
    errors: [403, 404],
    handler: ({ query, req }) => diffTaskPolicyVersions(deps, callerOf(req), query.from, query.to),
  }),
  defineRoute({
    method: 'get',
    path: '/rules/task-policies/versions/:n',
    summary: 'One version of the organisation’s task types, with its content (office)',
    tag: 'rules',
    secured: true,
    params: versionParams,
    response: versionSchema,
    errors: [403, 404],
    handler: ({ params, req }) => readTaskPolicyVersion(deps, callerOf(req), params.n),
  }),
  defineRoute({
    method: 'post',
    path: '/rules/task-policies/versions/:n/restore',
    summary:
      'Restore a version of the task types (office): its content becomes a new version. 409 when `baseVersion` is ' +
      'no longer the version in force',
    tag: 'rules',
    secured: true,
    params: versionParams,
    body: restoreWithApply,
    status: 201,
    response: publishedSchema,
    errors: [403, 404, 409],
    handler: ({ params, body, req }) => restoreTaskPolicies(deps, callerOf(req), params.n, body),
  }),
];
