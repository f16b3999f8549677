import { Link, navigate } from '../../app/router';
import { DataTable } from '../../components/DataTable';
import { FormPanel } from '../../components/FormPanel';
import { LabelledField } from '../../components/LabelledField';
import { addMessages, useI18n } from '../../lib/i18n';
import { useFormAction } from '../../lib/queries';
import { formatDateTime } from '../../lib/time';
import { useFields } from '../../lib/use-fields';
import { useRecord } from '../shared/use-record';
import { AppraisalList } from './AppraisalList';
import type { Appraisal, AppraisalResult } from './types';
import appraisal from '../../lib/messages/appraisal';

addMessages(appraisal);

const ids = (text: string) =>
  text
    .split(/[,，\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The office's conduct appraisals (行风评议): the list and opening one for a cycle. */
export function OfficeAppraisals() {
  return (
    <section>
      <AppraisalList linkBase="/office/appraisals" testId="office-appraisals" counts />
      <OpenForm />
    </section>
  );
}

function OpenForm() {
  const { t } = useI18n();
  const { values, bind } = useFields({ cycleId: '', title: '', memberIds: '', workingDays: '10' });
  const form = useFormAction(async ({ run }) => {
    const body = { title: values.title, memberIds: ids(values.memberIds), workingDays: Number(values.workingDays) };
    const opened = await run<{ id: string }>(
      'POST',
      `/v1/cycles/${encodeURIComponent(values.cycleId)}/appraisals`,
      body,
    );
    if (opened) navigate(`/office/appraisals/${encodeURIComponent(opened.id)}`);
  });
  return (
    <FormPanel name="apr.open" form={form} testId="open-appraisal" noValidate>
      <LabelledField label={t('apr.cycle')} field="cycleId">
        <input type="text" {...bind('cycleId')} />
      </LabelledField>
      <LabelledField label={t('apr.name')} field="title">
        <input type="text" {...bind('title')} />
      </LabelledField>
      <LabelledField label={t('apr.memberIds')} field="memberIds">
        <input type="text" {...bind('memberIds')} />
      </LabelledField>
      <LabelledField label={t('apr.workingDays')} field="workingDays">
        <input type="number" min={1} max={60} {...bind('workingDays')} />
      </LabelledField>
    </FormPanel>
  );
}

type Progress = NonNullable<Appraisal['progress']>[number];

/** One appraisal for the office: who has finished (never how they rated), inviting, ending early, the results. */
export function OfficeAppraisal({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const path = `/v1/appraisals/${encodeURIComponent(id)}`;
  const { value: a, reload, fallback } = useRecord<Appraisal>(path);
  const { values, bind, reset } = useFields({ memberIds: '' });
  const invite = useFormAction(async ({ run }) => {
    if (await run('POST', `${path}/members`, { memberIds: ids(values.memberIds) })) {
      reset();
      reload();
    }
  });
  const close = useFormAction(async ({ run }) => {
    if (await run('POST', `${path}/close`)) reload();
  });
  if (!a) return fallback;
  return (
    <section>
      <Link to="/office/appraisals">{t('apr.back')}</Link>
      <h1>{a.title}</h1>
      <p className="muted small" data-testid="appraisal-state">
        {t(`apr.state.${a.state}`)} · {t('apr.finished')} {a.finished}/{a.members} · {t('apr.dueAt')}{' '}
        {a.dueAt ? formatDateTime(a.dueAt, lang) : ''}
      </p>
      <DataTable<Progress>
        caption={t('apr.progress')}
        rows={a.progress ?? []}
        rowKey={(m) => m.personId}
        testId="appraisal-progress"
        columns={[
          { key: 'name', header: 'apr.members', render: (m) => m.name },
          { key: 'rated', header: 'apr.rated', render: (m) => `${m.rated}/${a.units}` },
          {
            key: 'finishedAt',
            header: 'apr.finishedAt',
            render: (m) => (m.finishedAt ? formatDateTime(m.finishedAt, lang) : ''),
          },
        ]}
      />
      {a.actions.includes('members') && (
        <FormPanel name="apr.invite" form={invite} testId="invite-members" noValidate>
          <LabelledField label={t('apr.memberIds')} field="memberIds">
            <input type="text" {...bind('memberIds')} />
          </LabelledField>
        </FormPanel>
      )}
      {a.actions.includes('close') && (
        <FormPanel name="apr.close" help form={close} testId="close-appraisal">
          {null}
        </FormPanel>
      )}
      {a.state === 'CLOSED' && <Results results={a.results} />}
    </section>
  );
}

/** The aggregates per unit, never by rater. */
export function Results({ results }: { results: AppraisalResult[] }) {
  const { t } = useI18n();
  return (
    <DataTable<AppraisalResult>
      caption={t('apr.results')}
      rows={results}
      rowKey={(r) => r.unitId}
      testId="appraisal-results"
      columns={[
        { key: 'unit', header: 'obs.unit', render: (r) => r.unitName },
        { key: 'raters', header: 'apr.raters', render: (r) => String(r.raters) },
        { key: 'satisfied', header: 'apr.rating.SATISFIED', render: (r) => String(r.satisfied) },
        { key: 'basic', header: 'apr.rating.BASIC', render: (r) => String(r.basic) },
        { key: 'unsatisfied', header: 'apr.rating.UNSATISFIED', render: (r) => String(r.unsatisfied) },
        { key: 'score', header: 'apr.score', render: (r) => (r.score === null ? '—' : r.score.toFixed(2)) },
      ]}
    />
  );
}
