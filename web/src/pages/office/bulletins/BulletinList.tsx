import { useState, type FormEvent } from 'react';
import { useAuth } from '../../../app/auth';
import { Link, navigate } from '../../../app/router';
import { ErrorBox } from '../../../components/ErrorBox';
import { LabelledField } from '../../../components/LabelledField';
import { PagedTable } from '../../../components/PagedTable';
import { api, query, type Page } from '../../../lib/api';
import { useI18n } from '../../../lib/i18n';
import { formatDate, formatDateTime } from '../../../lib/time';
import type { BulletinSummary, Cycle } from '../../../lib/types-office2';
import { useAction } from '../../../lib/use-action';
import { useLoad } from '../../../lib/use-load';
import { percent } from './percent';

/** The organisation's bulletins (情况通报), newest first; the office publishes one for a period on demand. */
export function BulletinList() {
  const { t, lang } = useI18n();
  const { hasRole } = useAuth();
  return (
    <section>
      <h1>{t('o2.bulletins.title')}</h1>
      <PagedTable<BulletinSummary>
        caption={t('o2.bulletins.caption')}
        rowKey={(b) => b.id}
        load={(page) => api<Page<BulletinSummary>>('GET', `/v1/bulletins${query(page)}`)}
        columns={[
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
        ]}
      />
      {hasRole('OFFICE') && <PublishForm />}
    </section>
  );
}

/** Publishing a bulletin for a period (and optionally one cycle's tasks) now. */
function PublishForm() {
  const { t } = useI18n();
  const { value } = useLoad(() => api<{ items: Cycle[] }>('GET', '/v1/cycles'), []);
  const { busy, error, run } = useAction();
  const [v, setV] = useState({ from: '', to: '', cycleId: '', title: '' });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      from: v.from,
      to: v.to,
      ...(v.cycleId ? { cycleId: v.cycleId } : {}),
      ...(v.title ? { title: v.title } : {}),
    };
    const made = await run<BulletinSummary>('POST', '/v1/bulletins', body);
    if (made) navigate(`/bulletins/${encodeURIComponent(made.id)}`);
  };
  return (
    <form className="panel action-form" onSubmit={(e) => void submit(e)} data-testid="publish-bulletin-form">
      <h2>{t('o2.bulletins.publish')}</h2>
      <div className="field-row">
        <LabelledField label={t('o2.bulletins.from')} field="from" error={error}>
          <input type="date" required value={v.from} onChange={set('from')} />
        </LabelledField>
        <LabelledField label={t('o2.bulletins.to')} field="to" error={error}>
          <input type="date" required value={v.to} onChange={set('to')} />
        </LabelledField>
      </div>
      <LabelledField label={t('o2.cycle')} field="cycleId" error={error}>
        <select value={v.cycleId} onChange={set('cycleId')}>
          <option value="">{t('o2.bulletins.allCycles')}</option>
          {value?.items.map((c) => (
            <option key={c.id} value={c.id}>
              {t('o2.cycleName', { year: c.year })}
            </option>
          ))}
        </select>
      </LabelledField>
      <LabelledField
        label={t('o2.bulletins.customTitle')}
        hint={t('o2.bulletins.titleHint')}
        field="title"
        error={error}
      >
        <input value={v.title} onChange={set('title')} />
      </LabelledField>
      <ErrorBox error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {t('o2.bulletins.publishButton')}
      </button>
    </form>
  );
}
