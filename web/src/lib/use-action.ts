import { useCallback, useState } from 'react';
import { api } from './api';

/** One mutation of a page: busy while it runs, the API's refusal kept for the form to show (per field, too). */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const run = useCallback(async <T>(method: string, path: string, body?: unknown): Promise<T | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await api<T>(method, path, body);
    } catch (err) {
      setError(err);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, setError };
}
