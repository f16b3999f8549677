import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n';

export interface Column<T> {
  key: string;
  /** i18n key of the header; on a phone it labels the cell (`data-label`). */
  header: string;
  render: (row: T) => ReactNode;
  className?: string;
  /** `data-testid` of the column's cells. */
  testId?: string;
}

/** Attributes of a row: its class and `data-*` marks (e.g. `data-unit`) the tests and styles find it by. */
export type RowProps = { className?: string } & { [mark: `data-${string}`]: string | undefined };

/** Rows that stand for units: keyed by the unit's id and marked `data-unit` with it (the tests find a unit's row so). */
export const unitRows = {
  rowKey: (row: { unitId: string }) => row.unitId,
  rowProps: (row: { unitId: string }): RowProps => ({ 'data-unit': row.unitId }),
};

/**
 * A table of rows already at hand: one header per column, each cell labelled with its header so that on a phone
 * each row becomes a card of labelled lines. `rows` undefined: still loading (`pendingText`, if any, shows).
 */
export function DataTable<T>({
  caption,
  captionClass,
  columns,
  rows,
  rowKey,
  rowProps,
  framed = true,
  busy,
  emptyText,
  pendingText,
  testId,
  bodyTestId,
}: {
  caption: string;
  captionClass?: string;
  columns: Column<T>[];
  rows: T[] | undefined;
  rowKey: (row: T) => string | number;
  rowProps?: (row: T) => RowProps;
  /** In its scrolling frame (`.table-wrap`); false when the table sits in a panel of its own. */
  framed?: boolean;
  /** `aria-busy` of the body, while a page of rows loads. */
  busy?: boolean;
  emptyText?: string;
  pendingText?: string;
  testId?: string;
  bodyTestId?: string;
}) {
  const { t } = useI18n();
  const note = (text: string) => (
    <tr>
      <td colSpan={columns.length} className="muted">
        {text}
      </td>
    </tr>
  );
  const table = (
    <table data-testid={testId}>
      <caption className={captionClass}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} scope="col" className={c.className}>
              {t(c.header)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody aria-busy={busy} data-testid={bodyTestId}>
        {rows?.map((row) => (
          <tr key={rowKey(row)} {...rowProps?.(row)}>
            {columns.map((c) => (
              <td key={c.key} className={c.className} data-label={t(c.header)} data-testid={c.testId}>
                {c.render(row)}
              </td>
            ))}
          </tr>
        ))}
        {rows && rows.length === 0 && emptyText && note(emptyText)}
        {!rows && pendingText && note(pendingText)}
      </tbody>
    </table>
  );
  return framed ? <div className="table-wrap">{table}</div> : table;
}
