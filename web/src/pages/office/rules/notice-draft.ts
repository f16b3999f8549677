import { ApiError } from '../../../lib/api';
import type { NoticeCatalogueEntry, NoticeTemplatesContent } from './types';

/*
 * The notice templates as their editor holds them (通知模板): the notices the office rewrote, by kind, each with its
 * title and body as typed; a notice absent keeps its built-in text. The editor checks nothing itself: the API names
 * each problem at `body.content.templates[i].title|body`, `i` the place of the notice in the content sent, which
 * `problemsByKind` turns back into the notice.
 */
export interface NoticeText {
  title: string;
  body: string;
}

/** The notices rewritten, by kind. */
export type NoticeDraft = Partial<Record<string, NoticeText>>;

export const toNoticeDraft = (content: NoticeTemplatesContent): NoticeDraft =>
  Object.fromEntries(content.templates.map((t) => [t.kind, { title: t.title, body: t.body }]));

/** The draft as the content the API takes, in the catalogue's order (a kind it does not list, last). */
export function fromNoticeDraft(
  draft: NoticeDraft,
  catalogue: readonly NoticeCatalogueEntry[],
): NoticeTemplatesContent {
  const order: string[] = catalogue.map((c) => c.kind);
  const rank = (kind: string) => (order.includes(kind) ? order.indexOf(kind) : order.length);
  const kinds = Object.keys(draft)
    .filter((kind) => draft[kind] !== undefined)
    .sort((a, b) => rank(a) - rank(b));
  return { templates: kinds.map((kind) => ({ kind, title: draft[kind]!.title, body: draft[kind]!.body })) };
}

/** What the editor shows of a notice: the draft's text, or its built-in template. */
export const textOf = (draft: NoticeDraft, entry: NoticeCatalogueEntry): NoticeText =>
  draft[entry.kind] ?? entry.default;

/** Whether two texts of a notice (or its absence from a draft) are the same. */
export const sameText = (a: NoticeText | undefined, b: NoticeText | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.title === b.title && a.body === b.body);

export type NoticeChange = 'ADDED' | 'CHANGED' | 'REMOVED';

/** What publishing the draft would change from the version in force, notice by notice, in the catalogue's order. */
export function draftChanges(
  inForce: NoticeDraft,
  draft: NoticeDraft,
  catalogue: readonly NoticeCatalogueEntry[],
): { kind: string; change: NoticeChange }[] {
  return catalogue.flatMap(({ kind }) => {
    const [before, after] = [inForce[kind], draft[kind]];
    if (sameText(before, after)) return [];
    return [{ kind, change: !before ? 'ADDED' : !after ? 'REMOVED' : 'CHANGED' }];
  });
}

/** `token` typed over the selection [start, end) of `value`: the new value, and where the caret goes after it. */
export function insertAt(value: string, start: number, end: number, token: string): { value: string; caret: number } {
  const [from, to] = [Math.max(0, Math.min(start, value.length)), Math.max(0, Math.min(end, value.length))];
  const [a, b] = from <= to ? [from, to] : [to, from];
  return { value: value.slice(0, a) + token + value.slice(b), caret: a + token.length };
}

/** The body path the API names a notice's field by, given the kinds of the content sent in order; none if not sent. */
export function fieldOf(sent: readonly string[], kind: string, field: 'title' | 'body' | 'kind'): string | undefined {
  const i = sent.indexOf(kind);
  return i < 0 ? undefined : `content.templates[${i}].${field}`;
}

export interface NoticeProblem {
  field: string;
  message: string;
}

const TEMPLATE_FIELD = /^body\.content\.templates\[(\d+)\]\.?(.*)$/;

/**
 * A refusal's problems by notice: each `body.content.templates[i].<field>` goes to the kind sent `i`th. Problems
 * elsewhere (none the editor can cause) are left to the error box.
 */
export function problemsByKind(error: unknown, sent: readonly string[]): Map<string, NoticeProblem[]> {
  const found = new Map<string, NoticeProblem[]>();
  if (!(error instanceof ApiError)) return found;
  for (const f of error.fields) {
    const m = TEMPLATE_FIELD.exec(f.field);
    const kind = m ? sent[Number(m[1])] : undefined;
    if (!m || kind === undefined) continue;
    found.set(kind, [...(found.get(kind) ?? []), { field: m[2] ?? '', message: f.message }]);
  }
  return found;
}
