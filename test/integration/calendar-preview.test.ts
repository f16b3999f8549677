import { addCalendarDays } from '../../procedures/time/working-days';
import { eventually } from '../support/http';
import { festivalCheck } from '../support/task-bodies';
import { useTestStack } from '../support/use-test-stack';

/** The impact preview of a working-day table (issue 22): draft → preview → load, nothing stored by the preview. */
describe('a working-day table previewed before it is loaded', () => {
  const { office, unit } = useTestStack({ office: 'p-huang-min', unit: 'p-xie-hua' });
  let taskId: string;
  let dueDate: string;

  beforeAll(async () => {
    const created = await office('POST', '/v1/tasks', { ...festivalCheck, workingDays: 10 });
    expect(created.status).toBe(201);
    taskId = created.body.id;
    dueDate = await eventually(async () => (await office('GET', `/v1/tasks/${taskId}`)).body.dueDate ?? undefined);
  });

  /** The table of the deadline's year as the organisation follows it now, with the deadline made a day off. */
  const withDueOff = async () => {
    const year = Number(dueDate.slice(0, 4));
    const now = await office('GET', `/v1/calendar/${year}`);
    const holidays = now.status === 200 ? (now.body.holidays as { date: string; name: string }[]) : [];
    const workdays = now.status === 200 ? (now.body.workdays as { date: string; name: string }[]) : [];
    return {
      year,
      source: '区委区政府通知（预览）',
      holidays: [...holidays, { date: dueDate, name: '本区调休' }],
      workdays,
    };
  };

  it('lists the running tasks whose deadline it moves, with the sentences, and stores nothing', async () => {
    const table = await withDueOff();
    const before = await office('GET', `/v1/calendar/${table.year}`);

    const res = await office('POST', `/v1/calendar/${table.year}/preview`, table);

    expect(res.status).toBe(200);
    const mine = (res.body.tasks as { taskId: string; changes: string[] }[]).find((x) => x.taskId === taskId);
    expect(mine).toBeDefined();
    // The deadline is a day off now: the limit's last working day is a later one.
    const moved = /^工作时限由(\d{4}-\d\d-\d\d)改为(\d{4}-\d\d-\d\d)$/.exec(mine!.changes[0]!);
    expect(moved?.[1]).toBe(dueDate);
    expect(moved![2]! > dueDate).toBe(true);
    expect(moved![2]! <= addCalendarDays(dueDate, 4)).toBe(true);
    expect(mine!.changes.slice(1).join()).toContain('二级督办时间由');
    expect(res.body.total).toBeGreaterThanOrEqual(1);
    const after = await office('GET', `/v1/calendar/${table.year}`);
    expect(after.status).toBe(before.status);
    expect(after.body.scope).toBe(before.body.scope);
    expect((await office('GET', `/v1/tasks/${taskId}`)).body.dueDate).toBe(dueDate);
  });

  it('lists nothing for a table that moves no running task', async () => {
    const table = await withDueOff();
    const unchanged = { ...table, holidays: table.holidays.filter((d) => d.date !== dueDate) };

    const res = await office('POST', `/v1/calendar/${table.year}/preview`, unchanged);

    expect(res.status).toBe(200);
    expect((res.body.tasks as { taskId: string }[]).map((x) => x.taskId)).not.toContain(taskId);
  });

  it('refuses a table that breaks a rule with 422 as loading would, and a unit with 403', async () => {
    const table = await withDueOff();
    const broken = { ...table, holidays: [...table.holidays, { date: `${table.year + 1}-01-02`, name: '跨年' }] };

    const res = await office('POST', `/v1/calendar/${table.year}/preview`, broken);

    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
      `body.holidays[${table.holidays.length}].date`,
    ]);
    expect((await unit('POST', `/v1/calendar/${table.year}/preview`, table)).status).toBe(403);
  });
});
