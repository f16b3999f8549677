import { said, type Said } from '../procedures/kernel/said';

/**
 * The little language of the office's notice templates (issue 22, rule kind `notice-templates`), pure: `{变量}` puts a
 * variable's value in place; `[…]` is an optional passage, left out when a variable in it has no value (a task without
 * co-organising units: `[，协办单位：{协办单位}]`). No nesting, no escapes: an office writes Chinese text, where ASCII
 * braces and brackets have no other use (documents number with 〔〕 and title with 【】, both plain text here).
 */
export type TemplatePart = { text: string } | { variable: string };
export type TemplateToken = TemplatePart | { optional: TemplatePart[] };

/** A problem of a template's syntax, at a character (from 1) as the editor counts them. */
export interface SyntaxProblem {
  message: Said;
}

const at = (i: number) => `第${i + 1}个字符处`;
const atEn = (i: number) => `at character ${i + 1}`;

/** The template's tokens, or every problem of its syntax. */
export function parseTemplate(source: string): { tokens: TemplateToken[] } | { problems: SyntaxProblem[] } {
  const problems: SyntaxProblem[] = [];
  const tokens: TemplateToken[] = [];
  let optional: { parts: TemplatePart[]; from: number } | undefined;
  let text = '';
  const chars = [...source];
  const push = (part: TemplatePart) => (optional ? optional.parts : tokens).push(part);
  const flush = () => {
    if (text) push({ text });
    text = '';
  };
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '{') {
      const close = chars.indexOf('}', i + 1);
      const open = chars.indexOf('{', i + 1);
      if (close < 0 || (open >= 0 && open < close)) {
        problems.push({ message: said(`${at(i)}的“{”缺少对应的“}”`, `the “{” ${atEn(i)} has no matching “}”`) });
        continue;
      }
      const name = chars.slice(i + 1, close).join('');
      if (/^\s*$/.test(name) || /[[\]]/.test(name))
        problems.push({
          message: said(`${at(i)}的“{}”内须是变量名`, `the “{}” ${atEn(i)} must hold a variable’s name`),
        });
      flush();
      push({ variable: name });
      i = close;
    } else if (c === '}') {
      problems.push({ message: said(`${at(i)}的“}”没有对应的“{”`, `the “}” ${atEn(i)} has no matching “{”`) });
    } else if (c === '[') {
      if (optional) {
        problems.push({
          message: said(`${at(i)}的“[”：可选内容不能嵌套`, `the “[” ${atEn(i)}: optional passages cannot nest`),
        });
        continue;
      }
      flush();
      optional = { parts: [], from: i };
    } else if (c === ']') {
      if (!optional) {
        problems.push({ message: said(`${at(i)}的“]”没有对应的“[”`, `the “]” ${atEn(i)} has no matching “[”`) });
        continue;
      }
      flush();
      if (!optional.parts.some((p) => 'variable' in p))
        problems.push({
          message: said(
            `${at(optional.from)}的方括号内没有变量：方括号只用于括住可能为空的变量及其前后文字`,
            `the brackets ${atEn(optional.from)} hold no variable: they enclose a variable that may be empty`,
          ),
        });
      tokens.push({ optional: optional.parts });
      optional = undefined;
    } else if (c === '｛' || c === '｝') {
      problems.push({
        message: said(
          `${at(i)}的“${c}”是全角花括号：变量须用半角花括号，如{任务名称}`,
          `the “${c}” ${atEn(i)} is a full-width brace: variables take ASCII braces, e.g. {任务名称}`,
        ),
      });
    } else text += c;
  }
  if (optional)
    problems.push({
      message: said(`${at(optional.from)}的“[”缺少对应的“]”`, `the “[” ${atEn(optional.from)} has no matching “]”`),
    });
  flush();
  return problems.length > 0 ? { problems } : { tokens };
}

/** The variables a template uses, in order of first use (of a template that parses). */
export function variablesOf(tokens: TemplateToken[]): string[] {
  const names = tokens
    .flatMap((t) => ('optional' in t ? t.optional : [t]))
    .flatMap((p) => ('variable' in p ? [p.variable] : []));
  return [...new Set(names)];
}

const partText = (p: TemplatePart, values: Record<string, string>) =>
  'text' in p ? p.text : (values[p.variable] ?? '');

/** The template filled in: a variable without a value is empty, and so is an optional passage holding one. */
export function fillTemplate(tokens: TemplateToken[], values: Record<string, string>): string {
  return tokens
    .map((t) =>
      'optional' in t
        ? t.optional.every((p) => 'text' in p || values[p.variable])
          ? t.optional.map((p) => partText(p, values)).join('')
          : ''
        : partText(t, values),
    )
    .join('');
}
