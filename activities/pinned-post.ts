import type { LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

/** A receiver's answer: its status and the start of its body. */
export interface PostAnswer {
  status: number;
  text: string;
}

export interface PostRequest {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/** POSTs a body to a URL: the webhook sender's one way out. */
export type Post = (url: URL, addresses: LookupAddress[], request: PostRequest) => Promise<PostAnswer>;

/** How much of an answer is read: enough for the error text, never a receiver's whole download. */
const MAX_ANSWER_BYTES = 4_096;

/** A `lookup` that answers only the addresses given (already checked), never asking DNS again. */
const pinnedLookup =
  (addresses: LookupAddress[]): LookupFunction =>
  (host, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0);
    const fitting = addresses.filter((a) => family === 0 || a.family === family);
    const first = fitting[0];
    if (!first) {
      callback(Object.assign(new Error(`no checked IPv${family} address of ${host}`), { code: 'ENOTFOUND' }), '');
    } else if (options.all) callback(null, fitting);
    else callback(null, first.address, first.family);
  };

/**
 * POSTs to `url`, connecting only to `addresses` (checked before): a host name is not resolved again, so a DNS
 * answer that changes between the check and the connection (DNS rebinding) cannot lead elsewhere. Redirects are
 * not followed; no connection is kept or shared.
 */
export const postPinned: Post = (url, addresses, { headers, body, timeoutMs }) =>
  new Promise<PostAnswer>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (!settled) {
        settled = true;
        fn();
      }
    };
    const req = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: pinnedLookup(addresses),
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const answer = () => ({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= MAX_ANSWER_BYTES) {
            settle(() => resolve(answer()));
            res.destroy();
          }
        });
        res.on('end', () => settle(() => resolve(answer())));
        res.on('error', (err) => settle(() => reject(err)));
        res.on('close', () => settle(() => reject(new Error('the connection closed before the answer ended'))));
      },
    );
    req.on('error', (err) => settle(() => reject(err)));
    req.end(body);
  });

/** A `fetch` (tests' fake receivers) as a Post: the addresses are not used. */
export const postWithFetch =
  (send: typeof fetch): Post =>
  async (url, _addresses, { headers, body, timeoutMs }) => {
    const res = await send(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: res.status, text: await res.text().catch(() => '') };
  };
