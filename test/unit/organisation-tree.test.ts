import { unitTree } from '../../web/src/pages/admin/organisation/unit-tree';
import type { OrgContent } from '../../web/src/pages/admin/organisation/org-data';

const unit = (id: string, kind: string, more: { parent?: string; zone?: string } = {}) =>
  ({
    id,
    name: id,
    kind,
    head: `p-${id}`,
    leader: 'p-leader',
    groupMember: false,
    ...more,
  }) as OrgContent['units'][number];

const content = {
  organisation: { id: 'district', name: '区', timeZone: 'Asia/Shanghai' },
  zones: [
    { id: 'zone-1', name: '第一协作区' },
    { id: 'zone-2', name: '第二协作区' },
  ],
  units: [
    unit('enf-police', 'ENFORCEMENT', { zone: 'zone-1' }),
    unit('group', 'GROUP'),
    unit('office', 'OFFICE'),
    unit('town-a', 'TOWN', { zone: 'zone-1' }),
    unit('dept-a', 'DEPARTMENT', { zone: 'zone-1' }),
    unit('village-a', 'VILLAGE', { parent: 'town-a' }),
  ],
  people: [],
} as OrgContent;

const shape = (c: OrgContent) =>
  unitTree(c).map(({ zone, nodes }) => [
    zone?.id ?? null,
    nodes.map((n) => [n.unit.id, n.children.map((k) => k.unit.id)]),
  ]);

describe('the organisation editor’s unit tree', () => {
  it('groups the units under none by zone, the district-wide first, each kind together, villages under their town', () => {
    expect(shape(content)).toEqual([
      [
        null,
        [
          ['office', []],
          ['group', []],
        ],
      ],
      [
        'zone-1',
        [
          ['dept-a', []],
          ['town-a', ['village-a']],
          ['enf-police', []],
        ],
      ],
      ['zone-2', []],
    ]);
  });

  it('shows a unit whose parent or zone it does not know at the top, in no zone', () => {
    const lost = { ...content, units: [unit('village-b', 'VILLAGE', { parent: 'town-gone', zone: 'zone-9' })] };

    expect(shape(lost)).toEqual([
      [null, [['village-b', []]]],
      ['zone-1', []],
      ['zone-2', []],
    ]);
  });
});
