import { useState } from 'react';
import type { Page } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { useLoad } from '../lib/use-load';
import { DataTable, type Column } from './DataTable';
import { ErrorBox } from './ErrorBox';

export type { Column };

/**
 * A table whose rows the server pages (limit/offset): only one page is ever loaded, so thousands of tasks stay
 * fast. `load` gets the page wanted; `deps` (filters) start again at the first page.
 */
export function PagedTable<T>({
  caption,
  columns,
  load,
  deps = [],
  rowKey,
  pageSize = 20,
  rowClass,
}: {
  caption: string;
  columns: Column<T>[];
  load: (page: { limit: number; offset: number }) => Promise<Page<T>>;
  deps?: unknown[];
  rowKey: (row: T) => string;
  pageSize?: number;
  rowClass?: (row: T) => string | undefined;
}) {
  const { t } = useI18n();
  const [offset, setOffset] = useState(0);
  const [depsKey, setDepsKey] = useState(JSON.stringify(deps));
  const key = JSON.stringify(deps);
  if (key !== depsKey) {
    setDepsKey(key);
    setOffset(0);
  }
  const { value, error, loading, reload } = useLoad(() => load({ limit: pageSize, offset }), [offset, key]);
  const total = value?.total ?? 0;
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
