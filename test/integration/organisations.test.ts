import { parseOrganisationFile } from '../../db/org-file';
import { loadCalendarYear, NATIONAL, readWorkingCalendar } from '../../db/queries/calendar';
import { loadOrganisation } from '../../db/queries/load-organisation';
import { addWorkingDays, localDate, workingDaysBetween } from '../../procedures/time/working-days';
import { eventually } from '../support/http';
import { festivalCheck } from '../support/task-bodies';
import { useTestStack, type ApiClient } from '../support/use-test-stack';

/**
 * Two organisations on one deployment (issue 17): each follows its own working-day table where its office loaded
 * one and the national table otherwise, and works with its own task types; neither changes the other's.
 */

/** A second district beside the example's: an office, one town with its head, a responsible leader. */
const HEBEI = `
organisation: { id: hebei, name: 河北区纪委监委 }
units:
  - { id: hebei-office, name: 河北区纪委组织协调室, kind: OFFICE, head: p-hebei-office, leader: p-hebei-leader }
  - { id: hebei-town, name: 河北区北岭镇, kind: TOWN, head: p-hebei-town, leader: p-hebei-leader }
people:
  - { id: p-hebei-office, name: 陆平, unit: hebei-office, title: 主任, roles: [OFFICE] }
  - { id: p-hebei-town, name: 孟凡, unit: hebei-town, title: 党委书记, roles: [UNIT] }
  - { id: p-hebei-leader, name: 邵岩, unit: hebei-office, title: 副区长, roles: [LEADER] }
taskPolicies:
  - type: ROUTINE
    name: 日常督办事项（河北区）
    signForWorkingDays: 3
    extensionDecidedBy: LEADER
  - type: FLOOD_SEASON
    name: 汛期作风督查
    remindWorkingDaysBefore: [2]
`;

/** A local day off of the example district in its own 2027 table, which the national table does not have. */
const LOCAL_HOLIDAY = '2027-03-15'; // a Monday
const districtTable2027 = {
  year: 2027,
  source: '合溪区 2027 年工作日安排（含区庆假日）',
  holidays: [{ date: LOCAL_HOLIDAY, name: '区庆' }],
  workdays: [{ date: '2027-03-20', name: '区庆调休' }], // the Saturday after
};
/** The national 2027 table, loaded by the operator: no local day. */
const national2027 = { year: 2027, source: '测试用全国 2027 年安排', holidays: [], workdays: [] };

