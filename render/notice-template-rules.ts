import { z } from 'zod';
import {
  NOTICE_TEMPLATE_KIND_IDS,
  NOTICE_TEMPLATE_KINDS,
  type NoticeTemplate,
  type NoticeTemplateKind,
  type NoticeTemplatesContent,
} from '../activities/notice-templates';
import { said } from '../procedures/kernel/said';
import { parseTemplate, variablesOf } from './notice-template';
import type { ContentProblem } from '../config/scoring-model-rules';

/**
 * The notice templates as the office edits them (issue 22, rule kind `notice-templates`): only the kinds it overrides,
 * each with a title and a body; a kind left out keeps its built-in text, so a default improved later still reaches
 * every organisation that did not write its own.
 */
export const TITLE_MAX = 100;
export const BODY_MAX = 1_000;

/** The shape (a wrong one is a 400); what the templates mean is `noticeTemplateProblems`' (422, every problem). */
export const noticeTemplatesContentShape = z
  .object({
    templates: z
      .array(
        z
          .object({
            kind: z
              .string()
              .max(60)
              .describe(`The notice’s kind: ${NOTICE_TEMPLATE_KIND_IDS.join(', ')}`),
            title: z.string().max(10_000).describe(`The notice’s title, at most ${TITLE_MAX} characters`),
            body: z.string().max(10_000).describe(`The notice’s text, at most ${BODY_MAX} characters`),
          })
          .strict(),
      )
      .max(100),
  })
  .strict();

const isKind = (kind: string): kind is NoticeTemplateKind => Object.hasOwn(NOTICE_TEMPLATE_KINDS, kind);
const braced = (names: readonly string[]) => names.map((n) => `{${n}}`).join('、');

/** What is wrong with one template of a known kind: its syntax, its variables, its length, what it must show. */
function templateProblems(t: NoticeTemplate & { kind: NoticeTemplateKind }, n: number): ContentProblem[] {
  const def = NOTICE_TEMPLATE_KINDS[t.kind];
  const problems: ContentProblem[] = [];
  const used: string[] = [];
  let unparsed = false;
  for (const [field, max, zh, en] of [
    ['title', TITLE_MAX, '标题', 'title'],
    ['body', BODY_MAX, '正文', 'body'],
  ] as const) {
    const path = ['templates', n, field];
    const source = t[field];
    const length = [...source].length;
    if (source.trim() === '') problems.push({ path, message: said(`${zh}不能为空`, `the ${en} is empty`) });
    if (length > max)
      problems.push({
        path,
        message: said(`${zh}不能超过${max}字（现有${length}字）`, `the ${en} exceeds ${max} characters (${length})`),
      });
    const parsed = parseTemplate(source);
    if ('problems' in parsed) {
      problems.push(...parsed.problems.map((p) => ({ path, message: p.message })));
      unparsed = true;
      continue;
    }
    for (const name of variablesOf(parsed.tokens)) {
      used.push(name);
      if (!(def.variables as readonly string[]).includes(name))
        problems.push({
          path,
          message: said(
            `模板使用了未定义的变量{${name}}，可用变量：${braced(def.variables)}`,
            `the template uses the undefined variable {${name}}; it may use ${braced(def.variables)}`,
          ),
        });
    }
  }
  // What a template must show is judged once both its parts parse: until then what it uses is not known.
  const missing = def.required.filter((v) => !used.includes(v));
  if (missing.length > 0 && !unparsed)
    problems.push({
      path: ['templates', n, 'body'],
      message: said(
        `“${def.name}”的模板须在标题或正文中使用变量${braced(missing)}`,
        `a template of “${t.kind}” must use ${braced(missing)} in its title or body`,
      ),
    });
  return problems;
}

/** Every problem of a well-shaped content's meaning: unknown or repeated kinds, and each template's own. */
export function noticeTemplateProblems(content: NoticeTemplatesContent): ContentProblem[] {
  const seen = new Map<string, number>();
  return content.templates.flatMap((t, n): ContentProblem[] => {
    if (!isKind(t.kind))
      return [
        {
          path: ['templates', n, 'kind'],
          message: said(
            `没有“${t.kind}”这种通知，可编辑的通知：${NOTICE_TEMPLATE_KIND_IDS.map((k) => `${k}（${NOTICE_TEMPLATE_KINDS[k].name}）`).join('、')}`,
            `there is no notice “${t.kind}”; the notices are ${NOTICE_TEMPLATE_KIND_IDS.join(', ')}`,
          ),
        },
      ];
    const first = seen.get(t.kind);
    if (first !== undefined)
      return [
        {
          path: ['templates', n, 'kind'],
          message: said(
            `“${NOTICE_TEMPLATE_KINDS[t.kind].name}”已在第${first + 1}项列出，每种通知只能有一个模板`,
            `${t.kind} is listed already as template ${first + 1}; a notice has one template`,
          ),
        },
      ];
    seen.set(t.kind, n);
    return templateProblems({ ...t, kind: t.kind }, n);
  });
}

/** One change between two versions: a notice's template written, dropped (back to its default) or edited. */
export interface NoticeTemplateChange {
  kind: string;
  /** `title` or `body` for an edit; null for a template written or dropped. */
  field: 'title' | 'body' | null;
  change: 'ADDED' | 'REMOVED' | 'CHANGED';
  before: unknown;
  after: unknown;
  /** The change in a sentence, e.g. 「“到期提醒”的标题由“…”改为“…”」. */
  text: string;
}

const nameOf = (kind: string) => `“${isKind(kind) ? NOTICE_TEMPLATE_KINDS[kind].name : kind}”`;

/** What changed from `a` to `b`, notice by notice, each in a sentence. */
export function diffNoticeTemplates(a: NoticeTemplatesContent, b: NoticeTemplatesContent): NoticeTemplateChange[] {
  const before = new Map(a.templates.map((t) => [t.kind, t]));
  const after = new Map(b.templates.map((t) => [t.kind, t]));
  const kinds = [...new Set([...before.keys(), ...after.keys()])];
  return kinds.flatMap((kind): NoticeTemplateChange[] => {
    const [x, y] = [before.get(kind), after.get(kind)];
    if (!x && y)
      return [{ kind, field: null, change: 'ADDED', before: null, after: y, text: `${nameOf(kind)}改用本单位的模板` }];
    if (x && !y)
      return [{ kind, field: null, change: 'REMOVED', before: x, after: null, text: `${nameOf(kind)}恢复默认模板` }];
    const changes: NoticeTemplateChange[] = [];
    if (x!.title !== y!.title)
      changes.push({
        kind,
        field: 'title',
        change: 'CHANGED',
        before: x!.title,
        after: y!.title,
        text: `${nameOf(kind)}的标题由“${x!.title}”改为“${y!.title}”`,
      });
    if (x!.body !== y!.body)
      changes.push({
        kind,
        field: 'body',
        change: 'CHANGED',
        before: x!.body,
        after: y!.body,
        text: `${nameOf(kind)}的正文改为：${y!.body}`,
      });
    return changes;
  });
}
