import { dongguanTask } from '../support/task-bodies';
import { useTestStack } from '../support/use-test-stack';

/** Issue 20 item 3 over HTTP: each urging of a task prints as a slip (督办单), scoped exactly as the task. */
const year = new Date().getUTCFullYear() + 1;

describe('the urging slip (督办单)', () => {
  const { office, head, other } = useTestStack({
    office: 'p-huang-min',
    head: 'p-xie-hua', // head of town-dongguan, the lead unit
    other: 'p-han-bing', // a unit not on the task
  });

  it('prints an urging with who, what, since and by when, and is a 404 to a unit not on the task', async () => {
    const id = (
      await office(
        'POST',
        '/v1/tasks',
        dongguanTask('东关街道农贸市场环境整治督办', `${year}-03-31`, {
          requirements: '逐项排查<整改>',
          standard: '整改报告',
        }),
      )
    ).body.id as string;
    expect((await office('POST', `/v1/tasks/${id}/urgings`, { text: '请于本周内报送整改进展' })).status).toBe(200);
    const detail = (await head('GET', `/v1/tasks/${id}`)).body;
    const urged = detail.timeline.find((e: { kind: string }) => e.kind === 'URGED');
    expect(urged.slip).toBe(`/v1/tasks/${id}/urgings/${urged.step}/slip`);
    expect(detail.timeline.find((e: { kind: string }) => e.kind === 'ASSIGNED').slip).toBeUndefined();

    const res = await head('GET', urged.slip);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/html; charset=utf-8');
    for (const text of [
      '督办单',
      '合溪区纪委监委',
      '东关街道',
      '东关街道农贸市场环境整治督办',
      '逐项排查&lt;整改&gt;',
      '整改报告',
      `请于${year}年3月31日前办结`,
      '请于本周内报送整改进展',
      '协调办公室（盖章）',
      // A4, with the page numbers printed in its margin.
      'size: A4;',
      'counter(pages)',
    ])
      expect(res.text).toContain(text);
    expect(res.text).toContain(`编号：督〔`);

    expect((await other('GET', urged.slip)).status).toBe(404);
    expect((await office('GET', `/v1/tasks/${id}/urgings/1-assigned/slip`)).status).toBe(404); // no urging
    expect((await office('GET', `/v1/tasks/t-nothing/urgings/2-urged/slip`)).status).toBe(404);
  });

  it('names the lead unit as it was named the day of the urging: a rename since shows on later slips only', async () => {
    const id = (await office('POST', '/v1/tasks', dongguanTask('东关街道老旧小区改造项目监督', `${year}-04-30`))).body
      .id as string;
    expect((await office('POST', `/v1/tasks/${id}/urgings`, { text: '请报送核查进展' })).status).toBe(200);
    const rename = { name: '东关街道办事处', reason: '区委编委关于街道机构更名的通知' };
    expect((await office('PATCH', '/v1/units/town-dongguan', rename)).status).toBe(200);
    expect((await office('POST', `/v1/tasks/${id}/urgings`, { text: '请再次报送核查进展' })).status).toBe(200);

    const urgings = (await head('GET', `/v1/tasks/${id}`)).body.timeline.filter(
      (e: { kind: string }) => e.kind === 'URGED',
    ) as { slip: string }[];
    expect(urgings).toHaveLength(2);
    const [before, after] = await Promise.all(urgings.map(async (u) => (await head('GET', u.slip)).text));
    expect(before).toContain('东关街道');
    expect(before).not.toContain('东关街道办事处');
    expect(after).toContain('东关街道办事处');
  });
});
