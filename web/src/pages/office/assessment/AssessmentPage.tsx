import { CyclePicker, useCycleChoice } from '../../../components/CyclePicker';
import { ErrorBox } from '../../../components/ErrorBox';
import { Facts } from '../../../components/Facts';
import { Chart } from '../../../components/Chart';
import { distributionChart, bandsOf, scoreChart } from '../../../../../render/charts';
import { addMessages, useI18n } from '../../../lib/i18n';
import { formatDateTime } from '../../../lib/time';
import type { Assessment } from '../../../lib/types-office2';
import { useAction, useApi } from '../../../lib/queries';
import { AdjustForm } from './AdjustForm';
import { RankingTable } from './RankingTable';
import { Recomputations } from './Recomputations';
import office2 from '../../../lib/messages/office2';

addMessages(office2);

/**
 * A cycle's assessment (考核评价, docs/assessment.md): the ranking, a chart of each unit's points by indicator,
 * the breakdowns, adjustments with their reasons, publishing, and the CSV/XLSX exports.
 */
export function AssessmentPage() {
  const { t, lang } = useI18n();
  const { cycleId, cycles } = useCycleChoice();
  const base = `/v1/cycles/${encodeURIComponent(cycleId)}/assessment`;
  const { value: a, error, loading, reload } = useApi<Assessment>(cycleId ? base : null);
  const act = useAction();
  const units = (a?.scores ?? []).map((u) => ({
    unitName: u.unitName,
    rank: u.rank,
    finalScore: u.finalScore,
    parts: u.breakdown.map((l) => ({ name: l.name, points: l.points })),
    adjustment: u.adjustment,
  }));
  const compute = async () => {
    await act.run('POST', base, {});
  };
  const publish = async () => {
    if (!window.confirm(t('o2.assessment.publishConfirm'))) return;
    await act.run('POST', `${base}/publish`);
  };
  const missing = error?.status === 404;
  return (
    <section>
      <h1>{t('o2.assessment.title')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <CyclePicker cycleId={cycleId} cycles={cycles} />
      </form>
      {error && !missing && <ErrorBox error={error} onRetry={reload} />}
      {loading && <p className="muted">{t('common.loading')}</p>}
      {missing && !loading && (
        <div className="panel">
          <p data-testid="assessment-missing">{t('o2.assessment.none')}</p>
        </div>
      )}
      {(missing || a?.state === 'DRAFT') && !loading && (
        <div className="action-row">
          <button type="button" className="primary" onClick={() => void compute()} disabled={act.busy}>
            {missing ? t('o2.assessment.compute') : t('o2.assessment.recompute')}
          </button>
          {a?.state === 'DRAFT' && (
            <button type="button" onClick={() => void publish()} disabled={act.busy}>
              {t('o2.assessment.publish')}
            </button>
          )}
        </div>
      )}
      <ErrorBox error={act.error} />
      {a && !loading && (
        <>
          <Facts
            facts={[
              {
                label: t('o2.assessment.state'),
                value: (
                  <>
                    <span className="badge" data-testid="assessment-state">
                      {t(`o2.assessmentState.${a.state}`)}
                    </span>
                    {a.publishedAt && <span className="muted small"> {formatDateTime(a.publishedAt, lang)}</span>}
                  </>
                ),
              },
              { label: t('o2.assessment.model'), value: a.model.name },
              { label: t('o2.assessment.cutOff'), value: formatDateTime(a.cutOff, lang) },
              { label: t('o2.assessment.revision'), value: a.revision },
            ]}
          />
          <p className="action-row">
            <a href={`${base}.csv`} download data-testid="assessment-csv">
              {t('o2.assessment.csv')}
            </a>
            <a href={`${base}.xlsx`} download data-testid="assessment-xlsx">
              {t('o2.assessment.xlsx')}
            </a>
            <a href={`${base}/report`} target="_blank" rel="noopener" data-testid="assessment-report">
              {t('o2.assessment.report')}
            </a>
            <a href={`${base}/report.pdf`} download data-testid="assessment-report-pdf">
              {t('o2.assessment.reportPdf')}
            </a>
          </p>
          <h2>{t('o2.assessment.chart')}</h2>
          <Chart
            testId="score-chart"
            option={scoreChart(units, t('o2.assessment.chartTitle'))}
            label={t('o2.assessment.chartTitle')}
            description={units
              .map((u) => t('o2.assessment.chartRow', { rank: u.rank, unit: u.unitName, score: u.finalScore }))
              .join('；')}
            height={Math.max(240, 80 + units.length * 30)}
          />
          <Chart
            testId="distribution-chart"
            option={distributionChart(
              units.map((u) => u.finalScore),
              t('o2.assessment.distribution'),
            )}
            label={t('o2.assessment.distribution')}
            description={bandsOf(units.map((u) => u.finalScore))
              .map((b) => `${b.label} ${b.units}`)
              .join('；')}
            height={260}
          />
          <RankingTable assessment={a} />
          {a.state === 'DRAFT' && <AdjustForm cycleId={cycleId} scores={a.scores} onDone={reload} />}
          <Recomputations cycleId={cycleId} />
        </>
      )}
    </section>
  );
}
