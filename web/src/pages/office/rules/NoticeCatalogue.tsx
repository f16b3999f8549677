import { useI18n } from '../../../lib/i18n';
import { sameText, type NoticeDraft } from './notice-draft';
import type { NoticeCatalogueEntry } from './types';

/**
 * Every notice the office may word, each a button that opens it in the editor: its name, whether the draft rewrote it
 * (本单位模板) or it uses the built-in one (默认模板), 「未发布」 when the draft differs from the version in force, and
 * 「有错误」 when the API refused its template.
 */
export function NoticeCatalogue({
  catalogue,
  draft,
  inForce,
  withProblems,
  selected,
  onSelect,
}: {
  catalogue: readonly NoticeCatalogueEntry[];
  draft: NoticeDraft;
  inForce: NoticeDraft;
  /** The kinds whose template the API refused. */
  withProblems: ReadonlySet<string>;
  selected: string;
  onSelect: (kind: string) => void;
}) {
  const { t } = useI18n();
  return (
    <nav className="notice-catalogue panel" aria-labelledby="notice-catalogue-title" data-testid="notice-catalogue">
      <h2 id="notice-catalogue-title">{t('nt.catalogue')}</h2>
      <p className="muted small">{t('nt.catalogueHelp')}</p>
      <ul>
        {catalogue.map((c) => {
          const rewritten = draft[c.kind] !== undefined;
          return (
            <li key={c.kind} data-kind={c.kind}>
              <button
                type="button"
                aria-current={c.kind === selected ? 'true' : undefined}
                onClick={() => onSelect(c.kind)}
              >
                <span className="notice-name">{c.name}</span>
                <span className="notice-badges">
                  <span className={`badge ${rewritten ? 'badge-rewritten' : ''}`} data-testid="notice-status">
                    {t(rewritten ? 'nt.rewritten' : 'nt.default')}
                  </span>
                  {!sameText(draft[c.kind], inForce[c.kind]) && (
                    <span className="badge badge-unpublished">{t('nt.unpublished')}</span>
                  )}
                  {withProblems.has(c.kind) && <span className="badge badge-error">{t('nt.hasErrors')}</span>}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
