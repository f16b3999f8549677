import type { OrgContent, UnitEntry, Zone } from './org-data';

/** A unit and the units under it (a town's villages). */
export interface TreeNode {
  unit: UnitEntry;
  children: TreeNode[];
}

/** The order of the kinds in the tree: the district-wide bodies, departments, towns, villages, enforcement bodies. */
const KINDS: UnitEntry['kind'][] = ['OFFICE', 'GROUP', 'DEPARTMENT', 'TOWN', 'VILLAGE', 'ENFORCEMENT'];

/**
 * The units under no other, grouped by zone (first those of none: the district-wide bodies), each with its own; by
 * kind, then as the organisation lists them.
 */
export function unitTree(content: OrgContent): { zone: Zone | null; nodes: TreeNode[] }[] {
  const ids = new Set(content.units.map((u) => u.id));
  const units = [...content.units].sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));
  const under = (parent: string | undefined): TreeNode[] =>
    units
      .filter((u) => (parent === undefined ? !u.parent || !ids.has(u.parent) : u.parent === parent))
      .map((unit) => ({ unit, children: under(unit.id) }));
  const top = under(undefined);
  const zoneIds = new Set(content.zones.map((z) => z.id));
  const zoneOf = (u: UnitEntry) => (u.zone && zoneIds.has(u.zone) ? u.zone : null);
  const zones: (Zone | null)[] = [null, ...content.zones];
  return zones
    .map((zone) => ({ zone, nodes: top.filter((n) => zoneOf(n.unit) === (zone?.id ?? null)) }))
    .filter((group) => group.nodes.length > 0 || group.zone !== null);
}
