import { useState } from 'react';
import { Link, navigate } from '../../../app/router';
import { CyclePicker, useCycleChoice } from '../../../components/CyclePicker';
import { FormPanel } from '../../../components/FormPanel';
import { InputField, LabelledField } from '../../../components/LabelledField';
import { ListPage } from '../../../components/ListPage';
import { query } from '../../../lib/api';
import { fieldProblem, lines } from '../../../lib/fields';
import { addMessages, useI18n } from '../../../lib/i18n';
import { useOrgLists, workingUnits } from '../../../lib/org-lists';
import { formatDate } from '../../../lib/time';
import type { InspectionSummary } from '../../../lib/types-office2';
import { useFields } from '../../../lib/use-fields';
import { useFormAction } from '../../../lib/queries';
import office2 from '../../../lib/messages/office2';

addMessages(office2);

/** The cycle's inspection rounds (检查督办), newest first, and the form to define an ad-hoc round. */
export function InspectionList() {
  const { t, lang } = useI18n();
  const { cycleId, cycles } = useCycleChoice();
  return (
    <ListPage<InspectionSummary & { units: number }>
      title={t('o2.inspections.title')}
      filters={<CyclePicker cycleId={cycleId} cycles={cycles} />}
      table={
        cycleId
          ? {
              caption: t('o2.inspections.caption'),
              rowKey: (r) => r.id,
              path: (page) => `/v1/inspections${query({ cycleId, ...page })}`,
              columns: [
                {
                  key: 'title',
                  header: 'o2.inspections.name',
                  render: (r) => <Link to={`/office/inspections/${encodeURIComponent(r.id)}`}>{r.title}</Link>,
                },
                { key: 'kind', header: 'o2.inspections.kind', render: (r) => t(`o2.roundKind.${r.kind}`) },
                { key: 'units', header: 'o2.inspections.units', render: (r) => r.units },
                {
                  key: 'selfCheck',
                  header: 'o2.inspections.selfCheckDue',
                  render: (r) => formatDate(r.selfCheckDueDate, lang),
                },
                {
                  key: 'findings',
                  header: 'o2.inspections.findingsDue',
                  render: (r) => formatDate(r.findingsDueDate, lang),
                },
                {
                  key: 'state',
                  header: 'o2.inspections.state',
                  render: (r) => <span className="badge">{t(`o2.roundState.${r.state}`)}</span>,
                },
              ],
            }
          : undefined
      }
    >
      {cycleId && <DefineRoundForm cycleId={cycleId} />}
    </ListPage>
  );
}

/** Defining an ad-hoc round: title, units in scope, checklist (one item a line), self-check and findings dates. */
function DefineRoundForm({ cycleId }: { cycleId: string }) {
  const { t } = useI18n();
  const { units } = useOrgLists();
  const { values: v, bind } = useFields({ title: '', checklist: '', selfCheckDueDate: '', findingsDueDate: '' });
  const [chosen, setChosen] = useState<string[]>([]);
  const form = useFormAction(async ({ run }) => {
    const defined = await run<{ id: string }>('POST', `/v1/cycles/${encodeURIComponent(cycleId)}/inspections`, {
      title: v.title,
      unitIds: chosen,
      checklist: lines(v.checklist),
      selfCheckDueDate: v.selfCheckDueDate,
      findingsDueDate: v.findingsDueDate,
    });
    if (defined) navigate(`/office/inspections/${encodeURIComponent(defined.id)}`);
  });
  const unitsProblem = fieldProblem(form.error, 'unitIds');
  return (
    <FormPanel name="o2.inspections.define" form={form} testId="define-round-form">
      <InputField label={t('o2.inspections.name')} field="title" bind={bind} required />
      <fieldset className="checks" aria-describedby={unitsProblem ? 'round-units-error' : undefined}>
        <legend>{t('o2.inspections.scope')}</legend>
        {workingUnits(units)
          .filter((u) => u.kind !== 'VILLAGE')
          .map((u) => (
            <label key={u.id} className="check">
              <input
                type="checkbox"
                value={u.id}
                checked={chosen.includes(u.id)}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, u.id] : chosen.filter((x) => x !== u.id))}
              />
              {u.name}
            </label>
          ))}
        {unitsProblem && (
          <span className="field-error" id="round-units-error">
            {unitsProblem}
          </span>
        )}
      </fieldset>
      <LabelledField label={t('o2.inspections.checklist')} hint={t('o2.oneALine')} field="checklist">
        <textarea rows={3} required {...bind('checklist')} />
      </LabelledField>
      <div className="field-row">
        <InputField
          label={t('o2.inspections.selfCheckDue')}
          field="selfCheckDueDate"
          bind={bind}
          type="date"
          required
        />
        <InputField label={t('o2.inspections.findingsDue')} field="findingsDueDate" bind={bind} type="date" required />
      </div>
    </FormPanel>
  );
}
