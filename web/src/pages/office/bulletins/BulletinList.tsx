import { useAuth } from '../../../app/auth';
import { Link, navigate } from '../../../app/router';
import { Choice } from '../../../components/Choice';
import { FormPanel } from '../../../components/FormPanel';
import { InputField, LabelledField } from '../../../components/LabelledField';
import { ListPage } from '../../../components/ListPage';
import { query } from '../../../lib/api';
import { addMessages, useI18n } from '../../../lib/i18n';
import { formatDate, formatDateTime } from '../../../lib/time';
import type { BulletinSummary, Cycle } from '../../../lib/types-office2';
import { useFields } from '../../../lib/use-fields';
import { useApi, useFormAction } from '../../../lib/queries';
import { percent } from './percent';
import office2 from '../../../lib/messages/office2';

addMessages(office2);

/** The organisation's bulletins (情况通报), newest first; the office publishes one for a period on demand. */
export function BulletinList() {
  const { t, lang } = useI18n();
  const { hasRole } = useAuth();
  return (
    <ListPage<BulletinSummary>
      title={t('o2.bulletins.title')}
      table={{
        caption: t('o2.bulletins.caption'),
        rowKey: (b) => b.id,
        path: (page) => `/v1/bulletins${query(page)}`,
        columns: [
          {
            key: 'title',
            header: 'o2.bulletins.name',
            render: (b) => <Link to={`/bulletins/${encodeURIComponent(b.id)}`}>{b.title}</Link>,
          },
          {
            key: 'period',
            header: 'o2.bulletins.period',
            render: (b) => `${formatDate(b.periodFrom, lang)} — ${formatDate(b.periodTo, lang)}`,
          },
          { key: 'rate', header: 'o2.bulletins.completionRate', render: (b) => percent(b.totals.completionRate) },
          { key: 'overdue', header: 'o2.bulletins.openOverdue', render: (b) => b.totals.openOverdue },
          { key: 'at', header: 'o2.bulletins.generatedAt', render: (b) => formatDateTime(b.generatedAt, lang) },
        ],
      }}
    >
      {hasRole('OFFICE') && <PublishForm />}
    </ListPage>
  );
}

/** Publishing a bulletin for a period (and optionally one cycle's tasks) now. */
function PublishForm() {
  const { t } = useI18n();
  const { value } = useApi<{ items: Cycle[] }>('/v1/cycles');
  const { values: v, bind } = useFields({ from: '', to: '', cycleId: '', title: '' });
  const form = useFormAction(async ({ run }) => {
    const body = {
      from: v.from,
      to: v.to,
      ...(v.cycleId ? { cycleId: v.cycleId } : {}),
      ...(v.title ? { title: v.title } : {}),
    };
    const made = await run<BulletinSummary>('POST', '/v1/bulletins', body);
    if (made) navigate(`/bulletins/${encodeURIComponent(made.id)}`);
  });
  return (
    <FormPanel name="o2.bulletins.publish" form={form} testId="publish-bulletin-form">
      <div className="field-row">
        <InputField label={t('o2.bulletins.from')} field="from" bind={bind} type="date" required />
        <InputField label={t('o2.bulletins.to')} field="to" bind={bind} type="date" required />
      </div>
      <LabelledField label={t('o2.cycle')} field="cycleId">
        <Choice
          {...bind('cycleId')}
          placeholder={t('o2.bulletins.allCycles')}
          options={(value?.items ?? []).map((c) => ({ value: c.id, label: t('o2.cycleName', { year: c.year }) }))}
        />
      </LabelledField>
      <InputField label={t('o2.bulletins.customTitle')} hint={t('o2.bulletins.titleHint')} field="title" bind={bind} />
    </FormPanel>
  );
}
