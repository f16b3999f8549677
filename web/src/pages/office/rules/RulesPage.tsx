import { useState } from 'react';
import { DataTable } from '../../../components/DataTable';
import { ErrorBox } from '../../../components/ErrorBox';
import { Facts } from '../../../components/Facts';
import { useI18n } from '../../../lib/i18n';
import { useNames } from '../../../lib/names';
import { useApi } from '../../../lib/queries';
import { formatDateTime } from '../../../lib/time';
import { PolicyEditor } from './PolicyEditor';
import { RestoreForm } from './RestoreForm';
import type { Published, TaskPolicyRules, VersionEntry } from './types';
import { VersionDiff } from './VersionDiff';
import './rules.css';

/**
 * 督办规则 (issue 22): the organisation's own task types in force and every version of them (who, when, why), an
 * editor with an impact preview before publishing, the changes between two versions, and restoring an old version.
 */
export function RulesPage() {
  const { t, lang } = useI18n();
  const names = useNames();
  const { value: rules, error, reload } = useApi<TaskPolicyRules>('/v1/rules/task-policies');
  // The editor starts from the version in force when it is (re)opened, not on every refresh: a draft is kept.
  const [editing, setEditing] = useState(0);
  const [restoring, setRestoring] = useState<number | undefined>();
  const [published, setPublished] = useState<Published | undefined>();
  const done = (p: Published) => {
    setPublished(p);
    setRestoring(undefined);
    setEditing((n) => n + 1);
  };
  if (!rules)
    return error ? <ErrorBox error={error} onRetry={reload} /> : <p className="muted">{t('common.loading')}</p>;
  const current = rules.versions.find((v) => v.version === rules.version);
  return (
    <section className="rules-page">
      <h1>{t('rules.title')}</h1>
      <p className="muted small">{t('rules.intro')}</p>
      <div role="status" data-testid="rules-published">
        {published && (
          <p className="ok-box">
            {t('rules.published', { n: published.version })}
            {published.apply === 'ALSO_RUNNING' && t('rules.appliedTo', { n: published.appliedTo })}
          </p>
        )}
      </div>
      <div className="panel" data-testid="rules-in-force">
        <h2>{current ? t('rules.inForce', { n: rules.version }) : t('rules.inForceNone')}</h2>
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
          <p className="muted">{t('rules.noneYet', { n: rules.content.types.length })}</p>
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
        <RestoreForm key={restoring} n={restoring} baseVersion={rules.version} onDone={done} />
      )}
      {rules.versions.length >= 2 && <VersionDiff key={rules.version} versions={rules.versions} />}
      <PolicyEditor key={editing} rules={rules} onPublished={done} onRestart={() => setEditing((n) => n + 1)} />
    </section>
  );
}
