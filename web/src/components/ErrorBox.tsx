import { ApiError } from '../lib/api';
import { useI18n } from '../lib/i18n';

/** An API error as the reader can act on it: the server's own words, each bad field, and the request id. */
export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  const e = error instanceof ApiError ? error : new ApiError(0, String(error));
  return (
    <div className="error-box" role="alert">
      <strong>{t('error.title')}</strong>
      <p>{e.status === 0 && e.message === 'network' ? t('error.network') : e.message}</p>
      {e.fields.length > 0 && (
        <ul>
          {e.fields.map((f) => (
            <li key={f.field}>
              <code>{f.field}</code>：{f.message}
            </li>
          ))}
        </ul>
      )}
      {e.requestId && <p className="muted small">{t('error.requestId', { id: e.requestId })}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}
