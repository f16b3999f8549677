import { Link, useLocation } from '../../app/router';
import { useI18n } from '../../lib/i18n';
import { useNames } from '../../lib/names';
import { OfficeTaskTable, type OfficeTaskFilter } from './OfficeTaskTable';
import './office.css';

/**
 * The office's task list (in the menu): every task, the most urgent first, or those behind a cell of the board (or any
 * office filter given in the query), paged by the server; 「交办任务」 opens the form for a new one.
 */
/** The office's way to assign a new task (交办任务), beside a page's title. */
export function NewTaskLink() {
  const { t } = useI18n();
  return (
    <Link to="/office/tasks/new" className="button-link">
      {t('nav.office.newTask')}
    </Link>
  );
}

export function OfficeTasks() {
  const { t } = useI18n();
  const names = useNames();
  const { search } = useLocation();
  const get = (k: string) => search.get(k) ?? undefined;
  const filter: OfficeTaskFilter = {
    cycle: get('cycle'),
    leadUnit: get('leadUnit'),
    goal: get('goal'),
    dueMonth: get('dueMonth'),
    state: get('state'),
    overdue: get('overdue') === 'true' ? 'true' : undefined,
  };
  const chips = [
    filter.leadUnit && t('office.tasks.filterUnit', { unit: names[filter.leadUnit] ?? filter.leadUnit }),
    filter.goal && t('office.tasks.filterGoal', { goal: filter.goal === '-' ? t('office.board.noGoal') : filter.goal }),
    filter.dueMonth &&
      t('office.tasks.filterMonth', {
        month: filter.dueMonth === '-' ? t('office.board.noDate') : filter.dueMonth,
      }),
    filter.state && t('office.tasks.filterState', { state: t(`state.${filter.state}`) }),
    filter.overdue && t('office.tasks.filterOverdue'),
  ].filter(Boolean);
  return (
    <section>
      <header className="section-head">
        <h1>{t('office.tasks.title')}</h1>
        <NewTaskLink />
      </header>
      {chips.length > 0 && (
        <p className="office-chips">
          {chips.map((c) => (
            <span key={c as string} className="badge">
              {c}
            </span>
          ))}
        </p>
      )}
      <OfficeTaskTable
        caption={t(chips.length > 0 ? 'office.tasks.caption' : 'office.tasks.captionAll')}
        filter={filter}
        names={names}
        pageSize={20}
      />
    </section>
  );
}
