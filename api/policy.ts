import type { Identity, Role } from './identity';

/**
 * Who may do what (DOMAIN.md "Who uses it"). One place decides, for a person, an action and an object:
 * ALLOW, FORBIDDEN (the caller's roles may never do this: 403) or NOT_FOUND (the object is outside the
 * caller's scope: 404, so that its existence does not leak).
 */
export type Decision = 'ALLOW' | 'FORBIDDEN' | 'NOT_FOUND';

/** What a task exposes to the policy. `unitLeaderIds`: the responsible leaders of its lead and co units. */
export interface TaskScope {
  orgId: string;
  leadUnitId: string;
  coUnitIds: string[];
  leaderId: string;
  unitLeaderIds: string[];
}

export type PolicyObject = { type: 'organisation'; orgId: string } | ({ type: 'task' } & TaskScope);

/** Every action and the roles that may ever perform it (function level). */
export const ACTIONS = {
  'organisation.read': ['OFFICE', 'UNIT', 'LEADER', 'GROUP', 'OBSERVER'],
  'task.create': ['OFFICE'],
  'task.read': ['OFFICE', 'UNIT', 'LEADER', 'GROUP'],
  'task.cancel': ['OFFICE'],
  'audit.read': ['OFFICE'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ACTIONS;

function inScope(identity: Identity, role: Role, object: PolicyObject): boolean {
  if (object.orgId !== identity.orgId) return false;
  if (object.type === 'organisation') return true;
  switch (role) {
    case 'OFFICE':
    case 'GROUP': // the leadership group oversees the whole procedure
      return true;
    case 'UNIT':
      return object.leadUnitId === identity.unitId || object.coUnitIds.includes(identity.unitId);
    case 'LEADER':
      return object.leaderId === identity.personId || object.unitLeaderIds.includes(identity.personId);
    case 'OBSERVER':
      return false;
  }
}

/** Decides one action on one object; a person with several roles gets the widest of them. */
export function decide(identity: Identity, action: Action, object: PolicyObject): Decision {
  const allowed: readonly Role[] = ACTIONS[action];
  const roles = identity.roles.filter((r) => allowed.includes(r));
  if (roles.length === 0) return 'FORBIDDEN';
  return roles.some((role) => inScope(identity, role, object)) ? 'ALLOW' : 'NOT_FOUND';
}
