import type { apiClient } from './http';

/**
 * `path` with the `:id` of `route` changed into a missing id of the same shape: every digit turned (a task `t-3fa91c…`
 * into `t-4fa02c…`, the cycle `district-2026` into `district-3137`), or the last letter when there is no digit.
 */
export function missingIdIn(route: string, path: string): { path: string; id: string; missingId: string } {
  const at = route.split(' ')[1]!.split('/').indexOf(':id');
  const segments = path.split(/(?=[?])/)[0]!.split('/');
  const id = segments[at]!;
  const turned = id.replace(/\d/g, (d) => String((Number(d) + 1) % 10));
  const missingId = turned !== id ? turned : `${id.slice(0, -1)}${id.endsWith('q') ? 'z' : 'q'}`;
  segments[at] = missingId;
  return { path: segments.join('/') + path.slice(path.split(/(?=[?])/)[0]!.length), id, missingId };
}

/** Headers that differ between any two answers (time, request id, length and tag of a body naming another path). */
const PER_ANSWER = new Set(['date', 'x-request-id', 'content-length', 'etag']);

/** An answer with what follows from its path and request id replaced by placeholders, for comparing two 404s. */
export function comparableAnswer(res: Awaited<ReturnType<ReturnType<typeof apiClient>>>, id: string) {
  const requestId = String(res.body.requestId);
  return {
    status: res.status,
    text: res.text.split(requestId).join('{requestId}').split(id).join('{id}'),
    headers: [...res.headers.entries()].filter(([name]) => !PER_ANSWER.has(name) && !name.startsWith('ratelimit')),
  };
}
