import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Logger } from 'pino';
import { issueText } from '../config/issue-text';
import { said } from '../procedures/kernel/said';
import { z } from 'zod';
import { inLanguage, type Text } from '../procedures/kernel/said';
import { unstorableFields } from './unstorable-text';

export { inLanguage, said, type Said, type Text } from '../procedures/kernel/said';

export interface FieldProblem {
  field: string;
  message: Text;
}

/** The one application error: a code, the HTTP status it maps to, and whether it is fatal to the process. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly text: Text,
    readonly fields: FieldProblem[] = [],
    readonly fatal = false,
  ) {
    super(inLanguage(text, 'zh'));
    this.name = 'AppError';
  }

  static badRequest(message: Text, fields: FieldProblem[] = []) {
    return new AppError('invalid-request', 400, message, fields);
  }
  static unauthorised(message: Text = said('缺少有效的访问令牌', 'A valid access token is required')) {
    return new AppError('unauthorised', 401, message);
  }
  static forbidden(message: Text = said('无权执行此操作', 'You may not do this')) {
    return new AppError('forbidden', 403, message);
  }
  static notFound(message: Text = said('对象不存在', 'There is no such object')) {
    return new AppError('not-found', 404, message);
  }
  static conflict(message: Text) {
    return new AppError('conflict', 409, message);
  }
  static unavailable(message: Text) {
    return new AppError('unavailable', 503, message);
  }
}

/**
 * Field paths of a zod error, e.g. `body.coUnitIds[1]`, each with what is wrong there in Chinese and English: one
 * problem per field, the first zod found (a blank title is "不能为空", not that and a pattern besides).
 */
export function fieldsOf(error: z.ZodError, prefix: string): FieldProblem[] {
  const fields = new Map<string, FieldProblem>();
  for (const issue of error.issues) {
    const path = issue.path.reduce<string>(
      (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : `${acc}.${String(p)}`),
      prefix,
    );
    const unknown = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => `${path}.${k}`) : [];
    const field = unknown.length > 0 ? unknown.join(', ') : path;
    if (!fields.has(field)) fields.set(field, { field, message: issueText(issue) });
  }
  return [...fields.values()];
}

/**
 * Parses one part of a request or answers 400 naming every bad field. Text its schema admits but no database stores (a
 * NUL, a lone surrogate: `unstorableFields`) is named with the rest when the part is invalid anyway, and is otherwise
 * 422: the request is well-formed by the published schema, its content cannot be kept.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, part: string): z.output<S> {
  // The input is kept on each issue only to tell a missing field from a wrong one; it is never echoed.
  const parsed = schema.safeParse(value, { reportInput: true });
  const unstorable = unstorableFields(value, part);
  if (!parsed.success) {
    const named = fieldsOf(parsed.error, part);
    const fields = [...named, ...unstorable.filter((u) => !named.some((f) => f.field === u.field))];
    const names = fields.map((f) => f.field);
    throw AppError.badRequest(
      said(`请求中的 ${names.join('、')} 无效`, `The request has invalid fields: ${names.join(', ')}`),
      fields,
    );
  }
  if (unstorable.length > 0) {
    const names = unstorable.map((f) => f.field).join('、');
    throw new AppError(
      'unstorable-text',
      422,
      said(`请求中的 ${names} 含有无法保存的字符`, `The request has characters that cannot be stored in: ${names}`),
      unstorable,
    );
  }
  return parsed.data;
}

/**
 * Each status a problem answers: its title (RFC 9110) and what it means from this API, as the OpenAPI document
 * describes its responses. A table by hand: a status's meaning is prose, not a schema.
 */
