import { useState } from 'react';
import { useSession } from '../../app/auth';
import { DataTable } from '../../components/DataTable';
import { ErrorBox } from '../../components/ErrorBox';
import { Facts } from '../../components/Facts';
import { useI18n } from '../../lib/i18n';
import { formatDateTime } from '../../lib/time';
import { useApi } from '../../lib/queries';

interface Cycle {
  id: string;
  year: number;
  phase: string;
}

interface UnitScore {
  unitName: string;
  state: 'DRAFT' | 'PUBLISHED';
  model: { name: string; version: number; base: number };
  cutOff: string;
  breakdown: { indicator: string; name: string; weight: number; points: number; formula: string }[];
  computedScore: number;
  adjustment: number;
  finalScore: number;
  rank: number;
  adjustments: { id: string; delta: number; reason: string; adjustedAt: string }[];
}

const points = (n: number) => (Math.round(n * 100) / 100).toString();

/** The unit's own assessment (考核评价) of a year: its score, rank, and how each indicator was computed. */
export function UnitAssessment() {
  const { t, lang } = useI18n();
  const session = useSession();
  const cycles = useApi<{ items: Cycle[] }>('/v1/cycles');
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const cycleId = chosen ?? cycles.value?.items[0]?.id;
  const score = useApi<UnitScore>(
    cycleId
      ? `/v1/cycles/${encodeURIComponent(cycleId)}/assessment/units/${encodeURIComponent(session.unit.id)}`
      : null,
  );
  return (
    <section>
      <h1>{t('unit.assessment.title')}</h1>
      <ErrorBox error={cycles.error} onRetry={cycles.reload} />
      {cycles.value && cycles.value.items.length === 0 && <p>{t('unit.assessment.noCycle')}</p>}
      {cycles.value && cycles.value.items.length > 0 && (
        <form className="filters" onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('unit.assessment.year')}
            <select value={cycleId} onChange={(e) => setChosen(e.target.value)}>
              {cycles.value.items.map((c) => (
                <option key={c.id} value={c.id}>
                  {t('unit.assessment.yearOption', { year: c.year })}
                </option>
              ))}
            </select>
          </label>
        </form>
      )}
      {score.error?.status === 404 ? (
        <p className="panel">{t('unit.assessment.notYet')}</p>
      ) : (
        <ErrorBox error={score.error} onRetry={score.reload} />
      )}
      {score.value && (
        <>
          <Facts
            facts={[
              {
                label: t('unit.assessment.final'),
                value: (
                  <>
                    <strong className="score">{points(score.value.finalScore)}</strong>
                    {score.value.state === 'DRAFT' && (
                      <span className="muted small"> {t('unit.assessment.draft')}</span>
                    )}
                  </>
                ),
              },
              { label: t('unit.assessment.rank'), value: t('unit.assessment.rankText', { rank: score.value.rank }) },
              { label: t('unit.assessment.computed'), value: points(score.value.computedScore) },
              { label: t('unit.assessment.adjustment'), value: points(score.value.adjustment) },
              {
                label: t('unit.assessment.model'),
                value: (
                  <>
                    {score.value.model.name}（v{score.value.model.version}），
                    {t('unit.assessment.base', { base: score.value.model.base })}
                  </>
                ),
              },
              { label: t('unit.assessment.cutOff'), value: formatDateTime(score.value.cutOff, lang) },
            ]}
          />
          <DataTable
            caption={t('unit.assessment.breakdown')}
            rows={score.value.breakdown}
            rowKey={(b) => b.indicator}
            columns={[
              { key: 'indicator', header: 'unit.assessment.indicator', render: (b) => b.name },
              { key: 'weight', header: 'unit.assessment.weight', render: (b) => b.weight },
              { key: 'points', header: 'unit.assessment.points', render: (b) => points(b.points) },
              { key: 'formula', header: 'unit.assessment.formula', render: (b) => b.formula },
            ]}
          />
          {score.value.adjustments.length > 0 && (
            <section>
              <h2>{t('unit.assessment.adjustments')}</h2>
              <ul>
                {score.value.adjustments.map((a) => (
                  <li key={a.id}>
                    {a.delta > 0 ? `+${points(a.delta)}` : points(a.delta)}：{a.reason}（
                    {formatDateTime(a.adjustedAt, lang)}）
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </section>
  );
}
