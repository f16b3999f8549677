import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './api-schema';

export type { components, operations, paths } from './api-schema';

/** What every refusal answers (RFC 9457, application/problem+json): `detail` says why, `errors` names bad fields. */
export type Problem = components['schemas']['Problem'];

/** A client of the Heli API: `GET`, `POST`, … on the paths of its OpenAPI document, each typed by it. */
export type HeliClient = Client<paths>;

export interface HeliClientOptions {
  /** Where the API listens, e.g. `https://heli.example.gov.cn` (the paths begin with `/v1`). */
  baseUrl: string;
  /** A bearer token: `npx heli token issue <person-id>`. */
  token: string;
  /** The language of `detail` and `errors[].message` in a problem: Chinese unless `en`. */
  language?: 'zh' | 'en';
  /** A fetch of your own (a proxy, a test double); the global fetch otherwise. */
  fetch?: ClientOptions['fetch'];
}

/**
 * A typed client of the Heli API, built on openapi-fetch: every call answers `{ data }` on success (typed by the
 * route's response) or `{ error }` with the problem the API answered (typed as `Problem`), and `response` either way.
 */
export function createHeliClient({ baseUrl, token, language, fetch }: HeliClientOptions): HeliClient {
  return createClient<paths>({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    headers: { authorization: `Bearer ${token}`, ...(language ? { 'accept-language': language } : {}) },
    ...(fetch ? { fetch } : {}),
  });
}

/** A problem the API answered, thrown by code that prefers exceptions to `{ error }`. */
export class HeliProblem extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.status} ${problem.title}: ${problem.detail}`);
    this.name = 'HeliProblem';
  }
}