export const PROBLEM_STATUSES: Record<number, { title: string; meaning?: string }> = {
  400: { title: 'Bad Request', meaning: 'Invalid input; `errors` names each bad field' },
  401: { title: 'Unauthorized', meaning: 'Missing, invalid, expired or revoked token' },
  403: { title: 'Forbidden', meaning: 'The caller’s role may not do this' },
  404: { title: 'Not Found', meaning: 'No such object in the caller’s scope' },
  405: { title: 'Method Not Allowed' },
  409: {
    title: 'Conflict',
    meaning:
      'The action does not fit the object’s current state (or a request with the same Idempotency-Key is still running); `detail` says why',
  },
  413: { title: 'Payload Too Large', meaning: 'Request body too large' },
  415: {
    title: 'Unsupported Media Type',
    meaning: 'The body is not in a media type the route reads (JSON; a plan also YAML) or not in UTF-8',
  },
  422: {
    title: 'Unprocessable Content',
    meaning:
      'Well-formed, but names a unit or person that does not exist, reuses an Idempotency-Key with another request, or carries text no database stores (a NUL, a lone surrogate) where its schema admits any text; `errors` names each field',
  },
  429: { title: 'Too Many Requests', meaning: 'Too many requests for this token; see Retry-After' },
  500: { title: 'Internal Server Error', meaning: 'Unexpected error' },
  503: { title: 'Service Unavailable', meaning: 'A dependency (Temporal or PostgreSQL) is unavailable' },
};

/** What every error answers (RFC 9457), as sendProblem writes it and the OpenAPI document publishes it. */
export const problemSchema = z
  .object({
    type: z.string().describe('`urn:heli:problem:<code>`, e.g. `urn:heli:problem:conflict`'),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string().optional().describe('The path of the request, without its query'),
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .describe('Each bad field, e.g. `body.coUnitIds[1]`, with what is wrong there'),
  })
  .meta({
    id: 'Problem',
    description:
      'RFC 9457 problem; `detail` and each `errors[].message` in Chinese, or English with Accept-Language: en',
  });

export type Problem = z.output<typeof problemSchema>;

/** The language a problem answers in: English when the client prefers it to Chinese, Chinese otherwise. */
export function languageOf(req: Request): 'zh' | 'en' {
  return req.acceptsLanguages('zh', 'en') === 'en' ? 'en' : 'zh';
}

/** Writes `error` as application/problem+json (RFC 9457), in the language the client asked for. */
export function sendProblem(req: Request, res: Response, error: AppError): void {
  const language = languageOf(req);
  const problem: Problem = {
    type: `urn:heli:problem:${error.code}`,
    title: PROBLEM_STATUSES[error.status]?.title ?? 'Error',
    status: error.status,
    detail: inLanguage(error.text, language),
    // The path alone: a query may carry what must never be echoed (a token passed as ?access_token=).
    instance: req.originalUrl.split('?')[0],
    requestId: req.id === undefined ? undefined : String(req.id),
    ...(error.fields.length > 0
      ? { errors: error.fields.map((f) => ({ field: f.field, message: inLanguage(f.message, language) })) }
      : {}),
  };
  res.status(error.status).vary('accept-language').type('application/problem+json').json(problem);
}

/** Answers every error as application/problem+json (RFC 9457); never a stack trace or SQL. */
export function problemHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    // The request deadline answered already; what the handler ran into afterwards is only worth a line.
    if (res.headersSent) {
      log.debug({ err: (err as Error)?.message, requestId: req.id }, 'error after the answer was sent');
      return;
    }
    let error: AppError;
    if (err instanceof AppError) error = err;
    else if (err?.type === 'entity.parse.failed')
      error = AppError.badRequest(said('请求体不是有效的 JSON', 'The request body is not valid JSON'), [
        { field: 'body', message: said('不是有效的 JSON', 'invalid JSON') },
      ]);
    else if (err?.type === 'entity.too.large')
      error = new AppError('payload-too-large', 413, said('请求体过大', 'The request body is too large'));
    else if (err?.type === 'charset.unsupported' || err?.type === 'encoding.unsupported') {
      error = new AppError(
        'unsupported-media-type',
        415,
        said(
          '请求体的字符集或压缩编码不受支持，请使用 UTF-8',
          'The charset or content encoding of the request body is not supported; use UTF-8',
        ),
        [
          {
            field: 'header.content-type',
            message: said('须为 UTF-8 编码，且不压缩', 'expected UTF-8, without content encoding'),
          },
        ],
      );
    } else {
      log.error({ err, requestId: req.id }, 'unhandled error');
      error = new AppError('internal', 500, said('服务器内部错误', 'Internal server error'));
    }
    sendProblem(req, res, error);
  };
}
