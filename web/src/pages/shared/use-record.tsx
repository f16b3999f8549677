import type { ReactNode } from 'react';
import { ErrorBox } from '../../components/ErrorBox';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/queries';
import { NotFound } from './NotFound';

/**
 * One record a page shows (a task, a meeting, a bulletin...), read with GET `path`. Until it is there, `fallback` is
 * what the page shows instead: "loading", the error with a retry, or — when the API answers 404 or 403 — `missing`
 * (by default "not found", so a page never tells a record it may not see from one that does not exist). The record
 * is kept live (queries.ts): a page shows its changes without a reload.
 */
export function useRecord<T>(path: string, missing?: ReactNode) {
  const { t } = useI18n();
  const { value, error, reload } = useApi<T>(path);
  // A record that went away (or out of reach) is gone; one that a background refresh could not ask again stays.
  const gone = error !== undefined && (error.status === 404 || error.status === 403);
  let fallback: ReactNode = <p className="muted">{t('common.loading')}</p>;
  if (gone) fallback = missing ?? <NotFound />;
  else if (error) fallback = <ErrorBox error={error} onRetry={reload} />;
  return { value: gone ? undefined : value, reload, fallback };
}
