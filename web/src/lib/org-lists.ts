import { useEffect, useState } from 'react';
import { api, type Page } from './api';
import type { Person, Unit } from './types';

/*
 * The organisation's units and people as whole objects, for the office's pickers (lead unit, leader...): loaded
 * once per page load, like the names in names.ts (hundreds of units, not thousands).
 */

export interface OrgLists {
  units: Unit[];
  people: Person[];
}

let cache: Promise<OrgLists> | undefined;

async function loadAll<T>(path: string): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; offset < 5_000; offset += 200) {
    const page = await api<Page<T>>('GET', `${path}?limit=200&offset=${offset}`);
    all.push(...page.items);
    if (offset + page.limit >= page.total) break;
  }
  return all;
}

/** Units and people; empty lists until they are loaded. */
export function useOrgLists(): OrgLists {
  const [lists, setLists] = useState<OrgLists>({ units: [], people: [] });
  useEffect(() => {
    cache ??= Promise.all([loadAll<Unit>('/v1/units'), loadAll<Person>('/v1/people')]).then(
      ([units, people]) => ({ units, people }),
      () => {
        cache = undefined;
        return { units: [], people: [] };
      },
    );
    let live = true;
    void cache.then((l) => live && setLists(l));
    return () => {
      live = false;
    };
  }, []);
  return lists;
}

/** Units that can be given work: not the office, not the leadership group. */
export const workingUnits = (units: Unit[]): Unit[] => units.filter((u) => u.kind !== 'OFFICE' && u.kind !== 'GROUP');

/** People with the responsible leader's role (分管领导). */
export const leaders = (people: Person[]): Person[] => people.filter((p) => p.roles.includes('LEADER'));
