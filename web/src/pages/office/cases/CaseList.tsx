import { useState, type FormEvent } from 'react';
import { Link, navigate } from '../../../app/router';
import { ErrorBox } from '../../../components/ErrorBox';
import { LabelledField } from '../../../components/LabelledField';
import { PagedTable } from '../../../components/PagedTable';
import { api, query, type Page } from '../../../lib/api';
import { useI18n } from '../../../lib/i18n';
import { useOrgLists, workingUnits } from '../../../lib/org-lists';
import { formatDateTime } from '../../../lib/time';
import type { CaseSummary } from '../../../lib/types-office2';
import { useAction } from '../../../lib/use-action';

const STATES = ['OPEN', 'STATEMENT_OVERDUE', 'STATEMENT_RECEIVED', 'DECIDED', 'CLOSED'];

/** Accountability cases (责任追究), newest first, by state; the office opens one for a unit with the reason. */
export function CaseList() {
  const { t, lang } = useI18n();
  const [state, setState] = useState('');
  return (
    <section>
      <h1>{t('o2.cases.title')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('o2.cases.state')}
          <select value={state} onChange={(e) => setState(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`o2.caseState.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
      <PagedTable<CaseSummary>
        caption={t('o2.cases.caption')}
        rowKey={(c) => c.id}
        deps={[state]}
        load={(page) => api<Page<CaseSummary>>('GET', `/v1/cases${query({ state, ...page })}`)}
        columns={[
          {
            key: 'unit',
            header: 'o2.cases.unit',
            render: (c) => <Link to={`/office/cases/${encodeURIComponent(c.id)}`}>{c.unitName}</Link>,
          },
          { key: 'source', header: 'o2.cases.source', render: (c) => t(`o2.caseSource.${c.sourceKind}`) },
          { key: 'opened', header: 'o2.cases.openedAt', render: (c) => formatDateTime(c.openedAt, lang) },
          { key: 'due', header: 'o2.cases.statementDue', render: (c) => formatDateTime(c.statementDueAt, lang) },
          {
            key: 'state',
            header: 'o2.cases.state',
            render: (c) => <span className="badge">{t(`o2.caseState.${c.state}`)}</span>,
          },
          { key: 'measure', header: 'o2.cases.measure', render: (c) => c.measureName ?? '—' },
        ]}
      />
      <OpenCaseForm />
    </section>
  );
}

function OpenCaseForm() {
  const { t } = useI18n();
  const { units } = useOrgLists();
  const { busy, error, run } = useAction();
  const [v, setV] = useState({ unitId: '', reason: '' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const opened = await run<{ id: string }>('POST', '/v1/cases', v);
    if (opened) navigate(`/office/cases/${encodeURIComponent(opened.id)}`);
  };
  return (
    <form className="panel action-form" onSubmit={(e) => void submit(e)} data-testid="open-case-form" noValidate>
      <h2>{t('o2.cases.open')}</h2>
      <p className="muted small">{t('o2.cases.openHelp')}</p>
      <LabelledField label={t('o2.cases.unit')} field="unitId" error={error}>
        <select value={v.unitId} onChange={(e) => setV({ ...v, unitId: e.target.value })}>
          <option value="">{t('o2.choose')}</option>
          {workingUnits(units).map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </LabelledField>
      <LabelledField label={t('o2.cases.reason')} field="reason" error={error}>
        <textarea rows={3} value={v.reason} onChange={(e) => setV({ ...v, reason: e.target.value })} />
      </LabelledField>
      <ErrorBox error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {t('o2.cases.openButton')}
      </button>
    </form>
  );
}
