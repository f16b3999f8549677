import { useState, type ReactNode } from 'react';
import { ErrorBox } from '../../../components/ErrorBox';
import { PageTabs, type PageTab } from '../../../components/PageTabs';
import { useI18n } from '../../../lib/i18n';
import { useApi, type Loaded } from '../../../lib/queries';
import type { PublishedVersion } from './types';

/**
 * The office's rules, one page each: the task types (督办规则), the scoring model, the working-day calendar, the
 * accountability policy (问责措施), the defaults of the meetings and inspection rounds (会议与检查) and the notice
 * templates (通知模板).
 */
const TABS: PageTab[] = [
  { path: '/office/rules', label: 'rules.tab.types' },
  { path: '/office/rules/scoring-model', label: 'rules.tab.model' },
  { path: '/office/rules/calendar', label: 'rules.tab.calendar' },
  { path: '/office/rules/accountability', label: 'rules.tab.accountability' },
  { path: '/office/rules/procedure-defaults', label: 'rules.tab.procedureDefaults' },
  { path: '/office/rules/notice-templates', label: 'rules.tab.notices' },
];

/** A rules page's state: the rules read from the API, the last version published here, and the editor's key. */
export interface RulesEditing<T> extends Loaded<T> {
  published: PublishedVersion | undefined;
  /** The editor's key: it starts again from the version in force after a publish, a restore or a 409. */
  editing: number;
  done: (published: PublishedVersion) => void;
  restart: () => void;
}

/** The rules at `path` (GET), with what the page needs to publish and restore them. */
export function useRulesEditing<T>(path: string): RulesEditing<T> {
  const loaded = useApi<T>(path);
  // The editor starts from the version in force when it is (re)opened, not on every refresh: a draft is kept.
  const [editing, setEditing] = useState(0);
  const [published, setPublished] = useState<PublishedVersion | undefined>();
  return {
    ...loaded,
    published,
    editing,
    done: (p) => {
      setPublished(p);
      setEditing((n) => n + 1);
    },
    restart: () => setEditing((n) => n + 1),
  };
}

/**
 * A page of the office's rules: the links between them, its title and its introduction; with `rules`, what was just
 * published, and the children once the rules are read (until then, loading or the refusal).
 */
export function RulesFrame({
  title,
  intro,
  rules,
  children,
}: {
  title: string;
  intro: string;
  rules?: RulesEditing<unknown>;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const waiting = rules && rules.value === undefined;
  return (
    <section className="rules-page">
      <PageTabs tabs={TABS} label="rules.tabs" className="rules-tabs" />
      <h1>{t(title)}</h1>
      <p className="muted small">{t(intro)}</p>
      {rules && <PublishedNote published={rules.published} />}
      {!waiting ? (
        children
      ) : rules.error ? (
        <ErrorBox error={rules.error} onRetry={rules.reload} />
      ) : (
        <p className="muted">{t('common.loading')}</p>
      )}
    </section>
  );
}

/** 「已发布第N版。」 after a publish or restore (and how many running tasks or cycles were told, when they were). */
function PublishedNote({ published }: { published: PublishedVersion | undefined }) {
  const { t } = useI18n();
  return (
    <div role="status" data-testid="rules-published">
      {published && (
        <p className="ok-box">
          {t('rules.published', { n: published.version })}
          {published.apply === 'ALSO_RUNNING' && t('rules.appliedTo', { n: published.appliedTo ?? 0 })}
          {published.apply === 'ALSO_RUNNING_CYCLES' && t('sm.appliedTo', { n: published.appliedTo ?? 0 })}
        </p>
      )}
    </div>
  );
}

/** Someone published meanwhile (409): the draft is stale, start again from the version in force. */
export function StaleBox({ onRestart }: { onRestart: () => void }) {
  const { t } = useI18n();
  return (
    <div className="error-box" role="alert" data-testid="rules-stale">
      <p>{t('rules.stale')}</p>
      <button type="button" onClick={onRestart}>
        {t('rules.restart')}
      </button>
    </div>
  );
}
