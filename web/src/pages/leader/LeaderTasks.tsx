import { useState } from 'react';
import { CheckFilter, Filters } from '../../components/ListPage';
import { SavedViews, type SavedView } from '../../components/SavedViews';
import { TaskTable } from '../../components/TaskTable';
import { useI18n } from '../../lib/i18n';

/** The tasks under a responsible leader (or, for the leadership group, all), escalated ones first on request. */
export function LeaderTasks() {
  const { t } = useI18n();
  const [overdue, setOverdue] = useState(false);
  const [saved, setSaved] = useState<SavedView>();
  const filter = { overdue: overdue ? 'true' : undefined };
  return (
    <section>
      <h1>{t('leader.tasks.title')}</h1>
      <Filters>
        <CheckFilter label={t('leader.tasks.overdueOnly')} checked={overdue} onChange={setOverdue} />
      </Filters>
      <SavedViews target="TASKS" filter={filter} active={saved?.id} onApply={setSaved} />
      <TaskTable caption={t('leader.tasks.caption')} filter={{ ...filter, view: saved?.id }} />
    </section>
  );
}
