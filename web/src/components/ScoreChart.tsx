import { useId } from 'react';
import { useI18n } from '../lib/i18n';
import type { UnitScore } from '../lib/types-office2';

/** The widths of the chart's parts, in SVG units (it scales to its box). */
const LABEL = 170;
const BAR = 420;
const ROW = 26;

/**
 * The ranking as a horizontal bar chart, hand-made in SVG: each unit's final score, split into the points of each
 * indicator (the breakdown), with the adjustment at the end. The SVG carries a title and description for screen
 * readers; the same figures are in the ranking table next to it.
 */
export function ScoreChart({ scores }: { scores: UnitScore[] }) {
  const { t } = useI18n();
  const id = useId();
  const sorted = [...scores].sort((a, b) => a.rank - b.rank);
  const max = Math.max(100, ...sorted.map((s) => s.finalScore));
  const indicators = sorted[0]?.breakdown.map((b) => b.name) ?? [];
  const scale = (v: number) => (Math.max(0, v) / max) * BAR;
  const height = sorted.length * ROW + 10;
  return (
    <figure className="score-chart">
      <svg
        viewBox={`0 0 ${LABEL + BAR + 60} ${height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        data-testid="score-chart"
      >
        <title id={`${id}-title`}>{t('o2.assessment.chartTitle')}</title>
        <desc id={`${id}-desc`}>
          {sorted
            .map((s) => t('o2.assessment.chartRow', { rank: s.rank, unit: s.unitName, score: s.finalScore }))
            .join('；')}
        </desc>
        {sorted.map((s, i) => {
          const y = i * ROW + 5;
          let x = LABEL;
          return (
            <g key={s.unitId} data-unit={s.unitId}>
              <text x={LABEL - 8} y={y + 16} textAnchor="end" className="chart-label">
                {s.rank}. {s.unitName}
              </text>
              {s.breakdown.map((b, j) => {
                const w = scale(b.points);
                const rect = (
                  <rect
                    key={b.indicator}
                    x={x}
                    y={y + 2}
                    width={w}
                    height={ROW - 8}
                    className={`chart-part part-${j % 6}`}
                  >
                    <title>{`${b.name}：${b.points}`}</title>
                  </rect>
                );
                x += w;
                return rect;
              })}
              {s.adjustment > 0 && (
                <rect x={x} y={y + 2} width={scale(s.adjustment)} height={ROW - 8} className="chart-part part-adjust">
                  <title>{`${t('o2.assessment.adjustment')}：+${s.adjustment}`}</title>
                </rect>
              )}
              <text x={LABEL + scale(s.finalScore) + 6} y={y + 16} className="chart-value">
                {s.finalScore}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="chart-legend">
          {indicators.map((name, j) => (
            <li key={name}>
              <span className={`legend-swatch part-${j % 6}`} aria-hidden="true" />
              {name}
            </li>
          ))}
          <li>
            <span className="legend-swatch part-adjust" aria-hidden="true" />
            {t('o2.assessment.adjustment')}
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}
