import { useState } from 'react';
import { DataTable } from '../../../components/DataTable';
import { Facts } from '../../../components/Facts';
import { useI18n } from '../../../lib/i18n';
import { useNames } from '../../../lib/names';
import { formatDateTime } from '../../../lib/time';
import type { ApplyOptions } from './ApplyChoice';
import { RestoreForm } from './RestoreForm';
import type { PublishedVersion, RuleVersions, VersionEntry } from './types';
import { VersionDiff } from './VersionDiff';

/**
 * The versions of one kind of the office's rules (`base`, e.g. /v1/rules/scoring-model): the version in force (who,
 * when, why), every version with 恢复此版本, and 版本比较 between two of them in the API's sentences. `apply`: a
 * restore may also apply to running work (task policies: running tasks; the scoring model: running cycles).
 */
export function VersionHistory({
  base,
  rules,
  noneYet,
  apply,
  onDone,
  headings = { inForce: 'rules.inForce', inForceNone: 'rules.inForceNone' },
}: {
  base: string;
  rules: RuleVersions;
  /** What is in force while no version is published (the text). */
  noneYet: string;
  apply?: ApplyOptions;
  onDone: (published: PublishedVersion) => void;
  /** The i18n keys of the heading over the version in force (`{n}`) and while none is: the rules' by default. */
  headings?: { inForce: string; inForceNone: string };
}) {
  const { t, lang } = useI18n();
  const names = useNames();
  const [restoring, setRestoring] = useState<number | undefined>();
  const current = rules.versions.find((v) => v.version === rules.version);
  const restored = (p: PublishedVersion) => {
    setRestoring(undefined);
    onDone(p);
  };
  return (
    <>
      <div className="panel" data-testid="rules-in-force">
        <h2>{current ? t(headings.inForce, { n: rules.version }) : t(headings.inForceNone)}</h2>
        {current ? (
          <Facts
            facts={[
              { label: t('rules.author'), value: names[current.authorId] ?? current.authorId },
              { label: t('rules.at'), value: formatDateTime(current.at, lang) },
              { label: t('rules.reasonCol'), value: current.reason },
              current.restoredFrom !== null && {
                label: t('rules.source'),
                value: t('rules.restoredFrom', { n: current.restoredFrom }),
              },
            ]}
          />
        ) : (
          <p className="muted">{noneYet}</p>
        )}
      </div>
      <DataTable<VersionEntry>
        caption={t('rules.versions')}
        rows={rules.versions}
        rowKey={(v) => v.version}
        rowProps={(v) => ({ 'data-version': String(v.version) })}
        testId="rules-versions"
        emptyText={t('rules.noVersions')}
        columns={[
          {
            key: 'version',
            header: 'rules.version',
            render: (v) =>
              v.version === rules.version
                ? t('rules.versionInForce', { n: v.version })
                : t('rules.versionN', { n: v.version }),
          },
          { key: 'author', header: 'rules.author', render: (v) => names[v.authorId] ?? v.authorId },
          { key: 'at', header: 'rules.at', render: (v) => formatDateTime(v.at, lang) },
          { key: 'reason', header: 'rules.reasonCol', render: (v) => v.reason },
          {
            key: 'source',
            header: 'rules.source',
            render: (v) => (v.restoredFrom === null ? '—' : t('rules.restoredFrom', { n: v.restoredFrom })),
          },
          {
            key: 'actions',
            header: 'rules.actions',
            render: (v) =>
              v.version !== rules.version && (
                <button
                  type="button"
                  aria-label={t('rules.restoreN', { n: v.version })}
                  aria-expanded={restoring === v.version}
                  onClick={() => setRestoring(restoring === v.version ? undefined : v.version)}
                >
                  {t('rules.restore')}
                </button>
              ),
          },
        ]}
      />
      {restoring !== undefined && (
        <RestoreForm
          key={restoring}
          base={base}
          n={restoring}
          baseVersion={rules.version}
          apply={apply}
          onDone={restored}
        />
      )}
      {rules.versions.length >= 2 && <VersionDiff key={rules.version} base={base} versions={rules.versions} />}
    </>
  );
}
