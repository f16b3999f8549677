import { cycleBoard, planGoals, type BoardAxis } from '../../db/queries/cycle-board';
import { monthlyTrend } from '../../db/queries/monthly-trend';
import type { Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { cycleOf } from './cycles';
import { listScopeOf } from './instances';
import { filterOfView } from './saved-views';

/**
 * The office's board of a cycle (or of one of the caller's saved views): lead units × goals (or months) with each
 * cell's worst light, counts and highest rung, so that a red unit stands out; and the trend, month by month, of the
 * same tasks. Goals come from the approved plan (else the newest); tasks added during the
 * year have no goal and fall in the column `null`.
 */
export async function getCycleBoard(deps: AppDeps, caller: Caller, cycleId: string, axis: BoardAxis, view?: string) {
  const cycle = await cycleOf(deps, caller, cycleId, 'cycle.board');
  // A saved view narrows the board to its tasks, always within the caller's scope.
  const filter = view === undefined ? undefined : await filterOfView(deps, caller, view, {});
  const version = cycle.approvedVersion ?? cycle.planVersion;
  const scope = listScopeOf(caller);
  const asOf = new Date();
  const [board, goals, trend] = await Promise.all([
    cycleBoard(deps.db, cycleId, axis, scope, { filter }),
    version ? planGoals(deps.db, cycleId, version) : Promise.resolve([]),
    monthlyTrend(deps.db, { orgId: cycle.orgId, cycleId, year: cycle.year, asOf, scope, filter }),
  ]);
  const keys = [...new Set(board.cells.map((c) => c.column))];
  const named = axis === 'goal' ? goals.map((g) => ({ key: g.id as string | null, title: g.title })) : [];
  // Months in order; goals in the plan's order, then any goal the plan does not name; last, tasks without one
  // (added during the year, or without a date).
  const others = keys
    .filter((k): k is string => k !== null && !named.some((g) => g.key === k))
    .sort()
    .map((k) => ({ key: k as string | null, title: k }));
  const columns = [...named, ...others, ...(keys.includes(null) ? [{ key: null, title: '' }] : [])];
  return { cycleId, axis, columns, units: board.units, cells: board.cells, trend };
}
