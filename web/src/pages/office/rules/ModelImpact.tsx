import { DataTable } from '../../../components/DataTable';
import { useI18n } from '../../../lib/i18n';
import type { CycleImpact, ScoringModelPreview, UnitImpact } from './types';

/** A score as the page shows it: at most two decimals. */
const points = (n: number) => String(Math.round(n * 100) / 100);

/**
 * What publishing a scoring model would change (预览影响): each change in a sentence, then per cycle its model and
 * assessment, why applying would or would not reach it (`note`, e.g. a published year does not move), and the units
 * whose score would move: 现得分/排名 → 新得分/排名 and the change. Stored nowhere.
 */
export function ModelImpact({ preview }: { preview: ScoringModelPreview }) {
  const { t } = useI18n();
  return (
    <section className="rules-preview" aria-labelledby="model-preview-title" data-testid="rules-preview">
      <h3 id="model-preview-title">{t('rules.preview.title', { n: preview.basedOn })}</h3>
      {preview.changes.length > 0 ? (
        <ul className="plain-list" data-testid="rules-preview-changes">
          {preview.changes.map((c, i) => (
            <li key={i}>{c.text}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('rules.preview.noChange')}</p>
      )}
      {preview.cycles.length === 0 && <p className="muted">{t('sm.preview.noCycles')}</p>}
      {preview.cycles.map((c) => (
        <CycleMoves key={c.cycleId} cycle={c} />
      ))}
    </section>
  );
}

/** One cycle of the preview: its note and the units whose score would move. */
function CycleMoves({ cycle }: { cycle: CycleImpact }) {
  const { t } = useI18n();
  const moved = cycle.units.filter((u) => u.change !== 0);
  const heading = t('sm.preview.cycle', {
    year: cycle.year,
    name: cycle.model.name,
    assessment: t(`sm.preview.assessment.${cycle.assessment}`),
  });
  return (
    <div className="model-cycle-impact" data-testid="model-preview-cycle" data-cycle={cycle.cycleId}>
      <h4>{heading}</h4>
      {cycle.note && <p className="muted small">{cycle.note}</p>}
      {cycle.applies && (
        <DataTable<UnitImpact>
          caption={t('sm.preview.units', { n: moved.length })}
          rows={moved}
          rowKey={(u) => u.unitId}
          rowProps={(u) => ({ 'data-unit': u.unitId })}
          testId="model-preview-units"
          emptyText={t('sm.preview.noUnits')}
          columns={[
            { key: 'unit', header: 'sm.preview.unit', render: (u) => u.unitName },
            {
              key: 'before',
              header: 'sm.preview.before',
              render: (u) => t('sm.preview.scoreRank', { score: points(u.before.score), rank: u.before.rank }),
            },
            {
              key: 'after',
              header: 'sm.preview.after',
              render: (u) => t('sm.preview.scoreRank', { score: points(u.after.score), rank: u.after.rank }),
            },
            {
              key: 'change',
              header: 'sm.preview.change',
              render: (u) => (u.change > 0 ? `+${points(u.change)}` : points(u.change)),
            },
          ]}
        />
      )}
    </div>
  );
}
