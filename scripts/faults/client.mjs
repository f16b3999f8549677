// The harness's HTTP client: every answer is checked against what the API promises while its dependencies come
// and go. A 500, a hang past the request deadline, a 503 that is not problem+json with a clear detail, or a
// connection refused while the API process runs, is a violation. 503s and the two transient 409s below are
// retried with the same Idempotency-Key, as a client should. Given several APIs (`apiUrls`), requests go to them in
// turn, and a request refused, cut off or answered 503 by one is retried on the next, with the same key.

const CJK = /[\u4e00-\u9fff]/;
/** 409s that mean "not yet", not "never": a request with the same key still running; a notice still going out. */
const TRANSIENT_409 = [/使用同一 Idempotency-Key 的请求正在处理中/, /会议通知正在发出，请稍后再确认/];

export function createStats() {
  return {
    requests: 0,
    probes: 0,
    byStatus: {},
    unavailable: 0,
    unavailableBy: {},
    transient409: 0,
    networkErrors: 0,
    /** By cause: ECONNREFUSED (nothing listens), UND_ERR_SOCKET (cut off while the request ran), ... */
    networkErrorsBy: {},
    /** Answers per API, and requests answered by another API than the one that failed them first. */
    byApi: {},
    rotatedOnto: {},
    maxLatencyMs: 0,
    violations: [],
  };
}

/**
 * `faults.apiDown(url)` says whether the API process at `url` is (being) restarted: only then may a connection
 * fail. `onSend(url, method, path, key)` hears each request as it goes out, `onAnswer(url, method, path, key,
 * answer)` as its answer (or its network failure) comes.
 */
export function createClient({
  apiUrl,
  apiUrls = [apiUrl],
  stats,
  faults,
  deadlineSeconds,
  onSend,
  onAnswer,
  now = Date.now,
}) {
  const hangAfterMs = deadlineSeconds * 1000 + 4_000;
  let turn = 0;
  /** The next API in turn. */
  const pick = () => apiUrls[turn++ % apiUrls.length];
  /** The API after `url`: where a request it failed is retried. */
  const after = (url) => apiUrls[(apiUrls.indexOf(url) + 1) % apiUrls.length];

  /** One request, checked; answers { status, body, url } or { status: 0, error, url } for a network failure. */
  async function once(token, method, path, body, key, url = pick()) {
    const answer = await sendOnce(token, method, path, body, key, url);
    onAnswer?.(url, method, path, key, answer);
    return answer;
  }

  async function sendOnce(token, method, path, body, key, url) {
    const headers = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (key) headers['idempotency-key'] = key;
    const startedAt = now();
    const apiWasDown = faults.apiDown(url);
    stats.requests += 1;
    onSend?.(url, method, path, key);
    let res;
    try {
      res = await fetch(`${url}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(hangAfterMs),
      });
    } catch (err) {
      const elapsed = now() - startedAt;
      if (err.name === 'TimeoutError') {
        stats.violations.push(`${method} ${path}: no answer within ${hangAfterMs} ms`);
        return { status: 0, error: 'hang', url };
      }
      stats.networkErrors += 1;
      const code = err.cause?.code ?? err.message;
      stats.networkErrorsBy[code] = (stats.networkErrorsBy[code] ?? 0) + 1;
      if (!apiWasDown && !faults.apiDown(url)) {
        stats.violations.push(
          `${method} ${path}: ${err.cause?.code ?? err.message} while the API at ${url} was up (${elapsed} ms)`,
        );
      }
      return { status: 0, error: err.cause?.code ?? err.message, url };
    }
    stats.byApi[url] = (stats.byApi[url] ?? 0) + 1;
    const text = await res.text();
    const elapsed = now() - startedAt;
    stats.maxLatencyMs = Math.max(stats.maxLatencyMs, elapsed);
    stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    if (res.status >= 500 && res.status !== 503) {
      stats.violations.push(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    } else if (res.status === 503 && path !== '/healthz') {
      stats.unavailable += 1;
      const why = /秒内完成/.test(parsed?.detail ?? '')
        ? 'deadline'
        : /数据库/.test(parsed?.detail ?? '')
          ? 'database'
          : /Temporal/.test(parsed?.detail ?? '')
            ? 'temporal'
            : 'other';
      stats.unavailableBy[why] = (stats.unavailableBy[why] ?? 0) + 1;
      const type = res.headers.get('content-type') ?? '';
      if (!type.startsWith('application/problem+json') || parsed?.status !== 503 || !CJK.test(parsed?.detail ?? '')) {
        stats.violations.push(`${method} ${path}: 503 without a clear problem+json (${type}): ${text.slice(0, 200)}`);
      }
    }
    return { status: res.status, body: parsed, elapsed, url };
  }

  /**
   * A request the scenario needs done: retried (same key) through 503s, transient 409s and a restarting API,
   * until it answers one of `expect` (returned) or anything else (a violation), or `withinMs` passes.
   */
  async function call(token, method, path, body, { key, expect = [200], withinMs = 240_000 } = {}) {
    const until = now() + withinMs;
    let url = pick();
    let failedOn;
    for (let attempt = 1; ; attempt++) {
      const answer = await once(token, method, path, body, key, url);
      if (failedOn && answer.status !== 0 && answer.status !== 503 && answer.url !== failedOn) {
        stats.rotatedOnto[answer.url] = (stats.rotatedOnto[answer.url] ?? 0) + 1;
        failedOn = undefined;
      }
      const retry =
        answer.status === 0 ||
        answer.status === 503 ||
        (answer.status === 409 && TRANSIENT_409.some((re) => re.test(answer.body?.detail ?? '')));
      if (answer.status === 409 && retry) stats.transient409 += 1;
      if (!retry) {
        if (!expect.includes(answer.status)) {
          const detail = typeof answer.body === 'object' ? JSON.stringify(answer.body) : String(answer.body);
          stats.violations.push(
            `${method} ${path}: expected ${expect.join('/')}, got ${answer.status} ${detail.slice(0, 300)}`,
          );
        }
        return answer;
      }
      if (now() > until) {
        stats.violations.push(`${method} ${path}: still ${answer.status || answer.error} after ${attempt} attempts`);
        return answer;
      }
      // Refused or cut off by one API, answered 503 by it: the next API, with the same key (at once, when refused).
      const rotate = apiUrls.length > 1 && (answer.status === 0 || answer.status === 503);
      if (rotate) {
        failedOn ??= url;
        url = after(url);
      }
      const pause = rotate && answer.status === 0 && attempt === 1 ? 50 : Math.min(2_000, 250 * attempt);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  /** A read-only probe: one attempt; its status must be one of `expect` or 503 (or refused while the API is down). */
  async function probe(token, method, path, expect) {
    stats.probes += 1;
    const answer = await once(token, method, path, undefined, undefined);
    if (answer.status !== 0 && answer.status !== 503 && !expect.includes(answer.status)) {
      stats.violations.push(`probe ${method} ${path}: got ${answer.status}, expected ${expect.join('/')} or 503`);
    }
    return answer;
  }

  return { call, probe, once };
}
