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

/** Units and people, loaded once per page load (again after a failure). */
export function loadOrgLists(): Promise<OrgLists> {
  cache ??= Promise.all([loadAll<Unit>('/v1/units'), loadAll<Person>('/v1/people')]).then(
    ([units, people]) => ({ units, people }),
    (err: unknown) => {
      cache = undefined;
      throw err;
    },
  );
  return cache;
}

/** Units and people; empty lists until they are loaded (and if they cannot be). */
export function useOrgLists(): OrgLists {
  const [lists, setLists] = useState<OrgLists>({ units: [], people: [] });
  useEffect(() => {
    let live = true;
    loadOrgLists().then(
      (l) => live && setLists(l),
      () => undefined,
    );
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
