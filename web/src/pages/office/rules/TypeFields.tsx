import { useContext, useId } from 'react';
import { InputField, LabelledField, FormErrorContext } from '../../../components/LabelledField';
import type { RowEditor } from '../../../components/RowFieldsets';
import { ApiError } from '../../../lib/api';
import { addMessages, useI18n } from '../../../lib/i18n';
import { fieldProblems, FieldError } from '../FieldError';
import type { DraftType } from './draft';
import rules from '../../../lib/messages/rules';

addMessages(rules);

const RUNG_OPTIONS = ['1', '2', '3'];
const SEVERITIES = ['DISTRICT', 'MUNICIPAL', 'PROVINCIAL'] as const;

/**
 * One task type's fields in the editor, each labelled in Chinese and showing the API's complaint about it, which
 * the API names by its path in the body: `content.types[i].escalation.l3AfterWorkingDays` (RowEditor's `field` gives
 * `content.types[i].<name>`).
 */
export function TypeFields({ row, update, bind, field }: RowEditor<DraftType>) {
  const { t } = useI18n();
  const rungsId = useId();
  const error = useContext(FormErrorContext);
  // The start rungs are checked together (a higher leader's never starts lower): the complaint names the group.
  const rungProblems = fieldProblems(error instanceof ApiError ? error.fields : [], field('severityStartRung'));
  const number = { type: 'number', inputMode: 'numeric', min: 0 } as const;
  return (
    <>
      <div className="field-row">
        <InputField label={t('rules.f.type')} hint={t('rules.f.typeHint')} field={field('type')} {...bind('type')} />
        <InputField label={t('rules.f.name')} field={field('name')} {...bind('name')} />
      </div>
      <div className="field-row">
        <InputField
          label={t('rules.f.signFor')}
          field={field('signForWorkingDays')}
          {...number}
          {...bind('signForWorkingDays')}
        />
        <LabelledField
          label={t('rules.f.remind')}
          hint={t('rules.f.remindHint')}
          field={field('remindWorkingDaysBefore')}
          withItems
        >
          <input {...bind('remindWorkingDaysBefore')} />
        </LabelledField>
        <InputField
          label={t('rules.f.yellow')}
          field={field('yellowWithinWorkingDays')}
          {...number}
          {...bind('yellowWithinWorkingDays')}
        />
        <InputField
          label={t('rules.f.progress')}
          hint={t('rules.f.progressHint')}
          field={field('progressEveryWorkingDays')}
          {...number}
          {...bind('progressEveryWorkingDays')}
        />
      </div>
      <div className="field-row">
        <InputField
          label={t('rules.f.l2')}
          field={field('escalation.l2AfterWorkingDays')}
          {...number}
          {...bind('l2AfterWorkingDays')}
        />
        <InputField
          label={t('rules.f.l3')}
          field={field('escalation.l3AfterWorkingDays')}
          {...number}
          {...bind('l3AfterWorkingDays')}
        />
        <LabelledField label={t('rules.f.extension')} field={field('extensionDecidedBy')}>
          <select
            value={row.extensionDecidedBy}
            onChange={(e) => update({ extensionDecidedBy: e.target.value === 'LEADER' ? 'LEADER' : 'OFFICE' })}
          >
            <option value="OFFICE">{t('rules.decider.OFFICE')}</option>
            <option value="LEADER">{t('rules.decider.LEADER')}</option>
          </select>
        </LabelledField>
      </div>
      <div className="field-row">
        <InputField
          label={t('rules.f.pauseDefault')}
          field={field('pause.defaultWorkingDays')}
          {...number}
          {...bind('pauseDefaultWorkingDays')}
        />
        <InputField
          label={t('rules.f.pauseMax')}
          field={field('pause.maxWorkingDays')}
          {...number}
          {...bind('pauseMaxWorkingDays')}
        />
      </div>
      <fieldset
        className="checks rules-rungs"
        aria-describedby={rungProblems.length > 0 ? `${rungsId}-error` : undefined}
      >
        <legend>{t('rules.f.rungs')}</legend>
        {SEVERITIES.map((s) => (
          <LabelledField key={s} label={t(`rules.f.rung.${s}`)} field={field(`severityStartRung.${s}`)}>
            <select {...bind(s)}>
              {RUNG_OPTIONS.map((r) => (
                <option key={r} value={r}>
                  {t(`rules.rung.${r}`)}
                </option>
              ))}
            </select>
          </LabelledField>
        ))}
        <FieldError id={`${rungsId}-error`} messages={rungProblems} />
      </fieldset>
      <label className="check">
        <input
          type="checkbox"
          checked={row.requireEvidence}
          onChange={(e) => update({ requireEvidence: e.target.checked })}
        />
        {t('rules.f.evidence')}
      </label>
    </>
  );
}
