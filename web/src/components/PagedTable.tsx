import { useEffect, useState } from 'react';
import type { Page } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { useApi } from '../lib/queries';
import { DataTable, type Column } from './DataTable';
import { ErrorBox } from './ErrorBox';

export type { Column };

/**
 * A table whose rows the server pages (limit/offset): only one page is ever loaded, so thousands of tasks stay
 * fast. `path` names the GET of the page wanted; when its first page's path changes (a filter), it starts there again.
 * The page shown is kept live (queries.ts); the next one is asked for with the current one still in view.
 */
export function PagedTable<T>({
  caption,
  columns,
  path,
  rowKey,
  pageSize = 20,
  rowClass,
  onLoaded,
}: {
  caption: string;
  columns: Column<T>[];
  path: (page: { limit: number; offset: number }) => string;
  rowKey: (row: T) => string;
  pageSize?: number;
  rowClass?: (row: T) => string | undefined;
  /** Told each page once it is shown (a page that selects among its rows wants them). */
  onLoaded?: (page: Page<T>) => void;
}) {
  const { t } = useI18n();
  const [offset, setOffset] = useState(0);
  const first = path({ limit: pageSize, offset: 0 });
  const [shownFirst, setShownFirst] = useState(first);
  if (first !== shownFirst) {
    setShownFirst(first);
    setOffset(0);
  }
  const { value, error, loading, reload } = useApi<Page<T>>(path({ limit: pageSize, offset }), { keepPrevious: true });
  const total = value?.total ?? 0;
  useEffect(() => {
    if (value) onLoaded?.(value);
  }, [value, onLoaded]);
  return (
    <div className="table-wrap">
      <ErrorBox error={error} onRetry={reload} />
      <DataTable<T>
        caption={caption}
        columns={columns}
        rows={value?.items}
        rowKey={rowKey}
        rowProps={rowClass && ((row) => ({ className: rowClass(row) }))}
        framed={false}
        busy={loading}
        emptyText={t('table.empty')}
        pendingText={loading ? t('table.loading') : undefined}
      />
      {total > 0 && (
        <nav className="pager" aria-label={t('pager.label')}>
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - pageSize))}>
            {t('pager.prev')}
          </button>
          <span aria-live="polite">
            {t('pager.status', { from: offset + 1, to: Math.min(offset + pageSize, total), total })}
          </span>
          <button type="button" disabled={offset + pageSize >= total} onClick={() => setOffset(offset + pageSize)}>
            {t('pager.next')}
          </button>
        </nav>
      )}
    </div>
  );
}
