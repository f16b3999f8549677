import { useState } from 'react';
import { FormPanel } from '../../../components/FormPanel';
import { LabelledField } from '../../../components/LabelledField';
import { addMessages, useI18n } from '../../../lib/i18n';
import { useFormAction } from '../../../lib/queries';
import { ApplyChoice, TASK_CHOICES } from './ApplyChoice';
import type { ApplyTo, PublishedVersion } from './types';
import rules from '../../../lib/messages/rules';

addMessages(rules);

/**
 * 恢复此版本: version `n` of the rules at `base` becomes a new version, with a reason; `withApply`: for new tasks only
 * or running ones too (task policies).
 */
export function RestoreForm({
  base,
  n,
  baseVersion,
  withApply,
  onDone,
}: {
  base: string;
  n: number;
  baseVersion: number;
  withApply?: boolean;
  onDone: (published: PublishedVersion) => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [apply, setApply] = useState<ApplyTo>('NEW_ONLY');
  const form = useFormAction(async ({ run }) => {
    // NEW_ONLY is the API's default: said only when the running tasks are to follow too.
    const body = { baseVersion, reason, ...(apply === 'ALSO_RUNNING' ? { apply } : {}) };
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
      {withApply && <ApplyChoice choices={TASK_CHOICES} value={apply} onChange={setApply} />}
    </FormPanel>
  );
}
