import { issueToken } from '../../db/queries/tokens';
import { DONGGUAN_HEAD as HEAD, OFFICE } from '../support/people';
import { festivalCheck, shanghaiDate } from '../support/task-bodies';
import { useTestStack } from '../support/use-test-stack';

/*
 * The workspace polls its reads (issue 16): every /v1 read carries an ETag and answers an unchanged body with a
 * body-less 304, and no shared cache may keep one person's answer for another.
 */
describe('conditional reads of /v1', () => {
  const { t, office, head } = useTestStack({ office: OFFICE, head: HEAD });
  const ifNoneMatch = (etag: string) => ({ 'if-none-match': etag });

  it('answers the same read again with 304 and no body while nothing changed, and with 200 and a new ETag once it did', async () => {
    const first = await office('GET', '/v1/tasks?limit=5');
    const etag = first.headers.get('etag')!;

    const unchanged = await office('GET', '/v1/tasks?limit=5', undefined, ifNoneMatch(etag));
    const created = await office('POST', '/v1/tasks', { ...festivalCheck, dueDate: shanghaiDate(30) });
    const changed = await office('GET', '/v1/tasks?limit=5', undefined, ifNoneMatch(etag));

    expect(first.status).toBe(200);
    expect(etag).toMatch(/^(W\/)?"[^"]+"$/);
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe('');
    expect(unchanged.headers.get('etag')).toBe(etag);
    expect(created.status).toBe(201);
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(changed.body.items.map((i: { id: string }) => i.id)).toContain(created.body.id);
  });

  it('never matches one person’s ETag against another person’s different answer', async () => {
    const officeMe = await office('GET', '/v1/me');
    const headMe = await head('GET', '/v1/me', undefined, ifNoneMatch(officeMe.headers.get('etag')!));

    expect(officeMe.body.id).toBe(OFFICE);
    expect(headMe.status).toBe(200);
    expect(headMe.body.id).toBe(HEAD);
    expect(headMe.headers.get('etag')).not.toBe(officeMe.headers.get('etag'));
  });

  it('marks every read private and revalidated, varying with the credentials, and a mutation’s answer never stored', async () => {
    const read = await head('GET', '/v1/inbox?limit=1');
    const refused = await head('GET', '/v1/audit');
    const mutation = await head('POST', '/v1/inbox/read-all');

    for (const res of [read, refused]) {
      expect(res.headers.get('cache-control')).toBe('private, no-cache');
      expect(res.headers.get('vary')?.toLowerCase().split(/,\s*/)).toEqual(
        expect.arrayContaining(['cookie', 'authorization']),
      );
    }
    expect(read.status).toBe(200);
    expect(refused.status).toBe(403);
    expect(mutation.status).toBe(200);
    expect(mutation.headers.get('cache-control')).toBe('no-store');
  });

  it('keeps the web session’s answer out of every cache', async () => {
    const { token } = await issueToken(t.db.pool, HEAD);
    const signIn = await fetch(`${t.stack.apiUrl}/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;

    const session = await fetch(`${t.stack.apiUrl}/auth/session`, { headers: { cookie } });
    const me = await fetch(`${t.stack.apiUrl}/v1/me`, { headers: { cookie } });

    expect(session.status).toBe(200);
    expect(session.headers.get('cache-control')).toBe('no-store');
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('private, no-cache');
  });
});
