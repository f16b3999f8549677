import { useState } from 'react';
import { api } from '../lib/api';
import { addMessages, useI18n } from '../lib/i18n';
import { useAction, useApi } from '../lib/queries';
import { ErrorBox } from './ErrorBox';
import bulk from '../lib/messages/bulk';

addMessages(bulk);

/** A saved view (保存的视图) as GET /v1/views answers it: a named filter of the task list, the caller's own. */
export interface SavedView {
  id: string;
  name: string;
  target: 'TASKS' | 'BOARD';
  filter: Record<string, string>;
}

/**
 * The reader's own saved views as quick filters above a task list or the board (`target`), and 保存为视图 to keep the
 * filter in use (`filter`: the list's query) under a name. `active`: the view applied, if any; `onApply` applies one
 * (undefined: back to the list without a view).
 */
export function SavedViews({
  target,
  filter,
  active,
  onApply,
  canSave = true,
  boardToo = false,
}: {
  /** The views shown: those saved for the task list, or for the board. */
  target: SavedView['target'];
  /** Whether the page offers 保存为视图 (the board has no filter of its own to save). */
  canSave?: boolean;
  /** Whether a view saved here may be meant for the board instead (the office's task list). */
  boardToo?: boolean;
  filter: Record<string, string | undefined>;
  active?: string;
  onApply: (view: SavedView | undefined) => void;
}) {
  const { t } = useI18n();
  const { value, error, reload } = useApi<{ items: SavedView[] }>('/v1/views');
  const action = useAction();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<string>();
  const [savedFor, setSavedFor] = useState<SavedView['target']>(target);
  const views = (value?.items ?? []).filter((v) => v.target === target);
  const given = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== ''));
  const save = async () => {
    const view = await action.run<SavedView>('POST', '/v1/views', {
      name: name.trim(),
      target: savedFor,
      filter: given,
    });
    if (!view) return;
    setSaved(view.name);
    setNaming(false);
    setName('');
    if (view.target === target) onApply(view);
  };
  const remove = async (v: SavedView) => {
    const done = await action.perform(() => api('DELETE', `/v1/views/${encodeURIComponent(v.id)}`));
    if (done && active === v.id) onApply(undefined);
  };
  return (
    <div className="saved-views" role="group" aria-label={t('views.label')} data-testid="saved-views">
      <ErrorBox error={error} onRetry={reload} />
      <span className="muted">{t('views.label')}：</span>
      <button type="button" className="chip" aria-pressed={active === undefined} onClick={() => onApply(undefined)}>
        {t('views.all')}
      </button>
      {views.map((v) => (
        <span key={v.id} className="chip-group">
          <button type="button" className="chip" aria-pressed={active === v.id} onClick={() => onApply(v)}>
            {v.name}
          </button>
          <button
            type="button"
            className="chip chip-remove"
            aria-label={t('views.delete', { name: v.name })}
            title={t('views.delete', { name: v.name })}
            onClick={() => void remove(v)}
          >
            ×
          </button>
        </span>
      ))}
      {naming ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label>
            {t('views.name')}
            <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} autoFocus />
          </label>
          {boardToo && (
            <select
              aria-label={t('views.target')}
              value={savedFor}
              onChange={(e) => setSavedFor(e.target.value as SavedView['target'])}
            >
              <option value="TASKS">{t('views.target.TASKS')}</option>
              <option value="BOARD">{t('views.target.BOARD')}</option>
            </select>
          )}
          <button type="submit" disabled={action.busy || name.trim() === ''}>
            {t('views.saveConfirm')}
          </button>
          <button type="button" onClick={() => setNaming(false)}>
            {t('views.cancel')}
          </button>
        </form>
      ) : (
        canSave && (
          <button type="button" onClick={() => setNaming(true)}>
            {t('views.save')}
          </button>
        )
      )}
      {saved && (
        <span role="status" className="muted">
          {t('views.saved', { name: saved })}
        </span>
      )}
      <ErrorBox error={action.error} />
    </div>
  );
}
