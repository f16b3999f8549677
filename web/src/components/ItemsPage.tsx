import { useApi } from '../lib/queries';
import { DataTable, type Column } from './DataTable';

/**
 * A page of the records GET `path` answers as `items` (all at once, the API's order): its heading and the table, each
 * row keyed by the record's id.
 */
export function ItemsPage<T extends { id: string }>({
  title,
  caption,
  path,
  testId,
  columns,
}: {
  title: string;
  caption: string;
  path: string;
  testId: string;
  columns: Column<T>[];
}) {
  const { value } = useApi<{ items: T[] }>(path);
  return (
    <section>
      <h1>{title}</h1>
      <DataTable<T> caption={caption} rows={value?.items} rowKey={(r) => r.id} testId={testId} columns={columns} />
    </section>
  );
}
