import type { components } from '../../../clients/typescript/src/api-schema';
import { useAuth } from '../app/auth';
import { useApi } from './queries';

export type Rollup = components['schemas']['Rollup'];

/** The roles that may read a roll-up (api/policy.ts `rollup.read`). */
export const ROLLUP_ROLES = ['OFFICE', 'LEADER', 'GROUP'] as const;

/**
 * Whether the signed-in person's organisation has organisations under it (a city over districts), so that the
 * roll-up is their home and in their menu: undefined while the API is asked, false for a district or a unit.
 */
export function useHasRollup(): boolean | undefined {
  const { hasRole } = useAuth();
  const asks = hasRole(...ROLLUP_ROLES);
  const { value, error } = useApi<Rollup>(asks ? '/v1/rollup' : null, { live: false });
  if (!asks || error) return false;
  return value === undefined ? undefined : value.items.length > 0;
}
