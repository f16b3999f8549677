import { useId } from 'react';
import { addMessages, useI18n } from '../../../lib/i18n';
import type { ApplyTo, ModelApplyTo } from './types';
import rules from '../../../lib/messages/rules';

addMessages(rules);

/** Whom a kind of rules may apply to: its choices, the first the API's default, and their messages' prefix. */
export interface ApplyOptions<T extends string = string> {
  choices: readonly T[];
  prefix: string;
}

/** A task policy's choices: tasks assigned from now on only (the default), or the running ones too. */
export const TASK_APPLY: ApplyOptions<ApplyTo> = { choices: ['NEW_ONLY', 'ALSO_RUNNING'], prefix: 'rules.apply' };

/** The scoring model's: cycles opened from now on only (the default), or the running ones too. */
export const CYCLE_APPLY: ApplyOptions<ModelApplyTo> = {
  choices: ['NEW_CYCLES', 'ALSO_RUNNING_CYCLES'],
  prefix: 'sm.apply',
};

/**
 * Whom a new version applies to (适用范围), one of `choices`, each labelled by the message `${prefix}.${choice}`: for a
 * task policy, new tasks only (the default) or the running ones too, whose timers are then re-armed (issue 22); for the
 * scoring model, cycles opened afterwards only or the running ones too.
 */
export function ApplyChoice<T extends string>({
  options: { choices, prefix },
  value,
  onChange,
}: {
  options: ApplyOptions<T>;
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
