import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OrganisationFileError, parseOrganisationFile } from '../../db/org-file';
import { fileProblemsKit } from '../support/file-problems';

const examplePath = path.join(__dirname, '../../examples/organisation.yaml');

// A small valid file; each test changes a line or two and expects the problem at that line.
const validLines = [
  'organisation: { id: district, name: 合溪区纪委监委 }', // 1
  'zones:', // 2
  '  - { id: zone-1, name: 第一协作区 }', // 3
  'units:', // 4
  '  - id: office', // 5
  '    name: 区纪委监委组织协调室', // 6
  '    kind: OFFICE', // 7
  '    head: p-huang', // 8
  '    leader: p-zhao', // 9
  '  - id: town-a', // 10
  '    name: 东关街道', // 11
  '    kind: TOWN', // 12
  '    zone: zone-1', // 13
  '    head: p-xie', // 14
  '    leader: p-zhao', // 15
  'people:', // 16
  '  - { id: p-zhao, name: 赵志强, unit: office, roles: [LEADER] }', // 17
  '  - { id: p-huang, name: 黄敏, unit: office, roles: [OFFICE] }', // 18
  '  - { id: p-xie, name: 谢华, unit: town-a, roles: [UNIT] }', // 19
];

const { fileWith, problemsOf } = fileProblemsKit(validLines, parseOrganisationFile, OrganisationFileError);
const problem = (line: number, column: number, path: string, message: string) => ({ line, column, path, message });

describe('the example organisation file', () => {
  const organisation = parseOrganisationFile(readFileSync(examplePath, 'utf8'), 'examples/organisation.yaml');
  const unitsOfKind = (kind: string) => organisation.units.filter((u) => u.kind === kind);

  it('has 12 towns/streets and 10 departments in 4 collaboration zones', () => {
    expect(unitsOfKind('TOWN')).toHaveLength(12);
    expect(unitsOfKind('DEPARTMENT')).toHaveLength(10);
    expect(organisation.zones).toHaveLength(4);
    expect([...unitsOfKind('TOWN'), ...unitsOfKind('DEPARTMENT')].every((u) => u.zoneId !== null)).toBe(true);
  });

  it('has an enforcement or audit body as the liaison of each zone, and the major-case coordination group', () => {
    const bodies = unitsOfKind('ENFORCEMENT');
    expect(bodies.map((u) => u.agency).sort()).toEqual(['AUDIT', 'COURT', 'POLICE', 'PROCURATORATE']);
    expect(new Set(bodies.map((u) => u.zoneId))).toEqual(new Set(organisation.zones.map((z) => z.id)));
    const staff = organisation.people.filter((p) => p.roles.includes('ENFORCEMENT'));
    expect(new Set(staff.map((p) => p.unitId))).toEqual(new Set(bodies.map((u) => u.id)));
    const group = organisation.people.filter((p) => p.majorCaseGroup).map((p) => p.unitId);
    expect(group).toEqual(expect.arrayContaining(['group', 'enf-police', 'enf-procuratorate', 'enf-court']));
  });

  it('has one coordination office and a leadership group with 21 member units', () => {
    expect(unitsOfKind('OFFICE')).toHaveLength(1);
    expect(unitsOfKind('GROUP')).toHaveLength(1);
    expect(organisation.units.filter((u) => u.groupMember)).toHaveLength(21);
  });

  it('gives every unit a head of its own and a responsible leader with the LEADER role', () => {
    const people = new Map(organisation.people.map((p) => [p.id, p]));
    for (const unit of organisation.units) {
      expect(people.get(unit.headId)?.unitId).toBe(unit.id);
      expect(people.get(unit.leaderId)?.roles).toContain('LEADER');
    }
  });

  it('places villages at level 3 under a town, and fills in levels from kinds', () => {
    const towns = new Set(unitsOfKind('TOWN').map((u) => u.id));
    expect(unitsOfKind('VILLAGE').length).toBeGreaterThanOrEqual(2);
    for (const village of unitsOfKind('VILLAGE')) {
      expect(village.level).toBe(3);
      expect(towns.has(village.parentId ?? '')).toBe(true);
    }
    expect(unitsOfKind('OFFICE')[0]?.level).toBe(1);
    expect(unitsOfKind('TOWN')[0]?.level).toBe(2);
  });

  it('has office staff and observers', () => {
    expect(organisation.people.filter((p) => p.roles.includes('OFFICE')).length).toBeGreaterThanOrEqual(2);
    expect(organisation.people.filter((p) => p.roles.includes('OBSERVER')).length).toBeGreaterThanOrEqual(2);
    expect(organisation.timeZone).toBe('Asia/Shanghai');
  });

  it('has a supervision network in three levels, every observer appointed, one of them retired', () => {
    const observers = organisation.people.filter((p) => p.roles.includes('OBSERVER'));
    expect(observers.every((p) => p.network)).toBe(true);
    const byLevel = (level: string) => observers.filter((p) => p.network?.level === level).length;
    expect([byLevel('DISTRICT'), byLevel('TOWN'), byLevel('VILLAGE')]).toEqual([4, 3, 3]);
    expect(observers.filter((p) => p.network?.retired).map((p) => p.id)).toEqual(['p-wu-gang']);
  });
});

