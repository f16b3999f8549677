import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { OrganisationFileError, parseOrganisationFile, type Organisation } from '../../db/org-file';
import {
  loadOrganisation,
  loadOrganisationFile,
  OrganisationConflictError,
  OrganisationParentError,
} from '../../db/queries/load-organisation';
import { createTestDatabase, type TestDatabase } from '../support/database';

const examplePath = path.join(__dirname, '../../examples/organisation.yaml');
const exampleCounts = { zones: 4, units: 31, people: 55 };

let db: TestDatabase;
let example: Organisation;
let tempDir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  example = parseOrganisationFile(await readFile(examplePath, 'utf8'), examplePath);
  tempDir = await mkdtemp(path.join(os.tmpdir(), 'heli-org-load-'));
});

afterAll(async () => {
  await db.drop();
  await rm(tempDir, { recursive: true, force: true });
});

async function countRows(): Promise<Record<string, number>> {
  const { rows } = await db.pool.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM organisations) AS organisations, (SELECT count(*)::int FROM zones) AS zones,
            (SELECT count(*)::int FROM units) AS units, (SELECT count(*)::int FROM people) AS people,
            (SELECT count(*)::int FROM units WHERE NOT active) + (SELECT count(*)::int FROM people WHERE NOT active)
              AS inactive`,
  );
  return rows[0] ?? {};
}

async function snapshot(): Promise<unknown[]> {
  const tables = ['organisations', 'zones', 'units', 'people'];
  return Promise.all(tables.map(async (t) => (await db.pool.query(`SELECT * FROM ${t} ORDER BY id`)).rows));
}

function withoutVillage(org: Organisation, villageId: string): Organisation {
  return {
    ...org,
    units: org.units.filter((u) => u.id !== villageId),
    people: org.people.filter((p) => p.unitId !== villageId),
  };
}

it('loads the example organisation with all its zones, units and people', async () => {
  const counts = await loadOrganisationFile(db.pool, examplePath);

  expect(counts).toEqual({ ...exampleCounts, deactivated: 0, appointments: 10 });
  expect(await countRows()).toEqual({ organisations: 1, ...exampleCounts, inactive: 0 });
  const { rows } = await db.pool.query('SELECT * FROM organisations');
  const hash = createHash('sha256')
    .update(await readFile(examplePath, 'utf8'))
    .digest('hex');
  expect(rows[0]).toMatchObject({ id: 'district', time_zone: 'Asia/Shanghai', source_hash: hash });
  const village = await db.pool.query("SELECT * FROM units WHERE id = 'village-hekou'");
  expect(village.rows[0]).toMatchObject({ kind: 'VILLAGE', level: 3, parent_id: 'town-liuhe', group_member: false });
  const leader = await db.pool.query("SELECT roles, unit_id FROM people WHERE id = 'p-qian-yong'");
  expect(leader.rows[0]).toEqual({ roles: ['UNIT', 'LEADER'], unit_id: 'town-qingshi' });
});

it('changes nothing when the same file is loaded again', async () => {
  await loadOrganisationFile(db.pool, examplePath);
  const before = await snapshot();

  const counts = await loadOrganisationFile(db.pool, examplePath);

  expect(counts).toEqual({ ...exampleCounts, deactivated: 0, appointments: 0 });
  expect(await countRows()).toEqual({ organisations: 1, ...exampleCounts, inactive: 0 });
  const [organisations, ...rest] = await snapshot();
  const [organisationsBefore, ...restBefore] = before;
  expect(rest).toEqual(restBefore);
  expect(organisations).toEqual(
    (organisationsBefore as object[]).map((o) => ({ ...o, loaded_at: expect.any(Date) as unknown })),
  );
});

it('marks a unit and its people inactive when the file drops them, and active again when they return', async () => {
  await loadOrganisation(db.pool, example, 'full');

  const counts = await loadOrganisation(db.pool, withoutVillage(example, 'village-hekou'), 'without-hekou');

  expect(counts).toEqual({ zones: 4, units: 30, people: 54, deactivated: 2, appointments: 0 });
  const hekou = await db.pool.query("SELECT active FROM units WHERE id = 'village-hekou'");
  const head = await db.pool.query("SELECT active FROM people WHERE id = 'p-lu-shuigen'");
  expect([hekou.rows[0], head.rows[0]]).toEqual([{ active: false }, { active: false }]);
  expect(await countRows()).toMatchObject({ units: exampleCounts.units, people: exampleCounts.people, inactive: 2 });

  await loadOrganisation(db.pool, example, 'full');
  expect(await countRows()).toMatchObject({ units: exampleCounts.units, people: exampleCounts.people, inactive: 0 });
});

it('leaves the loaded organisation unchanged when a file does not validate', async () => {
  await loadOrganisationFile(db.pool, examplePath);
  const before = await snapshot();
  const badPath = path.join(tempDir, 'bad.yaml');
  const text = await readFile(examplePath, 'utf8');
  await writeFile(badPath, text.replace('name: 区财政局', 'name: 区财政局\n    colour: red'));

  await expect(loadOrganisationFile(db.pool, badPath)).rejects.toThrow(OrganisationFileError);

  expect(await snapshot()).toEqual(before);
});

it('refuses ids that belong to another organisation and leaves both unchanged', async () => {
  await loadOrganisation(db.pool, example, 'full');
  const before = await snapshot();
  const other: Organisation = {
    id: 'other-district',
    name: '另一区纪委监委',
    timeZone: 'Asia/Shanghai',
    taskPolicies: [],
    zones: [],
    units: [
      {
        id: 'town-dongguan',
        name: '东关街道',
        kind: 'TOWN',
        level: 2,
        parentId: null,
        zoneId: null,
        agency: null,
        headId: 'p-other',
        leaderId: 'p-other',
        groupMember: false,
      },
    ],
    people: [
      {
        id: 'p-other',
        name: '王五',
        unitId: 'town-dongguan',
        title: '',
        roles: ['OFFICE', 'LEADER'],
        majorCaseGroup: false,
      },
    ],
  };

  const loading = loadOrganisation(db.pool, other, 'other');

  await expect(loading).rejects.toThrow(OrganisationConflictError);
  await expect(loading).rejects.toThrow('unit "town-dongguan" belongs to organisation "district"');
  expect(await snapshot()).toEqual(before);
});

it('rolls back everything when the database rejects the organisation at commit', async () => {
  await loadOrganisation(db.pool, example, 'full');
  const before = await snapshot();
  // Bypasses file validation: a person in a unit that does not exist fails the deferred foreign key at COMMIT.
  const broken: Organisation = {
    ...withoutVillage(example, 'village-hekou'),
    name: '改名后的区',
    people: [
      ...example.people.filter((p) => p.unitId !== 'village-hekou'),
      { id: 'p-ghost', name: '无名', unitId: 'nowhere', title: '', roles: ['UNIT'], majorCaseGroup: false },
    ],
  };

  await expect(loadOrganisation(db.pool, broken, 'broken')).rejects.toThrow(/foreign key/);

  expect(await snapshot()).toEqual(before);
});

/** A one-office organisation `id`, reporting to `parent` when given (ids prefixed with `id`, so they never clash). */
const smallOrganisation = (id: string, parent?: string) =>
  [
    `organisation: { id: ${id}, name: ${id}纪委监委${parent ? `, parent: ${parent}` : ''} }`,
    'units:',
    `  - { id: ${id}-office, name: 组织协调室, kind: OFFICE, head: p-${id}, leader: p-${id} }`,
    'people:',
    `  - { id: p-${id}, name: 王立, unit: ${id}-office, roles: [OFFICE, LEADER] }`,
  ].join('\n') + '\n';
const parentOf = async (id: string) =>
  (await db.pool.query('SELECT parent_id FROM organisations WHERE id = $1', [id])).rows[0]?.parent_id as unknown;

describe('the higher level an organisation reports to (parent)', () => {
  const load = (id: string, parent?: string) =>
    loadOrganisation(db.pool, parseOrganisationFile(smallOrganisation(id, parent), `${id}.yaml`), id);

  it('records the parent a district names, and clears it when the file no longer names one', async () => {
    await load('city-a');
    await load('district-a', 'city-a');
    expect(await parentOf('district-a')).toBe('city-a');

    await load('district-a');
    expect(await parentOf('district-a')).toBeNull();
  });

  it('refuses a parent that is not loaded, at the line of `parent`, and loads nothing', async () => {
    const file = path.join(tempDir, 'orphan.yaml');
    await writeFile(file, smallOrganisation('orphan', 'nowhere-city'));
    const before = await snapshot();

    const loading = loadOrganisationFile(db.pool, file);

    await expect(loading).rejects.toThrow(OrganisationFileError);
    await expect(loading).rejects.toThrow(
      `${file}:1:47 organisation.parent: parent organisation "nowhere-city" is not loaded; load its organisation file first`,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a cycle (a under b under a), however long, and leaves both as they were', async () => {
    await load('cycle-a');
    await load('cycle-b', 'cycle-a');
    await load('cycle-c', 'cycle-b');
    const before = await snapshot();

    await expect(load('cycle-a', 'cycle-b')).rejects.toThrow(OrganisationParentError);
    await expect(load('cycle-a', 'cycle-c')).rejects.toThrow(
      'parent organisation "cycle-c" already reports to this organisation (cycle-a → cycle-c → cycle-b → cycle-a)',
    );
    expect(await snapshot()).toEqual(before);
  });
});
