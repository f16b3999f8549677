import { Choice } from '../../../components/Choice';
import { FormPanel } from '../../../components/FormPanel';
import { InputField, LabelledField } from '../../../components/LabelledField';
import { addMessages, useI18n } from '../../../lib/i18n';
import type { UnitScore } from '../../../lib/types-office2';
import { useFields } from '../../../lib/use-fields';
import { useFormAction } from '../../../lib/queries';
import office2 from '../../../lib/messages/office2';

addMessages(office2);

/** Adjusting one unit's score in the draft, only with a recorded reason (DOMAIN.md step 6). */
export function AdjustForm({ cycleId, scores, onDone }: { cycleId: string; scores: UnitScore[]; onDone: () => void }) {
  const { t } = useI18n();
  const { values: v, bind, reset } = useFields({ unitId: '', delta: '', reason: '' });
  const form = useFormAction(async ({ run }) => {
    const body = { unitId: v.unitId, delta: Number(v.delta), ...(v.reason.trim() ? { reason: v.reason } : {}) };
    if (await run('POST', `/v1/cycles/${encodeURIComponent(cycleId)}/assessment/adjustments`, body)) {
      reset();
      onDone();
    }
  });
  return (
    <FormPanel name="o2.assessment.adjust" help form={form} testId="adjust-form" noValidate>
      <div className="field-row">
        <LabelledField label={t('o2.unit')} field="unitId">
          <Choice
            {...bind('unitId')}
            placeholder={t('o2.choose')}
            options={scores.map((s) => ({ value: s.unitId, label: s.unitName }))}
          />
        </LabelledField>
        <InputField
          label={t('o2.assessment.delta')}
          field="delta"
          bind={bind}
          type="number"
          step="0.01"
          min={-100}
          max={100}
        />
      </div>
      <LabelledField label={t('o2.assessment.reason')} field="reason">
        <textarea rows={2} {...bind('reason')} />
      </LabelledField>
    </FormPanel>
  );
}
