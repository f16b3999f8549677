import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { issueText } from './issue-text';
import { said, type Said } from '../procedures/kernel/said';

/**
 * Problems found in a file an operator loads (organisation, calendar, plan, scoring models), placed on their line
 * and column: shared by `config` and `db`, so it lives at the bottom of both.
 */

/** A field's place in the file, e.g. `['units', 3, 'kind']`. */
export type FilePath = (string | number)[];

export interface OrganisationFileProblem {
  line?: number;
  column?: number;
  path: string;
  message: Said;
}

/** A problem found, before it is placed on a line. */
export interface FileProblem {
  path: FilePath;
  message: Said;
  /** Said instead of `message` when the field is not in the file at all. */
  messageIfAbsent?: Said;
}

/** Turns a zod issue into problems, one per unknown field. */
export function describeIssue(issue: z.core.$ZodIssue): FileProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: [...path, key], message: said('不允许的字段', 'unknown field') }));
    case 'invalid_type':
      if (path.length === 0) {
        return [
          {
            path,
            message: said(
              '文件须为包含 organisation、zones、units、people 的映射',
              'expected a mapping with organisation, zones, units, people',
            ),
          },
        ];
      }
      // Whether the field is absent is known from the file, not from zod: the file says where it is.
      return [
        {
          path,
          message: issueText({ ...issue, input: null } as z.core.$ZodIssue),
          messageIfAbsent: said('缺少此必填字段', 'required field is missing'),
        },
      ];
  }
  return [{ path, message: issueText(issue) }];
}

/** A problem placed on its line, as one text: `第12行第5列：…` or `line 12:5: …`. */
export function atLine(problem: OrganisationFileProblem): Said {
  const { line, column = 1, message } = problem;
  if (line === undefined) return message;
  return said(`第${line}行第${column}列：${message.zh}`, `line ${line}:${column}: ${message.en}`);
}

/** Places a problem at the line and column of its field, or of the nearest enclosing one when it is absent. */
export function locateProblem(doc: Document, lineCounter: LineCounter, problem: FileProblem): OrganisationFileProblem {
  const { path, message, messageIfAbsent } = problem;
  let node: unknown = doc.contents;
  let offset = 0;
  let found = true;
  for (const segment of path) {
    const start = rangeStart(node) ?? offset;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === segment);
      offset = rangeStart(pair?.key) ?? start;
      node = pair?.value;
      found = pair !== undefined;
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      node = node.items[segment];
      offset = rangeStart(node) ?? start;
    } else {
      found = false;
    }
    if (!found) break;
  }
  const told = !found && messageIfAbsent !== undefined ? messageIfAbsent : message;
  return { ...toLineColumn(lineCounter, offset), path: formatPath(path), message: told };
}

function rangeStart(node: unknown): number | undefined {
  return typeof node === 'object' &&
    node !== null &&
    'range' in node &&
    Array.isArray(node.range) &&
    typeof node.range[0] === 'number'
    ? node.range[0]
    : undefined;
}

/**
 * A data file that failed to parse or validate; the message names every problem with its place, in English like the
 * rest of what the operator's start-up and CLI print (the problems keep both languages for the API).
 */
export class FileProblemsError extends Error {
  constructor(
    readonly source: string,
    readonly problems: OrganisationFileProblem[],
    what: string,
  ) {
    super(
      `${source}: ${problems.length} problem(s) in the ${what}:\n` +
        problems.map((p) => `  ${source}:${p.line ?? '?'}:${p.column ?? '?'} ${p.path}: ${p.message.en}`).join('\n'),
    );
  }
}

/** A YAML (or JSON) file read with positions kept, so every later problem can name its line. */
export interface ReadFile {
  doc: ReturnType<typeof parseDocument>;
  lineCounter: LineCounter;
  raw: unknown;
}

/**
 * Reads a YAML/JSON text; syntax errors come back as problems with their line and column, for the caller to
 * throw as its own error type.
 */
export function readYaml(text: string): ReadFile | { problems: OrganisationFileProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({
        ...toLineColumn(lineCounter, e.pos[0]),
        path: '(yaml)',
        message: said(`YAML 语法错误：${e.message}`, e.message),
      })),
    };
  }
  try {
    return { doc, lineCounter, raw: doc.toJS() };
  } catch (e) {
    const message = (e as Error).message;
    return {
      problems: [{ line: 1, column: 1, path: '(yaml)', message: said(`YAML 内容无法读取：${message}`, message) }],
    };
  }
}

export function toLineColumn(lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function formatPath(path: FilePath): string {
  if (path.length === 0) return '(file)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
