import { useCallback, useState } from 'react';
import { Link, navigate, useLocation } from '../../app/router';
import { SavedViews, type SavedView } from '../../components/SavedViews';
import { query, type Page } from '../../lib/api';
import { addMessages, useI18n } from '../../lib/i18n';
import { useNames } from '../../lib/names';
import { useApi } from '../../lib/queries';
import type { Task } from '../../lib/types';
import { BulkBar, type BulkSelection } from './BulkBar';
import { OfficeTaskTable, type OfficeTaskFilter } from './OfficeTaskTable';
import './office.css';
import bulk from '../../lib/messages/bulk';
import office from '../../lib/messages/office';

addMessages(bulk, office);

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
  const given: OfficeTaskFilter = {
    cycle: get('cycle'),
    leadUnit: get('leadUnit'),
    goal: get('goal'),
    dueMonth: get('dueMonth'),
    state: get('state'),
    light: get('light'),
    q: get('q'),
    overdue: get('overdue') === 'true' ? 'true' : undefined,
  };
  const viewId = get('view');
  const filter: OfficeTaskFilter = { ...given, view: viewId };
  const views = useApi<{ items: SavedView[] }>('/v1/views').value?.items ?? [];
  const view = views.find((v) => v.id === viewId);
  // What the list shows, as the list's own filter: the view's, under the parameters given (a bulk selection by it).
  const effective = Object.fromEntries(
    Object.entries({ ...view?.filter, ...given }).filter((e): e is [string, string] => e[1] !== undefined),
  );
  const [picked, setPicked] = useState<Map<string, string>>(new Map());
  const [allOfFilter, setAllOfFilter] = useState(false);
  const [page, setPage] = useState<Page<Task>>();
  const [titles, setTitles] = useState<Record<string, string>>({});
  const onLoaded = useCallback((p: Page<Task>) => {
    setPage(p);
    setTitles((known) => ({ ...known, ...Object.fromEntries(p.items.map((x) => [x.id, x.title])) }));
  }, []);
  const clear = () => {
    setPicked(new Map());
    setAllOfFilter(false);
  };
  const selection: BulkSelection | undefined = allOfFilter
    ? { kind: 'filter', filter: effective, total: page?.total ?? 0 }
    : picked.size > 0
      ? { kind: 'ids', ids: [...picked.keys()] }
      : undefined;
  const apply = (v: SavedView | undefined) => {
    clear();
    navigate(`/office/tasks${query(v ? { view: v.id } : {})}`);
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
    view && t('views.applied', { name: view.name }),
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
      <SavedViews target="TASKS" filter={effective} active={viewId} onApply={apply} boardToo />
      <div className="bulk-select" role="group" aria-label={t('bulk.bar')}>
        <button
          type="button"
          onClick={() => {
            setAllOfFilter(false);
            setPicked(new Map([...picked, ...(page?.items ?? []).map((x): [string, string] => [x.id, x.title])]));
          }}
        >
          {t('bulk.selectPage')}
        </button>
        <button type="button" aria-pressed={allOfFilter} onClick={() => setAllOfFilter(true)}>
          {t('bulk.selectFilter')}
        </button>
        {selection && (
          <>
            <span role="status">
              {allOfFilter
                ? t('bulk.selectedFilter', { n: page?.total ?? 0 })
                : t('bulk.selectedIds', { n: picked.size })}
            </span>
            <button type="button" onClick={clear}>
              {t('bulk.clear')}
            </button>
          </>
        )}
      </div>
      <OfficeTaskTable
        caption={t(chips.length > 0 ? 'office.tasks.caption' : 'office.tasks.captionAll')}
        filter={filter}
        names={names}
        pageSize={20}
        onLoaded={onLoaded}
        selection={{
          all: allOfFilter,
          chosen: (task) => picked.has(task.id),
          toggle: (task, on) => {
            const next = new Map(picked);
            if (on) next.set(task.id, task.title);
            else next.delete(task.id);
            setPicked(next);
          },
        }}
      />
      <BulkBar selection={selection} titles={titles} onDone={clear} />
    </section>
  );
}
