import { chartSvg } from '../../render/chart-svg';
import { bandsOf, distributionChart, scoreChart } from '../../render/charts';
import { documentHtml } from '../../render/document';

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
