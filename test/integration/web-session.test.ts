import { issueToken } from '../../db/queries/tokens';
import { issueSigninCode } from '../../db/queries/web-sessions';
import { runHeliAsync } from '../support/heli-process';
import { startTestStack, type TestStack } from '../support/test-stack';

const UNIT_HEAD = 'p-xie-hua'; // head of town-dongguan
const OFFICE = 'p-huang-min';

/** A browser as the workspace is one: a cookie jar of one session, and the CSRF token it was told. */
function browser(baseUrl: string) {
  let cookie: string | undefined;
  let csrf: string | undefined;
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    const json = text && type.includes('json') ? (JSON.parse(text) as Record<string, any>) : {}; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (typeof json.csrfToken === 'string') csrf = json.csrfToken;
    return { status: res.status, type, headers: res.headers, body: json, text, setCookie: set };
  }
  return {
    call,
    /** A mutation as the page sends it: with the session's CSRF token. */
    mutate: (method: string, path: string, body?: unknown) => call(method, path, body, { 'x-csrf-token': csrf ?? '' }),
  };
}

describe('signing in to the web workspace', () => {
  let t: TestStack;
  let token: string;

  beforeAll(async () => {
    // The test's own requests come over loopback: as from a reverse proxy on the same host.
    t = await startTestStack({ TRUST_PROXY: 'loopback' });
    token = (await issueToken(t.db.pool, UNIT_HEAD)).token;
  }, 120_000);

  afterAll(() => t?.stop(), 60_000);

  it('exchanges a person’s API token for an httpOnly, SameSite=Strict session cookie that /v1 accepts as that person', async () => {
    const b = browser(t.stack.apiUrl);

    const signIn = await b.call('POST', '/auth/session', { token });
    const me = await b.call('GET', '/v1/me');

    expect(signIn.status).toBe(201);
    expect(signIn.setCookie).toMatch(/^heli_session=[A-Za-z0-9_-]+;/);
    expect(signIn.setCookie).toMatch(/HttpOnly/i);
    expect(signIn.setCookie).toMatch(/SameSite=Strict/i);
    expect(signIn.body).toMatchObject({
      person: { id: UNIT_HEAD, roles: ['UNIT'] },
      unit: { id: 'town-dongguan' },
      csrfToken: expect.any(String),
    });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(UNIT_HEAD);
    expect((await b.call('GET', '/auth/session')).body.person.id).toBe(UNIT_HEAD);
  });

  it('marks the cookie Secure when the trusted proxy says the browser came over HTTPS, and only then', async () => {
    const overHttps = await browser(t.stack.apiUrl).call(
      'POST',
      '/auth/session',
      { token },
      { 'x-forwarded-proto': 'https' },
    );
    const overHttp = await browser(t.stack.apiUrl).call('POST', '/auth/session', { token });

    expect(overHttps.status).toBe(201);
    expect(overHttps.setCookie).toMatch(/;\s*Secure/i);
    expect(overHttp.status).toBe(201);
    expect(overHttp.setCookie).not.toMatch(/Secure/i);
  });

  it('signs in once with a one-time code and refuses the same code again', async () => {
    const { code } = await issueSigninCode(t.db.pool, OFFICE, 60_000);
    const first = browser(t.stack.apiUrl);
    const second = browser(t.stack.apiUrl);

    const used = await first.call('POST', '/auth/session', { code });
    const again = await second.call('POST', '/auth/session', { code });

    expect(used.status).toBe(201);
    expect(used.body.person.id).toBe(OFFICE);
    expect(again.status).toBe(401);
    expect(again.type).toContain('application/problem+json');
    expect(again.setCookie).toBeNull();
  });

  it('refuses an expired one-time code', async () => {
    const { code } = await issueSigninCode(t.db.pool, OFFICE, 60_000);
    await t.db.pool.query(`UPDATE signin_codes SET expires_at = now() - interval '1 second'`);

    expect((await browser(t.stack.apiUrl).call('POST', '/auth/session', { code })).status).toBe(401);
  });

  it('refuses a wrong token with 401 problem+json and sets no cookie', async () => {
    const res = await browser(t.stack.apiUrl).call('POST', '/auth/session', { token: 'heli_not-a-real-token' });

    expect(res.status).toBe(401);
    expect(res.type).toContain('application/problem+json');
    expect(res.setCookie).toBeNull();
  });

  it('refuses a mutation by cookie without the CSRF token (403 problem+json), and does it with the token', async () => {
    const b = browser(t.stack.apiUrl);
    await b.call('POST', '/auth/session', { token });

    const without = await b.call('POST', '/v1/inbox/read-all');
    const wrong = await b.call('POST', '/v1/inbox/read-all', undefined, { 'x-csrf-token': 'forged' });
    const withToken = await b.mutate('POST', '/v1/inbox/read-all');

    expect(without.status).toBe(403);
    expect(without.type).toContain('application/problem+json');
    expect(without.body.type).toBe('urn:heli:problem:csrf');
    expect(wrong.status).toBe(403);
    expect(withToken.status).toBe(200);
    const { rows } = await t.db.pool.query(
      `SELECT actor_id, outcome, object_id FROM audit_log WHERE action = 'request.csrf' ORDER BY id`,
    );
    expect(rows).toEqual([
      { actor_id: UNIT_HEAD, outcome: 'REFUSED', object_id: 'POST /v1/inbox/read-all' },
      { actor_id: UNIT_HEAD, outcome: 'REFUSED', object_id: 'POST /v1/inbox/read-all' },
    ]);
  });

  it('signs out: the session is revoked, its cookie no longer opens /v1, and sign-out itself needs the CSRF token', async () => {
    const b = browser(t.stack.apiUrl);
    await b.call('POST', '/auth/session', { token });
    const cookieBefore = (await b.call('GET', '/auth/session')).status;

    const forged = await b.call('DELETE', '/auth/session');
    const out = await b.mutate('DELETE', '/auth/session');
    const after = await b.call('GET', '/v1/me');

    expect(cookieBefore).toBe(200);
    expect(forged.status).toBe(403);
    expect(out.status).toBe(204);
    expect(after.status).toBe(401);
    const { rows } = await t.db.pool.query(
      `SELECT action, outcome FROM audit_log WHERE action IN ('session.open', 'session.close') AND actor_id = $1`,
      [UNIT_HEAD],
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { action: 'session.close', outcome: 'REFUSED' },
        { action: 'session.close', outcome: 'DONE' },
      ]),
    );
  });

  it('keeps a bearer token working as before, whatever cookie comes with it', async () => {
    const res = await fetch(`${t.stack.apiUrl}/v1/inbox/read-all`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, cookie: 'heli_session=not-a-session-secret-at-all' },
    });

    expect(res.status).toBe(200);
  });

  it('serves the workspace’s page for a browser’s navigation, and API 404s to everyone else', async () => {
    const page = await fetch(`${t.stack.apiUrl}/tasks/t-anything`, { headers: { accept: 'text/html' } });
    const api = await fetch(`${t.stack.apiUrl}/no-such-thing`, { headers: { accept: 'application/json' } });
    const v1 = await fetch(`${t.stack.apiUrl}/v1/no-such-thing`, { headers: { accept: 'text/html' } });

    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await page.text()).toContain('<div id="root"></div>');
    expect(api.status).toBe(404);
    expect(v1.status).toBe(401);
  });

  it('prints a one-time sign-in link with `heli signin-link`', async () => {
    const out = await runHeliAsync(['signin-link', OFFICE], { DATABASE_URL: t.db.url });

    expect(out.code).toBe(0);
    const code = /\/signin\?code=([A-Za-z0-9_-]+)\n$/.exec(out.stdout)?.[1];
    expect(code).toBeDefined();
    expect((await browser(t.stack.apiUrl).call('POST', '/auth/session', { code })).status).toBe(201);
  });
});
