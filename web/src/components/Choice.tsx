import type { ChangeEvent } from 'react';

/**
 * A select of options with a first, empty choice (`placeholder`, e.g. 请选择). Other props (the id and aria marks
 * LabelledField gives its control) pass through to the select.
 */
export function Choice({
  value,
  onChange,
  options,
  placeholder,
  ...rest
}: {
  value: string;
  onChange: (e: ChangeEvent<HTMLSelectElement>) => void;
  options: { value: string; label: string }[];
  placeholder: string;
  [attribute: `aria-${string}`]: unknown;
  id?: string;
}) {
  return (
    <select value={value} onChange={onChange} {...rest}>
      <option value="">{placeholder}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
