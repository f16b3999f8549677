import type { ReactNode } from 'react';
import { ErrorBox } from '../../components/ErrorBox';
import { api } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { useLoad } from '../../lib/use-load';
import { NotFound } from './NotFound';

/**
 * One record a page shows (a task, a meeting, a bulletin...), read with GET `path`. Until it is there, `fallback` is
 * what the page shows instead: "loading", the error with a retry, or — when the API answers 404 or 403 — `missing`
 * (by default "not found", so a page never tells a record it may not see from one that does not exist).
 */
export function useRecord<T>(path: string, missing?: ReactNode) {
  const { t } = useI18n();
  const { value, error, reload } = useLoad(() => api<T>('GET', path), [path]);
  let fallback: ReactNode = <p className="muted">{t('common.loading')}</p>;
  if (error && (error.status === 404 || error.status === 403)) fallback = missing ?? <NotFound />;
  else if (error) fallback = <ErrorBox error={error} onRetry={reload} />;
  return { value: error ? undefined : value, reload, fallback };
}
