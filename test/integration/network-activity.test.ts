import ExcelJS from 'exceljs';
import { issueToken } from '../../db/queries/tokens';
import { submissionBody, submissionTask } from '../support/network-fixtures';
import { appraisalBody, inspectionBody } from '../support/inspection-fixtures';
import { openThisYearsCycle, useTestStack } from '../support/use-test-stack';

describe('the supervision network’s year (监督网络履职情况) over HTTP', () => {
  const { t, office, bai, shen, dongguan, leader } = useTestStack({
    office: 'p-huang-min',
    bai: 'p-bai-xue', // special supervisor, district level
    shen: 'p-shen-mei', // informant of village-hekou
    dongguan: 'p-xie-hua',
    leader: 'p-zhao-zhiqiang',
  });
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

  beforeAll(async () => {
    // 白雪: one problem turned into a task and answered, then rated; one observation answered at once.
    const tasked = (await bai('POST', '/v1/submissions', submissionBody)).body.id as string;
    expect((await office('POST', `/v1/submissions/${tasked}/task`, submissionTask)).status).toBe(200);
    expect((await office('POST', `/v1/submissions/${tasked}/answer`, { answer: '已督促整改' })).status).toBe(200);
    expect((await bai('POST', `/v1/submissions/${tasked}/rate`, { rating: 4 })).status).toBe(200);
    const observation = { ...submissionBody, kind: 'OBSERVATION', what: '建议公开窗口人员在岗情况' };
    const replied = (await bai('POST', '/v1/submissions', observation)).body.id as string;
    expect((await office('POST', `/v1/submissions/${replied}/reply`, { answer: '感谢建议，已采纳' })).status).toBe(200);
    // 白雪 is invited into an inspection round, where she adds an observation, and into a conduct appraisal.
    const cycleId = await openThisYearsCycle(office);
    const round = (
      await office('POST', `/v1/cycles/${cycleId}/inspections`, { ...inspectionBody(), observerIds: ['p-bai-xue'] })
    ).body.id as string;
    const observed = { unitId: 'town-dongguan', text: '便民服务大厅工作日午间无人值守' };
    expect((await bai('POST', `/v1/inspections/${round}/observe`, observed)).status).toBe(200);
    expect((await office('POST', `/v1/cycles/${cycleId}/appraisals`, appraisalBody())).status).toBe(201);
    // 沈梅: one clue not yet triaged.
    const clue = { ...submissionBody, kind: 'CLUE', subjectUnitId: 'village-hekou', what: '村集体资金去向不明' };
    expect((await shen('POST', '/v1/submissions', clue)).status).toBe(201);
  }, 60_000);

  it('counts each member’s submissions, what became of them, how soon and how they rated the answers', async () => {
    const res = await office('GET', `/v1/network/activity?year=${year}`);
    expect(res.status).toBe(200);
    const byId = new Map(res.body.members.map((m: { personId: string }) => [m.personId, m]));
    expect(res.body.members).toHaveLength(10); // every member appointed this year, the one who left in June too
    expect(byId.get('p-bai-xue')).toMatchObject({
      submissions: 2,
      ledToTasks: 1,
      replied: 1,
      awaiting: 0,
      answeredLate: 0,
      rating: 4,
      daysToTriage: 0,
      daysToAnswer: 0,
      observations: 1,
      appraisalsInvited: 1,
      appraisalsFinished: 0,
    });
    expect(byId.get('p-shen-mei')).toMatchObject({ submissions: 1, awaiting: 1, daysToTriage: null, rating: null });
    expect(byId.get('p-wu-gang')).toMatchObject({ status: 'RETIRED', submissions: 0, observations: 0 });
    expect(res.body.totals).toMatchObject({
      members: 10,
      submissions: 3,
      ledToTasks: 1,
      replied: 1,
      awaiting: 1,
      rating: 4,
      observations: 1,
      appraisalsInvited: 1,
    });
  });

  it('lists no member for a year none served, and keeps the review to the office', async () => {
    const audit = await office('GET', '/v1/audit?objectType=networkActivity');
    expect(audit.body.items[0]).toMatchObject({
      action: 'networkMember.read',
      actorId: 'p-huang-min',
      outcome: 'DONE',
    });
    const empty = await office('GET', '/v1/network/activity?year=2019');
    expect(empty.body).toMatchObject({ year: 2019, members: [], totals: { members: 0, submissions: 0, rating: null } });
    for (const caller of [bai, dongguan, leader]) {
      expect((await caller('GET', '/v1/network/activity')).status).toBe(403);
      expect((await caller('GET', '/v1/network/activity.xlsx')).status).toBe(403);
    }
    const bad = await office('GET', '/v1/network/activity?year=soon');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['query.year']);
  });

  it('lists a member appointed anew for a later term in the years of the earlier one', async () => {
    const retire = { on: '2026-12-01', reason: '换届' };
    expect((await office('POST', '/v1/network/members/p-yao-jun/retire', retire)).status).toBe(200);
    const anew = {
      personId: 'p-yao-jun',
      kind: 'CONDUCT_SUPERVISOR',
      level: 'TOWN',
      areaUnitId: 'dept-education',
      termFrom: '2027-01-01',
      termTo: '2029-12-31',
      reason: '新一届聘任',
    };
    expect((await office('POST', '/v1/network/members', anew)).status).toBe(201);
    const ids = async (y: number) =>
      ((await office('GET', `/v1/network/activity?year=${y}`)).body.members as { personId: string }[]).map(
        (m) => m.personId,
      );
    expect(await ids(2026)).toContain('p-yao-jun');
    expect(await ids(2028)).toContain('p-yao-jun');
  });

  it('exports the year as a workbook, one row per member and the totals', async () => {
    const { token } = await issueToken(t.db.pool, 'p-huang-min');
    const res = await fetch(`${t.stack.apiUrl}/v1/network/activity.xlsx?year=${year}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`network-activity-${year}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = book.getWorksheet('履职情况')!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows).toHaveLength(2 + 10 + 1);
    const bai = rows.find((r) => r[1] === '白雪')!;
    expect(bai.slice(2, 8)).toEqual(['特约监察员', '区级', '全区', '在聘', 2, 1]);
    expect(rows[rows.length - 1]![1]).toBe('合计（10人）');
  });
});
