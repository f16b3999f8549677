import { composeEmail } from '../../activities/channels/email';
import { parseOrganisationFile } from '../../db/org-file';
import { loadOrganisation } from '../../db/queries/load-organisation';
import { issueToken } from '../../db/queries/tokens';
import { officeOnlyOrganisation } from '../support/office-only-organisation';
import { useTestStack, type ApiClient } from '../support/use-test-stack';

/**
 * The office's rules edited live (issue 22), attacked as a careless and as a hostile client would: the same edit
 * twice, version numbers that are not numbers, contents of the wrong shape or of strange text, an organisation edit
 * that would grant a privilege or reach into another organisation, templates carrying markup. Each refusal is a
 * problem naming its fields, never a 500, and stores nothing.
 */
type Res = Awaited<ReturnType<ApiClient>>;
type Problem = { field: string; message: string };

const KINDS = ['task-policies', 'scoring-model', 'accountability', 'procedure-defaults', 'notice-templates'] as const;
type Kind = (typeof KINDS)[number];
const rules = (kind: Kind | 'organisation') => `/v1/rules/${kind}`;

/** The same object with its keys in the reverse order, at every depth. */
const reordered = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(reordered)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .reverse()
            .map(([k, v]) => [k, reordered(v)]),
        )
      : value;

