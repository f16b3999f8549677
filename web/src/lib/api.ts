/*
 * The one way the workspace talks to Heli: same-origin fetch with the session cookie, the session's CSRF token on
 * every mutation, and problem+json answers turned into an ApiError a page can show.
 */
import { initialLang } from './i18n';

export interface FieldProblem {
  field: string;
  message: string;
}

/** An error answer of the API (RFC 9457 problem), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldProblem[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

let csrfToken: string | undefined;
let onSignedOut: (() => void) | undefined;
let actingFor: string | undefined;

/** The absent person the signed-in deputy now acts for (请假与代理): every /v1 call carries Heli-On-Behalf-Of. */
export function setActingFor(personId: string | undefined): void {
  actingFor = personId;
}

/** The CSRF token of the current session (from /auth/session). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when the API says the session is gone (401), so the page can show the sign-in form again. */
export function onSessionLost(handler: (() => void) | undefined): void {
  onSignedOut = handler;
}

/** Builds a query string, leaving out empty values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Calls the API; resolves to the JSON body (undefined for 204), rejects with an ApiError. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  // Problems come back in the workspace's language, not the browser's (Chinese unless the user chose English).
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': initialLang() === 'en' ? 'en' : 'zh-CN',
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (actingFor && path.startsWith('/v1/')) headers['heli-on-behalf-of'] = actingFor;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network');
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  const data: unknown = type.includes('json') ? await res.json().catch(() => undefined) : await res.text();
  if (!res.ok) {
    const problem = (typeof data === 'object' && data ? data : {}) as {
      detail?: string;
      title?: string;
      errors?: FieldProblem[];
      requestId?: string;
    };
    if (res.status === 401 && path.startsWith('/v1')) onSignedOut?.();
    throw new ApiError(
      res.status,
      problem.detail ?? problem.title ?? res.statusText,
      problem.errors ?? [],
      problem.requestId,
    );
  }
  return data as T;
}

/**
 * Uploads `file` as multipart/form-data (the part `file`, and text `fields`), telling `onProgress` the share sent
 * (0–1) as it goes; resolves to the JSON answer, rejects with an ApiError as `api` does. XMLHttpRequest, since fetch
 * reports no upload progress.
 */
export function upload<T>(
  path: string,
  file: File,
  fields: Record<string, string>,
  onProgress: (share: number) => void,
): Promise<T> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', file, file.name);
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', initialLang() === 'en' ? 'en' : 'zh-CN');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    if (actingFor) xhr.setRequestHeader('heli-on-behalf-of', actingFor);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network'));
    xhr.onload = () => {
      let data: { detail?: string; title?: string; errors?: FieldProblem[]; requestId?: string } = {};
      try {
        data = JSON.parse(xhr.responseText) as typeof data;
      } catch {
        // not JSON: the status says enough
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      if (xhr.status === 401) onSignedOut?.();
      reject(new ApiError(xhr.status, data.detail ?? data.title ?? xhr.statusText, data.errors ?? [], data.requestId));
    };
    xhr.send(form);
  });
}
