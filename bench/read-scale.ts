import type { Client } from '@temporalio/client';
import type { Pool, QueryConfig } from 'pg';
import { issueToken } from '../db/queries/tokens';
import { benchApp, summary } from './actions';

/**
 * Reading at scale (issue 17): the read model filled to `total` tasks of one cycle over the 22 departments and
 * towns by SQL straight into `tasks` (no workflows: a read benchmark needs rows, not processes), then the three
 * reads people make all day: the office's task list (filters, sort, page), a unit's inbox (its head's task list by
 * urgency) and the cycle board. Each request is timed over HTTP against the API process, and the SQL it issues
 * (captured from a second, in-process app on the same database) is run under EXPLAIN ANALYZE: a request's database
 * time is the planning plus execution time of its SELECT statements.
 */
type Kind = 'list' | 'inbox' | 'board';

interface Captured {
  text: string;
  values?: unknown[];
}

/** A pool whose `query` also records the statement, for EXPLAIN ANALYZE afterwards. */
function capturingPool(db: Pool, sink: Captured[]): Pool {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'query') {
        return (q: string | QueryConfig, values?: unknown[]) => {
          if (typeof q === 'string') sink.push({ text: q, values });
          else sink.push({ text: q.text, values: q.values ?? values });
          return (target.query as (...a: unknown[]) => unknown)(q, values);
        };
      }
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

export async function fill(db: Pool, cycleId: string, total: number, year: number): Promise<number> {
  const { rows: count } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM tasks WHERE cycle_id = $1', [
    cycleId,
  ]);
  const missing = Math.max(0, total - count[0]!.n);
  const { rows: units } = await db.query<{ id: string; leader_id: string }>(
    `SELECT id, leader_id FROM units WHERE org_id = 'district' AND active AND kind IN ('DEPARTMENT', 'TOWN')
     ORDER BY kind, id`,
  );
  // A decomposed task is the template; states, lights, rungs, months and goals vary as over a year.
  await db.query(
    `INSERT INTO tasks (id, workflow_id, org_id, cycle_id, goal_id, type, type_name, title, lead_unit_id, co_unit_ids,
       leader_id, requirements, standard, time_limit, extension_decided_by, due_date, original_due_date, due_at,
       state, light, rung, urgings, version, created_by, created_at, updated_at)
     SELECT 'bench-read-' || i, 'bench-read-wf-' || i, tpl.org_id, tpl.cycle_id, 'g' || lpad((1 + i % 20)::text, 3, '0'),
       tpl.type, tpl.type_name, tpl.title || '（' || i || '）', ($2::text[])[1 + i % cardinality($2::text[])],
       CASE WHEN i % 3 = 0 THEN ARRAY[($2::text[])[1 + (i + 7) % cardinality($2::text[])]] ELSE '{}' END,
       coalesce(($3::text[])[1 + i % cardinality($3::text[])], tpl.leader_id), tpl.requirements, tpl.standard, tpl.time_limit,
       tpl.extension_decided_by, d, d, d + interval '1 day', s.state,
       CASE WHEN s.state IN ('ACCEPTED', 'CANCELLED') THEN 'NONE'
            ELSE (ARRAY['GREEN', 'GREEN', 'GREEN', 'YELLOW', 'RED'])[1 + (i / 7) % 5] END,
       CASE WHEN s.state NOT IN ('ACCEPTED', 'CANCELLED') AND (i / 7) % 5 = 4 THEN 1 + i % 3 ELSE 0 END,
       0, 1, tpl.created_by, now() - (i % 300) * interval '1 hour', now() - (i % 500) * interval '1 minute'
     FROM generate_series(1, $4::int) i
     CROSS JOIN (SELECT * FROM tasks WHERE cycle_id = $1 ORDER BY id LIMIT 1) tpl
     CROSS JOIN LATERAL (SELECT make_date($5::int, 1, 1) + (i % 365) AS d) dd
     CROSS JOIN LATERAL (SELECT (ARRAY['ASSIGNED', 'SIGNED', 'IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'SUBMITTED',
       'ACCEPTED', 'ACCEPTED', 'CANCELLED', 'IN_PROGRESS'])[1 + i % 10] AS state) s`,
    [cycleId, units.map((u) => u.id), units.map((u) => u.leader_id), missing, year],
  );
  await db.query('ANALYZE tasks');
  return missing;
}

