import { useState, type ReactNode } from 'react';
import type { Page } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { useLoad } from '../lib/use-load';
import { ErrorBox } from './ErrorBox';

export interface Column<T> {
  key: string;
  /** i18n key of the header. */
  header: string;
  render: (row: T) => ReactNode;
  className?: string;
}

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
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.className}>
                {t(c.header)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody aria-busy={loading}>
          {value?.items.map((row) => (
            <tr key={rowKey(row)} className={rowClass?.(row)}>
              {columns.map((c) => (
                <td key={c.key} className={c.className} data-label={t(c.header)}>
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))}
          {value && value.items.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="muted">
                {t('table.empty')}
              </td>
            </tr>
          )}
          {!value && loading && (
            <tr>
              <td colSpan={columns.length} className="muted">
                {t('table.loading')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
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