describe('organisations side by side', () => {
  const { t, office, unit } = useTestStack({ office: 'p-huang-min', unit: 'p-xie-hua' });
  let hebeiOffice: ApiClient;
  let hebeiUnit: ApiClient;
  /** Working days from today to the day after the local holiday on the national calendar: both start there. */
  let workingDays: number;

  beforeAll(async () => {
    await loadOrganisation(t.db.pool, parseOrganisationFile(HEBEI, 'hebei.yaml'), 'hebei');
    hebeiOffice = await t.as('p-hebei-office');
    hebeiUnit = await t.as('p-hebei-town');
    await loadCalendarYear(t.db.pool, national2027, 'test');
    const today = localDate(new Date());
    const national = await readWorkingCalendar(t.db.pool, NATIONAL, Number(today.slice(0, 4)) - 1, 2028);
    workingDays = workingDaysBetween(national, today, '2027-03-16');
  });

  const dueDateOf = async (client: ApiClient, taskId: string, expected?: string) =>
    eventually(async () => {
      const res = await client('GET', `/v1/tasks/${taskId}`);
      const due = res.body.dueDate as string | undefined;
      return due && (expected === undefined || due === expected) ? due : undefined;
    });
  const expectedDue = async (orgId: string) => {
    const today = localDate(new Date());
    const cal = await readWorkingCalendar(t.db.pool, orgId, Number(today.slice(0, 4)) - 1, 2028);
    return addWorkingDays(cal, today, workingDays);
  };

  it("loads an organisation's own table for its tasks alone, and tells only its running tasks", async () => {
    const ours = await office('POST', '/v1/tasks', { ...festivalCheck, workingDays });
    const theirs = await hebeiOffice('POST', '/v1/tasks', {
      ...festivalCheck,
      leadUnitId: 'hebei-town',
      leaderId: 'p-hebei-leader',
      workingDays,
    });
    expect([ours.status, theirs.status]).toEqual([201, 201]);
    const before = await dueDateOf(office, ours.body.id);
    expect(await dueDateOf(hebeiOffice, theirs.body.id)).toBe(before);
    const openInDistrict = Number(
      (
        await t.db.pool.query(
          "SELECT count(*) AS n FROM tasks WHERE org_id = 'district' AND state NOT IN ('ACCEPTED', 'CANCELLED')",
        )
      ).rows[0].n,
    );

    const loaded = await office('PUT', '/v1/calendar/2027', districtTable2027);

    expect(loaded.status).toBe(200);
    expect(loaded.body).toMatchObject({ changed: true, unsignalled: 0 });
    // The district's open workflows (its tasks and whatever else is open there), never the other district's.
    expect(loaded.body.signalled).toBeGreaterThanOrEqual(openInDistrict);
    const { rows } = await t.db.pool.query("SELECT count(*)::int AS n FROM tasks WHERE org_id <> 'district'");
    expect(rows[0].n).toBe(1);
    // The local day off moves the district's deadline by a working day; the other district keeps the national one.
    const moved = await expectedDue('district');
    expect(moved).not.toBe(before);
    expect(await dueDateOf(office, ours.body.id, moved)).toBe(moved);
    expect(await dueDateOf(hebeiOffice, theirs.body.id)).toBe(before);
    expect(await expectedDue('hebei')).toBe(before);
  });

  it('answers each organisation the table it follows, naming whose it is', async () => {
    const ours = await unit('GET', '/v1/calendar/2027');
    const theirs = await hebeiUnit('GET', '/v1/calendar/2027');

    expect(ours.body).toMatchObject({ scope: 'ORGANISATION', source: districtTable2027.source });
    expect(ours.body.holidays).toEqual(districtTable2027.holidays);
    expect(theirs.body).toMatchObject({ scope: 'NATIONAL', source: national2027.source, holidays: [] });
    expect((await hebeiUnit('GET', '/v1/calendar/2026')).body.scope).toBe('NATIONAL');
  });

  it('leaves the national table as the operator loaded it', async () => {
    const { rows } = await t.db.pool.query("SELECT source FROM calendar_years WHERE org_id = '' AND year = 2027");

    expect(rows).toEqual([{ source: national2027.source }]);
  });

  it("drops an organisation's own table: its tasks follow the national one again", async () => {
    const { rows } = await t.db.pool.query(
      "SELECT id FROM tasks WHERE org_id = 'district' AND time_limit->>'kind' = 'WORKING_DAYS' ORDER BY created_at DESC LIMIT 1",
    );
    const taskId = rows[0].id as string;

    expect((await unit('DELETE', '/v1/calendar/2027')).status).toBe(403);
    const dropped = await office('DELETE', '/v1/calendar/2027');

    expect(dropped.status).toBe(200);
    expect(dropped.body.signalled).toBeGreaterThanOrEqual(1);
    const national = await expectedDue('district');
    expect(national).toBe(await expectedDue('hebei'));
    expect(await dueDateOf(office, taskId, national)).toBe(national);
    expect((await unit('GET', '/v1/calendar/2027')).body).toMatchObject({ scope: 'NATIONAL' });
    const again = await office('DELETE', '/v1/calendar/2027');
    expect(again.status).toBe(404);
    expect(again.type).toMatch(/problem\+json/);
    expect(again.body.detail).toContain('2027');
    const audit = await t.db.pool.query(
      "SELECT action, actor_id, org_id, outcome FROM audit_log WHERE action LIKE 'calendar%' AND object_id = '2027' ORDER BY id",
    );
    expect(audit.rows).toEqual([
      { action: 'calendar.load', actor_id: 'test', org_id: null, outcome: 'DONE' },
      { action: 'calendar.load', actor_id: 'p-huang-min', org_id: 'district', outcome: 'DONE' },
      { action: 'calendar.drop', actor_id: 'p-xie-hua', org_id: 'district', outcome: 'REFUSED' },
      { action: 'calendar.drop', actor_id: 'p-huang-min', org_id: 'district', outcome: 'DONE' },
      { action: 'calendar.drop', actor_id: 'p-huang-min', org_id: 'district', outcome: 'REFUSED' },
    ]);
  });

  it('lists to each organisation the task types it works with', async () => {
    const ours = (await office('GET', '/v1/task-types')).body.items as { type: string; signForWorkingDays: number }[];
    const theirs = (await hebeiOffice('GET', '/v1/task-types')).body.items as typeof ours;

    expect(ours.find((p) => p.type === 'ROUTINE')).toMatchObject({ name: '日常督办事项', signForWorkingDays: 1 });
    expect(theirs.find((p) => p.type === 'ROUTINE')).toMatchObject({
      name: '日常督办事项（河北区）',
      signForWorkingDays: 3,
      extensionDecidedBy: 'LEADER',
    });
    expect(theirs.map((p) => p.type)).toEqual(expect.arrayContaining(['FLOOD_SEASON', 'RECTIFICATION']));
    expect(ours.map((p) => p.type)).not.toContain('FLOOD_SEASON');
  });

  it("assigns a task with its organisation's policy, and refuses another organisation's type", async () => {
    const body = { ...festivalCheck, leadUnitId: 'hebei-town', leaderId: 'p-hebei-leader', workingDays: 10 };
    const routine = await hebeiOffice('POST', '/v1/tasks', { ...body, type: 'ROUTINE' });
    const local = await hebeiOffice('POST', '/v1/tasks', { ...body, type: 'FLOOD_SEASON' });
    const refused = await office('POST', '/v1/tasks', { ...festivalCheck, workingDays: 10, type: 'FLOOD_SEASON' });

    expect([routine.status, local.status]).toEqual([201, 201]);
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'body.type' })]);
    const task = await eventually(async () => {
      const res = await hebeiOffice('GET', `/v1/tasks/${routine.body.id}`);
      return res.status === 200 ? res.body : undefined;
    });
    expect(task).toMatchObject({ typeName: '日常督办事项（河北区）', extensionDecidedBy: 'LEADER' });
    const notice = await eventually(async () => {
      const res = await hebeiUnit('GET', '/v1/inbox?limit=100');
      const items = res.body.items as { kind: string; taskId: string | null; body: string }[] | undefined;
      return items?.find((n) => n.taskId === routine.body.id && n.kind === 'ASSIGNED');
    });
    expect(notice.body).toContain('请于3个工作日内签收');
  });
});
