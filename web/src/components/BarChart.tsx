import { useId } from 'react';

/** One bar of a chart: its label, its parts (each a value, a class for its colour and a name), and where it leads. */
export interface Bar {
  key: string;
  label: string;
  parts: { value: number; className: string; name: string }[];
}

const LABEL = 190;
const WIDTH = 460;
const VALUE = 50;
const ROW = 30;

/**
 * Horizontal (stacked) bars, hand-made in SVG like ScoreChart: the SVG carries a title and, for screen readers, a
 * description with every bar's figures; each part has its own tooltip. The longest bar fills the width.
 */
export function BarChart({ title, bars, testId }: { title: string; bars: Bar[]; testId?: string }) {
  const id = useId();
  const total = (b: Bar) => b.parts.reduce((n, p) => n + p.value, 0);
  const max = Math.max(1, ...bars.map(total));
  return (
    <svg
      className="bar-chart"
      viewBox={`0 0 ${LABEL + WIDTH + VALUE} ${bars.length * ROW + 4}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      data-testid={testId}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>
        {bars.map((b) => `${b.label}：${b.parts.map((p) => `${p.name} ${p.value}`).join('，')}`).join('；')}
      </desc>
      {bars.map((b, i) => {
        const y = i * ROW + 2;
        let x = LABEL;
        return (
          <g key={b.key} data-bar={b.key}>
            <text x={LABEL - 8} y={y + 19} textAnchor="end" className="chart-label">
              {b.label.length > 12 ? `${b.label.slice(0, 11)}…` : b.label}
            </text>
            {b.parts
              .filter((p) => p.value > 0)
              .map((p) => {
                const w = (p.value / max) * WIDTH;
                const rect = (
                  <rect key={p.name} x={x} y={y + 4} width={w} height={ROW - 10} className={p.className}>
                    <title>{`${b.label} ${p.name}：${p.value}`}</title>
                  </rect>
                );
                x += w;
                return rect;
              })}
            <text x={x + 6} y={y + 19} className="chart-value">
              {total(b)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
