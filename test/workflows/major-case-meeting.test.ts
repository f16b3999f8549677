import { NATIONAL, readWorkingCalendar } from '../../db/queries/calendar';
import * as mm from '../../procedures/meeting/messages';
import type { Actor } from '../../procedures/task/messages';
import * as wd from '../../procedures/time/working-days';
import { eventually } from '../support/http';
import { createMeetingHarness } from '../support/meeting-harness';
import { actor } from '../support/task-harness';
import { useHarness } from '../support/use-harness';
import { rejected } from '../support/actors';

/** A person as the API would send them. */
const person = (personId: string, unitId: string, roles: string[]): Actor => ({
  personId,
  unitId,
  roles,
  credentialId: `tok_${personId}`,
  requestId: `req-${personId}`,
});
const qinHao = person('p-qin-hao', 'enf-police', ['ENFORCEMENT']); // 公安, a member
const zhengYu = person('p-zheng-yu', 'group', ['LEADER', 'GROUP']); // 政法委书记, a member
const dingRui = person('p-ding-rui', 'enf-police', ['ENFORCEMENT']); // 公安 staff, not a member

/** The group's members in the example organisation (people.major_case_group). */
const MEMBERS = ['p-lu-yan', 'p-qin-hao', 'p-zhao-zhiqiang', 'p-zheng-yu', 'p-zhou-min'];
const OFFICE = ['p-huang-min', 'p-yang-fan', 'p-zhang-wei'];

