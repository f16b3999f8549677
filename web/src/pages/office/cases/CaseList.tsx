import { useState } from 'react';
import { Link, navigate } from '../../../app/router';
import { Choice } from '../../../components/Choice';
import { FormPanel } from '../../../components/FormPanel';
import { LabelledField } from '../../../components/LabelledField';
import { ListPage } from '../../../components/ListPage';
import { query } from '../../../lib/api';
import { addMessages, useI18n } from '../../../lib/i18n';
import { useOrgLists, workingUnits } from '../../../lib/org-lists';
import { formatDateTime } from '../../../lib/time';
import type { CaseSummary } from '../../../lib/types-office2';
import { useFields } from '../../../lib/use-fields';
import { useFormAction } from '../../../lib/queries';
import office2 from '../../../lib/messages/office2';

addMessages(office2);

const STATES = ['OPEN', 'STATEMENT_OVERDUE', 'STATEMENT_RECEIVED', 'DECIDED', 'CLOSED'];

/** Accountability cases (责任追究), newest first, by state; the office opens one for a unit with the reason. */
export function CaseList() {
  const { t, lang } = useI18n();
  const [state, setState] = useState('');
  return (
    <ListPage<CaseSummary>
      title={t('o2.cases.title')}
      filters={
        <label>
          {t('o2.cases.state')}
          <Choice
            value={state}
            onChange={(e) => setState(e.target.value)}
            placeholder={t('common.all')}
            options={STATES.map((s) => ({ value: s, label: t(`o2.caseState.${s}`) }))}
          />
        </label>
      }
      table={{
        caption: t('o2.cases.caption'),
        rowKey: (c) => c.id,
        path: (page) => `/v1/cases${query({ state, ...page })}`,
        columns: [
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
        ],
      }}
    >
      <OpenCaseForm />
    </ListPage>
  );
}

function OpenCaseForm() {
  const { t } = useI18n();
  const { units } = useOrgLists();
  const { values, bind } = useFields({ unitId: '', reason: '' });
  const form = useFormAction(async ({ run }) => {
    const opened = await run<{ id: string }>('POST', '/v1/cases', values);
    if (opened) navigate(`/office/cases/${encodeURIComponent(opened.id)}`);
  });
  return (
    <FormPanel name="o2.cases.open" help form={form} testId="open-case-form" noValidate>
      <LabelledField label={t('o2.cases.unit')} field="unitId">
        <Choice
          {...bind('unitId')}
          placeholder={t('o2.choose')}
          options={workingUnits(units).map((u) => ({ value: u.id, label: u.name }))}
        />
      </LabelledField>
      <LabelledField label={t('o2.cases.reason')} field="reason">
        <textarea rows={3} {...bind('reason')} />
      </LabelledField>
    </FormPanel>
  );
}
