import { api, type Page } from './api';
import { useLoaded } from './queries';
import type { Person, Unit } from './types';

/*
 * The organisation's units and people as whole objects, for the office's pickers (lead unit, leader...) and the
 * names in names.ts: cached as reference data (queries.ts), not polled (hundreds of units, not thousands).
 */

export interface OrgLists {
  units: Unit[];
  people: Person[];
}

async function loadAll<T>(path: string): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; offset < 5_000; offset += 200) {
    const page = await api<Page<T>>('GET', `${path}?limit=200&offset=${offset}`);
    all.push(...page.items);
    if (offset + page.limit >= page.total) break;
  }
  return all;
}

/** Units and people, every page of them. */
export async function loadOrgLists(): Promise<OrgLists> {
  const [units, people] = await Promise.all([loadAll<Unit>('/v1/units'), loadAll<Person>('/v1/people')]);
  return { units, people };
}

const NONE: OrgLists = { units: [], people: [] };

/** Units and people; empty lists until they are loaded (and if they cannot be). */
export function useOrgLists(): OrgLists {
  return useLoaded(['org-lists'], loadOrgLists, { live: false }).value ?? NONE;
}

/** Units that can be given work: not the office, not the leadership group. */
export const workingUnits = (units: Unit[]): Unit[] => units.filter((u) => u.kind !== 'OFFICE' && u.kind !== 'GROUP');

/** People with the responsible leader's role (分管领导). */
export const leaders = (people: Person[]): Person[] => people.filter((p) => p.roles.includes('LEADER'));
