import { Fragment } from 'react';
import { useI18n } from '../../../lib/i18n';
import { useNames } from '../../../lib/names';
import { formatDateTime } from '../../../lib/time';
import type { Assessment } from '../../../lib/types-office2';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** The ranking with each unit's computed score, adjustment and final score; a unit's breakdown and adjustments open below it. */
export function RankingTable({ assessment }: { assessment: Assessment }) {
  const { t, lang } = useI18n();
  const names = useNames();
  const scores = [...assessment.scores].sort((a, b) => a.rank - b.rank);
  return (
    <div className="table-wrap">
      <table data-testid="ranking">
        <caption>{t('o2.assessment.ranking')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('o2.assessment.rank')}</th>
            <th scope="col">{t('o2.unit')}</th>
            <th scope="col">{t('o2.assessment.computed')}</th>
            <th scope="col">{t('o2.assessment.adjustment')}</th>
            <th scope="col">{t('o2.assessment.final')}</th>
            <th scope="col">{t('o2.assessment.breakdown')}</th>
          </tr>
        </thead>
        <tbody>
          {scores.map((s) => (
            <Fragment key={s.unitId}>
              <tr data-unit={s.unitId}>
                <td data-label={t('o2.assessment.rank')}>{s.rank}</td>
                <td data-label={t('o2.unit')}>{s.unitName}</td>
                <td data-label={t('o2.assessment.computed')}>{s.computedScore}</td>
                <td data-label={t('o2.assessment.adjustment')}>{s.adjustment ? signed(s.adjustment) : '—'}</td>
                <td data-label={t('o2.assessment.final')} data-testid="final-score">
                  <strong>{s.finalScore}</strong>
                </td>
                <td data-label={t('o2.assessment.breakdown')}>
                  <details>
                    <summary>{t('o2.assessment.showBreakdown')}</summary>
                    <ul className="plain-list">
                      {s.breakdown.map((b) => (
                        <li key={b.indicator}>
                          {b.name}（{t('o2.assessment.weight', { w: b.weight })}）：<strong>{b.points}</strong>
                          <br />
                          <span className="muted small">{b.formula}</span>
                        </li>
                      ))}
                    </ul>
                    {s.adjustments.length > 0 && (
                      <ul className="plain-list" data-testid="adjustments">
                        {s.adjustments.map((x) => (
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
                </td>
              </tr>
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
