import { decide as policy, type PolicyObject } from '../../api/policy';
import type { Identity } from '../../api/identity';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCollaboration } from '../../config/collaboration';
import {
  askAgain,
  caseTeamProcedure,
  name,
  secondmentProcedure,
  type CaseTeamMachine,
} from '../../procedures/case-team/machine';
import {
  askable,
  dealSeats,
  type CaseTeamInput,
  type SecondmentState,
  type SecondmentStatus,
} from '../../procedures/case-team/messages';
import { namedActor as actor, verdictOf } from '../support/actors';

const NOW = Date.parse('2027-03-10T02:00:00.000Z');
const unitA = actor('town-a', ['UNIT']);
const unitB = actor('town-b', ['UNIT']);
const office = actor('office', ['OFFICE']);
const named = actor('town-a', ['UNIT'], 'p-a2');

function machine(state: SecondmentState, patch: Partial<SecondmentStatus> = {}): CaseTeamMachine {
  const seat = {
    secondmentId: 'ct-1-s1',
    unitId: 'town-a',
    state,
    wantedPersonId: null,
    personId: state === 'REQUESTED' ? null : 'p-a2',
    dueAt: '2027-03-12T16:00:00.000Z',
    answeredAt: null,
    late: false,
    round: 0,
    recused: [],
    rejected: [],
    ...patch,
  } as unknown as SecondmentStatus;
  const input = { concernedUnitIds: ['town-c'] } as unknown as CaseTeamInput;
  const status = { state: 'OPEN', endDate: '2027-04-30', secondments: [seat] } as unknown as CaseTeamMachine['status'];
  return { status, input, recorded: true };
}

const seatVerdict = verdictOf(secondmentProcedure, NOW);
const teamVerdict = verdictOf(caseTeamProcedure, NOW);
const person = (personId: string, unitId: string) => ({ secondmentId: 'ct-1-s1', person: { personId, unitId } });

describe('the case team machine', () => {
  it('lets the unit asked name one of its own people, and nobody of a unit the case concerns', () => {
    expect(seatVerdict(machine('REQUESTED'), 'nominate', unitA, person('p-a2', 'town-a'))).toBe('accepted');
    expect(seatVerdict(machine('REQUESTED'), 'nominate', unitB, person('p-b1', 'town-b'))).toBe('人选由被抽调单位确定');
    expect(seatVerdict(machine('REQUESTED'), 'nominate', unitA, person('p-c1', 'town-c'))).toBe(
      '该人员所在单位与本案有关，应当回避，不能选派',
    );
    expect(seatVerdict(machine('REQUESTED'), 'nominate', unitA, person('p-b1', 'town-b'))).toBe('只能选派本单位人员');
    expect(seatVerdict(machine('NAMED'), 'nominate', unitA, person('p-a3', 'town-a'))).toBe(
      '本项抽调已确定人选，不能重复选派',
    );
  });

  it('asks a reason of a unit naming another than the office asked for, and never names a recused person again', () => {
    const wanted = machine('REQUESTED', { wantedPersonId: 'p-a1', recused: ['p-a3'] });
    expect(seatVerdict(wanted, 'nominate', unitA, person('p-a2', 'town-a'))).toBe('改派他人须说明理由');
    expect(seatVerdict(wanted, 'nominate', unitA, { ...person('p-a2', 'town-a'), reason: '该同志病休' })).toBe(
      'accepted',
    );
    expect(seatVerdict(wanted, 'nominate', unitA, person('p-a3', 'town-a'))).toBe(
      '该人员已声明回避或未获确认，请另选他人',
    );
  });

  it('lets the office alone confirm or reject, and the person named alone declare a conflict', () => {
    expect(seatVerdict(machine('NAMED'), 'confirmSecondment', office, { secondmentId: 'ct-1-s1' })).toBe('accepted');
    expect(seatVerdict(machine('NAMED'), 'confirmSecondment', unitA, { secondmentId: 'ct-1-s1' })).toBe(
      '人选由组织协调室确认',
    );
    expect(seatVerdict(machine('NAMED'), 'rejectSecondment', office, { secondmentId: 'ct-1-s1', reason: ' ' })).toBe(
      '退回理由不能为空',
    );
    const conflict = { secondmentId: 'ct-1-s1', reason: '近亲属' };
    expect(seatVerdict(machine('CONFIRMED'), 'declareConflict', named, conflict)).toBe('accepted');
    expect(seatVerdict(machine('CONFIRMED'), 'declareConflict', unitA, conflict)).toBe('回避由被抽调人员本人声明');
    expect(seatVerdict(machine('REQUESTED'), 'declareConflict', named, conflict)).toBe(
      '本项抽调尚无人选，无需声明回避',
    );
  });

  it('extends the period only to a later day, with a reason', () => {
    expect(teamVerdict(machine('REQUESTED'), 'extendTeam', office, { endDate: '2027-04-30', reason: '延期' })).toBe(
      '延长后的截止日期须晚于现截止日期（2027-04-30）',
    );
    expect(teamVerdict(machine('REQUESTED'), 'extendTeam', office, { endDate: '2027-05-31', reason: '延期' })).toBe(
      'accepted',
    );
    expect(teamVerdict(machine('REQUESTED'), 'releaseTeam', unitA, { reason: '结束' })).toBe('办案组由组织协调室解散');
  });

  it('marks a name after the limit late, and a new round forgets the answer but not the lateness', () => {
    const m = machine('REQUESTED');
    const seat = name(m, { actor: unitA, ...person('p-a2', 'town-a') }, Date.parse('2027-03-13T01:00:00.000Z'));
    expect(seat).toMatchObject({ state: 'NAMED', late: true, answeredAt: '2027-03-13T01:00:00.000Z' });
    askAgain(seat, 'recused');
    expect(seat).toMatchObject({ state: 'REQUESTED', round: 1, personId: null, answeredAt: null, late: true });
    expect(seat.recused).toEqual(['p-a2']);
  });

  it('deals the seats to the asked units in turn, the person asked for by name to one seat of theirs', () => {
    const seats = dealSeats(
      'ct-1',
      [
        { skill: '财务审计', count: 3 },
        { skill: '纪检监察', count: 1 },
      ],
      [{ unitId: 'town-a', personId: 'p-a1' }, { unitId: 'town-b' }],
    );
    expect(seats.map((s) => [s.secondmentId, s.unitId, s.skill, s.wantedPersonId])).toEqual([
      ['ct-1-s1', 'town-a', '财务审计', 'p-a1'],
      ['ct-1-s2', 'town-b', '财务审计', null],
      ['ct-1-s3', 'town-a', '财务审计', null],
      ['ct-1-s4', 'town-b', '纪检监察', null],
    ]);
  });

  it('asks only the member units of the zone the case does not concern', () => {
    expect(askable({ id: 'town-a', kind: 'TOWN', zoneId: 'zone-1' }, 'zone-1', [])).toBe(true);
    expect(askable({ id: 'town-a', kind: 'TOWN', zoneId: 'zone-1' }, 'zone-1', ['town-a'])).toBe(false);
    expect(askable({ id: 'enf-a', kind: 'ENFORCEMENT', zoneId: 'zone-1' }, 'zone-1', [])).toBe(false);
    expect(askable({ id: 'town-b', kind: 'TOWN', zoneId: 'zone-2' }, 'zone-1', [])).toBe(false);
  });
});

