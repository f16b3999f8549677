import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { apiClient } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * The README's "Who may do what" table, read as the user reads it and checked against the live API, so that the two
 * cannot drift: each row is tried by every person of every column, through the requests below (every one of a row's
 * requests must answer as its cell says).
 */
type Answer = 'yes' | '403' | '404' | '409';
type Client = ReturnType<typeof apiClient>;

/** Who each column's words name: the task under test is led by village-hekou, co-organised by town-dongguan. */
const COLUMNS: Record<string, Record<string, string>> = {
  office: { office: 'p-huang-min' },
  'unit (head/staff)': { lead: 'p-lu-shuigen', co: 'p-xie-hua', other: 'p-han-bing' },
  // own: responsible leader of village-hekou; task's: the task's leader; other: responsible leader of another village.
  leader: { own: 'p-fang-liang', "task's": 'p-zhao-zhiqiang', other: 'p-shi-jia' },
  group: { group: 'p-li-jianguo' },
  observer: { observer: 'p-bai-xue' },
  // Staff of an enforcement body (区公安分局经侦大队): a party to case collaboration (移送) only.
  enforcement: { enforcement: 'p-ding-rui' },
};

interface Request {
  method: string;
  path: string;
  body?: unknown;
}
type Stage = 'ASSIGNED' | 'SIGNED' | 'EXTENSION_PENDING';
interface Fixtures {
  /** A new task of `type` in `stage` (each call its own, so that one success does not change the next try). */
  task: (stage: Stage, type?: 'ROUTINE' | 'LEADER_INSTRUCTION') => Promise<string>;
  cycle: () => Promise<string>;
  bulletin: () => Promise<string>;
}
type Probe = (f: Fixtures) => Promise<Request[]>;

const year = new Date().getUTCFullYear();
const taskBody = (type: string) => ({
  title: '村级小微权力清单落实情况整改',
  type,
  leadUnitId: 'village-hekou',
  coUnitIds: ['town-dongguan'],
  leaderId: 'p-zhao-zhiqiang',
  requirements: '对照清单逐项整改',
  standard: '整改台账经镇纪委审核',
  dueDate: `${year + 1}-05-31`,
});
const extension = { reason: '需补充调查', proposedDate: `${year + 1}-06-30`, progress: '过半' };
const get = (...paths: string[]): Request[] => paths.map((path) => ({ method: 'GET', path }));
const onTask =
  (stage: Stage, verb: string, body: unknown, type?: 'ROUTINE' | 'LEADER_INSTRUCTION'): Probe =>
  async ({ task }) => [{ method: 'POST', path: `/v1/tasks/${await task(stage, type)}/${verb}`, body }];

/** The requests that try each row of the table, by the row's first cell. */
const PROBES: Record<string, Probe> = {
  'read units, people, `/v1/me`, calendars, task types, their own inbox': async () =>
    get('/v1/units', '/v1/people', '/v1/me', `/v1/calendar/${year}`, '/v1/task-types', '/v1/inbox'),
  'create a task, generate a bulletin, load a calendar table': async () => [
    { method: 'POST', path: '/v1/tasks', body: taskBody('ROUTINE') },
    { method: 'POST', path: '/v1/bulletins', body: { from: `${year}-11-01`, to: `${year}-11-30` } },
    {
      method: 'PUT',
      path: `/v1/calendar/${year + 1}`,
      body: { year: year + 1, source: '测试', holidays: [{ date: `${year + 1}-10-01`, name: '国庆节' }], workdays: [] },
    },
  ],
  'list tasks, meetings, inspection rounds, cases, cycles, bulletins (what they see)': async () =>
    get('/v1/tasks', '/v1/meetings', '/v1/inspections', '/v1/cases', '/v1/cycles', '/v1/bulletins'),
  'read a task': async ({ task }) => get(`/v1/tasks/${await task('ASSIGNED')}`),
  'accept, return, cancel, reassign a task; let the lead unit submit before its co-units': async (f) => [
    ...(await onTask('ASSIGNED', 'cancel', { reason: '测试撤销' })(f)),
    ...(await onTask('SIGNED', 'co-report-override', { reason: '协办单位已口头反馈' })(f)),
  ],
  'sign for, report progress, submit, request an extension': async (f) => [
    ...(await onTask('ASSIGNED', 'sign', {})(f)),
    ...(await onTask('SIGNED', 'extension', extension)(f)),
  ],
  "report a co-organising unit's part": onTask('SIGNED', 'co-report', { text: '已配合完成' }),
  'decide an extension the office decides (task types but `LEADER_INSTRUCTION`)': onTask(
    'EXTENSION_PENDING',
    'extension-decision',
    { approve: true },
  ),
  "decide an extension the task's leader decides (`LEADER_INSTRUCTION`)": onTask(
    'EXTENSION_PENDING',
    'extension-decision',
    { approve: true },
    'LEADER_INSTRUCTION',
  ),
  'comment on a task': onTask('ASSIGNED', 'comments', { text: '请加快进度' }),
  'read a cycle, a bulletin': async ({ cycle, bulletin }) =>
    get(`/v1/cycles/${await cycle()}`, `/v1/bulletins/${await bulletin()}`),
  'read the overview: who is late, what awaits a decision (`/v1/overview`)': async () => get('/v1/overview'),
  'read the roll-up of the organisations under theirs (`/v1/rollup`)': async () => get('/v1/rollup'),
  "set or read a unit's webhook, read the audit log": async () => [
    { method: 'PUT', path: '/v1/units/town-dongguan/webhook', body: { url: 'https://hooks.example.org/heli' } },
    ...get('/v1/units/town-dongguan/webhook', '/v1/audit'),
  ],
};

