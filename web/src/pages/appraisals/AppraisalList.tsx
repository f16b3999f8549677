import { Link } from '../../app/router';
import { DataTable, type Column } from '../../components/DataTable';
import { addMessages, useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/queries';
import { formatDateTime } from '../../lib/time';
import type { AppraisalSummary } from './types';
import appraisal from '../../lib/messages/appraisal';

addMessages(appraisal);

/**
 * The conduct appraisals (行风评议) the reader may see, newest first, each linking to its page under `linkBase`:
 * the office sees every appraisal with its counts of units and members, a member the ones they were invited to.
 */
export function AppraisalList({ linkBase, testId, counts }: { linkBase: string; testId: string; counts: boolean }) {
  const { t, lang } = useI18n();
  const { value } = useApi<{ items: AppraisalSummary[] }>('/v1/appraisals');
  const columns: Column<AppraisalSummary>[] = [
    {
      key: 'title',
      header: 'apr.name',
      render: (a) => <Link to={`${linkBase}/${encodeURIComponent(a.id)}`}>{a.title}</Link>,
    },
    { key: 'state', header: 'apr.state', render: (a) => t(`apr.state.${a.state}`) },
    ...(counts
      ? [
          { key: 'units', header: 'apr.units', render: (a: AppraisalSummary) => String(a.units) },
          { key: 'members', header: 'apr.members', render: (a: AppraisalSummary) => String(a.members) },
        ]
      : []),
    { key: 'dueAt', header: 'apr.dueAt', render: (a) => (a.dueAt ? formatDateTime(a.dueAt, lang) : '') },
  ];
  return (
    <>
      <h1>{t('apr.title')}</h1>
      <p className="muted small">{t('apr.intro')}</p>
      <DataTable<AppraisalSummary>
        caption={t('apr.caption')}
        rows={value?.items}
        rowKey={(a) => a.id}
        testId={testId}
        columns={columns}
      />
    </>
  );
}
