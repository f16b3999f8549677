import { useState } from 'react';
import { InputField } from '../../../components/LabelledField';
import { RowFieldsets } from '../../../components/RowFieldsets';
import { useI18n } from '../../../lib/i18n';
import { fromAccountabilityDraft, toAccountabilityDraft, type AccountabilityDraft } from './policies-draft';
import { ListProblem } from './PolicyFields';
import { RuleEditorForm } from './RuleEditorForm';
import { ACCOUNTABILITY, type AccountabilityRules, type Measure, type RuleEditorProps } from './types';

const whole = { type: 'number', inputMode: 'numeric', step: 1 } as const;
const decimal = { type: 'number', inputMode: 'decimal', step: 'any' } as const;

/**
 * The editor of the accountability policy: the statement's limit, the escalation's offset, the assessment's threshold
 * and the measures (add, remove, rename; a measure is known by its code), published with a reason. The API checks
 * everything (a code or a name twice, a limit out of range) and names each field it refuses.
 */
export function AccountabilityEditor({ rules, onPublished, onRestart }: RuleEditorProps<AccountabilityRules>) {
  const { t } = useI18n();
  const [base] = useState(rules.version);
  const [draft, setDraft] = useState<AccountabilityDraft>(() => toAccountabilityDraft(rules.content));
  const bind = (name: Exclude<keyof AccountabilityDraft, 'measures'>) => ({
    value: draft[name],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value }),
  });
  const measureName = (n: number) => draft.measures[n - 1]?.name.trim() || t('acc.measureN', { n });
  return (
    <RuleEditorForm
      path={ACCOUNTABILITY}
      base={base}
      title={t('acc.edit', { n: base })}
      help={t('acc.editHelp')}
      testId="acc-editor"
      content={() => fromAccountabilityDraft(draft)}
      onPublished={onPublished}
      onRestart={onRestart}
    >
      <div className="field-row">
        <InputField
          label={t('acc.f.statement')}
          field="content.statementWorkingDays"
          {...whole}
          {...bind('statementWorkingDays')}
        />
        <InputField
          label={t('acc.f.escalate')}
          field="content.escalateAfterWorkingDays"
          {...whole}
          {...bind('escalateAfterWorkingDays')}
        />
        <InputField
          label={t('acc.f.threshold')}
          field="content.assessmentThreshold"
          {...decimal}
          {...bind('assessmentThreshold')}
        />
      </div>
      <h3>{t('acc.measures')}</h3>
      <p className="muted small">{t('acc.measuresHelp')}</p>
      <RowFieldsets<Measure>
        rows={draft.measures}
        setRows={(measures) => setDraft({ ...draft, measures })}
        blank={() => ({ code: '', name: '' })}
        path="content.measures"
        legend={measureName}
        removeLabel={(n) => t('acc.removeMeasure', { name: measureName(n) })}
        addLabel={t('acc.addMeasure')}
        testId={(n) => `acc-measure-${n}`}
      >
        {({ bind: bindRow, field }) => (
          <div className="field-row">
            <InputField label={t('acc.f.name')} field={field('name')} {...bindRow('name')} />
            <InputField label={t('acc.f.code')} hint={t('acc.f.codeHint')} field={field('code')} {...bindRow('code')} />
          </div>
        )}
      </RowFieldsets>
      <ListProblem field="content.measures" />
    </RuleEditorForm>
  );
}
