import { useEffect } from 'react';
import { addMessages, useI18n } from '../lib/i18n';
import type { Cycle } from '../lib/types-office2';
import { useApi } from '../lib/queries';
import { navigate, useLocation } from '../app/router';
import office2 from '../lib/messages/office2';

addMessages(office2);

/**
 * The annual cycle (年度周期) a page shows, kept in the page's query (`?cycle=`), so a link or reload keeps it;
 * without one, the newest cycle. Returns the chosen cycle id ('' while loading or when there is none).
 */
export function useCycleChoice(): { cycleId: string; cycles: Cycle[]; loading: boolean } {
  const { path, search } = useLocation();
  const { value, loading } = useApi<{ items: Cycle[] }>('/v1/cycles');
  const cycles = value?.items ?? [];
  const chosen = search.get('cycle') ?? '';
  const cycleId = chosen || cycles[0]?.id || '';
  useEffect(() => {
    if (!chosen && cycles[0]) navigate(`${path}?cycle=${encodeURIComponent(cycles[0].id)}`, true);
  }, [chosen, cycles, path]);
  return { cycleId, cycles, loading };
}

/** A labelled select of the organisation's cycles, newest first. */
export function CyclePicker({ cycleId, cycles }: { cycleId: string; cycles: Cycle[] }) {
  const { t } = useI18n();
  const { path } = useLocation();
  return (
    <label>
      {t('o2.cycle')}
      <select
        value={cycleId}
        onChange={(e) => navigate(`${path}?cycle=${encodeURIComponent(e.target.value)}`, true)}
        data-testid="cycle-picker"
      >
        {cycles.map((c) => (
          <option key={c.id} value={c.id}>
            {t('o2.cycleName', { year: c.year })}
          </option>
        ))}
      </select>
    </label>
  );
}