describe('a bad organisation file', () => {
  it('is accepted when nothing is wrong with it (the baseline for the tests below)', () => {
    const organisation = parseOrganisationFile(fileWith({}), 'test.yaml');
    expect(organisation.units.map((u) => [u.id, u.level, u.groupMember])).toEqual([
      ['office', 1, false],
      ['town-a', 2, false],
    ]);
    expect(organisation.people[0]).toEqual({
      id: 'p-zhao',
      name: '赵志强',
      unitId: 'office',
      title: '',
      roles: ['LEADER'],
      majorCaseGroup: false,
    });
  });

  it('is rejected for an enforcement unit without its agency, and an agency on another kind', () => {
    const problems = problemsOf(fileWith({ 12: '    kind: ENFORCEMENT', 7: '    kind: OFFICE\n    agency: POLICE' }));
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['units[0].agency', 'units[1].agency']));
    expect(problems.find((p) => p.path === 'units[1].agency')?.message).toContain('agency');
  });

  it('reads where notices reach a person, and names a bad e-mail and mobile at once', () => {
    const reached = fileWith({
      19: '  - { id: p-xie, name: 谢华, unit: town-a, roles: [UNIT], contact: { email: xie.hua@example.gov.cn, mobile: "13800001234" } }',
    });
    expect(parseOrganisationFile(reached, 'test.yaml').people[2]?.contact).toEqual({
      email: 'xie.hua@example.gov.cn',
      mobile: '13800001234',
    });
    const bad = fileWith({
      19: '  - { id: p-xie, name: 谢华, unit: town-a, roles: [UNIT], contact: { email: xie-hua, mobile: "138-0000", fax: "1" } }',
    });
    expect(problemsOf(bad).map((p) => p.path)).toEqual([
      'people[2].contact.email',
      'people[2].contact.mobile',
      'people[2].contact.fax',
    ]);
  });

  it('reads a network appointment, and refuses one on a non-observer or with an area that does not fit its level', () => {
    const appointed = fileWith({
      19: '  - { id: p-xie, name: 谢华, unit: town-a, roles: [OBSERVER], network: { kind: INFORMANT, level: TOWN, area: town-a, from: 2026-01-01, to: 2028-12-31 } }',
    });
    expect(parseOrganisationFile(appointed, 'test.yaml').people[2]?.network).toEqual({
      kind: 'INFORMANT',
      level: 'TOWN',
      areaUnitId: 'town-a',
      termFrom: '2026-01-01',
      termTo: '2028-12-31',
      retired: null,
    });
    const bad = fileWith({
      17: '  - { id: p-zhao, name: 赵志强, unit: office, roles: [LEADER], network: { kind: DEPUTY, level: DISTRICT, area: town-a, from: 2026-01-01, to: 2028-12-31 } }',
      19: '  - { id: p-xie, name: 谢华, unit: town-a, roles: [OBSERVER], network: { kind: INFORMANT, level: VILLAGE, area: town-a, from: 2026-01-01, to: 2025-12-31 } }',
    });
    expect(problemsOf(bad).map((p) => [p.path, p.message])).toEqual([
      ['people[0].network', 'only an OBSERVER may be appointed to the network'],
      ['people[0].network.area', 'a district-level member has no area'],
      ['people[2].network.area', '"town-a" is not a VILLAGE unit'],
      ['people[2].network.to', 'the term cannot end before it begins'],
    ]);
  });

  it('is rejected for the ENFORCEMENT role outside an enforcement unit, and UNIT inside one', () => {
    expect(problemsOf(fileWith({ 19: '  - { id: p-xie, name: 谢华, unit: town-a, roles: [ENFORCEMENT] }' }))).toEqual([
      problem(
        19,
        42,
        'people[2].roles',
        'the ENFORCEMENT role belongs to people of an enforcement or audit unit; "town-a" is not one',
      ),
    ]);
    const enforcementTown = fileWith({ 12: '    kind: ENFORCEMENT\n    agency: AUDIT' });
    expect(problemsOf(enforcementTown).map((p) => p.message)).toEqual([
      'people of an enforcement or audit unit cannot hold the UNIT or OFFICE role',
    ]);
  });

  it("carries the organisation's own task types, with the defaults filled in", () => {
    const text = fileWith({
      19: validLines[18] + '\ntaskPolicies:\n  - { type: ROUTINE, name: 日常督办（本区）, signForWorkingDays: 3 }',
    });
    expect(parseOrganisationFile(text, 'test.yaml').taskPolicies).toEqual([
      {
        type: 'ROUTINE',
        name: '日常督办（本区）',
        signForWorkingDays: 3,
        remindWorkingDaysBefore: [3, 1],
        yellowWithinWorkingDays: 3,
        progressEveryWorkingDays: null,
        escalation: { l2AfterWorkingDays: 3, l3AfterWorkingDays: 10 },
        extensionDecidedBy: 'OFFICE',
        pause: { defaultWorkingDays: 20, maxWorkingDays: 60 },
        requireEvidence: false,
        severityStartRung: { DISTRICT: 2, MUNICIPAL: 2, PROVINCIAL: 3 },
      },
    ]);
    expect(parseOrganisationFile(fileWith({}), 'test.yaml').taskPolicies).toEqual([]);
  });

  it('is rejected for a task type listed twice or a policy that breaks a rule, each at its line', () => {
    const text = fileWith({
      19:
        validLines[18] +
        '\ntaskPolicies:' +
        '\n  - { type: ROUTINE, name: 日常督办 }' +
        '\n  - { type: ROUTINE, name: 又一个, signForWorkingDays: 0 }',
    });
    const problems = problemsOf(text);
    expect(problems.map((p) => [p.line, p.path])).toEqual([
      [20, 'taskPolicies'],
      [22, 'taskPolicies[1].signForWorkingDays'],
    ]);
    expect(problems[0]!.message).toBe('lists a task type twice');
    expect(problemsOf(text, 'zh')[0]!.message).toBe('任务类型重复列出');
  });

  it('reads the higher level the organisation reports to (`parent`), none when it names none', () => {
    const city = parseOrganisationFile(
      fileWith({ 1: 'organisation: { id: district, name: 合溪区纪委监委, parent: city }' }),
      't.yaml',
    );
    expect(city.parentId).toBe('city');
    expect(parseOrganisationFile(fileWith({}), 't.yaml').parentId).toBeNull();
  });

  it('is rejected when the organisation names itself as its parent', () => {
    const problems = problemsOf(
      fileWith({ 1: 'organisation:\n  id: district\n  name: 合溪区纪委监委\n  parent: district' }),
    );
    expect(problems).toEqual([
      { line: 4, column: 3, path: 'organisation.parent', message: 'an organisation cannot be its own parent' },
    ]);
  });

  it('is rejected for an unknown field, naming the field and its line', () => {
    const problems = problemsOf(fileWith({ 13: '    colour: red' }));
    expect(problems).toEqual([{ line: 13, column: 5, path: 'units[1].colour', message: 'unknown field' }]);
  });

  it('says each problem in Chinese too', () => {
    const problems = problemsOf(fileWith({ 13: '    colour: red', 15: '    leader: p-nobody' }), 'zh');
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['units[1].colour', '不允许的字段'],
      ['units[1].leader', '没有编号为“p-nobody”的人员'],
    ]);
  });

  it('is rejected for a unit kind that does not exist, listing the allowed kinds', () => {
    const problems = problemsOf(fileWith({ 12: '    kind: STREET' }));
    expect(problems).toEqual([
      {
        line: 12,
        column: 5,
        path: 'units[1].kind',
        message: 'expected one of OFFICE|DEPARTMENT|TOWN|VILLAGE|GROUP|ENFORCEMENT',
      },
    ]);
  });

  it('is rejected for a missing required field, pointing at the entry that lacks it', () => {
    const problems = problemsOf(fileWith({ 14: '' }));
    expect(problems).toEqual([{ line: 10, column: 5, path: 'units[1].head', message: 'required field is missing' }]);
  });

  it('is rejected for a reference to a zone that does not exist', () => {
    const problems = problemsOf(fileWith({ 13: '    zone: zone-9' }));
    expect(problems).toEqual([{ line: 13, column: 5, path: 'units[1].zone', message: 'no zone with id "zone-9"' }]);
  });

  it('is rejected for a person in a unit that does not exist', () => {
    const problems = problemsOf(fileWith({ 19: '  - { id: p-xie, name: 谢华, unit: town-b, roles: [UNIT] }' }));
    expect(problems).toContainEqual(problem(19, 28, 'people[2].unit', 'no unit with id "town-b"'));
  });

  it('is rejected for a duplicate id, naming the first use', () => {
    const problems = problemsOf(fileWith({ 18: '  - { id: p-zhao, name: 黄敏, unit: office, roles: [OFFICE] }' }));
    expect(problems).toContainEqual(problem(18, 7, 'people[1].id', 'duplicate id "p-zhao", already used by people[0]'));
  });

  it('is rejected when a head belongs to another unit or a leader lacks the LEADER role', () => {
    const problems = problemsOf(fileWith({ 14: '    head: p-huang', 15: '    leader: p-xie' }));
    expect(problems).toEqual([
      { line: 14, column: 5, path: 'units[1].head', message: '"p-huang" belongs to unit "office", not to this unit' },
      { line: 15, column: 5, path: 'units[1].leader', message: '"p-xie" does not have the LEADER role' },
    ]);
  });

  it('is rejected when a village has no town above it or a level contradicts the kind', () => {
    const problems = problemsOf(fileWith({ 12: '    kind: VILLAGE', 13: '    level: 2' }));
    expect(problems.map((p) => [p.line, p.path])).toEqual([
      [10, 'units[1].parent'],
      [13, 'units[1].level'],
    ]);
  });

  it('is rejected without a coordination office or with two of them', () => {
    expect(problemsOf(fileWith({ 7: '    kind: DEPARTMENT' }))).toContainEqual(
      expect.objectContaining({ line: 4, path: 'units', message: expect.stringContaining('no unit of kind OFFICE') }),
    );
    expect(problemsOf(fileWith({ 12: '    kind: OFFICE' }))).toContainEqual(
      expect.objectContaining({ line: 12, path: 'units[1].kind', message: expect.stringContaining('second OFFICE') }),
    );
  });

  it('is rejected for a badly formed id', () => {
    const problems = problemsOf(fileWith({ 3: '  - { id: Zone_1, name: 第一协作区 }', 13: '    zone: Zone_1' }));
    expect(problems.map((p) => [p.line, p.path])).toEqual([
      [3, 'zones[0].id'],
      [13, 'units[1].zone'],
    ]);
  });

  it('is rejected for a YAML syntax error, with its line and column', () => {
    const problems = problemsOf(fileWith({ 17: '  - { id: p-zhao, name: 赵志强, unit: office, roles: [LEADER }' }));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toEqual(expect.objectContaining({ line: 17, path: '(yaml)' }));
  });

  it('is rejected when empty, saying what the file should hold', () => {
    expect(problemsOf('')).toEqual([
      { line: 1, column: 1, path: '(file)', message: 'expected a mapping with organisation, zones, units, people' },
    ]);
  });

  it('still checks references in an entry that has a shape problem', () => {
    const problems = problemsOf(fileWith({ 12: '    kind: town', 15: '    leader: p-nobody' }));
    expect(problems.map((p) => [p.line, p.path, p.message])).toEqual([
      [12, 'units[1].kind', 'expected one of OFFICE|DEPARTMENT|TOWN|VILLAGE|GROUP|ENFORCEMENT'],
      [15, 'units[1].leader', 'no person with id "p-nobody"'],
    ]);
  });

  it('reports every problem at once, in file order, in the error message too', () => {
    const text = fileWith({
      7: '    kind: office',
      13: '    zone: zone-9',
      19: '  - { id: p-xie, name: "", unit: town-a, roles: [UNIT] }',
    });
    let error: unknown;
    try {
      parseOrganisationFile(text, 'test.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OrganisationFileError);
    const { problems, message } = error as OrganisationFileError;
    expect(problems.map((p) => [p.line, p.path])).toEqual([
      [4, 'units'],
      [7, 'units[0].kind'],
      [13, 'units[1].zone'],
      [19, 'people[2].name'],
    ]);
    expect(message).toContain('test.yaml:7:5 units[0].kind: expected one of OFFICE|');
    expect(message).toContain('test.yaml:13:5 units[1].zone: no zone with id "zone-9"');
    expect(message).toContain('test.yaml:19:18 people[2].name: must not be empty');
    expect(message.split('\n')).toHaveLength(5);
  });
});
