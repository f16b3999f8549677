import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

/**
 * An ECharts option (render/charts.ts) as a static SVG, rendered on the server without a DOM (ECharts' own SSR): what a
 * PDF or a printable page carries where the workspace draws the same chart interactively.
 */
export function chartSvg(option: EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...option, animation: false });
    return deterministic(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

/**
 * ZRender names the SVG's CSS classes with process-wide counters (`zr184-cls-3`), so the same chart would read
 * differently on each request; the prefix is replaced by one from the chart's content: the same chart, the same bytes,
 * and two different charts on one page still never share a class.
 */
function deterministic(svg: string): string {
  // The class numbers count on across charts too: numbered again from 0, in order of appearance.
  const numbers = new Map<string, number>();
  const body = svg.replace(/\bzr\d+-/g, 'zr-').replace(/\bzr-cls-(\d+)/g, (_, n: string) => {
    if (!numbers.has(n)) numbers.set(n, numbers.size);
    return `zr-cls-${numbers.get(n)}`;
  });
  let hash = 0x811c9dc5;
  for (let i = 0; i < body.length; i++) hash = Math.imul(hash ^ body.charCodeAt(i), 0x01000193) >>> 0;
  return body.replace(/\bzr-/g, `c${hash.toString(36)}-`);
}
