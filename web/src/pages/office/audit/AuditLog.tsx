import { useState, type FormEvent } from 'react';
import { DataTable } from '../../../components/DataTable';
import { ErrorBox } from '../../../components/ErrorBox';
import { query } from '../../../lib/api';
import { addMessages, useI18n } from '../../../lib/i18n';
import { useNames } from '../../../lib/names';
import { useOrgLists } from '../../../lib/org-lists';
import { formatDateTime } from '../../../lib/time';
import type { AuditEntry } from '../../../lib/types-office2';
import { useApi } from '../../../lib/queries';
import office2 from '../../../lib/messages/office2';

addMessages(office2);

interface Filter {
  actorId: string;
  action: string;
  objectType: string;
  objectId: string;
  outcome: string;
}
const NONE: Filter = { actorId: '', action: '', objectType: '', objectId: '', outcome: '' };
const PAGE = 50;

/**
 * The audit log (操作日志), newest first, paged by the server with its cursor (`before`: entries older than an id);
 * the cursors of the pages already seen are kept so "previous" goes back. Filters: actor, action, object, outcome.
 */
export function AuditLog() {
  const { t, lang } = useI18n();
  const names = useNames();
  const { people } = useOrgLists();
  const [draft, setDraft] = useState<Filter>(NONE);
  const [filter, setFilter] = useState<Filter>(NONE);
  const [cursors, setCursors] = useState<string[]>([]);
  const before = cursors.at(-1);
  const { value, error, loading, reload } = useApi<{ items: AuditEntry[]; nextBefore: string | null }>(
    `/v1/audit${query({ ...filter, limit: PAGE, before })}`,
    { keepPrevious: true },
  );
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setCursors([]);
    setFilter({
      ...draft,
      actorId: draft.actorId.trim(),
      action: draft.action.trim(),
      objectId: draft.objectId.trim(),
    });
  };
  const field = (k: keyof Filter) => ({
    value: draft[k],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value }),
  });
  return (
    <section>
      <h1>{t('o2.audit.title')}</h1>
      <form className="filters" role="search" onSubmit={apply} data-testid="audit-filters">
        <label>
          {t('o2.audit.actor')}
          <select {...field('actorId')}>
            <option value="">{t('common.all')}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}（{names[p.unitId] ?? p.unitId}）
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('o2.audit.action')}
          <input {...field('action')} placeholder="meeting.minutes" />
        </label>
        <label>
          {t('o2.audit.objectType')}
          <input {...field('objectType')} placeholder="meeting" />
        </label>
        <label>
          {t('o2.audit.objectId')}
          <input {...field('objectId')} />
        </label>
        <label>
          {t('o2.audit.outcome')}
          <select {...field('outcome')}>
            <option value="">{t('common.all')}</option>
            <option value="DONE">{t('o2.outcome.DONE')}</option>
            <option value="REFUSED">{t('o2.outcome.REFUSED')}</option>
          </select>
        </label>
        <button type="submit">{t('common.filter')}</button>
      </form>
      <ErrorBox error={error} onRetry={reload} />
      <div className="table-wrap">
        <DataTable
          caption={t('o2.audit.caption')}
          testId="audit-table"
          framed={false}
          busy={loading}
          emptyText={t('table.empty')}
          rows={value?.items}
          rowKey={(e) => e.id}
          rowProps={(e) => ({ 'data-action': e.action, className: e.outcome === 'REFUSED' ? 'row-red' : undefined })}
          columns={[
            { key: 'at', header: 'o2.audit.at', render: (e) => formatDateTime(e.at, lang) },
            {
              key: 'actor',
              header: 'o2.audit.actor',
              render: (e) => (
                <>
                  {e.actorId ? (names[e.actorId] ?? e.actorId) : t('o2.audit.system')}
                  {e.actorRoles.length > 0 && (
                    <span className="muted small"> {e.actorRoles.map((r) => t(`role.${r}`)).join('、')}</span>
                  )}
                </>
              ),
            },
            { key: 'action', header: 'o2.audit.action', render: (e) => <code>{e.action}</code> },
            {
              key: 'object',
              header: 'o2.audit.object',
              render: (e) => (
                <>
                  {e.objectType}
                  {e.objectId && <span className="muted small"> {e.objectId}</span>}
                </>
              ),
            },
            {
              key: 'outcome',
              header: 'o2.audit.outcome',
              render: (e) => (
                <>
                  {t(`o2.outcome.${e.outcome}`)}
                  {e.reason && <span className="muted small"> {e.reason}</span>}
                </>
              ),
            },
          ]}
        />
        <nav className="pager" aria-label={t('pager.label')}>
          <button type="button" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
            {t('o2.audit.newer')}
          </button>
          <span aria-live="polite">{t('o2.audit.pageN', { n: cursors.length + 1 })}</span>
          <button
            type="button"
            disabled={!value?.nextBefore}
            onClick={() => value?.nextBefore && setCursors([...cursors, value.nextBefore])}
          >
            {t('o2.audit.older')}
          </button>
        </nav>
      </div>
    </section>
  );
}
