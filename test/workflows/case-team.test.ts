import * as tm from '../../procedures/case-team/messages';
import { NATIONAL, readWorkingCalendar } from '../../db/queries/calendar';
import { deadlineText } from '../../procedures/case/texts';
import * as wd from '../../procedures/time/working-days';
import { createCaseTeamHarness } from '../support/case-team-harness';
import { useHarness } from '../support/use-harness';
import { rejected, apiActor as person } from '../support/actors';
import { announceHoliday } from '../support/calendar-change';

const office = (requestId: string) => person('p-huang-min', 'office', ['OFFICE'], requestId);
const dongguan = (requestId: string) => person('p-xie-hua', 'town-dongguan', ['UNIT'], requestId); // head
const yuHong = (requestId: string) => person('p-yu-hong', 'town-dongguan', ['UNIT'], requestId); // staff
const xicheng = (requestId: string) => person('p-han-bing', 'town-xicheng', ['UNIT'], requestId);
const health = (requestId: string) => person('p-liang-yun', 'dept-health', ['UNIT'], requestId);
const OFFICE = ['p-huang-min', 'p-yang-fan', 'p-zhang-wei'];
const CASE_REF = '（2026）纪协1号';

describe('the case team workflow', () => {
  const h = useHarness(createCaseTeamHarness);

  const seat = (s: tm.CaseTeamStatus, unitId: string) => s.secondments.find((x) => x.unitId === unitId)!;
  const roster = async (teamId: string) =>
    (
      await h.db.pool.query<{ person_id: string; unit_id: string; case_ref: string; released: boolean }>(
        `SELECT person_id, unit_id, case_ref, released_at IS NOT NULL AS released FROM case_team_members
         WHERE team_id = $1 ORDER BY person_id`,
        [teamId],
      )
    ).rows;
  const auditOf = async (teamId: string) =>
    (
      await h.db.pool.query<{ action: string; actor_id: string; request_id: string | null }>(
        `SELECT action, actor_id, request_id FROM audit_log WHERE object_type = 'caseTeam' AND object_id = $1 ORDER BY id`,
        [teamId],
      )
    ).rows;
  /** The sign-for limit as the office reckons it: 24:00 of the 2nd working day after the request, then 2 more. */
  async function limitsFrom(iso: string) {
    const day = wd.localDate(new Date(iso));
    const year = Number(day.slice(0, 4));
    const cal = await readWorkingCalendar(h.db.pool, NATIONAL, year - 1, year + 1);
    const due = wd.addWorkingDays(cal, day, 2);
    return {
      dueAt: wd.localInstant(due, 24).toISOString(),
      escalateAt: wd.localInstant(wd.addWorkingDays(cal, due, 2), 24).toISOString(),
    };
  }

  it('sends a secondment request to each asked unit; a unit names its person, the office confirms, and at the end of the period the team is released', async () => {
    const { handle, teamId, input } = await h.start({
      units: [{ unitId: 'town-dongguan', personId: 'p-yu-hong' }, { unitId: 'town-xicheng' }],
      overrides: { openedBy: office('req-a-open') },
    });
    const opened = await handle.query(tm.getCaseTeamStatus);
    const limits = await limitsFrom(opened.openedAt!);
    expect(opened.secondments.map((s) => [s.unitId, s.state, s.dueAt])).toEqual([
      ['town-dongguan', 'REQUESTED', limits.dueAt],
      ['town-xicheng', 'REQUESTED', limits.dueAt],
    ]);
    // The request (抽调函) reaches every person of each asked unit, and never names the case.
    const requests = await h.notices(teamId, 'CASE_TEAM_REQUEST');
    expect(requests.map((n) => n.person_id)).toEqual(['p-han-bing', 'p-xie-hua', 'p-yu-hong']);
    for (const n of requests) expect(n.body).not.toContain(CASE_REF);
    expect(requests.find((n) => n.person_id === 'p-xie-hua')!.body).toMatch(/点名抽调于红同志/);
    expect(await h.notified(teamId, 'CASE_TEAM_OPENED')).toEqual(OFFICE);

    const [s1, s2] = opened.secondments.map((s) => s.secondmentId) as [string, string];
    await handle.executeUpdate(tm.nominate, {
      args: [
        { actor: dongguan('req-a-name'), secondmentId: s1, person: { personId: 'p-yu-hong', unitId: 'town-dongguan' } },
      ],
    });
    // Another than the office asked for is a proposal: only with a reason.
    await handle.executeUpdate(tm.nominate, {
      args: [
        { actor: xicheng('req-a-name2'), secondmentId: s2, person: { personId: 'p-han-bing', unitId: 'town-xicheng' } },
      ],
    });
    await handle.executeUpdate(tm.confirmSecondment, { args: [{ actor: office('req-a-confirm'), secondmentId: s1 }] });
    const confirmed = await handle.executeUpdate(tm.confirmSecondment, {
      args: [{ actor: office('req-a-confirm2'), secondmentId: s2 }],
    });
    expect(confirmed.secondments.map((s) => [s.state, s.personId, s.late])).toEqual([
      ['CONFIRMED', 'p-yu-hong', false],
      ['CONFIRMED', 'p-han-bing', false],
    ]);
    expect(await roster(teamId)).toEqual([
      { person_id: 'p-han-bing', unit_id: 'town-xicheng', case_ref: input.caseRef, released: false },
      { person_id: 'p-yu-hong', unit_id: 'town-dongguan', case_ref: input.caseRef, released: false },
    ]);
    const toMember = (await h.notices(teamId, 'CASE_TEAM_CONFIRMED')).find((n) => n.person_id === 'p-yu-hong')!;
    expect(toMember.body).toContain(CASE_REF);
    const { rows: read } = await h.db.pool.query(
      `SELECT unit_id, state, answered_at IS NOT NULL AS answered, late, due_at = $2::timestamptz AS due
       FROM secondments WHERE team_id = $1 ORDER BY id`,
      [teamId, limits.dueAt],
    );
    expect(read).toEqual([
      { unit_id: 'town-dongguan', state: 'CONFIRMED', answered: true, late: false, due: true },
      { unit_id: 'town-xicheng', state: 'CONFIRMED', answered: true, late: false, due: true },
    ]);

    const released = await h.skipTo(opened.endAt, handle, (s) => s.state === 'RELEASED');
    expect(released).toMatchObject({ state: 'RELEASED', releasedAt: opened.endAt, releasedEarly: false });
    expect(released.secondments.map((s) => s.state)).toEqual(['RELEASED', 'RELEASED']);
    expect(await roster(teamId)).toEqual([
      expect.objectContaining({ person_id: 'p-han-bing', released: true }),
      expect.objectContaining({ person_id: 'p-yu-hong', released: true }),
    ]);
    // The units (their heads), the members and the office hear of the release; the units' notice names no case.
    expect(await h.notified(teamId, 'CASE_TEAM_RELEASED')).toEqual(
      ['p-han-bing', 'p-xie-hua', 'p-yu-hong', ...OFFICE].sort(),
    );
    for (const n of await h.notices(teamId, 'CASE_TEAM_RELEASED')) expect(n.body).not.toContain(CASE_REF);
    const timeline = await h.timeline(teamId);
    expect(timeline.map((e) => e.kind)).toEqual([
      'TEAM_OPENED',
      'SECONDMENT_REQUESTED',
      'SECONDMENT_REQUESTED',
      'NOMINATED',
      'NOMINATED',
      'NOMINEE_CONFIRMED',
      'NOMINEE_CONFIRMED',
      'TEAM_RELEASED',
    ]);
    expect(timeline[3]!.message).toBe('东关街道选派于红，待组织协调室确认');
    expect(timeline.at(-1)).toMatchObject({ at: opened.endAt, message: expect.stringContaining('办案期间届满') });
    expect((await auditOf(teamId)).map((a) => [a.action, a.request_id])).toEqual([
      ['caseTeam.open', 'req-a-open'],
      ['caseTeam.request', 'req-a-open'],
      ['caseTeam.request', 'req-a-open'],
      ['caseTeam.nominate', 'req-a-name'],
      ['caseTeam.nominate', 'req-a-name2'],
      ['caseTeam.confirm', 'req-a-confirm'],
      ['caseTeam.confirm', 'req-a-confirm2'],
      ['caseTeam.release', null],
    ]);
    expect(await handle.result()).toMatchObject({ state: 'RELEASED' });
  });

  it('never asks a unit the case concerns, refuses its people, and asks the unit again when a named person declares a conflict (回避)', async () => {
    // By default every member unit of zone-1 but the one concerned (town-nanhu) is asked.
    const asked = await h.askedByDefault('zone-1', ['town-nanhu']);
    expect(asked).toEqual(['dept-health', 'dept-organisation', 'dept-publicity', 'town-dongguan', 'town-xicheng']);
    const { handle, teamId } = await h.start();
    expect(await h.notified(teamId, 'CASE_TEAM_REQUEST')).not.toEqual(expect.arrayContaining(['p-tang-ning']));
    expect(await h.notified(teamId, 'CASE_TEAM_REQUEST')).not.toContain('p-shi-jia');
    const opened = await handle.query(tm.getCaseTeamStatus);
    const s = seat(opened, 'town-dongguan').secondmentId;

    // A person of the unit the case concerns cannot be named (nor one of another unit).
    await expect(
      handle.executeUpdate(tm.nominate, {
        args: [
          { actor: dongguan('req-b-1'), secondmentId: s, person: { personId: 'p-shi-jia', unitId: 'town-nanhu' } },
        ],
      }),
    ).rejects.toEqual(rejected(/应当回避/));
    await expect(
      handle.executeUpdate(tm.nominate, {
        args: [
          { actor: dongguan('req-b-2'), secondmentId: s, person: { personId: 'p-han-bing', unitId: 'town-xicheng' } },
        ],
      }),
    ).rejects.toEqual(rejected(/只能选派本单位人员/));
    await expect(
      handle.executeUpdate(tm.nominate, {
        args: [
          { actor: xicheng('req-b-3'), secondmentId: s, person: { personId: 'p-han-bing', unitId: 'town-xicheng' } },
        ],
      }),
    ).rejects.toEqual(rejected(/由被抽调单位确定/));

    await handle.executeUpdate(tm.nominate, {
      args: [
        { actor: dongguan('req-b-4'), secondmentId: s, person: { personId: 'p-yu-hong', unitId: 'town-dongguan' } },
      ],
    });
    await handle.executeUpdate(tm.confirmSecondment, { args: [{ actor: office('req-b-5'), secondmentId: s }] });
    expect((await roster(teamId)).map((r) => r.person_id)).toEqual(['p-yu-hong']);

    // Only the named person declares a conflict; it frees the seat, takes them off the roster and asks the unit again.
    await expect(
      handle.executeUpdate(tm.declareConflict, {
        args: [{ actor: dongguan('req-b-6'), secondmentId: s, reason: '代为声明' }],
      }),
    ).rejects.toEqual(rejected(/本人声明/));
    const recused = await handle.executeUpdate(tm.declareConflict, {
      args: [{ actor: yuHong('req-b-7'), secondmentId: s, reason: '本人与被审查人系近亲属' }],
    });
    const again = seat(recused, 'town-dongguan');
    expect(again).toMatchObject({ state: 'REQUESTED', round: 1, personId: null, recused: ['p-yu-hong'] });
    expect(again.dueAt).toBe((await limitsFrom(again.requestedAt!)).dueAt);
    expect(await roster(teamId)).toEqual([]);
    expect(await h.notified(teamId, 'CASE_TEAM_CONFLICT')).toEqual(['p-xie-hua', 'p-yu-hong', ...OFFICE].sort());
    const toUnit = (await h.notices(teamId, 'CASE_TEAM_CONFLICT')).find((n) => n.person_id === 'p-xie-hua')!;
    expect(toUnit.body).not.toContain('近亲属');

    // The recused person cannot be named again; the unit names another, whom the office confirms.
    await expect(
      handle.executeUpdate(tm.nominate, {
        args: [
          { actor: dongguan('req-b-8'), secondmentId: s, person: { personId: 'p-yu-hong', unitId: 'town-dongguan' } },
        ],
      }),
    ).rejects.toEqual(rejected(/已声明回避/));
    await handle.executeUpdate(tm.nominate, {
      args: [
        { actor: dongguan('req-b-9'), secondmentId: s, person: { personId: 'p-xie-hua', unitId: 'town-dongguan' } },
      ],
    });
    await handle.executeUpdate(tm.confirmSecondment, { args: [{ actor: office('req-b-10'), secondmentId: s }] });
    expect((await roster(teamId)).map((r) => r.person_id)).toEqual(['p-xie-hua']);
    const kinds = (await h.timeline(teamId)).filter((e) => e.secondmentId === s).map((e) => e.kind);
    expect(kinds).toEqual([
      'SECONDMENT_REQUESTED',
      'NOMINATED',
      'NOMINEE_CONFIRMED',
      'CONFLICT_DECLARED',
      'NOMINATED',
      'NOMINEE_CONFIRMED',
    ]);

    await handle.executeUpdate(tm.releaseTeam, { args: [{ actor: office('req-b-11'), reason: '案件已移送审理' }] });
    const done = await handle.result();
    expect(done).toMatchObject({ state: 'RELEASED', releasedEarly: true, releaseReason: '案件已移送审理' });
    // The seats never filled are withdrawn; the one serving is released.
    expect(seat(done, 'town-dongguan').state).toBe('RELEASED');
    expect(seat(done, 'dept-health').state).toBe('WITHDRAWN');
  });

  it('urges the unit head when the sign-for limit lapses, then tells the unit’s responsible leader; a later name is late', async () => {
    const { handle, teamId } = await h.start({ units: [{ unitId: 'dept-health' }] });
    const opened = await handle.query(tm.getCaseTeamStatus);
    const { dueAt, escalateAt } = await limitsFrom(opened.openedAt!);
    const s = opened.secondments[0]!.secondmentId;

    const urged = await h.skipTo(dueAt, handle, (x) => x.secondments[0]!.urgedAt !== null);
    expect(urged.secondments[0]).toMatchObject({ urgedAt: dueAt, late: true, state: 'REQUESTED' });
    expect(await h.notified(teamId, 'CASE_TEAM_URGED')).toEqual(['p-liang-yun']);
    const escalated = await h.skipTo(escalateAt, handle, (x) => x.secondments[0]!.escalatedAt !== null);
    expect(escalated.secondments[0]!.escalatedAt).toBe(escalateAt);
    expect(await h.notified(teamId, 'CASE_TEAM_ESCALATED')).toEqual(['p-liu-fang', ...OFFICE].sort());
    const timeline = await h.timeline(teamId);
    expect(timeline.filter((e) => e.secondmentId === s).map((e) => [e.kind, e.at])).toEqual([
      ['SECONDMENT_REQUESTED', opened.openedAt],
      ['SECONDMENT_URGED', dueAt],
      ['SECONDMENT_ESCALATED', escalateAt],
    ]);
    expect(timeline.find((e) => e.kind === 'SECONDMENT_URGED')!.message).toMatch(
      /区卫生健康局未在.*前选派办案人员，已催办/,
    );

    await handle.executeUpdate(tm.nominate, {
      args: [
        { actor: health('req-c-name'), secondmentId: s, person: { personId: 'p-liang-yun', unitId: 'dept-health' } },
      ],
    });
    const { rows } = await h.db.pool.query(
      `SELECT late, answered_at > due_at AS after_due, urged_at IS NOT NULL AS urged, escalated_at IS NOT NULL AS escalated
       FROM secondments WHERE id = $1`,
      [s],
    );
    expect(rows).toEqual([{ late: true, after_due: true, urged: true, escalated: true }]);
    expect((await auditOf(teamId)).map((a) => a.action)).toEqual([
      'caseTeam.open',
      'caseTeam.request',
      'caseTeam.urge',
      'caseTeam.escalate',
      'caseTeam.nominate',
    ]);
    // Rejected after the limit: a new round with a limit of its own, urged at that limit (not at once).
    const again = await handle.executeUpdate(tm.rejectSecondment, {
      args: [{ actor: office('req-c-reject'), secondmentId: s, reason: '需具备审计专业背景' }],
    });
    const round = again.secondments[0]!;
    expect(round).toMatchObject({ state: 'REQUESTED', round: 1, late: true, urgedAt: null });
    expect(round.dueAt).toBe((await limitsFrom(round.requestedAt!)).dueAt);
    const kindsOf = async () => (await h.timeline(teamId)).map((e) => e.kind);
    expect((await kindsOf()).filter((k) => k === 'SECONDMENT_URGED')).toHaveLength(1);
    const urgedAgain = await h.skipTo(round.dueAt!, handle, (x) => x.secondments[0]!.urgedAt !== null);
    expect(urgedAgain.secondments[0]!.urgedAt).toBe(round.dueAt);
    expect((await kindsOf()).slice(-2)).toEqual(['NOMINEE_REJECTED', 'SECONDMENT_URGED']);

    await handle.executeUpdate(tm.releaseTeam, { args: [{ actor: office('req-c-end'), reason: '测试结束' }] });
    await handle.result();
  });

  it('moves a seat’s limit when the year’s official calendar adds a holiday, and urges at the new one', async () => {
    const { handle, teamId } = await h.start({ units: [{ unitId: 'town-xicheng' }] });
    const opened = await handle.query(tm.getCaseTeamStatus);
    const before = await limitsFrom(opened.openedAt!);
    // The official table of the year makes the first working day after the request a holiday.
    const openedOn = wd.localDate(new Date(opened.openedAt!));
    const year = Number(openedOn.slice(0, 4));
    const cal = await readWorkingCalendar(h.db.pool, NATIONAL, year - 1, year + 1);
    const holiday = wd.addWorkingDays(cal, openedOn, 1);
    const told = await announceHoliday(h, holiday);
    const moved = await h.skipTo(opened.openedAt!, handle, (x) => x.secondments[0]!.dueAt !== before.dueAt);
    const after = await limitsFrom(opened.openedAt!);

    expect(told.failed).toBe(0);
    expect(Date.parse(after.dueAt)).toBeGreaterThan(Date.parse(before.dueAt));
    expect(moved.secondments[0]).toMatchObject({ dueAt: after.dueAt, escalateAt: after.escalateAt, urgedAt: null });
    const timeline = await h.timeline(teamId);
    expect(timeline.map((e) => e.kind)).toEqual(['TEAM_OPENED', 'SECONDMENT_REQUESTED', 'CALENDAR_CHANGED']);
    expect(timeline[2]!.message).toContain(`西城街道选派期限调整为${deadlineText(after.dueAt)}`);
    const urged = await h.skipTo(after.dueAt, handle, (x) => x.secondments[0]!.urgedAt !== null);
    expect(urged.secondments[0]!.urgedAt).toBe(after.dueAt);
    await handle.executeUpdate(tm.releaseTeam, { args: [{ actor: office('req-e-end'), reason: '测试结束' }] });
    await handle.result();
  });

  it('lets the office reject a name (the unit names again) and extend the period, which moves the release', async () => {
    const { handle, teamId } = await h.start({ units: [{ unitId: 'town-xicheng' }] });
    const opened = await handle.query(tm.getCaseTeamStatus);
    const s = opened.secondments[0]!.secondmentId;
    await handle.executeUpdate(tm.nominate, {
      args: [
        { actor: xicheng('req-d-1'), secondmentId: s, person: { personId: 'p-han-bing', unitId: 'town-xicheng' } },
      ],
    });
    await expect(
      handle.executeUpdate(tm.rejectSecondment, {
        args: [{ actor: xicheng('req-d-2'), secondmentId: s, reason: '不行' }],
      }),
    ).rejects.toEqual(rejected(/由组织协调室确认/));
    const back = await handle.executeUpdate(tm.rejectSecondment, {
      args: [{ actor: office('req-d-3'), secondmentId: s, reason: '需具备财务审计专业背景' }],
    });
    expect(back.secondments[0]).toMatchObject({ state: 'REQUESTED', round: 1, rejected: ['p-han-bing'] });
    expect(await h.notified(teamId, 'CASE_TEAM_REJECTED')).toEqual(['p-han-bing']);

    await expect(
      handle.executeUpdate(tm.extendTeam, {
        args: [{ actor: office('req-d-4'), endDate: opened.startDate, reason: '延长' }],
      }),
    ).rejects.toEqual(rejected(/须晚于现截止日期/));
    const newEnd = wd.addCalendarDays(opened.endDate, 10);
    const extended = await handle.executeUpdate(tm.extendTeam, {
      args: [{ actor: office('req-d-5'), endDate: newEnd, reason: '案情复杂，需补充调查' }],
    });
    expect(extended).toMatchObject({ endDate: newEnd, endAt: wd.localInstant(newEnd, 24).toISOString() });
    expect(extended.extensions).toEqual([
      expect.objectContaining({ from: opened.endDate, to: newEnd, reason: '案情复杂，需补充调查', by: 'p-huang-min' }),
    ]);
    expect(await h.notified(teamId, 'CASE_TEAM_EXTENDED')).toEqual(['p-han-bing', ...OFFICE].sort());
    const { rows } = await h.db.pool.query(
      `SELECT to_char(end_date, 'YYYY-MM-DD') AS end FROM case_teams WHERE id = $1`,
      [teamId],
    );
    expect(rows).toEqual([{ end: newEnd }]);

    // The old end passes quietly; the team is released at the new one.
    expect((await h.skipTo(opened.endAt, handle)).state).toBe('OPEN');
    const released = await h.skipTo(extended.endAt, handle, (x) => x.state === 'RELEASED');
    expect(released.releasedAt).toBe(extended.endAt);
    expect(released.secondments[0]!.state).toBe('WITHDRAWN');
  });
});
