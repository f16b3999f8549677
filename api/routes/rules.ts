import { z } from 'zod';
import { taskPolicyFields } from '../../config/task-policy';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import { defineRoute } from '../route';
import { impactedTaskSchema, taskTypeSchema, timestamp } from '../schemas';
import { publishBodyOf, restoreBody } from './rule-version-schemas';
import { ruleVersionRoutes } from './rule-version-routes';
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

/** The organisation's own task types, edited by the office with versions (issue 22), and the preview of a draft. */
export const ruleRoutes = (deps: AppDeps) =>
  ruleVersionRoutes(deps, {
    kind: 'task-policies',
    path: '/rules/task-policies',
    contentSchema,
    versionId: 'TaskPolicyVersion',
    unpublished: 'the organisation file’s types as loaded',
    changeSchema,
    summaries: {
      read:
        'The organisation’s own task types and their policies in force, with every version (author, time, reason) ' +
        '(office)',
      publish:
        'Publish a new version of the organisation’s own task types (office): new tasks follow it at once, running ' +
        'tasks too when `apply` is ALSO_RUNNING. 409 when `baseVersion` is no longer the version in force; 422 names ' +
        'every field whose meaning is wrong (a type listed twice, L3 not after L2, a pause above its maximum)',
      diff:
        'What changed from one version of the task types to another (office): per type and field, added, removed or ' +
        'changed, with the values before and after and a sentence',
      version: 'One version of the organisation’s task types, with its content (office)',
      restore:
        'Restore a version of the task types (office): its content becomes a new version. 409 when `baseVersion` is ' +
        'no longer the version in force',
    },
    publishBody,
    restoreBody: restoreWithApply,
    publishedSchema: (version) =>
      version
        .extend({
          apply: z.enum(['NEW_ONLY', 'ALSO_RUNNING']),
          appliedTo: z.number().int().describe('Running tasks of the changed types told the new policy (ALSO_RUNNING)'),
        })
        .meta({ id: 'TaskPolicyPublished' }),
    useCases: {
      read: readTaskPolicyRules,
      readVersion: readTaskPolicyVersion,
      diff: diffTaskPolicyVersions,
      publish: publishTaskPolicies,
      restore: restoreTaskPolicies,
    },
    extra: [
      defineRoute({
        method: 'post',
        path: '/rules/task-policies/preview',
        summary:
          'What a draft of the task types would do (office), stored nowhere: the changes from the version in force ' +
          'and, for each running task of a changed type, which timers ahead would move and what would fall due at ' +
          'once were it applied to running tasks. 422 as publishing would',
        tag: 'rules',
        secured: true,
        body: z.object({ content: draftContent }).strict(),
        response: previewSchema,
        errors: [403, 422],
        handler: ({ body, req }) => previewTaskPolicies(deps, callerOf(req), body),
      }),
    ],
  });
