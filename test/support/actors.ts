import type { Actor } from '../../procedures/task/messages';

/** An actor as the API sends it, whose name in a test title is its roles and unit (`UNIT town-a`). */
export const namedActor = (unitId: string, roles: string[], personId = `p-${unitId}`): Actor =>
  Object.assign(Object.create({ toString: () => `${roles.join('/')} ${unitId}` }) as Actor, {
    personId,
    roles,
    unitId,
    credentialId: 'c',
    requestId: 'r',
  });
