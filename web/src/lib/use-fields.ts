import { useState } from 'react';

/**
 * The values of a form's plain fields (text, select, date), each bound to its control with `bind('name')`;
 * `reset()` empties them again after the action is done.
 */
export function useFields<V extends Record<string, string>>(initial: V) {
  const [values, setValues] = useState<V>(initial);
  const bind = (name: keyof V & string) => ({
    value: values[name],
    onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value })),
  });
  return { values, bind, setValues, reset: () => setValues(initial) };
}
