import { useCallback, useState } from 'react';
import { api } from './api';

/**
 * One mutation of a page: busy while it runs, the refusal kept for the form to show (per field, too).
 * `perform` runs any promise (sign-in, a plan upload) and answers `{ value }` on success, undefined on failure, so a
 * 204 answer still counts as done; `run` is `perform` of one API call, answering its body.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const perform = useCallback(async <T>(act: () => Promise<T>): Promise<{ value: T } | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return { value: await act() };
    } catch (err) {
      setError(err);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const run = useCallback(
    async <T>(method: string, path: string, body?: unknown): Promise<T | undefined> =>
      (await perform(() => api<T>(method, path, body)))?.value,
    [perform],
  );
  return { busy, error, run, perform, setError };
}
