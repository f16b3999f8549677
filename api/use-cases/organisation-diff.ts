import type { OrganisationContent } from '../../db/org-file';
import { said, type Said } from '../errors';

/** The roles in words, as an office would say them. */
const ROLE_NAMES: Record<string, Said> = {
  OFFICE: said('组织协调室', 'office'),
  UNIT: said('责任单位', 'unit'),
  LEADER: said('分管领导', 'leader'),
  GROUP: said('领导小组', 'group'),
  OBSERVER: said('监督员', 'observer'),
  ENFORCEMENT: said('执法机关', 'enforcement'),
  ADMIN: said('管理员', 'administrator'),
};

type Unit = OrganisationContent['units'][number];
type Person = OrganisationContent['people'][number];

/** One change between two versions of the organisation, in a sentence. */
export interface OrganisationChange {
  /** `units`, `people` or `zones`, and the entry's id. */
  list: 'units' | 'people' | 'zones';
  id: string;
  change: 'ADDED' | 'REMOVED' | 'CHANGED';
  /** The field changed (a file field: `name`, `parent`, `roles`...); absent for an entry added or removed. */
  field?: string;
  text: Said;
}

/**
 * What changed from organisation `a` to `b` (issue 22), each change a sentence: 「新增单位“…”」, 「“北山街道”更名为
 * “北山街道办事处”」, 「“…”由“…”调至“…”」, 「张三的角色由组织协调室改为组织协调室、管理员」. Names are each version's own.
 */
export function diffOrganisations(a: OrganisationContent, b: OrganisationContent): OrganisationChange[] {
  const unitName = (c: OrganisationContent, id: string | undefined) =>
    id === undefined ? undefined : (c.units.find((u) => u.id === id)?.name ?? id);
  const zoneName = (c: OrganisationContent, id: string | undefined) =>
    id === undefined ? undefined : (c.zones.find((z) => z.id === id)?.name ?? id);
  const personName = (c: OrganisationContent, id: string) => c.people.find((p) => p.id === id)?.name ?? id;
  const changes: OrganisationChange[] = [];

  /** The entries of `list` only one side has: added in `b`, or gone from it. */
  const appearing = <L extends 'zones' | 'units' | 'people'>(
    list: L,
    added: (x: OrganisationContent[L][number]) => Said,
    removed: (x: OrganisationContent[L][number]) => Said,
  ) => {
    const only = (x: OrganisationContent, y: OrganisationContent) =>
      (x[list] as { id: string }[]).filter((e) => !(y[list] as { id: string }[]).some((f) => f.id === e.id));
    for (const e of only(b, a)) changes.push({ list, id: e.id, change: 'ADDED', text: added(e as never) });
    for (const e of only(a, b)) changes.push({ list, id: e.id, change: 'REMOVED', text: removed(e as never) });
  };
  appearing(
    'zones',
    (z) => said(`新增协作区“${z.name}”`, `zone "${z.name}" added`),
    (z) => said(`删除协作区“${z.name}”`, `zone "${z.name}" removed`),
  );
  appearing(
    'units',
    (u) => said(`新增单位“${u.name}”`, `unit "${u.name}" added`),
    (u) => said(`撤销单位“${u.name}”`, `unit "${u.name}" retired`),
  );
  for (const before of a.units) {
    const after = b.units.find((u) => u.id === before.id);
    if (!after) continue;
    const unit = (field: keyof Unit, text: Said) =>
      changes.push({ list: 'units', id: after.id, change: 'CHANGED', field, text });
    if (before.name !== after.name) {
      unit('name', said(`“${before.name}”更名为“${after.name}”`, `"${before.name}" renamed "${after.name}"`));
    }
    const moved = (field: 'parent' | 'zone', name: typeof unitName, none: Said) => {
      if (before[field] === after[field]) return;
      const from = name(a, before[field]) ?? none.zh;
      const to = name(b, after[field]) ?? none.zh;
      unit(
        field,
        said(
          `“${after.name}”由“${from}”调至“${to}”`,
          `"${after.id}" moved from "${before[field] ?? '-'}" to "${after[field] ?? '-'}"`,
        ),
      );
    };
    moved('parent', unitName, said('区级', 'the district'));
    moved('zone', zoneName, said('未划入协作区', 'no zone'));
    if (before.head !== after.head) {
      const text = said(
        `“${after.name}”的主要负责人由${personName(a, before.head)}改为${personName(b, after.head)}`,
        `"${after.id}" head: ${before.head} → ${after.head}`,
      );
      unit('head', text);
    }
    if (before.leader !== after.leader) {
      const text = said(
        `“${after.name}”的分管领导由${personName(a, before.leader)}改为${personName(b, after.leader)}`,
        `"${after.id}" responsible leader: ${before.leader} → ${after.leader}`,
      );
      unit('leader', text);
    }
    if (before.groupMember !== after.groupMember) {
      const text = after.groupMember
        ? said(`“${after.name}”成为领导小组成员单位`, `"${after.id}" joins the leadership group`)
        : said(`“${after.name}”不再是领导小组成员单位`, `"${after.id}" leaves the leadership group`);
      unit('groupMember', text);
    }
  }

  const roles = (p: Person, language: 'zh' | 'en') => p.roles.map((r) => ROLE_NAMES[r]![language]).join('、');
  const unitOf = (c: OrganisationContent, p: Person) => unitName(c, p.unit);
  appearing(
    'people',
    (p) => said(`新增人员${p.name}（${unitOf(b, p)}）`, `person ${p.id} added (${p.unit})`),
    (p) => said(`停用人员${p.name}（${unitOf(a, p)}）`, `person ${p.id} deactivated`),
  );
  for (const before of a.people) {
    const after = b.people.find((p) => p.id === before.id);
    if (!after) continue;
    const person = (field: keyof Person, text: Said) =>
      changes.push({ list: 'people', id: after.id, change: 'CHANGED', field, text });
    if (before.name !== after.name) person('name', said(`${before.name}更名为${after.name}`, `${before.id} renamed`));
    if (before.unit !== after.unit) {
      const text = said(
        `${after.name}由“${unitOf(a, before)}”调至“${unitOf(b, after)}”`,
        `${after.id} moved from ${before.unit} to ${after.unit}`,
      );
      person('unit', text);
    }
    if ([...before.roles].sort().join() !== [...after.roles].sort().join()) {
      const text = said(
        `${after.name}的角色由${roles(before, 'zh')}改为${roles(after, 'zh')}`,
        `${after.id}'s roles: ${roles(before, 'en')} → ${roles(after, 'en')}`,
      );
      person('roles', text);
    }
    if (before.title !== after.title) {
      const text = said(
        `${after.name}的职务由“${before.title}”改为“${after.title}”`,
        `${after.id}'s title: "${before.title}" → "${after.title}"`,
      );
      person('title', text);
    }
    if (JSON.stringify(before.contact ?? {}) !== JSON.stringify(after.contact ?? {}))
      person('contact', said(`${after.name}的联系方式已更改`, `${after.id}'s contact changed`));
    if (before.majorCaseGroup !== after.majorCaseGroup) {
      const text = after.majorCaseGroup
        ? said(`${after.name}加入大要案协调小组`, `${after.id} joins the major-case group`)
        : said(`${after.name}退出大要案协调小组`, `${after.id} leaves the major-case group`);
      person('majorCaseGroup', text);
    }
  }
  return changes;
}
