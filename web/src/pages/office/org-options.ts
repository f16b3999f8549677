import { api, type Page } from '../../lib/api';
import type { Person, Unit } from '../../lib/types';

async function loadAll<T>(path: string): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; offset < 5_000; offset += 200) {
    const page = await api<Page<T>>('GET', `${path}?limit=200&offset=${offset}`);
    all.push(...page.items);
    if (offset + page.limit >= page.total) break;
  }
  return all;
}

/** What the office's task forms choose from: units that can be responsible, responsible leaders, task types. */
export interface OrgOptions {
  units: Unit[];
  leaders: Person[];
  types: { type: string; name: string }[];
}

const RESPONSIBLE_KINDS = new Set(['DEPARTMENT', 'TOWN', 'VILLAGE', 'OFFICE']);

export async function loadOrgOptions(): Promise<OrgOptions> {
  const [units, people, types] = await Promise.all([
    loadAll<Unit>('/v1/units'),
    loadAll<Person>('/v1/people'),
    api<{ items: { type: string; name: string }[] }>('GET', '/v1/task-types'),
  ]);
  return {
    units: units.filter((u) => RESPONSIBLE_KINDS.has(u.kind)),
    leaders: people.filter((p) => p.roles.includes('LEADER')),
    types: types.items,
  };
}
