import type { ReactNode } from 'react';
import { CheckField } from './CheckField';
import { PagedTable } from './PagedTable';

/** A form of filters above a list: it changes the list as the reader picks, so submitting does nothing. */
export function Filters({ search, children }: { search?: boolean; children: ReactNode }) {
  return (
    <form className="filters" role={search ? 'search' : undefined} onSubmit={(e) => e.preventDefault()}>
      {children}
    </form>
  );
}

/** A yes/no filter: a checkbox with its label. */
export const CheckFilter = CheckField;

/**
 * A page listing records the server pages: its heading, its filters, the table (labelled rows at phone width,
 * "nothing here" when empty; `table` undefined while what it depends on, e.g. the cycle, is not known yet), and
 * what follows it, such as the form that adds a record.
 */
export function ListPage<T>({
  title,
  filters,
  table,
  children,
}: {
  title: string;
  filters?: ReactNode;
  table: Parameters<typeof PagedTable<T>>[0] | undefined;
  children?: ReactNode;
}) {
  return (
    <section>
      <h1>{title}</h1>
      {filters && <Filters>{filters}</Filters>}
      {table && <PagedTable<T> {...table} />}
      {children}
    </section>
  );
}