describe('who reads a case team and its secondments', () => {
  const who = (roles: Identity['roles'], unitId: string, personId: string): Identity => ({
    personId,
    unitId,
    roles,
    orgId: 'district',
    credentialId: 'tok',
  });
  const team: PolicyObject = { type: 'caseTeam', orgId: 'district', memberIds: ['p-a2'] };
  const seat: PolicyObject = { type: 'secondment', orgId: 'district', unitId: 'town-a', personId: 'p-a2' };

  it('shows a team to the office and its members only, not to the leadership group or a unit that lent people', () => {
    expect(policy(who(['OFFICE'], 'office', 'p-o'), 'caseTeam.read', team)).toBe('ALLOW');
    expect(policy(who(['UNIT'], 'town-a', 'p-a2'), 'caseTeam.read', team)).toBe('ALLOW');
    expect(policy(who(['UNIT'], 'town-a', 'p-a1'), 'caseTeam.read', team)).toBe('NOT_FOUND');
    expect(policy(who(['LEADER', 'GROUP'], 'group', 'p-g'), 'caseTeam.read', team)).toBe('NOT_FOUND');
    expect(policy(who(['UNIT'], 'town-a', 'p-a2'), 'caseTeam.extend', team)).toBe('FORBIDDEN');
  });

  it('lets the unit asked name, the person named recuse, and the office decide', () => {
    expect(policy(who(['UNIT'], 'town-a', 'p-a1'), 'secondment.nominate', seat)).toBe('ALLOW');
    expect(policy(who(['UNIT'], 'town-a', 'p-a1'), 'secondment.declareConflict', seat)).toBe('FORBIDDEN');
    expect(policy(who(['UNIT'], 'town-a', 'p-a2'), 'secondment.declareConflict', seat)).toBe('ALLOW');
    expect(policy(who(['UNIT'], 'town-b', 'p-b1'), 'secondment.read', seat)).toBe('NOT_FOUND');
    expect(policy(who(['OFFICE'], 'office', 'p-o'), 'secondment.nominate', seat)).toBe('FORBIDDEN');
    expect(policy(who(['OFFICE'], 'office', 'p-o'), 'secondment.confirm', seat)).toBe('ALLOW');
  });
});

describe('the collaboration policy file', () => {
  const fileWith = (text: string) => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'heli-collaboration-')), 'collaboration.yaml');
    writeFileSync(file, text);
    return file;
  };

  it('ships the case teams’ sign-for limit and ladder, and defaults an empty file', () => {
    expect(loadCollaboration().caseTeams).toEqual({ signForWorkingDays: 2, escalateAfterWorkingDays: 2 });
    expect(loadCollaboration(fileWith('')).caseTeams).toEqual({ signForWorkingDays: 2, escalateAfterWorkingDays: 2 });
  });

  it('stops start-up naming the bad field', () => {
    expect(() => loadCollaboration(fileWith('caseTeams:\n  signForWorkingDays: 0\n'))).toThrow(
      /caseTeams\.signForWorkingDays/,
    );
  });
});