/** `content` with its first value that `picks` changed by `change`, and the path of that value. */
function alterFirst(
  content: unknown,
  picks: (v: unknown) => boolean,
  change: (v: unknown) => unknown,
): [string, unknown] {
  let at: string | undefined;
  const walk = (v: unknown, path: string): unknown => {
    if (at === undefined && picks(v)) {
      at = path;
      return change(v);
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}[${i}]`));
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, `${path}.${k}`)]));
    return v;
  };
  const changed = walk(content, '');
  if (at === undefined) throw new Error('the content has no such value');
  return [at, changed];
}

/** `content` with `junk` after its first text in Chinese (free text: not a code or a date). */
const withJunk = (content: unknown, junk: string) =>
  alterFirst(
    content,
    (v) => typeof v === 'string' && /[\u4e00-\u9fff]/.test(v),
    (v) => `${String(v)}${junk}`,
  );

/** `content` with its first number written in full-width digits (５ for 5), as an IME may type it. */
const withFullWidthNumber = (content: unknown) =>
  alterFirst(
    content,
    (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0,
    (v) => String(v).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))),
  );

/** The notice templates' content of one template, the assignment to the lead unit. */
const assignment = {
  templates: [
    {
      kind: 'TASK_ASSIGNED_LEAD',
      title: '【任务交办】{任务名称}（限{工作时限}前完成）',
      body: '{牵头单位}：现交办「{任务名称}」，请于{签收时限}个工作日内签收。',
    },
  ],
};

const fieldsOf = (res: Res) => ((res.body.errors ?? []) as Problem[]).map((e) => e.field).sort();

/** A refusal as the API answers one: problem+json with `status`, its fields named. */
function expectProblem(res: Res, status: number, fields?: string[]) {
  expect({ status: res.status, type: res.type }).toEqual({ status, type: expect.stringContaining('problem+json') });
  if (fields) expect(fieldsOf(res)).toEqual([...fields].sort());
}

describe('the office’s rules, attacked by a careless and a hostile client (issue 22)', () => {
  const { t, office, deputy, unitHead, leader } = useTestStack({
    office: 'p-huang-min', // OFFICE and ADMIN
    deputy: 'p-zhang-wei', // OFFICE only
    unitHead: 'p-xie-hua', // head of town-dongguan
    leader: 'p-wang-hongmei',
  });
  let elsewhere: ApiClient;

  beforeAll(async () => {
    await loadOrganisation(
      t.db.pool,
      parseOrganisationFile(officeOnlyOrganisation('hostile-elsewhere'), 'elsewhere.yaml'),
      'elsewhere',
    );
    elsewhere = await t.as('p-hostile-elsewhere');
  });

  /** A raw request, for bodies the JSON client would not send. */
  const raw = async (method: string, path: string, body: string | Uint8Array, headers: Record<string, string> = {}) => {
    const { token } = await issueToken(t.db.pool, 'p-huang-min');
    const res = await fetch(`${t.stack.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body,
    });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, type, text, body: type.includes('json') ? JSON.parse(text) : {} } as Res;
  };
  const inForce = async (kind: Kind | 'organisation') => (await office('GET', rules(kind))).body;
  /** Everything a refusal must leave as it was: each kind in force with its versions, and the organisation. */
  const stored = async () =>
    Promise.all([...KINDS, 'organisation' as const].map(async (k) => ({ k, body: await inForce(k) })));
  /** Edits of the rules and of the organisation audited as done. */
  const doneAudits = async () => {
    const { rows } = await t.db.pool.query(
      `SELECT count(*) FROM audit_log WHERE (action LIKE 'rules.%' OR action = 'organisation.edit') AND outcome = 'DONE'`,
    );
    return Number(rows[0].count);
  };
  /** Runs `attack`, then checks that nothing stored changed and no edit was audited as done. */
  const refusedLeavingAllAsItWas = async (attack: () => Promise<void>) => {
    const [before, audits] = [await stored(), await doneAudits()];
    await attack();
    expect(await stored()).toEqual(before);
    expect(await doneAudits()).toBe(audits);
  };
  /** A publish of the content in force, based on the version in force. */
  const republish = async (kind: Kind) => {
    const { version, content } = await inForce(kind);
    return { baseVersion: version as number, reason: '原样重新发布', content };
  };

  describe('the same edit twice', () => {
    it.each(KINDS)('%s: the same publish twice, keys reordered, is one version; the second 409', async (kind) => {
      const edit = await republish(kind);
      const audits = await doneAudits();

      const first = await office('POST', rules(kind), edit);
      const again = await office('POST', rules(kind), reordered(edit));

      expect(first.status).toBe(201);
      expectProblem(again, 409);
      expect((await inForce(kind)).version).toBe(edit.baseVersion + 1);
      expect(await doneAudits()).toBe(audits + 1);
    });

    it.each(KINDS)('%s: two publishes at once on the same base: one 201, one 409', async (kind) => {
      const edit = await republish(kind);

      const answers = await Promise.all([office('POST', rules(kind), edit), office('POST', rules(kind), edit)]);

      expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
      expect((await inForce(kind)).version).toBe(edit.baseVersion + 1);
    });
  });

  describe('version numbers that are not versions', () => {
    const notNumbers = ['0', '-1', '99999999999', 'abc', '1e3', '0x10', '%201', '1.5', '１', ''];

    it.each(KINDS)('%s: restore of version 0, negative, huge or not a number is 400 naming path.n', async (kind) => {
      const { version } = await inForce(kind);
      await refusedLeavingAllAsItWas(async () => {
        for (const n of notNumbers.filter((x) => x !== '')) {
          const res = await office('POST', `${rules(kind)}/versions/${n}/restore`, {
            baseVersion: version,
            reason: '恢复',
          });
          expect({ n, status: res.status, fields: fieldsOf(res) }).toEqual({ n, status: 400, fields: ['path.n'] });
        }
        const missing = await office('POST', `${rules(kind)}/versions/999999/restore`, {
          baseVersion: version,
          reason: '恢复',
        });
        expectProblem(missing, 404);
      });
    });

    it.each(KINDS)(
      '%s: a diff of what is not a version is 400 naming the query field, one missing 404',
      async (kind) => {
        const { version } = await inForce(kind);
        const diff = (query: string) => office('GET', `${rules(kind)}/diff?${query}`);

        expect((await diff(`from=${version}&to=${version}`)).body).toEqual({ from: version, to: version, changes: [] });
        expect((await diff(`from=${version}&to=1`)).status).toBe(200); // backwards is a diff too
        expectProblem(await diff(`to=${version}`), 400, ['query.from']);
        expectProblem(await diff(`from=1&to=999999`), 404);
        for (const bad of notNumbers) {
          const res = await diff(`from=${bad}&to=1`);
          expect({ bad, status: res.status, fields: fieldsOf(res) }).toEqual({
            bad,
            status: 400,
            fields: ['query.from'],
          });
          expect(res.body.errors[0].message).toMatch(/[\u4e00-\u9fff]/);
        }
      },
    );
  });

  describe('contents of the wrong shape', () => {
    const shapes: [string, (content: Record<string, unknown>) => unknown][] = [
      ['an unknown key', (c) => ({ ...c, surprise: 1 })],
      ['null', () => null],
      ['an array', (c) => [c]],
      ['a __proto__ key', (c) => JSON.parse(`{"__proto__":{"polluted":true},${JSON.stringify(c).slice(1)}`)],
      ['a constructor key', (c) => ({ ...c, constructor: { prototype: { polluted: true } } })],
    ];

    it.each(KINDS)('%s: each wrong shape is 400 naming body.content, and stores nothing', async (kind) => {
      const edit = await republish(kind);
      await refusedLeavingAllAsItWas(async () => {
        for (const [what, shape] of shapes) {
          const res = await raw('POST', rules(kind), JSON.stringify({ ...edit, content: shape(edit.content) }));
          expect({ what, status: res.status }).toEqual({ what, status: 400 });
          expect(fieldsOf(res).every((f) => f.startsWith('body.content'))).toBe(true);
        }
      });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('refuses bodies that are not JSON, too large, too deep, in an unknown charset; takes one with a BOM', async () => {
      const edit = await republish('accountability');
      const json = JSON.stringify(edit);
      await refusedLeavingAllAsItWas(async () => {
        expectProblem(await raw('POST', rules('accountability'), '{"baseVersion": 0,'), 400, ['body']);
        expectProblem(await raw('POST', rules('accountability'), 'reason=x'), 400, ['body']);
        expectProblem(
          await raw('POST', rules('accountability'), JSON.stringify({ ...edit, pad: 'x'.repeat(5 << 20) })),
          413,
        );
        const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
        expect((await raw('POST', rules('accountability'), deep)).status).toBe(413);
        // As deep as 256 kB allows: read and refused without exhausting the stack.
        const nested = `{"baseVersion":0,"reason":"深","content":${'['.repeat(120_000)}${']'.repeat(120_000)}}`;
        expectProblem(await raw('POST', rules('accountability'), nested), 400, ['body.content']);
        const ebcdic = await raw('POST', rules('accountability'), json, {
          'content-type': 'application/json; charset=ebcdic',
        });
        expectProblem(ebcdic, 415, ['header.content-type']);
      });
      const bom = await raw('POST', rules('accountability'), `\ufeff${json}`);
      expect(bom.status).toBe(201); // RFC 8259 lets a reader ignore a BOM; UTF-8 it is
    });
  });

  describe('strange text', () => {
    /** Odd but honest text, kept as typed. */
    const odd = { 'an RTL override': '原因\u202e因原', emoji: '原因🚨👮' };
    /** Text that is no text: too long, a lone surrogate, NUL, a terminal escape. */
    const broken = ['原'.repeat(10_000), '原因\ud800', '原因\u0000', '原因\u0007\u001b[31m'];

    it('takes a reason with RTL overrides or emoji as it is, and answers it back the same', async () => {
      for (const [what, reason] of Object.entries(odd)) {
        const edit = { ...(await republish('procedure-defaults')), reason };
        const res = await office('POST', rules('procedure-defaults'), edit);
        expect({ what, status: res.status, reason: res.body.reason }).toEqual({ what, status: 201, reason });
      }
    });

    it('refuses a reason of 10,000 characters, a lone surrogate or control characters with 400 at body.reason', async () => {
      const edit = await republish('procedure-defaults');
      await refusedLeavingAllAsItWas(async () => {
        for (const reason of broken) {
          const res = await raw('POST', rules('procedure-defaults'), JSON.stringify({ ...edit, reason }));
          expect({ reason: reason.slice(0, 12), status: res.status, fields: fieldsOf(res) }).toEqual({
            reason: reason.slice(0, 12),
            status: 400,
            fields: ['body.reason'],
          });
        }
      });
    });

    it.each(KINDS.filter((k) => k !== 'task-policies'))(
      // A free text's published schema refuses them (400: the scoring model's name); where it admits any text, the
      // request is well-formed but not storable (422, as the OpenAPI document says).
      '%s: a NUL or a lone surrogate in a text of the content is 400 or 422 naming that field, never a 500',
      async (kind) => {
        const edit = await republish(kind);
        await refusedLeavingAllAsItWas(async () => {
          for (const junk of ['\u0000', '\ud800']) {
            const [path, content] = withJunk(kind === 'notice-templates' ? assignment : edit.content, junk);
            const res = await office('POST', rules(kind), { ...edit, content });
            expect({ junk, status: res.status, fields: fieldsOf(res) }).toEqual({
              junk,
              status: kind === 'scoring-model' ? 400 : 422,
              fields: [`body.content${path}`],
            });
          }
        });
      },
    );

    it('refuses a NUL or a lone surrogate in a unit’s or a person’s name with 422 naming it, never a 500', async () => {
      await refusedLeavingAllAsItWas(async () => {
        expectProblem(await office('PATCH', '/v1/units/town-xicheng', { name: '西城\udc00', reason: '更名' }), 422, [
          'body.name',
        ]);
        expectProblem(await office('PATCH', '/v1/units/town-xicheng', { name: '西城\u0000', reason: '更名' }), 422, [
          'body.name',
        ]);
        expectProblem(await office('PATCH', '/v1/people/p-zhang-wei', { title: '科员\u0000', reason: '调整' }), 422, [
          'body.title',
        ]);
      });
    });

    it.each(KINDS.filter((k) => k !== 'task-policies' && k !== 'notice-templates'))(
      '%s: full-width digits where a number goes are 400 naming that field',
      async (kind) => {
        const edit = await republish(kind);
        const [path, content] = withFullWidthNumber(edit.content);
        await refusedLeavingAllAsItWas(async () => {
          expectProblem(await office('POST', rules(kind), { ...edit, content }), 400, [`body.content${path}`]);
          expectProblem(await office('POST', rules(kind), { ...edit, baseVersion: '１' }), 400, ['body.baseVersion']);
        });
      },
    );
  });

  describe('the organisation', () => {
    const patchUnit = (who: ApiClient, unitId: string, body: object) =>
      who('PATCH', `/v1/units/${unitId}`, { reason: '调整', ...body });

    it('records the organisation as version 1 with its first accepted edit, not with a refused one', async () => {
      await refusedLeavingAllAsItWas(async () => {
        expectProblem(await patchUnit(office, 'town-xicheng', { name: '东关街道' }), 422, ['body.name']);
      });
      expect((await inForce('organisation')).versions).toEqual([]);

      const renamed = await patchUnit(office, 'town-beishan', { name: '\u3000北山街道办事处  ', reason: '机构更名' });

      expect(renamed.status).toBe(200);
      expect((await office('GET', '/v1/units/town-beishan')).body.name).toBe('北山街道办事处');
      expect((await inForce('organisation')).versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    });

    it('refuses a unit renamed to a sibling’s name with trailing or full-width spaces', async () => {
      await refusedLeavingAllAsItWas(async () => {
        for (const name of ['东关街道  ', '东关街道\u3000', '\u3000东关街道']) {
          const res = await patchUnit(office, 'town-xicheng', { name });
          expectProblem(res, 422, ['body.name']);
        }
      });
    });

    it('takes emoji and a right-to-left override in a name as they are', async () => {
      for (const name of ['张伟🚩', '张\u202e伟']) {
        const res = await office('PATCH', '/v1/people/p-zhang-wei', { name, reason: '更名' });
        expect({ name, status: res.status }).toEqual({ name, status: 200 });
        const person = (res.body.content.people as { id: string; name: string }[]).find((p) => p.id === 'p-zhang-wei');
        expect(person?.name).toBe(name);
      }
      expect((await office('PATCH', '/v1/people/p-zhang-wei', { name: '张伟', reason: '更名' })).status).toBe(200);
    });

    it('restores one version twice at once: one 201, one 409', async () => {
      const { version } = await inForce('organisation');
      const restore = () =>
        office('POST', `${rules('organisation')}/versions/${version - 1}/restore`, {
          baseVersion: version,
          reason: '恢复',
        });

      const answers = await Promise.all([restore(), restore()]);

      expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
      expect((await inForce('organisation')).version).toBe(version + 1);
    });

    it('refuses a unit moved under itself, naming body.parent', async () => {
      await refusedLeavingAllAsItWas(async () => {
        expectProblem(await patchUnit(office, 'town-liuhe', { parent: 'town-liuhe' }), 422, ['body.parent']);
      });
    });

    it('refuses the office without ADMIN granting itself ADMIN (403), and any edit of roles', async () => {
      await refusedLeavingAllAsItWas(async () => {
        const self = await deputy('PATCH', '/v1/people/p-zhang-wei', { roles: ['OFFICE', 'ADMIN'], reason: '授权' });
        expectProblem(self, 403);
        const added = await deputy('POST', '/v1/people', {
          id: 'p-sneaky',
          name: '潜入者',
          unit: 'office',
          roles: ['OFFICE', 'ADMIN'],
          reason: '新增',
        });
        expectProblem(added, 403);
        const restore = await deputy('POST', `${rules('organisation')}/versions/1/restore`, {
          baseVersion: 2,
          reason: '恢复',
        });
        expectProblem(restore, 403);
      });
    });

    it('refuses the last administrator dropping ADMIN, and deactivating herself', async () => {
      await refusedLeavingAllAsItWas(async () => {
        const drop = await office('PATCH', '/v1/people/p-huang-min', { roles: ['OFFICE'], reason: '调整' });
        expectProblem(drop, 422, ['organisation.people']);
        const self = await office('POST', '/v1/people/p-huang-min/deactivate', { reason: '离职' });
        // She is the last administrator, and heads the office besides: both named.
        expectProblem(self, 422, ['organisation.people', 'organisation.units.office.head']);
      });
    });

    it('answers ids of another organisation exactly as ids of nothing at all', async () => {
      const answer = (res: Res) => ({
        status: res.status,
        body: { ...res.body, instance: undefined, requestId: undefined },
      });
      const pairs: [string, string, object][] = [
        ['PATCH', '/v1/units/ID', { name: '改名', reason: '调整' }],
        ['POST', '/v1/units/ID/retire', { reason: '撤销' }],
        ['POST', '/v1/units/ID/merge', { intoUnitId: 'town-dongguan', reason: '合并' }],
        ['GET', '/v1/units/ID', {}],
      ];
      await refusedLeavingAllAsItWas(async () => {
        for (const [method, path, body] of pairs) {
          const foreign = await office(
            method,
            path.replace('ID', 'hostile-elsewhere-office'),
            method === 'GET' ? undefined : body,
          );
          const nothing = await office(method, path.replace('ID', 'no-such-unit'), method === 'GET' ? undefined : body);
          expect({ path, ...answer(foreign) }).toEqual({ path, ...answer(nothing) });
          expect(foreign.status).toBe(404);
        }
        for (const [method, path, body] of [
          ['PATCH', '/v1/people/ID', { title: '科员', reason: '调整' }],
          ['POST', '/v1/people/ID/deactivate', { reason: '调离' }],
        ] as const) {
          const foreign = await office(method, path.replace('ID', 'p-hostile-elsewhere'), body);
          const nothing = await office(method, path.replace('ID', 'p-no-such-person'), body);
          expect({ path, ...answer(foreign) }).toEqual({ path, ...answer(nothing) });
          expect(foreign.status).toBe(404);
        }
        // Another organisation's office finds none of this one's units or versions.
        expectProblem(await elsewhere('GET', '/v1/units/town-dongguan'), 404);
        for (const kind of KINDS) {
          const theirs = await elsewhere('GET', `${rules(kind)}/versions/1`);
          const none = await elsewhere('GET', `${rules(kind)}/versions/999999`);
          expect({ kind, status: theirs.status, detail: theirs.body.detail }).toEqual({
            kind,
            status: 404,
            detail: String(none.body.detail).replace('999999', '1'),
          });
          const restore = await elsewhere('POST', `${rules(kind)}/versions/1/restore`, {
            baseVersion: 0,
            reason: '恢复',
          });
          expectProblem(restore, 404);
        }
      });
    });

    it('refuses every role but the administrator, unit heads and leaders included', async () => {
      for (const who of [unitHead, leader]) {
        expectProblem(await patchUnit(who, 'town-dongguan', { name: '东关' }), 403);
        expectProblem(await who('GET', rules('organisation')), 403);
      }
    });
  });

  describe('notice templates', () => {
    const assigned = (body: string) => ({
      templates: [{ kind: 'TASK_ASSIGNED_LEAD', title: '【任务交办】{任务名称}（限{工作时限}前完成）', body }],
    });
    const preview = (body: string) =>
      office('POST', `${rules('notice-templates')}/preview`, { content: assigned(body), kind: 'TASK_ASSIGNED_LEAD' });

    it('refuses braces that are not a variable, each naming the body', async () => {
      for (const body of ['{{任务名称}}', '请签收{任务名称', '{ 任务名称 }']) {
        const res = await preview(`${body}，{签收时限}个工作日内签收`);
        expect({ body, status: res.status }).toEqual({ body, status: 422 });
        expect(fieldsOf(res)).toContain('body.content.templates[0].body');
      }
    });

    it('writes markup out as text: JSON in the preview, escaped in the e-mail', async () => {
      const script = '<script>alert(1)</script><b>{任务名称}</b>，{签收时限}个工作日内签收';
      const res = await preview(script);

      expect(res.status).toBe(200);
      expect(res.type).toContain('application/json');
      const notice = res.body.notices[0] as { title: string; body: string };
      expect(notice.body).toContain('<script>alert(1)</script>');
      const mail = composeEmail({ ...notice, link: undefined } as Parameters<typeof composeEmail>[0]);
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    });

    it('refuses a body of 1,001 characters naming it', async () => {
      const res = await preview(`{任务名称}{签收时限}${'字'.repeat(1_001)}`);
      expect(res.status).toBe(422);
      expect(fieldsOf(res)).toContain('body.content.templates[0].body');
    });
  });

  describe('every problem at once, in the caller’s language', () => {
    const wrong = { baseVersion: -1, reason: '', content: { surprise: true } };

    it('names every field of a wrong publish in Chinese by default, English with Accept-Language: en', async () => {
      await refusedLeavingAllAsItWas(async () => {
        for (const kind of KINDS) {
          const zh = await office('POST', rules(kind), wrong);
          const en = await office('POST', rules(kind), wrong, { 'accept-language': 'en' });
          expectProblem(zh, 400);
          expect(fieldsOf(zh)).toEqual(expect.arrayContaining(['body.baseVersion', 'body.reason']));
          expect(fieldsOf(zh).some((f) => f.startsWith('body.content'))).toBe(true);
          expect(zh.body.detail).toMatch(/[\u4e00-\u9fff]/);
          expect((zh.body.errors as Problem[]).every((e) => /[\u4e00-\u9fff]/.test(e.message))).toBe(true);
          expect(fieldsOf(en)).toEqual(fieldsOf(zh));
          expect((en.body.errors as Problem[]).every((e) => !/[\u4e00-\u9fff]/.test(e.message))).toBe(true);
        }
      });
    });

    it('refuses a wrong organisation edit with every field at once, in Chinese', async () => {
      await refusedLeavingAllAsItWas(async () => {
        const res = await office('PATCH', '/v1/units/town-xicheng', {
          name: '',
          parent: 'town-nowhere',
          zone: 'ZONE 9',
          reason: '',
        });
        expectProblem(res, 400, ['body.name', 'body.reason', 'body.zone']);
        expect((res.body.errors as Problem[]).every((e) => /[\u4e00-\u9fff]/.test(e.message))).toBe(true);
      });
    });

    it('refuses a calendar of the wrong shape, every field at once, storing nothing', async () => {
      const year = new Date().getUTCFullYear() + 1;
      const before = await office('GET', `/v1/calendar/${year}`);
      const body = { year: '２０２７', source: '', holidays: [{ date: '2027-13-01', name: '' }], workdays: null };
      for (const path of [`/v1/calendar/${year}`, `/v1/calendar/${year}/preview`]) {
        const res = await office(path.endsWith('preview') ? 'POST' : 'PUT', path, body);
        expectProblem(res, 400);
        expect(fieldsOf(res)).toEqual(
          expect.arrayContaining(['body.year', 'body.source', 'body.holidays[0].date', 'body.workdays']),
        );
      }
      const after = await office('GET', `/v1/calendar/${year}`);
      expect([after.status, after.body.detail]).toEqual([before.status, before.body.detail]);
    });
  });
});
