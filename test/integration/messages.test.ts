import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { fromProject } from '../../config/paths';
import { openThisYearsCycle, useTestStack } from '../support/use-test-stack';

const CJK = /[\u4e00-\u9fff]/;
/** What zod says to developers, which no user should read. */
const ZOD_ENGLISH = /Invalid (input|option|string)|expected|received|Too (big|small)/;
const EN = { 'accept-language': 'en' };

/**
 * What a careless user reads when a request is wrong (issue 15): every bad field at once, each named, in Chinese —
 * or in English when the client asks for it (Accept-Language: en).
 */
describe('problems a user reads', () => {
  const { office } = useTestStack({ office: 'p-huang-min' });
  const sloppyTask = {
    title: '   ',
    leadUnitId: 'Finance Dept',
    coUnitIds: 'town-xicheng',
    leaderId: 5,
    requirements: '查'.repeat(5_001),
    dueDate: '2027-02-30',
    workingDays: 0,
    colour: 'red',
  };
  const fieldsOf = (res: { body: Record<string, unknown> }) =>
    (res.body.errors as { field: string; message: string }[]).map((e) => e.field).sort();

  it('names every bad field of a body at once, each in Chinese, none in zod’s own English', async () => {
    const res = await office('POST', '/v1/tasks', sloppyTask);

    expect(res.status).toBe(400);
    expect(res.headers.get('vary')).toMatch(/accept-language/i);
    expect(fieldsOf(res)).toEqual([
      'body.coUnitIds',
      'body.colour',
      'body.dueDate',
      'body.leadUnitId',
      'body.leaderId',
      'body.requirements',
      'body.standard',
      'body.title',
      'body.workingDays',
    ]);
    expect(res.body.detail).toMatch(CJK);
    for (const { field, message } of res.body.errors) {
      expect({ field, message }).toEqual({ field, message: expect.stringMatching(CJK) });
      expect({ field, message }).toEqual({ field, message: expect.not.stringMatching(ZOD_ENGLISH) });
    }
    const said = Object.fromEntries(
      res.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]),
    );
    expect(said).toMatchObject({
      'body.standard': '缺少此必填字段',
      'body.title': '不能为空',
      'body.dueDate': '须为日期，格式 YYYY-MM-DD',
      'body.workingDays': '不能小于1',
      'body.requirements': '最多5000个字符',
      'body.colour': '不允许的字段',
    });
  });

  it('answers the same body in English to a client that asks for English', async () => {
    const res = await office('POST', '/v1/tasks', sloppyTask, EN);

    expect(res.status).toBe(400);
    expect(res.headers.get('vary')).toMatch(/accept-language/i);
    expect(fieldsOf(res)).toHaveLength(9);
    expect(res.body.detail).not.toMatch(CJK);
    for (const { field, message } of res.body.errors) {
      expect({ field, message }).toEqual({ field, message: expect.not.stringMatching(CJK) });
    }
    const said = Object.fromEntries(
      res.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]),
    );
    expect(said).toMatchObject({
      'body.standard': 'required field is missing',
      'body.title': 'must not be empty',
      'body.dueDate': 'expected a date as YYYY-MM-DD',
      'body.colour': 'unknown field',
    });
  });

  it('says in both languages what names nothing: a unit that does not exist, a person who is no leader', async () => {
    const body = {
      title: '核查扶贫资金使用情况',
      leadUnitId: 'dept-nowhere',
      leaderId: 'p-xie-hua',
      requirements: '逐笔核查',
      standard: '核查报告',
      workingDays: 5,
    };
    const zh = await office('POST', '/v1/tasks', body);
    const en = await office('POST', '/v1/tasks', body, { 'accept-language': 'en-US,en;q=0.9' });

    expect(zh.status).toBe(422);
    expect(zh.body.errors).toEqual([
      { field: 'body.leadUnitId', message: '单位不存在' },
      { field: 'body.leaderId', message: '不是分管领导' },
    ]);
    expect(zh.body.detail).toBe('任务的责任单位或分管领导不存在');
    expect(en.body.errors).toEqual([
      { field: 'body.leadUnitId', message: 'no such unit' },
      { field: 'body.leaderId', message: 'not a responsible leader' },
    ]);
    expect(en.body.detail).not.toMatch(CJK);
  });

  it('names every wrong setting of a cycle to open at once', async () => {
    const res = await office('POST', '/v1/cycles', {
      year: 2040,
      cutOffDate: '2041-01-01',
      scoringModel: { id: 'standard', version: 99 },
    });

    expect(res.status).toBe(422);
    expect(res.body.detail).toBe('年度周期的设置有3处问题');
    expect(res.body.errors).toEqual([
      { field: 'body.year', message: expect.stringMatching(/^须为\d{4}至\d{4}年$/) },
      { field: 'body.cutOffDate', message: '须为2040年内的日期' },
      { field: 'body.scoringModel', message: '考核评分模型版本不存在' },
    ]);
  });

  it('answers malformed JSON and an unknown route in the language asked for', async () => {
    const badJson = await office('POST', '/v1/tasks', '{"title":');
    const badJsonEn = await office('POST', '/v1/tasks', '{"title":', EN);
    const nowhere = await office('GET', '/v1/nowhere', undefined, EN);

    expect(badJson.body).toMatchObject({ status: 400, errors: [{ field: 'body', message: '不是有效的 JSON' }] });
    expect(badJsonEn.body).toMatchObject({ status: 400, errors: [{ field: 'body', message: 'invalid JSON' }] });
    expect(nowhere.body).toMatchObject({ status: 404, detail: 'There is no such endpoint' });
  });

  describe('a plan with three bad dates and a unit that does not exist', () => {
    const example = readFileSync(fromProject('examples/plan-2027.yaml'), 'utf8');
    let cycleId: string;
    let year: number;
    beforeAll(async () => {
      cycleId = await openThisYearsCycle(office);
      year = new Date().getUTCFullYear();
    });
    const badYaml = () =>
      example
        .replace('year: 2027', `year: ${year}`)
        .replace('dueDate: 2027-03-31', `dueDate: ${year}-02-30`)
        .replace('dueDate: 2027-07-15', 'dueDate: next friday')
        .replace('workingDays: 20', `dueDate: ${year}/09/01`)
        .replace('leadUnit: dept-finance', 'leadUnit: dept-nowhere');
    const paths = [
      'body.goals[0].tasks[0].dueDate',
      'body.goals[0].tasks[1].dueDate',
      'body.goals[1].tasks[0].dueDate',
      'body.goals[1].tasks[0].leadUnit',
    ];

    it('answers all four problems of a JSON body at once, each with its path, in Chinese', async () => {
      const res = await office('PUT', `/v1/cycles/${cycleId}/plan`, parse(badYaml()));

      expect(res.status).toBe(422);
      expect(res.body.detail).toBe('年度工作计划有4处问题，未予接收');
      expect(res.body.errors).toEqual([
        { field: paths[0], message: '须为日期，格式 YYYY-MM-DD' },
        { field: paths[1], message: '须为日期，格式 YYYY-MM-DD' },
        { field: paths[2], message: '须为日期，格式 YYYY-MM-DD' },
        { field: paths[3], message: '单位不存在' },
      ]);
      expect((await office('GET', `/v1/cycles/${cycleId}/plan`)).status).toBe(404);
    });

    it('places each problem of a YAML file on its line, in Chinese or in English', async () => {
      const yaml = { 'content-type': 'application/yaml' };
      const zh = await office('PUT', `/v1/cycles/${cycleId}/plan`, badYaml(), yaml);
      const en = await office('PUT', `/v1/cycles/${cycleId}/plan`, badYaml(), { ...yaml, ...EN });

      expect(zh.status).toBe(422);
      expect(zh.body.errors.map((e: { field: string }) => e.field)).toEqual(paths);
      expect(zh.body.errors[3].message).toMatch(/^第\d+行第\d+列：单位不存在$/);
      expect(en.body.detail).toBe('The plan has 4 problems; nothing was stored');
      expect(en.body.errors).toEqual([
        { field: paths[0], message: expect.stringMatching(/^line \d+:\d+: expected a date as YYYY-MM-DD$/) },
        { field: paths[1], message: expect.stringMatching(/^line \d+:\d+: expected a date as YYYY-MM-DD$/) },
        { field: paths[2], message: expect.stringMatching(/^line \d+:\d+: expected a date as YYYY-MM-DD$/) },
        { field: paths[3], message: expect.stringMatching(/^line \d+:\d+: no such unit$/) },
      ]);
    });
  });
});
