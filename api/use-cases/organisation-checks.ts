import { describeIssue, type FileProblem } from '../../config/file-problems';
import { checkOrganisation, type Item } from '../../db/org-file-checks';
import { organisationContentSchema, type OrganisationContent } from '../../db/org-file';
import { said } from '../errors';

/** What the database knows beside the content: retired units (merged or not) and ids of other organisations. */
export interface Standing {
  retired: Map<string, { name: string; successorId: string | null }>;
  foreign: Set<string>;
}

const items = (list: { id: string }[]): Item[] =>
  list.map((fields, index) => ({ index, fields: fields as unknown as Record<string, unknown> }));

/**
 * Every problem of an organisation as an edit would leave it (issue 22), in the file's paths (`units`, 3, `parent`):
 * the organisation file's own rules (its schema and `checkOrganisation`), and what a live edit adds — the tree has no
 * cycle, siblings have different names, no name is blank, no retired unit comes back or is joined, no id of another
 * organisation is taken, and at least one administrator and one office member stay.
 */
export function organisationProblems(content: OrganisationContent, standing: Standing): FileProblem[] {
  const parsed = organisationContentSchema.safeParse(content);
  const own: FileProblem[] = [
    ...content.units.flatMap((u, i) => unitProblems(content, standing, u, i)),
    ...content.people.flatMap((p, i) => {
      const retired = standing.retired.get(p.unit);
      const found: FileProblem[] = [];
      if (!p.name.trim()) found.push({ path: ['people', i, 'name'], message: blank });
      if (retired) found.push({ path: ['people', i, 'unit'], message: retiredUnit(p.unit, retired) });
      if (standing.foreign.has(p.id)) found.push({ path: ['people', i, 'id'], message: taken(p.id) });
      return found;
    }),
    ...keptRoles(content),
  ];
  const mine = new Set(own.map((p) => p.path.join('.')));
  const file = [
    ...(parsed.success ? [] : parsed.error.issues.flatMap(describeIssue)),
    ...checkOrganisation({ zones: items(content.zones), units: items(content.units), people: items(content.people) }),
  ].filter((p) => !mine.has(p.path.join('.')));
  return [...file, ...own];
}

const blank = said('名称不能为空', 'the name cannot be blank');
const taken = (id: string) => said(`编号“${id}”已被其他组织使用`, `the id "${id}" belongs to another organisation`);
const retiredUnit = (id: string, r: { name: string; successorId: string | null }) =>
  r.successorId
    ? said(`单位“${r.name}”（${id}）已并入其他单位，不再使用`, `unit "${id}" was merged into another`)
    : said(`单位“${r.name}”（${id}）已撤销，不再使用`, `unit "${id}" is retired`);

function unitProblems(
  content: OrganisationContent,
  standing: Standing,
  unit: OrganisationContent['units'][number],
  index: number,
): FileProblem[] {
  const at = (field: string) => ['units', index, field];
  const found: FileProblem[] = [];
  if (!unit.name.trim()) found.push({ path: at('name'), message: blank });
  const retired = standing.retired.get(unit.id);
  if (retired) {
    const message = said(
      `${retiredUnit(unit.id, retired).zh}；撤销或合并的单位不能恢复，请新增单位`,
      `${retiredUnit(unit.id, retired).en}; a retired or merged unit is not revived: add a new unit`,
    );
    found.push({ path: at('id'), message });
  }
  if (standing.foreign.has(unit.id)) found.push({ path: at('id'), message: taken(unit.id) });
  if (unit.parent && standing.retired.has(unit.parent)) {
    found.push({ path: at('parent'), message: retiredUnit(unit.parent, standing.retired.get(unit.parent)!) });
  }
  // A unit moved under its own descendant: its parents lead back to it.
  const byId = new Map(content.units.map((u) => [u.id, u]));
  const seen = new Set<string>([unit.id]);
  for (let up = unit.parent; up !== undefined; up = byId.get(up)?.parent) {
    if (seen.has(up) && up === unit.id) {
      const name = byId.get(unit.parent!)?.name ?? unit.parent!;
      const message = said(
        `“${name}”是“${unit.name}”的下级单位，不能把单位调至其下级单位之下（单位树不能成环）`,
        `"${unit.parent}" is below "${unit.id}": a unit cannot move under its own descendant (a cycle)`,
      );
      found.push({ path: at('parent'), message });
      break;
    }
    if (seen.has(up)) break;
    seen.add(up);
  }
  const sibling = content.units.findIndex(
    (u, i) => i < index && (u.parent ?? null) === (unit.parent ?? null) && u.name.trim() === unit.name.trim(),
  );
  if (sibling >= 0 && unit.name.trim()) {
    const message = said(
      `同一上级下已有名为“${unit.name}”的单位（${content.units[sibling]!.id}）`,
      `a unit of the same parent is already named "${unit.name}" (${content.units[sibling]!.id})`,
    );
    found.push({ path: at('name'), message });
  }
  return found;
}

/** The organisation keeps at least one administrator (ADMIN) and one member of the office (OFFICE). */
function keptRoles(content: OrganisationContent): FileProblem[] {
  const holds = (role: string) => content.people.some((p) => (p.roles as string[]).includes(role));
  return [
    ...(holds('ADMIN')
      ? []
      : [{ path: ['people'], message: said('组织须至少保留一名管理员（ADMIN）', 'at least one ADMIN must remain') }]),
    ...(holds('OFFICE')
      ? []
      : [
          {
            path: ['people'],
            message: said('组织须至少保留一名组织协调室人员（OFFICE）', 'at least one OFFICE member must remain'),
          },
        ]),
  ];
}
