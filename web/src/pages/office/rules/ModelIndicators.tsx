import { DataTable } from '../../../components/DataTable';
import { useI18n } from '../../../lib/i18n';
import type { ScoringIndicator, ScoringModelContent } from './types';

/** How an indicator scores, in words: 「逐项扣分：一级督办每项1分、二级督办每项2分」. */
function formulaText(ind: ScoringIndicator, t: (key: string, params?: Record<string, string | number>) => string) {
  const { formula } = ind;
  if (formula.kind === 'RATE') return t('sm.kind.RATE');
  const items = Object.entries(formula.perItem).map(([item, points]) =>
    t('sm.perItemText', { item: t(`sm.item.${ind.indicator}.${item}`), points }),
  );
  return `${t(`sm.kind.${formula.kind}`)}：${items.join('、')}`;
}

/** The scoring model in force: its name, base score and weight total, and each indicator with its weight and formula. */
export function ModelIndicators({ content, version }: { content: ScoringModelContent; version: number }) {
  const { t } = useI18n();
  return (
    <DataTable<ScoringIndicator>
      caption={t('sm.indicators', { name: content.name, base: content.base, total: content.totalWeight, n: version })}
      rows={content.indicators}
      rowKey={(ind) => ind.indicator}
      rowProps={(ind) => ({ 'data-indicator': ind.indicator })}
      testId="model-indicators"
      columns={[
        { key: 'indicator', header: 'sm.col.indicator', render: (ind) => t(`sm.ind.${ind.indicator}`) },
        { key: 'weight', header: 'sm.col.weight', render: (ind) => ind.weight },
        { key: 'formula', header: 'sm.col.formula', render: (ind) => formulaText(ind, t) },
      ]}
    />
  );
}
