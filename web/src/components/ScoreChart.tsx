import { useId } from 'react';
import { useI18n } from '../lib/i18n';
import type { UnitScore } from '../lib/types-office2';

/** The widths of the chart's parts, in SVG units (the SVG scales to its box, at most its own width). */
const LABEL = 200;
const BAR = 600;
const VALUE = 60;
const ROW = 28;

/**
 * The ranking as a horizontal bar chart, hand-made in SVG. Each unit's bar is its final score; after it, the points
 * the scoring model took off, indicator by indicator (most indicators deduct from the base of 100: docs/assessment.md),
 * and a negative adjustment. The SVG carries a title and a description for screen readers; the ranking table
 * beside it holds the same figures.
 */
export function ScoreChart({ scores }: { scores: UnitScore[] }) {
  const { t } = useI18n();
  const id = useId();
  const sorted = [...scores].sort((a, b) => a.rank - b.rank);
  const indicators = sorted[0]?.breakdown.map((b) => ({ indicator: b.indicator, name: b.name })) ?? [];
  const lost = (s: UnitScore) =>
    s.breakdown.reduce((n, b) => n + Math.max(0, -b.points), 0) + Math.max(0, -s.adjustment);
  const max = Math.max(100, ...sorted.map((s) => Math.max(0, s.finalScore) + lost(s)));
  const scale = (v: number) => (Math.max(0, v) / max) * BAR;
  const deducting = indicators.filter((i) =>
    sorted.some((s) => s.breakdown.some((b) => b.indicator === i.indicator && b.points < 0)),
  );
  return (
    // Focusable: at a narrow width the chart scrolls sideways, and a keyboard must be able to scroll it too.
    <figure className="score-chart" tabIndex={0} aria-labelledby={`${id}-title`}>
      <svg
        viewBox={`0 0 ${LABEL + BAR + VALUE} ${sorted.length * ROW + 8}`}
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
          const y = i * ROW + 4;
          let x = LABEL + scale(s.finalScore);
          const parts = s.breakdown
            .map((b, j) => ({ key: b.indicator, name: b.name, points: b.points, cls: `part-${j % 6}` }))
            .concat([{ key: 'adjust', name: t('o2.assessment.adjustment'), points: s.adjustment, cls: 'part-adjust' }])
            .filter((p) => p.points < 0);
          return (
            <g key={s.unitId} data-unit={s.unitId}>
              <text x={LABEL - 8} y={y + 18} textAnchor="end" className="chart-label">
                {s.rank}. {s.unitName}
              </text>
              <rect x={LABEL} y={y + 3} width={scale(s.finalScore)} height={ROW - 8} className="chart-score">
                <title>{`${s.unitName} ${t('o2.assessment.final')}：${s.finalScore}`}</title>
              </rect>
              {parts.map((p) => {
                const w = scale(-p.points);
                const rect = (
                  <rect key={p.key} x={x} y={y + 3} width={w} height={ROW - 8} className={`chart-part ${p.cls}`}>
                    <title>{`${p.name}：${p.points}`}</title>
                  </rect>
                );
                x += w;
                return rect;
              })}
              <text x={x + 6} y={y + 18} className="chart-value">
                {s.finalScore}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="chart-legend">
          <li>
            <span className="legend-swatch chart-score" aria-hidden="true" />
            {t('o2.assessment.final')}
          </li>
          {deducting.map((i) => (
            <li key={i.indicator}>
              <span
                className={`legend-swatch part-${indicators.findIndex((x) => x.indicator === i.indicator) % 6}`}
                aria-hidden="true"
              />
              {t('o2.assessment.deducted', { name: i.name })}
            </li>
          ))}
          {sorted.some((s) => s.adjustment < 0) && (
            <li>
              <span className="legend-swatch part-adjust" aria-hidden="true" />
              {t('o2.assessment.deducted', { name: t('o2.assessment.adjustment') })}
            </li>
          )}
        </ul>
      </figcaption>
    </figure>
  );
}