describe('a meeting of the major-case coordination group (大要案协调小组)', () => {
  const h = useHarness(createMeetingHarness);

  /** The meeting six working days from now at 09:30, answers due by the end of the second working day before it. */
  async function schedule() {
    const nowMs = await h.now();
    const today = wd.localDate(new Date(nowMs));
    const year = Number(today.slice(0, 4));
    const cal = await readWorkingCalendar(h.db.pool, NATIONAL, year - 1, year + 1);
    const day = wd.addWorkingDays(cal, today, 6);
    return {
      since: new Date(nowMs).toISOString(),
      at: wd.localInstant(day, 9, 30).toISOString(),
      confirmBy: wd.localInstant(wd.addWorkingDays(cal, day, -2), 24).toISOString(),
    };
  }

  async function convene() {
    const plan = await schedule();
    const started = await h.start({
      cycleId: await h.newCycle(),
      ...plan,
      kind: 'MAJOR_CASE',
      title: '大要案协调小组会议',
      topics: ['研究区住建局原局长涉嫌受贿案移送事宜'],
      referralId: 'rf-2027-001',
    });
    return { ...started, plan };
  }

  const peopleOf = async (kind: string, meetingId: string) => {
    const { rows } = await h.db.pool.query<{ person_id: string }>(
      `SELECT person_id FROM notifications WHERE workflow_id = $1 AND kind = $2 ORDER BY person_id`,
      [`meeting:${meetingId}`, kind],
    );
    return rows.map((r) => r.person_id);
  };

  it('notices its members in person and nobody else, takes a member’s answer, and turns a resolution into a task', async () => {
    const { handle, meetingId, plan } = await convene();

    // The notice: the five members in person; no unit, no other leader, nobody of the leadership group as such.
    expect(await peopleOf('MEETING_NOTICED', meetingId)).toEqual(MEMBERS);
    const { rows: units } = await h.db.pool.query('SELECT 1 FROM meeting_attendance WHERE meeting_id = $1', [
      meetingId,
    ]);
    expect(units).toEqual([]);
    const { rows: stored } = await h.db.pool.query(`SELECT kind, referral_id FROM meetings WHERE id = $1`, [meetingId]);
    expect(stored).toEqual([{ kind: 'MAJOR_CASE', referral_id: 'rf-2027-001' }]);
    const notice = await h.db.pool.query<{ body: string }>(
      `SELECT DISTINCT body FROM notifications WHERE workflow_id = $1 AND kind = 'MEETING_NOTICED'`,
      [`meeting:${meetingId}`],
    );
    expect(notice.rows).toEqual([{ body: expect.stringContaining('会议内容仅限小组成员知悉，请注意保密。') }]);

    // An enforcement member confirms for themself; a leader member declines; others are refused with the reason.
    const confirmed = await handle.executeUpdate(mm.confirmMemberAttendance, {
      args: [{ actor: qinHao, attending: true, attendee: '丁锐（侦查员）' }],
    });
    expect(confirmed.attendance.find((a) => a.personId === 'p-qin-hao')).toMatchObject({
      unitId: 'enf-police',
      status: 'CONFIRMED',
      answeredBy: 'p-qin-hao',
    });
    await handle.executeUpdate(mm.confirmMemberAttendance, {
      args: [{ actor: zhengYu, attending: false, reason: '参加市委政法工作会议' }],
    });
    await expect(
      handle.executeUpdate(mm.confirmMemberAttendance, { args: [{ actor: qinHao, attending: true }] }),
    ).rejects.toEqual(rejected(/您已答复（确认参会），不能重复确认/));
    await expect(
      handle.executeUpdate(mm.confirmMemberAttendance, { args: [{ actor: dingRui, attending: true }] }),
    ).rejects.toEqual(rejected(/您不是本次大要案协调小组会议的成员/));
    await expect(
      handle.executeUpdate(mm.confirmAttendance, {
        args: [{ actor: person('p-xie-hua', 'town-dongguan', ['UNIT']), attending: true }],
      }),
    ).rejects.toEqual(rejected(/大要案协调小组会议由小组成员本人确认参会/));
    const timeline = await h.timeline(meetingId);
    expect(timeline.map((e) => e.message)).toEqual([
      expect.stringContaining('组织协调室召集大要案协调小组会议「大要案协调小组会议」（就移送事项rf-2027-001）'),
      '秦浩确认参会，随同人员：丁锐（侦查员）',
      '郑宇请假，不能参会，事由：参加市委政法工作会议',
    ]);

    // At the confirmation deadline the three silent members are urged, in person.
    await h.skipTo(plan.confirmBy, handle, (s) => s.attendance.some((a) => a.urgedAt));
    expect(await peopleOf('MEETING_URGED', meetingId)).toEqual(['p-lu-yan', 'p-zhao-zhiqiang', 'p-zhou-min']);

    // Held: its agenda is its own topics, without the cycle's status report; the office is asked for the minutes.
    const held = await h.skipTo(plan.at, handle, (s) => s.state === 'HELD');
    expect(held.agenda).toEqual({ items: ['研究区住建局原局长涉嫌受贿案移送事宜'], report: null });
    expect(held.attendance.filter((a) => a.status === 'PRESENT').map((a) => a.personId)).toEqual(['p-qin-hao']);
    expect(await peopleOf('MEETING_HELD', meetingId)).toEqual(OFFICE);
    const { rows: members } = await h.db.pool.query<{ person_id: string; status: string }>(
      `SELECT person_id, status FROM meeting_members WHERE meeting_id = $1 ORDER BY person_id`,
      [meetingId],
    );
    expect(members).toEqual(MEMBERS.map((p) => ({ person_id: p, status: p === 'p-qin-hao' ? 'PRESENT' : 'ABSENT' })));

    // Minutes with a resolution: a supervised task like any joint meeting's; the minutes to the members present and
    // the office only.
    const minuted = await handle.executeUpdate(mm.recordMinutes, {
      args: [
        {
          actor: actor('office'),
          minutes: '会议研究了区住建局原局长涉嫌受贿案的移送事宜，形成协调意见。',
          resolutions: [
            {
              title: '区住建局配合调取工程项目审批档案',
              leadUnitId: 'dept-housing',
              coUnitIds: [],
              leaderId: 'p-wang-hongmei',
              requirements: '按协调意见调取并移交相关档案',
              standard: '档案移交清单经组织协调室确认',
              limit: { kind: 'WORKING_DAYS', days: 5 },
              policy: h.policies.get('MEETING_RESOLUTION')!,
            },
          ],
        },
      ],
    });
    expect(minuted.resolutions).toEqual([
      { seq: 1, title: '区住建局配合调取工程项目审批档案', taskId: `${meetingId}-1` },
    ]);
    const task = await eventually(async () => {
      const found = await h.db.pool.query(`SELECT id, type, lead_unit_id, state FROM tasks WHERE id = $1`, [
        `${meetingId}-1`,
      ]);
      return found.rows[0];
    });
    expect(task).toEqual({
      id: `${meetingId}-1`,
      type: 'MEETING_RESOLUTION',
      lead_unit_id: 'dept-housing',
      state: 'ASSIGNED',
    });
    expect(await peopleOf('MEETING_DISTRIBUTED', meetingId)).toEqual([...OFFICE, 'p-qin-hao'].sort());
    expect(await h.audit('meeting', meetingId)).toEqual([
      { action: 'meeting.call', request_id: 'req-office' },
      { action: 'majorCaseMeeting.confirm', request_id: 'req-p-qin-hao' },
      { action: 'majorCaseMeeting.confirm', request_id: 'req-p-zheng-yu' },
      { action: 'meeting.minutes', request_id: 'req-office' },
    ]);
    await handle.terminate('done');
  });

  it('is called off with each member told in person; a joint meeting takes no member’s answer', async () => {
    const { handle, meetingId } = await convene();
    await handle.executeUpdate(mm.cancelMeeting, { args: [{ actor: actor('office'), reason: '案件已另行协调' }] });
    await handle.result();
    expect(await peopleOf('MEETING_CANCELLED', meetingId)).toEqual(MEMBERS);

    const plan = await schedule();
    const joint = await h.start({ cycleId: await h.newCycle(), ...plan });
    await expect(
      joint.handle.executeUpdate(mm.confirmMemberAttendance, { args: [{ actor: qinHao, attending: true }] }),
    ).rejects.toEqual(rejected(/不是大要案协调小组会议/));
    await joint.handle.terminate('done');
  });
});
