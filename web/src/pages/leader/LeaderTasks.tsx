import { useState } from 'react';
import { TaskTable } from '../../components/TaskTable';
import { useI18n } from '../../lib/i18n';

/** The tasks under a responsible leader (or, for the leadership group, all), escalated ones first on request. */
export function LeaderTasks() {
  const { t } = useI18n();
  const [overdue, setOverdue] = useState(false);
  return (
    <section>
      <h1>{t('leader.tasks.title')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label className="check">
          <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} />
          {t('leader.tasks.overdueOnly')}
        </label>
      </form>
      <TaskTable caption={t('leader.tasks.caption')} filter={{ overdue: overdue ? 'true' : undefined }} />
    </section>
  );
}
