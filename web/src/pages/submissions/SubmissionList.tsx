import { useState } from 'react';
import { useAuth } from '../../app/auth';
import { Link, navigate } from '../../app/router';
import { Choice } from '../../components/Choice';
import { FormPanel } from '../../components/FormPanel';
import { LabelledField } from '../../components/LabelledField';
import { ListPage } from '../../components/ListPage';
import { query } from '../../lib/api';
import { addMessages, useI18n } from '../../lib/i18n';
import { useOrgLists, workingUnits } from '../../lib/org-lists';
import { useFormAction } from '../../lib/queries';
import { formatDateTime } from '../../lib/time';
import { useFields } from '../../lib/use-fields';
import type { SubmissionSummary } from './types';
import office2 from '../../lib/messages/office2';
import submissions from '../../lib/messages/submissions';

addMessages(office2, submissions);

export const SUBMISSION_KINDS = ['OBSERVATION', 'PROBLEM', 'CLUE'];

/**
 * Submissions (反映): a member of the supervision network lists their own ("我的反映") and submits a new one from a
 * phone; the office lists the organisation's, with the filters awaiting triage and unanswered.
 */
export function SubmissionList() {
  const { t, lang } = useI18n();
  const { hasRole } = useAuth();
  const office = hasRole('OFFICE');
  const [filter, setFilter] = useState('');
  const filters =
    filter === 'triage' ? { awaitingTriage: 'true' } : filter === 'unanswered' ? { unanswered: 'true' } : {};
  return (
    <ListPage<SubmissionSummary>
      title={t(office ? 'sub.officeTitle' : 'sub.title')}
      filters={
        office ? (
          <label>
            {t('sub.filter')}
            <Choice
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              placeholder={t('common.all')}
              options={[
                { value: 'triage', label: t('sub.filter.triage') },
                { value: 'unanswered', label: t('sub.filter.unanswered') },
              ]}
            />
          </label>
        ) : undefined
      }
      table={{
        caption: t('sub.caption'),
        rowKey: (s) => s.id,
        path: (page) => `/v1/submissions${query({ ...filters, ...page })}`,
        columns: [
          {
            key: 'what',
            header: 'sub.what',
            render: (s) => <Link to={`/submissions/${encodeURIComponent(s.id)}`}>{s.what}</Link>,
          },
          { key: 'kind', header: 'sub.kind', render: (s) => t(`sub.kind.${s.kind}`) },
          { key: 'unit', header: 'sub.subject', render: (s) => s.subjectUnitName ?? '—' },
          ...(office
            ? [{ key: 'who', header: 'sub.submitter', render: (s: SubmissionSummary) => s.submitterName ?? '—' }]
            : []),
          { key: 'at', header: 'sub.submittedAt', render: (s) => formatDateTime(s.submittedAt, lang) },
          {
            key: 'state',
            header: 'sub.state',
            render: (s) => <span className="badge">{t(`sub.state.${s.state}`)}</span>,
          },
        ],
      }}
    >
      {hasRole('OBSERVER') ? <NewSubmissionForm /> : null}
    </ListPage>
  );
}

/** A member's new submission: kind, the unit it concerns, what, where and the day it happened. */
function NewSubmissionForm() {
  const { t } = useI18n();
  const { units } = useOrgLists();
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const { values, bind } = useFields({ kind: 'PROBLEM', subjectUnitId: '', what: '', where: '', happenedOn: today });
  const form = useFormAction(async ({ run }) => {
    const { subjectUnitId, ...rest } = values;
    const sent = await run<{ id: string }>('POST', '/v1/submissions', {
      ...rest,
      ...(subjectUnitId ? { subjectUnitId } : {}),
    });
    if (sent) navigate(`/submissions/${encodeURIComponent(sent.id)}`);
  });
  return (
    <FormPanel name="sub.new" help form={form} testId="new-submission-form" noValidate>
      <LabelledField label={t('sub.kind')} field="kind">
        <Choice
          {...bind('kind')}
          placeholder={t('o2.choose')}
          options={SUBMISSION_KINDS.map((k) => ({ value: k, label: t(`sub.kind.${k}`) }))}
        />
      </LabelledField>
      <LabelledField label={t('sub.subject')} field="subjectUnitId">
        <Choice
          {...bind('subjectUnitId')}
          placeholder={t('sub.noSubject')}
          options={workingUnits(units)
            .filter((u) => u.kind !== 'ENFORCEMENT')
            .map((u) => ({ value: u.id, label: u.name }))}
        />
      </LabelledField>
      <LabelledField label={t('sub.what')} field="what">
        <textarea rows={4} {...bind('what')} />
      </LabelledField>
      <LabelledField label={t('sub.where')} field="where">
        <input {...bind('where')} />
      </LabelledField>
      <LabelledField label={t('sub.happenedOn')} field="happenedOn">
        <input type="date" max={today} {...bind('happenedOn')} />
      </LabelledField>
    </FormPanel>
  );
}
