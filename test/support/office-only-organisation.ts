/**
 * The file of another organisation on the same deployment, of one office alone: organisation `id`, its office unit
 * `${id}-office` and the office's one person `p-${id}` (OFFICE and LEADER), whose office must find nothing of another's.
 */
export const officeOnlyOrganisation = (id: string) => `
organisation: { id: ${id}, name: 别处区纪委监委 }
units:
  - { id: ${id}-office, name: 别处区纪委组织协调室, kind: OFFICE, head: p-${id}, leader: p-${id} }
people:
  - { id: p-${id}, name: 王立, unit: ${id}-office, title: 主任, roles: [OFFICE, LEADER] }
`;
