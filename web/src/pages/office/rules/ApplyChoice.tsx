import { useId } from 'react';
import { addMessages, useI18n } from '../../../lib/i18n';
import type { ApplyTo } from './types';
import rules from '../../../lib/messages/rules';

addMessages(rules);

const CHOICES: ApplyTo[] = ['NEW_ONLY', 'ALSO_RUNNING'];

/**
 * Whom a new version applies to: tasks assigned from now on only (the default), or the running ones too, whose
 * timers are then re-armed on the new policy (issue 22).
 */
export function ApplyChoice({ value, onChange }: { value: ApplyTo; onChange: (apply: ApplyTo) => void }) {
  const { t } = useI18n();
  const name = useId();
  return (
    <fieldset className="checks">
      <legend>{t('rules.apply')}</legend>
      {CHOICES.map((c) => (
        <label key={c} className="check">
          <input type="radio" name={name} value={c} checked={value === c} onChange={() => onChange(c)} />
          {t(`rules.apply.${c}`)}
        </label>
      ))}
    </fieldset>
  );
}
