import { periodLabel } from '../../render/bulletin';
import { caseDecisionDocument, type CaseDecision } from '../../render/case-decision';
import { chartSvg } from '../../render/chart-svg';
import { bandsOf, distributionChart, scoreChart, trendChart } from '../../render/charts';
import { documentHtml, type Block } from '../../render/document';

/** Issue 21 items 2–3: the charts and the printable page, without a server. */
describe('charts and printable documents', () => {
  it('renders the same chart to the same SVG every time, and two charts with classes of their own', () => {
    const option = distributionChart([95, 88, 72, 55]);
    const first = chartSvg(option, 480, 260);
    expect(chartSvg(option, 480, 260)).toBe(first);
    expect(first).not.toMatch(/zr\d+-/);
    const other = chartSvg(distributionChart([60]), 480, 260);
    const classOf = (svg: string) => svg.match(/class="(c[0-9a-z]+)-cls/)?.[1];
    expect(classOf(first)).toBeDefined();
    expect(classOf(other)).not.toBe(classOf(first));
  });

  it('names the months of a trend by month alone within one year, with the year across two', () => {
    const month = (m: string) => ({ month: m, due: 1, completed: 1, completedOnTime: 0, lapsed: 0, escalations: 2 });
    const labels = (months: string[]) =>
      (trendChart(months.map(month), '') as { xAxis: { data: string[] } }).xAxis.data;
    expect(labels(['2027-01', '2027-02', '2027-12'])).toEqual(['1月', '2月', '12月']);
    expect(labels(['2026-12', '2027-01'])).toEqual(['2026年12月', '2027年1月']);
  });

  it('names a whole year 「2027年度」, a whole month 「2027年3月」 and any other period by its dates', () => {
    expect(periodLabel('2027-01-01', '2027-12-31')).toBe('2027年度');
    expect(periodLabel('2027-03-01', '2027-03-31')).toBe('2027年3月');
    expect(periodLabel('2027-01-01', '2028-12-31')).toBe('2027年1月1日至2028年12月31日');
  });

  it('words an accountability decision by its measure, and says when no statement came', () => {
    const decision: CaseDecision = {
      orgName: '合溪区纪委监委',
      caseId: 'c-1',
      unitName: '东关街道',
      leaderName: '王红梅',
      reason: '东关街道年度考核得分55分，低于60分的责任追究线',
      sourceLabel: '考核评价结果移送',
      openedOn: '2027-01-20',
      statement: { on: '2027-01-26', late: true, text: '已整改' },
      measureCode: 'ADMONISH',
      measureName: '诫勉',
      basis: '《实施办法》第二十条',
      persons: ['张某'],
      decidedOn: '2027-02-01',
    };
    const text = (d: CaseDecision) =>
      caseDecisionDocument(d)
        .blocks.filter((b): b is Extract<Block, { kind: 'paragraph' }> => b.kind === 'paragraph')
        .map((b) => b.text)
        .join('\n');
    expect(text(decision)).toContain('东关街道于2027年1月26日作出书面说明（超过说明期限）。');
    expect(text(decision)).toContain('决定对东关街道予以诫勉，涉及人员：张某。');
    const none = text({ ...decision, statement: null, measureCode: 'NO_ACTION', measureName: '不予追究', persons: [] });
    expect(none).toContain('东关街道未在规定期限内作出书面说明。');
    expect(none).toContain('决定对东关街道不予追究责任。');
    expect(none).not.toContain('予以');
    // The basis a paragraph of its own; no action taken is a 处理决定书, not a 问责决定书.
    expect(text(decision)).toContain('处理依据：《实施办法》第二十条');
    expect(caseDecisionDocument(decision).title).toBe('问责决定书');
    expect(caseDecisionDocument({ ...decision, measureCode: 'NO_ACTION', measureName: '不予追究' }).title).toBe(
      '处理决定书',
    );
    expect(caseDecisionDocument(decision).blocks[0]).toEqual({ kind: 'paragraph', text: '东关街道：', flush: true });
  });

  it('counts units by score band, each score in exactly one band', () => {
    expect(bandsOf([100, 90, 89.99, 60, 59.5, -3]).map((b) => b.units)).toEqual([2, 1, 0, 1, 2]);
  });

  it('shows a unit’s lost points after its final score, in rank order with the first at the top', () => {
    const option = scoreChart([
      { unitName: '东关街道', rank: 2, finalScore: 88, parts: [{ name: '按期办结', points: -12 }] },
      { unitName: '西城街道', rank: 1, finalScore: 95, parts: [{ name: '按期办结', points: -3 }], adjustment: -2 },
    ]) as { yAxis: { data: string[] }; series: { name: string; data: number[] }[] };
    expect(option.yAxis.data).toEqual(['第2名 东关街道', '第1名 西城街道']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['最终得分', [88, 95]],
      ['按期办结扣分', [12, 3]],
      ['调整扣分', [0, 2]],
    ]);
  });

  it('escapes what a user wrote, in the page and in its printed margins alike', () => {
    const html = documentHtml({
      orgName: '甲区"纪委"</style><script>alert(1)</script>',
      title: '<b>通报</b>',
      date: '2026-12-05',
      blocks: [{ kind: 'paragraph', text: '<img src=x onerror=alert(1)>' }],
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('</style><script>');
    expect(html).toContain('&lt;b&gt;通报&lt;/b&gt;');
    // In the page margin box, a CSS string: quotes and markup as CSS escapes.
    expect(html).toMatch(
      /@top-left \{ content: "甲区\\22 纪委\\22 \\3c \/style\\3e \\3c script\\3e alert\(1\)\\3c \/script\\3e "/,
    );
  });
});
