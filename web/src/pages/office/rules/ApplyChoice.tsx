import { useId } from 'react';
import { addMessages, useI18n } from '../../../lib/i18n';
import type { ApplyTo } from './types';
import rules from '../../../lib/messages/rules';

addMessages(rules);

/** A task policy's choices: tasks assigned from now on only (the default), or the running ones too. */
export const TASK_CHOICES: readonly ApplyTo[] = ['NEW_ONLY', 'ALSO_RUNNING'];

/**
 * Whom a new version applies to (适用范围), one of `choices`, each labelled by the message `${prefix}.${choice}`: for a
 * task policy, new tasks only (the default) or the running ones too, whose timers are then re-armed (issue 22); for the
 * scoring model, cycles opened afterwards only or the running ones too.
 */
export function ApplyChoice<T extends string>({
  choices,
  prefix = 'rules.apply',
  value,
  onChange,
}: {
  choices: readonly T[];
  prefix?: string;
  value: T;
  onChange: (apply: T) => void;
}) {
  const { t } = useI18n();
  const name = useId();
  return (
    <fieldset className="checks">
      <legend>{t('rules.apply')}</legend>
      {choices.map((c) => (
        <label key={c} className="check">
          <input type="radio" name={name} value={c} checked={value === c} onChange={() => onChange(c)} />
          {t(`${prefix}.${c}`)}
        </label>
      ))}
    </fieldset>
  );
}