export async function benchReads(
  stack: { db: Pool; client: Client; taskQueue: string },
  apiPort: number,
  opts: { cycleId: string; total: number; samples: number; year: number },
  say: (line: string) => void,
) {
  const { db } = stack;
  let t = performance.now();
  const inserted = await fill(db, opts.cycleId, opts.total, opts.year);
  const fillSeconds = Math.round(performance.now() - t) / 1000;
  const { rows: all } = await db.query<{ n: number; units: number }>(
    'SELECT count(*)::int AS n, count(DISTINCT lead_unit_id)::int AS units FROM tasks WHERE cycle_id = $1',
    [opts.cycleId],
  );
  say(`   ${inserted} rows inserted in ${fillSeconds} s: ${all[0]!.n} tasks in ${all[0]!.units} units`);

  const { rows: heads } = await db.query<{ id: string; head_id: string }>(
    `SELECT id, head_id FROM units WHERE org_id = 'district' AND active AND kind IN ('DEPARTMENT', 'TOWN')
     AND head_id IS NOT NULL ORDER BY kind, id`,
  );
  const office = (await issueToken(db, 'p-huang-min', undefined, 'system:bench')).token;
  const headTokens = await Promise.all(
    heads.map(async (h) => (await issueToken(db, h.head_id, undefined, 'system:bench')).token),
  );
  const c = encodeURIComponent(opts.cycleId);
  const month = (i: number) => `${opts.year}-${String(1 + (i % 12)).padStart(2, '0')}`;
  const lists = [
    (i: number) => `/v1/tasks?cycle=${c}&sort=dueDate&limit=50&offset=${(i * 50) % 2000}`,
    () => `/v1/tasks?state=IN_PROGRESS&light=RED&sort=rung&order=desc&limit=50`,
    (i: number) => `/v1/tasks?leadUnit=${heads[i % heads.length]!.id}&sort=updatedAt&order=desc&limit=50&offset=50`,
    (i: number) => `/v1/tasks?cycle=${c}&dueMonth=${month(i)}&overdue=false&sort=dueDate&limit=50`,
    () => `/v1/tasks?q=${encodeURIComponent('重点工作')}&state=SUBMITTED&sort=createdAt&order=desc&limit=50&offset=100`,
  ];
  const request = (kind: Kind, i: number): { url: string; token: string } => {
    if (kind === 'list') return { url: lists[i % lists.length]!(i), token: office };
    if (kind === 'inbox') {
      return { url: `/v1/tasks?sort=urgency&limit=50&offset=${(i % 3) * 50}`, token: headTokens[i % heads.length]! };
    }
    return { url: `/v1/cycles/${c}/board?by=${i % 2 ? 'month' : 'goal'}`, token: office };
  };
  const kinds: Kind[] = ['list', 'inbox', 'board'];

  // Over HTTP, against the API process, one request at a time.
  const get = async (port: number, r: { url: string; token: string }) => {
    const res = await fetch(`http://127.0.0.1:${port}${r.url}`, { headers: { authorization: `Bearer ${r.token}` } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`GET ${r.url}: ${res.status} ${body.slice(0, 300)}`);
  };
  const http: Record<Kind, number[]> = { list: [], inbox: [], board: [] };
  for (let i = 0; i < 10; i++) for (const k of kinds) await get(apiPort, request(k, i));
  for (let i = 0; i < opts.samples; i++) {
    for (const k of kinds) {
      t = performance.now();
      await get(apiPort, request(k, i));
      http[k].push(performance.now() - t);
    }
  }

  // In the database: the statements each request issues, under EXPLAIN ANALYZE.
  const captured: Captured[] = [];
  const app = benchApp({ ...stack, db: capturingPool(db, captured) });
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const dbMs: Record<Kind, number[]> = { list: [], inbox: [], board: [] };
  // The task list's database time by variant (its filters and sort), to tell which one is slow.
  const listVariants: number[][] = lists.map(() => []);
  // The slowest single statement on the tasks table per kind of request, in ms.
  const slowest: Record<Kind, number> = { list: 0, inbox: 0, board: 0 };
  try {
    const port = (server.address() as import('node:net').AddressInfo).port;
    for (let i = 0; i < opts.samples; i++) {
      for (const k of kinds) {
        captured.length = 0;
        await get(port, request(k, i));
        let ms = 0;
        for (const q of captured.filter((s) => /^\s*(SELECT|WITH)\b/i.test(s.text))) {
          const { rows } = await db.query<{ 'QUERY PLAN': [{ 'Planning Time': number; 'Execution Time': number }] }>({
            text: `EXPLAIN (ANALYZE, FORMAT JSON) ${q.text}`,
            values: q.values,
          });
          const plan = rows[0]!['QUERY PLAN'][0];
          const one = plan['Planning Time'] + plan['Execution Time'];
          ms += one;
          if (/FROM tasks t/.test(q.text)) slowest[k] = Math.max(slowest[k], Math.round(one * 100) / 100);
        }
        dbMs[k].push(ms);
        if (k === 'list') listVariants[i % lists.length]!.push(ms);
      }
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  const byKind = Object.fromEntries(kinds.map((k) => [k, { http: summary(http[k]), db: summary(dbMs[k]) }]));
  return {
    cycleId: opts.cycleId,
    tasks: all[0]!.n,
    units: all[0]!.units,
    inserted,
    fillSeconds,
    samplesPerKind: opts.samples,
    http: summary(kinds.flatMap((k) => http[k])),
    db: summary(kinds.flatMap((k) => dbMs[k])),
    byKind,
    slowestTaskStatementMs: slowest,
    listVariantsDb: lists.map((l, v) => ({ url: l(0), db: summary(listVariants[v]!) })),
  };
}
