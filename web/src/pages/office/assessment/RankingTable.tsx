import { DataTable, unitRows } from '../../../components/DataTable';
import { addMessages, useI18n } from '../../../lib/i18n';
import { useNames } from '../../../lib/names';
import { formatDateTime } from '../../../lib/time';
import type { Assessment, UnitScore } from '../../../lib/types-office2';
import office2 from '../../../lib/messages/office2';

addMessages(office2);

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** The ranking with each unit's computed score, adjustment and final score; a unit's breakdown and adjustments open below it. */
export function RankingTable({ assessment }: { assessment: Assessment }) {
  const { t } = useI18n();
  const scores = [...assessment.scores].sort((a, b) => a.rank - b.rank);
  return (
    <DataTable
      caption={t('o2.assessment.ranking')}
      testId="ranking"
      rows={scores}
      {...unitRows}
      columns={[
        { key: 'rank', header: 'o2.assessment.rank', render: (s) => s.rank },
        { key: 'unit', header: 'o2.unit', render: (s) => s.unitName },
        { key: 'computed', header: 'o2.assessment.computed', render: (s) => s.computedScore },
        {
          key: 'adjustment',
          header: 'o2.assessment.adjustment',
          render: (s) => (s.adjustment ? signed(s.adjustment) : '—'),
        },
        {
          key: 'final',
          header: 'o2.assessment.final',
          testId: 'final-score',
          render: (s) => <strong>{s.finalScore}</strong>,
        },
        { key: 'breakdown', header: 'o2.assessment.breakdown', render: (s) => <Breakdown score={s} /> },
      ]}
    />
  );
}

/** How a unit's score was computed, indicator by indicator, and the adjustments made to it with their reasons. */
function Breakdown({ score }: { score: UnitScore }) {
  const { t, lang } = useI18n();
  const names = useNames();
  return (
    <details>
      <summary>{t('o2.assessment.showBreakdown')}</summary>
      <ul className="plain-list">
        {score.breakdown.map((b) => (
          <li key={b.indicator}>
            {b.name}（{t('o2.assessment.weight', { w: b.weight })}）：<strong>{b.points}</strong>
            <br />
            <span className="muted small">{b.formula}</span>
          </li>
        ))}
      </ul>
      {score.adjustments.length > 0 && (
        <ul className="plain-list" data-testid="adjustments">
          {score.adjustments.map((x) => (
            <li key={x.id}>
              {t('o2.assessment.adjustedText', {
                delta: signed(x.delta),
                reason: x.reason,
                who: names[x.adjustedBy] ?? x.adjustedBy,
                at: formatDateTime(x.adjustedAt, lang),
              })}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
