import type { ReactNode } from 'react';
import { periodsChart } from '../../../../../render/charts';
import { Link } from '../../../app/router';
import { Chart } from '../../../components/Chart';
import { TrendChart } from '../../../components/TrendChart';
import { DataTable } from '../../../components/DataTable';
import { Facts } from '../../../components/Facts';
import { addMessages, useI18n } from '../../../lib/i18n';
import { formatDate, formatDateTime } from '../../../lib/time';
import type { Bulletin } from '../../../lib/types-office2';
import { useRecord } from '../../shared/use-record';
import { CollaborationTable } from '../CollaborationTable';
import { percent } from './percent';
import office2 from '../../../lib/messages/office2';

addMessages(office2);

/**
 * One bulletin: totals, each unit's figures, overdue tasks and the units named at L3; the printable HTML and the
 * CSV are the API's own renderings, fetched with the session cookie. `missing` shows instead of "not found".
 */
export function BulletinView({ id, missing }: { id: string; missing?: ReactNode }) {
  const { t, lang } = useI18n();
  const base = `/v1/bulletins/${encodeURIComponent(id)}`;
  const { value: b, fallback } = useRecord<Bulletin>(base, missing);
  if (!b) return fallback;
  const c = b.content;
  return (
    <article>
      <h1>{b.title}</h1>
      <p className="muted">
        {t('o2.bulletins.periodText', {
          from: formatDate(b.periodFrom, lang),
          to: formatDate(b.periodTo, lang),
          at: formatDateTime(b.generatedAt, lang),
        })}
      </p>
      <p className="action-row">
        <a href={`${base}/html`} target="_blank" rel="noopener" data-testid="bulletin-html">
          {t('o2.bulletins.html')}
        </a>
        <a href={`${base}/pdf`} download data-testid="bulletin-pdf">
          {t('o2.bulletins.pdf')}
        </a>
        <a href={`${base}/csv`} download data-testid="bulletin-csv">
          {t('o2.bulletins.csv')}
        </a>
      </p>
      <Facts
        facts={[
          { label: t('o2.bulletins.led'), value: b.totals.led },
          { label: t('o2.bulletins.completionRate'), value: percent(b.totals.completionRate) },
          { label: t('o2.bulletins.onTimeRate'), value: percent(b.totals.onTimeRate) },
          { label: t('o2.bulletins.openOverdue'), value: b.totals.openOverdue },
          {
            label: t('o2.bulletins.escalations'),
            value: `L1 ${b.totals.escalations.l1} · L2 ${b.totals.escalations.l2} · L3 ${b.totals.escalations.l3}`,
          },
        ]}
      />
      {b.comparison.length > 1 && (
        <section className="panel" aria-labelledby="bulletin-comparison">
          <h2 id="bulletin-comparison">{t('o2.bulletins.comparison')}</h2>
          <Chart
            testId="bulletin-comparison"
            option={periodsChart(b.comparison, '')}
            label={t('o2.bulletins.comparison')}
            description={b.comparison
              .map((p) =>
                t('o2.bulletins.comparisonLine', {
                  label: p.label,
                  completed: p.completed,
                  onTime: p.completedOnTime,
                  overdue: p.openOverdue,
                  escalations: p.escalations,
                }),
              )
              .join('；')}
          />
        </section>
      )}
      {c.annual && <AnnualPart annual={c.annual} />}
      <DataTable
        caption={t('o2.bulletins.byUnit')}
        rows={c.units}
        rowKey={(u) => u.unitId}
        columns={[
          { key: 'unit', header: 'o2.unit', render: (u) => u.unitName },
          { key: 'led', header: 'o2.bulletins.led', render: (u) => u.led },
          { key: 'completed', header: 'o2.bulletins.completed', render: (u) => u.completed },
          { key: 'rate', header: 'o2.bulletins.completionRate', render: (u) => percent(u.completionRate) },
          { key: 'overdue', header: 'o2.bulletins.openOverdue', render: (u) => u.openOverdue },
        ]}
      />
      <ListPanel title={t('o2.bulletins.overdue')} items={c.overdue} itemKey={(x) => x.id}>
        {(x) => (
          <>
            <Link to={`/tasks/${encodeURIComponent(x.id)}`}>{x.title}</Link>（{x.unitName}，{t('task.dueDate')}{' '}
            {formatDate(x.dueDate, lang)}
            {x.rung > 0 && `，${t(`rung.${x.rung}`)}`}）
          </>
        )}
      </ListPanel>
      <ListPanel title={t('o2.bulletins.namedAtL3')} items={c.namedAtL3} itemKey={(u) => u.unitId}>
        {(u) => `${u.unitName}：${u.tasks.map((x) => x.title).join('、')}`}
      </ListPanel>
      {c.collaboration && c.collaboration.length > 0 && (
        <CollaborationTable caption={t('o2.bulletins.collaboration')} rows={c.collaboration} />
      )}
    </article>
  );
}

type Annual = NonNullable<Bulletin['content']['annual']>;

/** The annual report's own part: the year month by month, the assessment's ranking and the cases in numbers. */
function AnnualPart({ annual }: { annual: Annual }) {
  const { t } = useI18n();
  return (
    <>
      <section className="panel" aria-labelledby="annual-months">
        <h2 id="annual-months">{t('o2.annual.months')}</h2>
        <TrendChart testId="annual-months" months={annual.months} label={t('o2.annual.months')} />
      </section>
      {annual.ranking.length > 0 && (
        <DataTable
          caption={t('o2.annual.ranking')}
          rows={annual.ranking}
          rowKey={(r) => r.unitId}
          columns={[
            { key: 'rank', header: 'o2.annual.rank', render: (r) => r.rank },
            { key: 'unit', header: 'o2.unit', render: (r) => r.unitName },
            { key: 'score', header: 'o2.annual.score', render: (r) => r.finalScore.toFixed(2) },
          ]}
        />
      )}
      <section className="panel" aria-labelledby="annual-cases">
        <h2 id="annual-cases">{t('o2.annual.cases')}</h2>
        <p>{t('o2.annual.casesText', { total: annual.cases.total, decided: annual.cases.decided })}</p>
        {annual.cases.byMeasure && annual.cases.byMeasure.length > 0 && (
          <DataTable
            caption={t('o2.annual.cases')}
            rows={annual.cases.byMeasure}
            rowKey={(m) => m.measure}
            columns={[
              { key: 'measure', header: 'o2.annual.measure', render: (m) => m.name },
              { key: 'cases', header: 'o2.annual.measureCases', render: (m) => m.cases },
            ]}
          />
        )}
      </section>
    </>
  );
}

/** A panel listing `items` under its title; nothing at all when there are none. */
function ListPanel<T>({
  title,
  items,
  itemKey,
  children,
}: {
  title: string;
  items: T[];
  itemKey: (item: T) => string;
  children: (item: T) => ReactNode;
}) {
  if (items.length === 0) return null;
  return (
    <section className="panel">
      <h2>{title}</h2>
      <ul>
        {items.map((item) => (
          <li key={itemKey(item)}>{children(item)}</li>
        ))}
      </ul>
    </section>
  );
}
