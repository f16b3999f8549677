import type { Identity } from '../../api/identity';
import { decide, type PolicyObject } from '../../api/policy';

const person = (roles: Identity['roles'], unitId = 'town-a', orgId = 'district'): Identity => ({
  personId: 'p-1',
  orgId,
  unitId,
  roles,
  credentialId: 'tok',
});

const task: PolicyObject = {
  type: 'task',
  orgId: 'district',
  leadUnitId: 'town-a',
  coUnitIds: ['dept-b'],
  leaderId: 'p-9',
  unitLeaderIds: ['p-8'],
};

describe('the policy', () => {
  it.each([
    ['office', person(['OFFICE'], 'office'), 'ALLOW'],
    ['lead unit', person(['UNIT'], 'town-a'), 'ALLOW'],
    ['co-organising unit', person(['UNIT'], 'dept-b'), 'ALLOW'],
    ['another unit', person(['UNIT'], 'town-z'), 'NOT_FOUND'],
    ['observer', person(['OBSERVER']), 'NOT_FOUND'],
    ['office of another organisation', person(['OFFICE'], 'office', 'other-district'), 'NOT_FOUND'],
    ['unit staff who is also a leader elsewhere', person(['UNIT', 'LEADER'], 'town-z'), 'NOT_FOUND'],
  ] as const)('lets the %s read a task: %s', (_who, identity, decision) => {
    expect(decide(identity, 'task.read', task)).toBe(decision);
  });

  it('lets a leader read the tasks of units they are responsible for', () => {
    expect(decide({ ...person(['LEADER']), personId: 'p-8' }, 'task.read', task)).toBe('ALLOW');
    expect(decide({ ...person(['LEADER']), personId: 'p-9' }, 'task.read', task)).toBe('ALLOW');
    expect(decide({ ...person(['LEADER']), personId: 'p-7' }, 'task.read', task)).toBe('NOT_FOUND');
  });

  it('refuses office-only functions with 403 to every other role that sees the object', () => {
    for (const role of ['UNIT', 'LEADER', 'GROUP', 'OBSERVER'] as const) {
      expect(decide(person([role]), 'audit.read', { type: 'organisation', orgId: 'district' })).toBe('FORBIDDEN');
    }
    expect(decide(person(['UNIT'], 'town-a'), 'task.cancel', task)).toBe('FORBIDDEN');
    expect(decide({ ...person(['LEADER']), personId: 'p-8' }, 'task.cancel', task)).toBe('FORBIDDEN');
    expect(decide(person(['GROUP']), 'task.cancel', task)).toBe('FORBIDDEN');
  });

  it('lets the administrator alone read and edit the organisation, and refuses her the procedure with 403', () => {
    const admin = person(['ADMIN'], 'office');
    const org = { type: 'organisation', orgId: 'district' } as const;

    for (const action of ['organisation.read', 'organisation.readVersions', 'organisation.edit', 'inbox.read'] as const)
      expect(decide(admin, action, org)).toBe('ALLOW');
    for (const action of ['task.create', 'task.reassign', 'rules.read', 'audit.read', 'calendar.load'] as const)
      expect(decide(admin, action, org)).toBe('FORBIDDEN');
    expect(decide(admin, 'task.read', task)).toBe('NOT_FOUND');
    // The office reads the organisation's versions too; no other role does.
    expect(decide(person(['OFFICE'], 'office'), 'organisation.readVersions', org)).toBe('ALLOW');
    expect(decide(person(['UNIT']), 'organisation.readVersions', org)).toBe('FORBIDDEN');
  });

  it('answers NOT_FOUND, not FORBIDDEN, for an object the person may not see, whatever the action', () => {
    expect(decide(person(['UNIT'], 'town-z'), 'task.cancel', task)).toBe('NOT_FOUND');
    expect(decide(person(['OBSERVER']), 'task.cancel', task)).toBe('NOT_FOUND');
    expect(decide(person(['OBSERVER']), 'cycle.read', { type: 'cycle', orgId: 'district' })).toBe('NOT_FOUND');
    expect(decide(person(['OBSERVER']), 'bulletin.read', { type: 'bulletin', orgId: 'district' })).toBe('NOT_FOUND');
    expect(decide(person(['UNIT']), 'cycle.board', { type: 'cycle', orgId: 'district' })).toBe('FORBIDDEN');
  });
});
