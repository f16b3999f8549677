import { useMemo } from 'react';
import { useOrgLists } from './org-lists';

/*
 * Names of units and people for display, from the organisation's lists (cached as reference data: an organisation
 * has hundreds, not thousands, of units). Unknown ids show as themselves.
 */

export function useNames(): Record<string, string> {
  const { units, people } = useOrgLists();
  return useMemo(() => Object.fromEntries([...units, ...people].map((x) => [x.id, x.name])), [units, people]);
}
