import { useState } from 'react';
import { useSession } from '../../app/auth';
import { ErrorBox } from '../../components/ErrorBox';
import { api } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { formatDateTime } from '../../lib/time';
import { useLoad } from '../../lib/use-load';

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
  const cycles = useLoad(() => api<{ items: Cycle[] }>('GET', '/v1/cycles'), []);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const cycleId = chosen ?? cycles.value?.items[0]?.id;
  const score = useLoad(
    async () =>
      cycleId
        ? api<UnitScore>(
            'GET',
            `/v1/cycles/${encodeURIComponent(cycleId)}/assessment/units/${encodeURIComponent(session.unit.id)}`,
          )
        : undefined,
    [cycleId, session.unit.id],
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
          <dl className="facts">
            <dt>{t('unit.assessment.final')}</dt>
            <dd>
              <strong className="score">{points(score.value.finalScore)}</strong>
              {score.value.state === 'DRAFT' && <span className="muted small"> {t('unit.assessment.draft')}</span>}
            </dd>
            <dt>{t('unit.assessment.rank')}</dt>
            <dd>{t('unit.assessment.rankText', { rank: score.value.rank })}</dd>
            <dt>{t('unit.assessment.computed')}</dt>
            <dd>{points(score.value.computedScore)}</dd>
            <dt>{t('unit.assessment.adjustment')}</dt>
            <dd>{points(score.value.adjustment)}</dd>
            <dt>{t('unit.assessment.model')}</dt>
            <dd>
              {score.value.model.name}（v{score.value.model.version}），
              {t('unit.assessment.base', { base: score.value.model.base })}
            </dd>
            <dt>{t('unit.assessment.cutOff')}</dt>
            <dd>{formatDateTime(score.value.cutOff, lang)}</dd>
          </dl>
          <div className="table-wrap">
            <table>
              <caption>{t('unit.assessment.breakdown')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('unit.assessment.indicator')}</th>
                  <th scope="col">{t('unit.assessment.weight')}</th>
                  <th scope="col">{t('unit.assessment.points')}</th>
                  <th scope="col">{t('unit.assessment.formula')}</th>
                </tr>
              </thead>
              <tbody>
                {score.value.breakdown.map((b) => (
                  <tr key={b.indicator}>
                    <td data-label={t('unit.assessment.indicator')}>{b.name}</td>
                    <td data-label={t('unit.assessment.weight')}>{b.weight}</td>
                    <td data-label={t('unit.assessment.points')}>{points(b.points)}</td>
                    <td data-label={t('unit.assessment.formula')}>{b.formula}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
