import { Link } from '../../app/router';
import { DataTable } from '../../components/DataTable';
import { Facts } from '../../components/Facts';
import { FormPanel } from '../../components/FormPanel';
import { ItemsPage } from '../../components/ItemsPage';
import { LabelledField } from '../../components/LabelledField';
import { Choice } from '../../components/Choice';
import { addMessages, useI18n } from '../../lib/i18n';
import { useFormAction } from '../../lib/queries';
import { formatDateTime } from '../../lib/time';
import { useFields } from '../../lib/use-fields';
import { useRecord } from '../shared/use-record';
import type { Inspection, InspectionSummary, Observation } from './types';
import appraisal from '../../lib/messages/appraisal';
import network from '../../lib/messages/network';

addMessages(appraisal, network);

/** The inspection rounds a member of the network was invited into (列席检查). */
export function MemberInspections() {
  const { t } = useI18n();
  return (
    <ItemsPage<InspectionSummary>
      title={t('obs.title')}
      caption={t('obs.caption')}
      path="/v1/inspections"
      testId="member-inspections"
      columns={[
        {
          key: 'title',
          header: 'apr.name',
          render: (r) => <Link to={`/network/inspections/${encodeURIComponent(r.id)}`}>{r.title}</Link>,
        },
        { key: 'period', header: 'obs.period', render: (r) => `${r.selfCheckDueDate} / ${r.findingsDueDate}` },
      ]}
    />
  );
}

/** A round's scope for an invited member, their own observations and the form to add one. */
export function MemberInspection({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const path = `/v1/inspections/${encodeURIComponent(id)}`;
  const { value: r, reload, fallback } = useRecord<Inspection>(path);
  const { values, bind, reset } = useFields({ unitId: '', text: '' });
  const form = useFormAction(async ({ run }) => {
    if (await run('POST', `${path}/observe`, values)) {
      reset();
      reload();
    }
  });
  if (!r) return fallback;
  return (
    <section>
      <Link to="/network/inspections">{t('obs.back')}</Link>
      <h1>{r.title}</h1>
      <Facts
        facts={[
          { label: t('obs.scope'), value: r.inspected.map((u) => u.unitName).join('、') },
          { label: t('obs.checklist'), value: r.checklist.join('；') },
          { label: t('obs.period'), value: `${r.selfCheckDueDate} / ${r.findingsDueDate}` },
        ]}
      />
      {r.actions.includes('observe') && (
        <FormPanel name="obs.form" form={form} testId="observe-form" noValidate>
          <LabelledField label={t('obs.unit')} field="unitId">
            <Choice
              value={values.unitId}
              onChange={(e) => bind('unitId').onChange(e)}
              placeholder="—"
              options={r.inspected.map((u) => ({ value: u.unitId, label: u.unitName }))}
            />
          </LabelledField>
          <LabelledField label={t('obs.text')} field="text">
            <textarea rows={4} {...bind('text')} />
          </LabelledField>
        </FormPanel>
      )}
      <DataTable<Observation>
        caption={t('obs.mine')}
        rows={r.observations}
        rowKey={(o) => String(o.seq)}
        testId="my-observations"
        columns={[
          { key: 'unit', header: 'obs.unit', render: (o) => o.unitName },
          { key: 'text', header: 'obs.text', render: (o) => o.text },
          { key: 'at', header: 'net.at', render: (o) => formatDateTime(o.at, lang) },
        ]}
      />
    </section>
  );
}
