import { useState, type FormEvent } from 'react';
import { ErrorBox } from '../../../components/ErrorBox';
import { LabelledField } from '../../../components/LabelledField';
import { addMessages, useI18n } from '../../../lib/i18n';
import { useApi } from '../../../lib/queries';
import type { PolicyChange, VersionEntry } from './types';
import rules from '../../../lib/messages/rules';

addMessages(rules);

/** 版本比较 of the rules at `base`: two versions chosen, what changed from the one to the other, each in a sentence. */
export function VersionDiff({ base, versions }: { base: string; versions: VersionEntry[] }) {
  const { t } = useI18n();
  const [from, setFrom] = useState(String(versions[1]?.version ?? ''));
  const [to, setTo] = useState(String(versions[0]?.version ?? ''));
  const [asked, setAsked] = useState<string | null>(null);
  const diff = useApi<{ from: number; to: number; changes: Pick<PolicyChange, 'text'>[] }>(asked, { live: false });
  const compare = (e: FormEvent) => {
    e.preventDefault();
    setAsked(`${base}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  };
  const options = versions.map((v) => (
    <option key={v.version} value={v.version}>
      {t('rules.versionN', { n: v.version })}
    </option>
  ));
  return (
    <form className="panel action-form" onSubmit={compare} data-testid="rules-diff">
      <h2>{t('rules.diff')}</h2>
      <div className="field-row">
        <LabelledField label={t('rules.diffFrom')}>
          <select value={from} onChange={(e) => setFrom(e.target.value)}>
            {options}
          </select>
        </LabelledField>
        <LabelledField label={t('rules.diffTo')}>
          <select value={to} onChange={(e) => setTo(e.target.value)}>
            {options}
          </select>
        </LabelledField>
      </div>
      <div className="action-row">
        <button type="submit">{t('rules.diffButton')}</button>
      </div>
      <ErrorBox error={diff.error} />
      <div aria-live="polite">
        {diff.value && (
          <section data-testid="rules-diff-changes">
            <h3>{t('rules.diffOf', { from: diff.value.from, to: diff.value.to })}</h3>
            {diff.value.changes.length > 0 ? (
              <ul className="plain-list">
                {diff.value.changes.map((c, i) => (
                  <li key={i}>{c.text}</li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('rules.diffNone')}</p>
            )}
          </section>
        )}
      </div>
    </form>
  );
}
