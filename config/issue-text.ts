import { z } from 'zod';
import { said, type Said } from '../procedures/kernel/said';

/*
 * What a zod issue says to a person, in Chinese and in English. zod's own texts ("Invalid input: expected string,
 * received undefined") are written for developers; these read well after the field they are about
 * (`body.dueDate：须为日期，格式 YYYY-MM-DD`). Codes not handled here fall back to zod's own zh-CN and en locales.
 */

/** The English of each Chinese message a schema gives zod itself (zod keeps one string per issue). */
const english = new Map<string, string>();

/**
 * A schema's own message (`.regex(re, schemaMessage('…', '…'))`): zod carries the Chinese, and the problem finds
 * the English again by it.
 */
export function schemaMessage(zh: string, en: string): string {
  english.set(zh, en);
  return zh;
}

const TYPES: Record<string, Said> = {
  string: said('文本', 'a text'),
  number: said('数字', 'a number'),
  int: said('整数', 'a whole number'),
  boolean: said('布尔值（true 或 false）', 'true or false'),
  array: said('列表（数组）', 'a list (array)'),
  object: said('对象（键值映射）', 'an object (a mapping)'),
  date: said('日期', 'a date'),
  null: said('null', 'null'),
};

const FORMATS: Record<string, Said> = {
  date: said('须为日期，格式 YYYY-MM-DD', 'expected a date as YYYY-MM-DD'),
  datetime: said(
    '须为 ISO 8601 时刻，例如 2027-03-01T09:00:00+08:00',
    'expected an ISO 8601 moment such as 2027-03-01T09:00:00+08:00',
  ),
  time: said('须为时间，格式 HH:MM', 'expected a time as HH:MM'),
  email: said('须为电子邮件地址', 'expected an email address'),
  url: said('须为网址（URL）', 'expected a URL'),
  uuid: said('须为 UUID', 'expected a UUID'),
};

const quote = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));

/** True when the field was not given at all (zod keeps the input only when asked to report it). */
function absent(issue: z.core.$ZodIssue): boolean {
  if ('input' in issue) return issue.input === undefined;
  return /received undefined$/.test(issue.message);
}

function sizeText(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): Said | undefined {
  const small = issue.code === 'too_small';
  const n = String(small ? issue.minimum : issue.maximum);
  const exact = issue.exact === true;
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'string':
      if (small && n === '1' && inclusive) return said('不能为空', 'must not be empty');
      if (exact) return said(`须为${n}个字符`, `must be exactly ${n} characters`);
      return small
        ? said(`至少${n}个字符`, `must be at least ${n} characters`)
        : said(`最多${n}个字符`, `must be at most ${n} characters`);
    case 'array':
    case 'set':
      if (small && n === '1' && inclusive) return said('至少须列出1项', 'must list at least 1');
      return small ? said(`至少须列出${n}项`, `must list at least ${n}`) : said(`最多${n}项`, `must list at most ${n}`);
    case 'number':
    case 'int':
    case 'bigint':
      if (small)
        return inclusive ? said(`不能小于${n}`, `must be at least ${n}`) : said(`须大于${n}`, `must be more than ${n}`);
      return inclusive ? said(`不能大于${n}`, `must be at most ${n}`) : said(`须小于${n}`, `must be less than ${n}`);
    default:
      return undefined;
  }
}

function formatText(issue: z.core.$ZodIssueInvalidStringFormat): Said | undefined {
  if (issue.format === 'regex' && 'pattern' in issue) {
    return said(`格式不正确，须符合 ${String(issue.pattern)}`, `must match the pattern ${String(issue.pattern)}`);
  }
  return FORMATS[issue.format];
}

/** zod's own locales, for the rarer codes. */
function fromLocales(issue: z.core.$ZodIssue): Said {
  const raw = issue as unknown as Parameters<ReturnType<typeof z.locales.en>['localeError']>[0];
  const say = (locale: { localeError: (i: typeof raw) => unknown }) => {
    const out = locale.localeError(raw);
    return typeof out === 'string' ? out : ((out as { message?: string } | undefined)?.message ?? issue.message);
  };
  return said(say(z.locales.zhCN()), say(z.locales.en()));
}

/** What a zod issue says, in Chinese and English, to be shown next to the field it names. */
export function issueText(issue: z.core.$ZodIssue): Said {
  const own = english.get(issue.message);
  if (own !== undefined) return said(issue.message, own);
  switch (issue.code) {
    case 'invalid_type': {
      if (absent(issue)) return said('缺少此必填字段', 'required field is missing');
      const type = TYPES[issue.expected];
      return type ? said(`须为${type.zh}`, `expected ${type.en}`) : fromLocales(issue);
    }
    case 'invalid_value': {
      const values = issue.values.map(quote);
      return values.length === 1
        ? said(`须为 ${values[0]}`, `expected ${values[0]}`)
        : said(`须为以下之一：${values.join('|')}`, `expected one of ${values.join('|')}`);
    }
    case 'too_small':
    case 'too_big':
      return sizeText(issue) ?? fromLocales(issue);
    case 'invalid_format':
      return formatText(issue) ?? fromLocales(issue);
    case 'not_multiple_of':
      return said(`须为${String(issue.divisor)}的倍数`, `must be a multiple of ${String(issue.divisor)}`);
    case 'unrecognized_keys':
      return said('不允许的字段', issue.keys.length > 1 ? 'unknown fields' : 'unknown field');
    case 'invalid_union':
      return said('不符合任何一种允许的形式', 'matches none of the allowed forms');
    case 'custom':
      // A refinement's own text: Chinese when the code base wrote it (through schemaMessage or not).
      return said(issue.message, issue.message);
    default:
      return fromLocales(issue);
  }
}
