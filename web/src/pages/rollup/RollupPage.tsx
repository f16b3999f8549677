import { DataTable, type Column } from '../../components/DataTable';
import { ErrorBox } from '../../components/ErrorBox';
import { addMessages, useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/queries';
import { formatDate } from '../../lib/time';
import type { Rollup } from '../../lib/rollup';
import officeCore from '../../lib/messages/office-core';
import rollup from '../../lib/messages/rollup';

addMessages(officeCore, rollup);

type Row = Rollup['items'][number];

/**
 * The higher level's roll-up (下级汇总, GET /v1/rollup): one row per organisation under the caller's, with its
 * figures only — open tasks by light, overdue ones by rung, this year's completions, its cycle, its latest bulletin.
 * The API gives no task, person or unit of a district, so nothing here links into one. On a phone each row is a card.
 */
export function RollupPage() {
  const { t, lang } = useI18n();
  const { value, error, reload } = useApi<Rollup>('/v1/rollup');
  if (error) return <ErrorBox error={error} onRetry={reload} />;
  const columns: Column<Row>[] = [
    {
      key: 'name',
      header: 'rollup.col.name',
      render: (r) => (
        <>
          <strong>{r.name}</strong>
          {r.parent !== value?.items[0]?.parent && (
            <span className="muted small"> · {t('rollup.under', { parent: nameOf(value, r.parent) })}</span>
          )}
        </>
      ),
    },
    { key: 'open', header: 'rollup.col.open', render: (r) => r.open, testId: 'rollup-open' },
    {
      key: 'lights',
      header: 'rollup.col.lights',
      testId: 'rollup-lights',
      render: (r) => (
        <span className="rollup-lights">
          <span className="light light-red">
            {t('rollup.red')} {r.lights.red}
          </span>{' '}
          <span className="light light-yellow">
            {t('rollup.yellow')} {r.lights.yellow}
          </span>{' '}
          <span className="light light-green">
            {t('rollup.green')} {r.lights.green}
          </span>
        </span>
      ),
    },
    {
      key: 'overdue',
      header: 'rollup.col.overdue',
      testId: 'rollup-overdue',
      render: (r) =>
        t('rollup.overdue', { total: r.overdue.total, l1: r.overdue.l1, l2: r.overdue.l2, l3: r.overdue.l3 }),
    },
    {
      key: 'completed',
      header: 'rollup.col.completed',
      render: (r) => t('rollup.completed', { onTime: r.completed.onTime, late: r.completed.late }),
    },
    {
      key: 'cycle',
      header: 'rollup.col.cycle',
      render: (r) =>
        r.cycle
          ? `${t('office.cycle', { year: r.cycle.year })} · ${t(`office.phase.${r.cycle.phase}`)}`
          : t('rollup.noCycle'),
    },
    {
      key: 'bulletin',
      header: 'rollup.col.bulletin',
      render: (r) => (r.latestBulletinDate ? formatDate(r.latestBulletinDate, lang) : t('rollup.noBulletin')),
    },
  ];
  return (
    <section className="rollup" data-testid="rollup">
      <h1>{t('rollup.title')}</h1>
      <p className="muted">{value ? t('rollup.help', { year: value.year }) : t('common.loading')}</p>
      <DataTable
        caption={t('rollup.caption')}
        columns={columns}
        rows={value?.items}
        rowKey={(r) => r.id}
        rowProps={(r) => ({ 'data-org': r.id })}
        emptyText={t('rollup.empty')}
        testId="rollup-table"
      />
    </section>
  );
}

const nameOf = (rollup: Rollup | undefined, id: string) => rollup?.items.find((i) => i.id === id)?.name ?? id;
