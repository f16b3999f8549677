import * as wd from '../../procedures/time/working-days';
import { NATIONAL, readWorkingCalendar } from '../../db/queries/calendar';
import * as mm from '../../procedures/meeting/messages';
import type { Actor } from '../../procedures/task/messages';
import { eventually } from '../support/http';
import { createMeetingHarness } from '../support/meeting-harness';
import { actor } from '../support/task-harness';
import { useHarness } from '../support/use-harness';
import { rejected } from '../support/actors';

/** A member unit's person, as the API would send them. */
const unitPerson = (personId: string, unitId: string): Actor => ({
  personId,
  unitId,
  roles: ['UNIT'],
  credentialId: `tok_${personId}`,
  requestId: `req-${personId}`,
});

describe('the joint meeting workflow', () => {
  const h = useHarness(createMeetingHarness);

  /** The meeting six working days from now at 09:30, answers due by the end of the second working day before it. */
  async function schedule() {
    const nowMs = await h.now();
    const today = wd.localDate(new Date(nowMs));
    const year = Number(today.slice(0, 4));
    const cal = await readWorkingCalendar(h.db.pool, NATIONAL, year - 1, year + 1);
    const day = wd.addWorkingDays(cal, today, 6);
    return {
      cal,
      since: new Date(nowMs).toISOString(),
      at: wd.localInstant(day, 9, 30).toISOString(),
      confirmBy: wd.localInstant(wd.addWorkingDays(cal, day, -2), 24).toISOString(),
      minutesDueAt: wd.localInstant(wd.addWorkingDays(cal, day, mm.MINUTES_WORKING_DAYS), 24).toISOString(),
      day,
    };
  }

  const peopleOf = async (kind: string, meetingId: string) => {
    const { rows } = await h.db.pool.query<{ person_id: string }>(
      `SELECT person_id FROM notifications WHERE workflow_id = $1 AND kind = $2 ORDER BY person_id`,
      [`meeting:${meetingId}`, kind],
    );
    return rows.map((r) => r.person_id);
  };

  it('notices the members, urges the silent ones, puts the status report on the agenda and turns resolutions into tasks', async () => {
    const cycleId = await h.newCycle();
    const lateTask = await h.startTask(cycleId, { limit: { kind: 'WORKING_DAYS', days: 1 } });
    await h.startTask(cycleId, { limit: { kind: 'WORKING_DAYS', days: 20 } });
    const plan = await schedule();
    const { handle, meetingId } = await h.start({ cycleId, ...plan });

    // The notice: every person of every member unit (active group members, the office aside).
    const members = await h.db.pool.query<{ id: string }>(
      `SELECT id FROM people WHERE active AND unit_id IN
         (SELECT id FROM units WHERE group_member AND active AND kind NOT IN ('OFFICE', 'GROUP')) ORDER BY id`,
    );
    expect(await peopleOf('MEETING_NOTICED', meetingId)).toEqual(members.rows.map((r) => r.id));
    const invited = (await handle.query(mm.getMeetingStatus)).attendance.length;

    await handle.executeUpdate(mm.confirmAttendance, {
      args: [{ actor: unitPerson('p-xie-hua', 'town-dongguan'), attending: true, attendee: '谢华（党工委书记）' }],
    });
    await handle.executeUpdate(mm.confirmAttendance, {
      args: [{ actor: unitPerson('p-lin-feng', 'dept-finance'), attending: false, reason: '参加市财政局年度预算会议' }],
    });

    // At the confirmation deadline exactly, the units that have not answered are urged through their heads.
    const urged = await h.skipTo(plan.confirmBy, handle, (s) => s.attendance.some((a) => a.urgedAt));
    expect(urged.attendance.filter((a) => a.urgedAt === plan.confirmBy)).toHaveLength(invited - 2);
    expect((await h.timeline(meetingId)).find((e) => e.kind === 'URGED')).toEqual(
      expect.objectContaining({
        at: plan.confirmBy,
        message: expect.stringContaining(`${invited - 2}个成员单位未答复`),
      }),
    );
    const urgedPeople = await peopleOf('MEETING_URGED', meetingId);
    expect(urgedPeople).toContain('p-han-bing'); // head of town-xicheng, which did not answer
    expect(urgedPeople).not.toContain('p-xie-hua');
    expect(urgedPeople).not.toContain('p-tian-xin'); // staff, not head, of a unit that did answer

    // At the meeting instant: the status report on the agenda, absences recorded.
    const held = await h.skipTo(plan.at, handle, (s) => s.state === 'HELD');
    expect((await h.timeline(meetingId)).find((e) => e.kind === 'HELD')?.at).toBe(plan.at);
    expect(held.heldAt).toBe(plan.at);
    expect(held.minutesDueAt).toBe(plan.minutesDueAt);
    const { rows: escalated } = await h.db.pool.query<{ kind: string; at: Date }>(
      `SELECT kind, at FROM task_timeline WHERE task_id = $1 AND kind LIKE 'ESCALATION_%' ORDER BY id`,
      [lateTask],
    );
    const { rows: due } = await h.db.pool.query<{ due: string }>(
      `SELECT to_char(due_date, 'YYYY-MM-DD') AS due FROM tasks WHERE id = $1`,
      [lateTask],
    );
    const report = held.agenda!.report!;
    expect(report).toMatchObject({
      asOf: plan.at,
      since: plan.since,
      total: 2,
      byLight: { RED: 1 },
      overdue: [
        expect.objectContaining({
          taskId: lateTask,
          unitId: 'town-dongguan',
          lateWorkingDays: wd.workingDaysBetween(plan.cal, due[0]!.due, plan.day),
        }),
      ],
      overdueUnits: [{ unitId: 'town-dongguan', unitName: expect.any(String), tasks: 1 }],
    });
    expect(escalated.map((e) => e.kind)).toEqual(['ESCALATION_L1', 'ESCALATION_L2']);
    expect(report.escalations.map((e) => [e.taskId, e.rung, e.at])).toEqual(
      escalated.map((e, i) => [lateTask, i + 1, e.at.toISOString()]),
    );
    const { rows: stored } = await h.db.pool.query(`SELECT state, agenda FROM meetings WHERE id = $1`, [meetingId]);
    expect(stored[0]).toEqual({ state: 'HELD', agenda: held.agenda });
    const { rows: attendance } = await h.db.pool.query<{ unit_id: string; status: string; reason: string | null }>(
      `SELECT unit_id, status, reason FROM meeting_attendance WHERE meeting_id = $1`,
      [meetingId],
    );
    const byUnit = new Map(attendance.map((a) => [a.unit_id, a]));
    expect(byUnit.get('town-dongguan')?.status).toBe('PRESENT');
    expect(byUnit.get('dept-finance')).toMatchObject({ status: 'ABSENT', reason: '参加市财政局年度预算会议' });
    expect(attendance.filter((a) => a.status === 'ABSENT')).toHaveLength(invited - 1);

    // Minutes with two resolutions: two supervised tasks of the cycle, minutes in the participants' inboxes.
    const resolution = {
      coUnitIds: [],
      leaderId: 'p-wang-hongmei',
      requirements: '对照清单逐项梳理，建立台账',
      standard: '台账经区纪委监委审核通过',
      policy: h.policies.get('MEETING_RESOLUTION')!,
    };
    const minuted = await handle.executeUpdate(mm.recordMinutes, {
      args: [
        {
          actor: actor('office'),
          minutes: '会议听取了督办工作情况通报，研究了村级小微权力清单落实工作。',
          resolutions: [
            {
              ...resolution,
              title: '东关街道完成小微权力清单梳理',
              leadUnitId: 'town-dongguan',
              limit: { kind: 'WORKING_DAYS', days: 10 },
            },
            {
              ...resolution,
              title: '财政局配合开展专项资金检查',
              leadUnitId: 'dept-finance',
              coUnitIds: ['town-xicheng'],
              limit: { kind: 'DATE', date: '2027-03-31' },
            },
          ],
        },
      ],
    });
    expect(minuted.resolutions.map((r) => r.taskId)).toEqual([`${meetingId}-1`, `${meetingId}-2`]);
    // The meeting follows its resolutions' tasks: still open while they are.
    expect(await handle.query(mm.getMeetingStatus)).toMatchObject({ state: 'MINUTED' });
    expect((await handle.describe()).status.name).toBe('RUNNING');

    // Each task writes its own row when it starts, a moment after the minutes' update has returned.
    const tasks = await eventually(async () => {
      const found = await h.db.pool.query(
        `SELECT id, cycle_id, type, lead_unit_id FROM tasks WHERE id = ANY ($1) ORDER BY id`,
        [[`${meetingId}-1`, `${meetingId}-2`]],
      );
      return found.rows.length === 2 ? found : undefined;
    });
    expect(tasks.rows).toEqual([
      { id: `${meetingId}-1`, cycle_id: cycleId, type: 'MEETING_RESOLUTION', lead_unit_id: 'town-dongguan' },
      { id: `${meetingId}-2`, cycle_id: cycleId, type: 'MEETING_RESOLUTION', lead_unit_id: 'dept-finance' },
    ]);
    const readers = await peopleOf('MEETING_DISTRIBUTED', meetingId);
    expect(readers).toEqual(expect.arrayContaining(['p-xie-hua', 'p-yu-hong', 'p-huang-min', 'p-li-jianguo']));
    expect(readers).not.toContain('p-lin-feng'); // absent
    expect(await h.audit('meeting', meetingId)).toEqual([
      { action: 'meeting.confirm', request_id: 'req-p-xie-hua' },
      { action: 'meeting.confirm', request_id: 'req-p-lin-feng' },
      { action: 'meeting.minutes', request_id: 'req-office' },
    ]);
  });

  it('refuses minutes before the meeting, a second answer, and an answer from a unit not invited', async () => {
    const plan = await schedule();
    const { handle } = await h.start({ cycleId: await h.newCycle(), ...plan });
    await handle.executeUpdate(mm.confirmAttendance, {
      args: [{ actor: unitPerson('p-xie-hua', 'town-dongguan'), attending: true }],
    });

    await expect(
      handle.executeUpdate(mm.recordMinutes, { args: [{ actor: actor('office'), minutes: '纪要', resolutions: [] }] }),
    ).rejects.toEqual(rejected(/会议尚未召开/));
    await expect(
      handle.executeUpdate(mm.confirmAttendance, {
        args: [{ actor: unitPerson('p-yu-hong', 'town-dongguan'), attending: false, reason: '另有公务' }],
      }),
    ).rejects.toEqual(rejected(/本单位已答复（确认参会），不能重复确认/));
    await expect(
      handle.executeUpdate(mm.confirmAttendance, {
        args: [{ actor: unitPerson('p-lu-shuigen', 'village-hekou'), attending: true }],
      }),
    ).rejects.toEqual(rejected(/不是本次联席会议的成员单位/));
    const status = await handle.query(mm.getMeetingStatus);
    expect(status.attendance.filter((a) => a.answer !== null)).toHaveLength(1);
    await handle.terminate('done');
  });

  it('reminds the office once when the minutes are still missing five working days after the meeting', async () => {
    const plan = await schedule();
    const { handle, meetingId } = await h.start({ cycleId: await h.newCycle(), ...plan });

    await h.skipTo(plan.minutesDueAt, handle, (s) => s.minutesReminded);
    await h.env.sleep(30 * 86_400_000);
    await handle.executeUpdate(mm.recordMinutes, {
      args: [{ actor: actor('office'), minutes: '会议通报了督办工作情况，无议定事项。', resolutions: [] }],
    });
    await handle.result();

    const reminders = (await h.timeline(meetingId)).filter((e) => e.kind === 'MINUTES_OVERDUE');
    expect(reminders.map((e) => e.at)).toEqual([plan.minutesDueAt]);
    expect(await peopleOf('MEETING_MINUTES_OVERDUE', meetingId)).toEqual(['p-huang-min', 'p-yang-fan', 'p-zhang-wei']);
  });

  it('ends when the office calls an ad-hoc meeting off: every member unit told the reason, nothing more offered', async () => {
    const plan = await schedule();
    const { handle, meetingId } = await h.start({
      cycleId: await h.newCycle(),
      ...plan,
      warnings: ['会议时间不在工作时间（8:00—18:00）内'],
    });
    expect((await h.timeline(meetingId))[0]?.message).toContain('（召集时提示：会议时间不在工作时间（8:00—18:00）内）');

    await expect(
      handle.executeUpdate(mm.cancelMeeting, {
        args: [{ actor: unitPerson('p-xie-hua', 'town-dongguan'), reason: '无' }],
      }),
    ).rejects.toEqual(rejected(/由组织协调室取消/));
    const cancelled = await handle.executeUpdate(mm.cancelMeeting, {
      args: [{ actor: actor('office'), reason: '主要议题已在区委常委会研究' }],
    });
    expect(cancelled).toMatchObject({ state: 'CANCELLED', cancelled: { reason: '主要议题已在区委常委会研究' } });
    // The workflow ends at once, before the confirmation deadline: no urging, no meeting held.
    await handle.result();
    const timeline = await h.timeline(meetingId);
    expect(timeline.map((e) => e.kind)).toEqual(['NOTICED', 'CANCELLED']);
    expect(timeline[1]?.message).toBe('组织协调室取消会议，取消理由：主要议题已在区委常委会研究');
    expect(await peopleOf('MEETING_CANCELLED', meetingId)).toEqual(await peopleOf('MEETING_NOTICED', meetingId));
    const { rows } = await h.db.pool.query<{ body: string }>(
      `SELECT DISTINCT body FROM notifications WHERE workflow_id = $1 AND kind = 'MEETING_CANCELLED'`,
      [`meeting:${meetingId}`],
    );
    expect(rows).toEqual([{ body: expect.stringContaining('取消理由：主要议题已在区委常委会研究。') }]);
    expect(await h.audit('meeting', meetingId)).toEqual([{ action: 'meeting.cancel', request_id: 'req-office' }]);
  });

  it('holds a regular meeting as the cycle schedules it: the office cannot call it off', async () => {
    const plan = await schedule();
    const { handle } = await h.start({ cycleId: await h.newCycle(), ...plan, kind: 'REGULAR', calledBy: null });

    await expect(
      handle.executeUpdate(mm.cancelMeeting, { args: [{ actor: actor('office'), reason: '与其他会议冲突' }] }),
    ).rejects.toEqual(rejected(/定期联席会议按年度安排召开，不能取消/));
    expect(await handle.query(mm.getMeetingStatus)).toMatchObject({ state: 'NOTICED', cancelled: null });
    await handle.terminate('done');
  });
});