/** The rows of the first table under "## Who may do what": its action, and each column's cell. */
function readmeTable(): { action: string; cells: Record<string, string> }[] {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Who may do what'));
  const lines = section.split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const table = lines.slice(
    first,
    lines.findIndex((l, i) => i > first && !l.startsWith('|')),
  );
  const split = (line: string) =>
    line
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim());
  const [header, , ...rows] = table.map(split);
  return rows.map((row) => ({
    action: row[0]!,
    cells: Object.fromEntries(header!.slice(1).map((column, i) => [column, row[i + 1]!])),
  }));
}

/** A cell as answers per person: `403` for every person of the column, or `lead: yes · co: 403 · other: 404`. */
function answersIn(column: string, cell: string): [string, Answer][] {
  const people = COLUMNS[column];
  if (!people) throw new Error(`the README's table has a column the test does not know: ${column}`);
  const answer = (text: string): Answer => {
    if (!['yes', '403', '404', '409'].includes(text)) throw new Error(`not an answer: ${text} (${column})`);
    return text as Answer;
  };
  if (!cell.includes(':')) return Object.values(people).map((person) => [person, answer(cell)]);
  return cell.split('·').map((clause) => {
    const [who, said] = clause.split(':').map((x) => x.trim());
    const person = people[who!];
    if (!person) throw new Error(`the README names someone the test does not know in ${column}: ${who}`);
    return [person, answer(said!)];
  });
}

const ROWS = readmeTable();
const CASES = ROWS.flatMap(({ action, cells }) =>
  Object.entries(cells).flatMap(([column, cell]) =>
    answersIn(column, cell).map(([person, answer]) => [action, person, answer] as const),
  ),
);

describe("the README's table of who may do what", () => {
  let t: TestStack;
  const clients = new Map<string, Client>();
  let fixtures: Fixtures;
  const as = async (person: string) => {
    if (!clients.has(person)) clients.set(person, await t.as(person));
    return clients.get(person)!;
  };

  beforeAll(async () => {
    t = await startTestStack();
    const call = async (person: string, method: string, path: string, body?: unknown) => {
      const res = await (await as(person))(method, path, body);
      if (res.status >= 300) throw new Error(`preparing: ${method} ${path} as ${person} answered ${res.status}`);
      return res.body;
    };
    const office = COLUMNS.office!.office!;
    const lead = COLUMNS['unit (head/staff)']!.lead!;
    const task = async (stage: Stage, type: 'ROUTINE' | 'LEADER_INSTRUCTION' = 'ROUTINE') => {
      const id = (await call(office, 'POST', '/v1/tasks', taskBody(type))).id as string;
      if (stage !== 'ASSIGNED') await call(lead, 'POST', `/v1/tasks/${id}/sign`, {});
      if (stage === 'EXTENSION_PENDING') await call(lead, 'POST', `/v1/tasks/${id}/extension`, extension);
      return id;
    };
    let cycleId: Promise<string> | undefined;
    let bulletinId: Promise<string> | undefined;
    fixtures = {
      task,
      cycle: () => (cycleId ??= call(office, 'POST', '/v1/cycles', { year }).then((c) => c.id as string)),
      bulletin: () =>
        (bulletinId ??= call(office, 'POST', '/v1/bulletins', { from: `${year}-11-01`, to: `${year}-11-30` }).then(
          (b) => b.id as string,
        )),
    };
  }, 120_000);

  afterAll(() => t?.stop(), 60_000);

  it('has a way to try every row, and the test tries no row the README does not have', () => {
    expect(ROWS.map((r) => r.action).sort()).toEqual(Object.keys(PROBES).sort());
  });

  it.each(CASES)('%s, as %s: %s', async (action, person, answer) => {
    const probe = PROBES[action];
    if (!probe) throw new Error(`no way to try the README's row: ${action}`);
    const client = await as(person);

    const answered: string[] = [];
    for (const { method, path, body } of await probe(fixtures)) {
      const { status } = await client(method, path, body);
      answered.push(`${method} ${path.replace(/\/v1\/(tasks|cycles|bulletins)\/[^/]+/, '/v1/$1/{id}')}: ${status}`);
    }

    const expected = { yes: /: 2\d\d$/, '403': /: 403$/, '404': /: 404$/, '409': /: 409$/ }[answer];
    expect(answered.filter((a) => !expected.test(a))).toEqual([]);
  });
});
