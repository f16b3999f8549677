import { api } from '../../lib/api';
import { loadOrgLists } from '../../lib/org-lists';
import type { Person, Unit } from '../../lib/types';

/** What the office's task forms choose from: units that can be responsible, responsible leaders, task types. */
export interface OrgOptions {
  units: Unit[];
  leaders: Person[];
  types: { type: string; name: string }[];
}

const RESPONSIBLE_KINDS = new Set(['DEPARTMENT', 'TOWN', 'VILLAGE', 'OFFICE']);

export async function loadOrgOptions(): Promise<OrgOptions> {
  const [{ units, people }, types] = await Promise.all([
    loadOrgLists(),
    api<{ items: { type: string; name: string }[] }>('GET', '/v1/task-types'),
  ]);
  return {
    units: units.filter((u) => RESPONSIBLE_KINDS.has(u.kind)),
    leaders: people.filter((p) => p.roles.includes('LEADER')),
    types: types.items,
  };
}
