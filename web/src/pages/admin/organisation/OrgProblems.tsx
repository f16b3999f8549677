import { ApiError } from '../../../lib/api';
import { useI18n } from '../../../lib/i18n';
import type { OrgContent } from './org-data';

/** Whether the field a problem names (`body.parent`, `body.roles[1]`) is one of `placed` (`parent`, `roles`). */
const isPlaced = (field: string, placed: string[]) =>
  placed.some((p) => field === `body.${p}` || field.startsWith(`body.${p}[`));

/**
 * A refusal of an edit of the organisation, at the top of its form: the API's words (a 409 names the open tasks) and
 * every problem no field of the form shows — another unit's or person's (`organisation.units.<id>.<field>`), named
 * by its name and field. The problems of the form's own fields (`placed`) show beside them (LabelledField).
 */
export function OrgProblems({ error, placed, content }: { error: unknown; placed: string[]; content: OrgContent }) {
  const { t } = useI18n();
  if (!error) return null;
  const e = error instanceof ApiError ? error : new ApiError(0, String(error));
  const others = e.fields.filter((f) => !isPlaced(f.field, placed));
  const where = (field: string) => {
    const [root, list, id, ...rest] = field.split('.');
    const entry =
      root === 'organisation' && (list === 'units' || list === 'people')
        ? (content[list] as { id: string; name: string }[]).find((x) => x.id === id)
        : undefined;
    if (!entry) return <code>{field}</code>;
    const label = rest[0] ? t(`org.field.${rest[0]}`) : '';
    return `${entry.name}${label && !label.startsWith('org.') ? `（${label}）` : ''}`;
  };
  return (
    <div className="error-box" role="alert" data-testid="org-problems">
      <p>{e.status === 0 && e.message === 'network' ? t('error.network') : e.message}</p>
      {others.length > 0 && (
        <>
          <p>{t('org.problems')}</p>
          <ul>
            {others.map((f, i) => (
              <li key={i} data-field={f.field}>
                {where(f.field)}：{f.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {e.requestId && <p className="muted small">{t('error.requestId', { id: e.requestId })}</p>}
    </div>
  );
}

/** The refusal with its fields renamed (`body.unit.name` → `body.name`), for a form whose body nests its fields. */
export function renamed(error: unknown, rename: (field: string) => string): unknown {
  if (!(error instanceof ApiError)) return error;
  const fields = error.fields.map((f) => ({ ...f, field: rename(f.field) }));
  return new ApiError(error.status, error.message, fields, error.requestId);
}
