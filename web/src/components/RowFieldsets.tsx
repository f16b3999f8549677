import type { ReactNode } from 'react';

/** What a row's fields get: the row, a way to change it, a control's binding and a field's path for the API. */
export interface RowEditor<R> {
  row: R;
  update: (patch: Partial<R>) => void;
  /** `value` and `onChange` of the control for a text field of the row. */
  bind: (name: keyof R & string) => { value: string; onChange: (e: { target: { value: string } }) => void };
  /** The body path the API names a problem with, e.g. `resolutions[0].dueDate`. */
  field: (name: string) => string;
}

/**
 * Any number of like rows in one form (a meeting's resolutions, a unit's findings): each row a fieldset with its
 * numbered legend and a button to remove it, and a button to add one more.
 */
export function RowFieldsets<R>({
  rows,
  setRows,
  blank,
  path,
  legend,
  removeLabel,
  addLabel,
  testId,
  children,
}: {
  rows: R[];
  setRows: (rows: R[]) => void;
  blank: () => R;
  /** The rows' name in the body the form sends, e.g. `resolutions`. */
  path: string;
  legend: (n: number) => string;
  removeLabel: (n: number) => string;
  addLabel: string;
  testId?: (n: number) => string;
  children: (editor: RowEditor<R>) => ReactNode;
}) {
  const editor = (row: R, i: number): RowEditor<R> => {
    const update = (patch: Partial<R>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
    return {
      row,
      update,
      bind: (name) => ({
        value: String(row[name]),
        onChange: (e) => update({ [name]: e.target.value } as Partial<R>),
      }),
      field: (name) => `${path}[${i}].${name}`,
    };
  };
  return (
    <>
      {rows.map((row, i) => (
        <fieldset key={i} className="resolution" data-testid={testId?.(i + 1)}>
          <legend>{legend(i + 1)}</legend>
          {children(editor(row, i))}
          <button type="button" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
            {removeLabel(i + 1)}
          </button>
        </fieldset>
      ))}
      <div className="action-row">
        <button type="button" onClick={() => setRows([...rows, blank()])}>
          {addLabel}
        </button>
      </div>
    </>
  );
}
