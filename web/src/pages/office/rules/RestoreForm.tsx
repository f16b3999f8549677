import { useState } from 'react';
import { FormPanel } from '../../../components/FormPanel';
import { LabelledField } from '../../../components/LabelledField';
import { addMessages, useI18n } from '../../../lib/i18n';
import { useFormAction } from '../../../lib/queries';
import { ApplyChoice, type ApplyOptions } from './ApplyChoice';
import type { PublishedVersion } from './types';
import rules from '../../../lib/messages/rules';

addMessages(rules);

/**
 * 恢复此版本: version `n` of the rules at `base` becomes a new version, with a reason; `apply`: whom it applies to, for
 * a kind that asks (new tasks only or running ones too, new cycles only or running ones too).
 */
export function RestoreForm({
  base,
  n,
  baseVersion,
  apply: options,
  onDone,
}: {
  base: string;
  n: number;
  baseVersion: number;
  apply?: ApplyOptions;
  onDone: (published: PublishedVersion) => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [apply, setApply] = useState(options?.choices[0]);
  const form = useFormAction(async ({ run }) => {
    // The first choice is the API's default: said only when the running work is to follow too.
    const body = { baseVersion, reason, ...(apply !== options?.choices[0] && { apply }) };
    const done = await run<PublishedVersion>('POST', `${base}/versions/${n}/restore`, body);
    if (done) onDone(done);
  });
  return (
    <FormPanel
      name="rules.restoreTitle"
      submitLabel={t('rules.restoreButton', { n })}
      form={form}
      testId="rules-restore"
      noValidate
    >
      <p className="muted small">{t('rules.restoreHelp', { n })}</p>
      <LabelledField label={t('rules.reason')} field="reason">
        <textarea rows={2} required value={reason} onChange={(e) => setReason(e.target.value)} />
      </LabelledField>
      {options && apply && <ApplyChoice options={options} value={apply} onChange={setApply} />}
    </FormPanel>
  );
}
