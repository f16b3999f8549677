import { useEffect, useRef } from 'react';
import type { EChartsOption } from 'echarts';

/**
 * A chart of render/charts.ts drawn interactively with Apache ECharts (issue 21 item 2): the same option the PDFs
 * and printable pages render on the server, here with tooltips and a legend that hides a series. ECharts loads on
 * first use, in its own chunk. For screen readers the chart is one image named by `label` and `description` (the
 * figures in words); the page's table beside it holds the same figures.
 */
export function Chart({
  option,
  label,
  description,
  height = 320,
  testId,
}: {
  option: EChartsOption;
  label: string;
  description: string;
  height?: number;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  // Options carry functions (formatters): their JSON says whether anything drawn changed.
  const key = JSON.stringify(option);
  useEffect(() => {
    let chart: { resize: () => void; dispose: () => void } | undefined;
    let gone = false;
    const resize = () => chart?.resize();
    void import('../lib/echarts').then(({ echarts }) => {
      if (gone || !box.current) return;
      const drawn = echarts.init(box.current, undefined, { renderer: 'svg' });
      drawn.setOption(option);
      chart = drawn;
      window.addEventListener('resize', resize);
    });
    return () => {
      gone = true;
      window.removeEventListener('resize', resize);
      chart?.dispose();
    };
  }, [key]);
  return (
    <figure className="chart" data-testid={testId} role="img" aria-label={`${label}：${description}`}>
      <div ref={box} style={{ width: '100%', height }} />
    </figure>
  );
}
