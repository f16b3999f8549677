import { useState } from 'react';
import { useSession } from '../../app/auth';
import { SavedViews, type SavedView } from '../../components/SavedViews';
import { TaskTable, type TaskFilter } from '../../components/TaskTable';
import { useI18n } from '../../lib/i18n';

const VIEWS: Record<string, TaskFilter> = {
  open: { state: undefined },
  overdue: { overdue: 'true' },
  submitted: { state: 'SUBMITTED' },
  accepted: { state: 'ACCEPTED' },
};

/** A unit's tasks (as lead or co-organising unit), the most urgent first. */
export function UnitInbox() {
  const { t } = useI18n();
  const session = useSession();
  const [view, setView] = useState('open');
  const [q, setQ] = useState('');
  const [saved, setSaved] = useState<SavedView>();
  const filter = { ...VIEWS[view], q: q.trim() || undefined };
  return (
    <section>
      <h1>{t('unit.inbox.title', { unit: session.unit.name })}</h1>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('unit.inbox.view')}
          <select value={view} onChange={(e) => setView(e.target.value)}>
            {Object.keys(VIEWS).map((v) => (
              <option key={v} value={v}>
                {t(`unit.inbox.view.${v}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('unit.inbox.search')}
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
      </form>
      <SavedViews target="TASKS" filter={filter} active={saved?.id} onApply={setSaved} />
      <TaskTable caption={t('unit.inbox.caption')} filter={{ ...filter, unit: session.unit.id, view: saved?.id }} />
    </section>
  );
}
