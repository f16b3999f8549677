import { z } from 'zod';
import { NOTICE_TEMPLATE_KIND_IDS } from '../../activities/notice-templates';
import { noticeTemplatesContentShape } from '../../render/notice-template-rules';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import { defineRoute } from '../route';
import { id } from '../schemas';
import {
  diffQuery,
  publishBodyOf,
  restoreBody,
  rulesSchemaOf,
  versionEntrySchema,
  versionParams,
} from './rule-version-schemas';
import {
  diffNoticeTemplateVersions,
  previewNoticeTemplates,
  publishNoticeTemplates,
  readNoticeTemplateRules,
  readNoticeTemplateVersion,
  restoreNoticeTemplates,
} from '../use-cases/notice-template-rules';

const PATH = '/rules/notice-templates';

const contentSchema = noticeTemplatesContentShape.describe(
  'The notices whose text the office wrote: `{变量}` puts a value in place, `[…]` is left out when a variable in it ' +
    'is empty; a notice left out keeps its built-in text',
);
const versionSchema = versionEntrySchema.extend({ content: contentSchema }).meta({ id: 'NoticeTemplatesVersion' });

const kindSchema = z.enum(NOTICE_TEMPLATE_KIND_IDS);

const catalogueSchema = z
  .array(
    z.object({
      kind: kindSchema,
      name: z.string().describe('The notice’s name, e.g. 到期提醒'),
      variables: z
        .array(z.object({ name: z.string().describe('As written: {name}'), label: z.string() }))
        .describe('The variables its template may use, each with what it holds'),
      required: z.array(z.string()).describe('The variables its template must use, in its title or body'),
      default: z.object({ title: z.string(), body: z.string() }).describe('The built-in template (version 0)'),
    }),
  )
  .describe('Every notice the office may word');

const rulesSchema = rulesSchemaOf('notice-templates', contentSchema, 'every notice has its built-in text').extend({
  catalogue: catalogueSchema,
});

const diffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(
    z.object({
      kind: z.string(),
      field: z.enum(['title', 'body']).nullable().describe('null for a template written or dropped'),
      change: z.enum(['ADDED', 'REMOVED', 'CHANGED']),
      before: z.unknown(),
      after: z.unknown(),
      text: z.string().describe('The change in a sentence (Chinese), e.g. 「“到期提醒”恢复默认模板」'),
    }),
  ),
});

const previewBody = z
  .object({
    content: noticeTemplatesContentShape,
    kind: kindSchema.optional().describe('Only this notice; every notice when absent'),
    taskId: id.optional().describe('Fill in the facts of this task (one the caller sees; 404 otherwise)'),
  })
  .strict();

const previewSchema = z.object({
  basedOn: z.number().int().describe('The version in force'),
  taskId: z.string().nullable(),
  notices: z.array(
    z.object({
      kind: kindSchema,
      name: z.string(),
      overridden: z.boolean().describe('The draft words it; false: its built-in text'),
      title: z.string(),
      body: z.string(),
    }),
  ),
});

/** The organisation's notice templates, edited by the office with versions (issue 22). */
export const noticeTemplateRuleRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'get',
    path: PATH,
    summary:
      'The organisation’s notice templates in force, with every version, and each notice’s variables (with what ' +
      'they hold), those it must show and its built-in template (office)',
    tag: 'rules',
    secured: true,
    response: rulesSchema,
    errors: [403],
    handler: ({ req }) => readNoticeTemplateRules(deps, callerOf(req)),
  }),
  defineRoute({
    method: 'post',
    path: PATH,
    summary:
      'Publish a new version of the notice templates (office): notices written from then on take it; a notice ' +
      'written before keeps its text. 409 when `baseVersion` is no longer the version in force; 422 names every ' +
      'problem (an unknown variable or notice, a notice listed twice, an empty or too long title or body, a brace ' +
      'without its pair, a variable the notice must show)',
    tag: 'rules',
    secured: true,
    body: publishBodyOf(noticeTemplatesContentShape),
    status: 201,
    response: versionSchema,
    errors: [403, 409, 422],
    handler: ({ body, req }) => publishNoticeTemplates(deps, callerOf(req), body),
  }),
  defineRoute({
    method: 'post',
    path: `${PATH}/preview`,
    summary:
      'A draft’s notices written out (office), stored nowhere: with sample values, or with the facts of a task the ' +
      'caller sees (`taskId`). 422 as publishing would',
    tag: 'rules',
    secured: true,
    body: previewBody,
    response: previewSchema,
    errors: [403, 404, 422],
    handler: ({ body, req }) => previewNoticeTemplates(deps, callerOf(req), body),
  }),
  defineRoute({
    method: 'get',
    path: `${PATH}/diff`,
    summary: 'What changed from one version of the notice templates to another (office), notice by notice',
    tag: 'rules',
    secured: true,
    query: diffQuery,
    response: diffSchema,
    errors: [403, 404],
    handler: ({ query, req }) => diffNoticeTemplateVersions(deps, callerOf(req), query.from, query.to),
  }),
  defineRoute({
    method: 'get',
    path: `${PATH}/versions/:n`,
    summary: 'One version of the notice templates, with its content (office)',
    tag: 'rules',
    secured: true,
    params: versionParams,
    response: versionSchema,
    errors: [403, 404],
    handler: ({ params, req }) => readNoticeTemplateVersion(deps, callerOf(req), params.n),
  }),
  defineRoute({
    method: 'post',
    path: `${PATH}/versions/:n/restore`,
    summary:
      'Restore a version of the notice templates (office): its content becomes a new version. 409 when ' +
      '`baseVersion` is no longer the version in force',
    tag: 'rules',
    secured: true,
    params: versionParams,
    body: restoreBody,
    status: 201,
    response: versionSchema,
    errors: [403, 404, 409],
    handler: ({ params, body, req }) => restoreNoticeTemplates(deps, callerOf(req), params.n, body),
  }),
];
