import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';

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
  message: string;
}

/** A problem found, before it is placed on a line. */
export interface FileProblem {
  path: FilePath;
  message: string;
  /** Said instead of `message` when the field is not in the file at all. */
  messageIfAbsent?: string;
}

/** Turns a zod issue into problems, one per unknown field. */
export function describeIssue(issue: z.core.$ZodIssue): FileProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: [...path, key], message: 'unknown field' }));
    case 'invalid_value':
      return [{ path, message: `expected one of ${issue.values.map(String).join('|')}` }];
    case 'invalid_type':
      if (path.length === 0) return [{ path, message: 'expected a mapping with organisation, zones, units, people' }];
      return [{ path, message: `expected ${issue.expected}`, messageIfAbsent: 'required field is missing' }];
    case 'too_small':
      if (issue.origin === 'string') return [{ path, message: 'must not be empty' }];
      if (issue.origin === 'array') return [{ path, message: `must list at least ${issue.minimum}` }];
      break;
    case 'too_big':
      if (issue.origin === 'string') return [{ path, message: `must be at most ${issue.maximum} characters` }];
      break;
  }
  return [{ path, message: issue.message }];
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
  const said = !found && messageIfAbsent !== undefined ? messageIfAbsent : message;
  return { ...toLineColumn(lineCounter, offset), path: formatPath(path), message: said };
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

/** A data file that failed to parse or validate; the message names every problem with its place. */
export class FileProblemsError extends Error {
  constructor(
    readonly source: string,
    readonly problems: OrganisationFileProblem[],
    what: string,
  ) {
    super(
      `${source}: ${problems.length} problem(s) in the ${what}:\n` +
        problems.map((p) => `  ${source}:${p.line ?? '?'}:${p.column ?? '?'} ${p.path}: ${p.message}`).join('\n'),
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
      problems: doc.errors.map((e) => ({ ...toLineColumn(lineCounter, e.pos[0]), path: '(yaml)', message: e.message })),
    };
  }
  try {
    return { doc, lineCounter, raw: doc.toJS() };
  } catch (e) {
    return { problems: [{ line: 1, column: 1, path: '(yaml)', message: (e as Error).message }] };
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
