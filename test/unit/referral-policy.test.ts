import type { Identity } from '../../api/identity';
import { decide, type PolicyObject } from '../../api/policy';

const person = (roles: Identity['roles'], unitId: string, personId = 'p-1', orgId = 'district'): Identity => ({
  personId,
  orgId,
  unitId,
  roles,
  credentialId: 'tok',
});

/** A referral from the office to the police; p-group sits on the major-case group, p-named was named by the office. */
const referral: PolicyObject = {
  type: 'referral',
  orgId: 'district',
  unitIds: ['office', 'enf-police'],
  personIds: ['p-group', 'p-named'],
};

describe('the policy on referrals (移送): need to know', () => {
  it.each([
    ['the office', person(['OFFICE'], 'office'), 'ALLOW'],
    ['the receiving enforcement unit', person(['ENFORCEMENT'], 'enf-police'), 'ALLOW'],
    ['another enforcement unit', person(['ENFORCEMENT'], 'enf-audit'), 'NOT_FOUND'],
    ['a major-case group member who is a leader', person(['LEADER', 'GROUP'], 'group', 'p-group'), 'ALLOW'],
    ['a major-case group member of another enforcement unit', person(['ENFORCEMENT'], 'enf-court', 'p-group'), 'ALLOW'],
    ['the leadership group as such', person(['LEADER', 'GROUP'], 'group'), 'NOT_FOUND'],
    ['a person the office named', person(['UNIT'], 'town-a', 'p-named'), 'ALLOW'],
    ['a unit', person(['UNIT'], 'town-a'), 'NOT_FOUND'],
    ['an observer', person(['OBSERVER'], 'office', 'p-named'), 'NOT_FOUND'],
    ['the office of another organisation', person(['OFFICE'], 'office', 'p-1', 'elsewhere'), 'NOT_FOUND'],
  ] as const)('lets %s read it: %s', (_who, identity, decision) => {
    expect(decide(identity, 'referral.read', referral)).toBe(decision);
  });

  it('refuses the office-only actions with 403 to those who see it, and everything with 404 to those who do not', () => {
    expect(decide(person(['ENFORCEMENT'], 'enf-police'), 'referral.opinion', referral)).toBe('FORBIDDEN');
    expect(decide(person(['LEADER'], 'group', 'p-group'), 'referral.accept', referral)).toBe('FORBIDDEN');
    expect(decide(person(['ENFORCEMENT'], 'enf-audit'), 'referral.accept', referral)).toBe('NOT_FOUND');
    expect(decide(person(['ENFORCEMENT'], 'enf-police'), 'referral.accept', referral)).toBe('ALLOW');
  });
});
