import { shippedProcedureDefaults } from '../../config/procedure-defaults';
import { procedureDefaultsRules } from '../../api/use-cases/procedure-defaults-rules';
import { NATIONAL, readWorkingCalendar } from '../../db/queries/calendar';
import * as c from '../../procedures/cycle/messages';
import * as mm from '../../procedures/meeting/messages';
import * as wd from '../../procedures/time/working-days';
import { actorAs, callerAs, CYCLE_PEOPLE, createCycleHarness } from '../support/cycle-harness';
import { eventually } from '../support/http';
import { useHarness } from '../support/use-harness';

/**
 * Issue 22, the procedures' defaults as a kind of the office's rules: a meeting started after a version is published
 * takes its minutes limit; one started before keeps the limit it started with (the code's five working days).
 */
describe('the office’s defaults of meetings, published with versions', () => {
  const h = useHarness(createCycleHarness);

  it('gives a meeting called after publishing three working days for its minutes, and one called before five', async () => {
    const nowMs = await h.now();
    const year = new Date(nowMs).getUTCFullYear();
    const handle = await h.open(year, { meetingMonths: [12], meetingDay: 28, inspectionMonths: [] });
    const cal = await readWorkingCalendar(h.db.pool, NATIONAL, year, year + 1);
    const day = wd.addWorkingDays(cal, wd.localDate(new Date(nowMs)), 6);
    const call = (title: string) =>
      handle.executeUpdate(c.callMeeting, {
        args: [
          {
            actor: actorAs(CYCLE_PEOPLE.office),
            title,
            at: wd.localInstant(day, 9, 30).toISOString(),
            confirmBy: wd.localInstant(wd.addWorkingDays(cal, day, -2), 24).toISOString(),
            place: '区纪委监委三楼会议室',
            topics: ['研究专项整治工作'],
          },
        ],
      });
    const before = await call('专项整治推进会（发布前召集）');

    const shipped = shippedProcedureDefaults();
    const published = await procedureDefaultsRules.publish(h.deps, callerAs(CYCLE_PEOPLE.office), {
      baseVersion: 0,
      reason: '会议纪要须在3个工作日内录入',
      content: { ...shipped, meeting: { ...shipped.meeting, minutesWorkingDays: 3 } },
    });
    const after = await call('专项整治推进会（发布后召集）');

    expect(published.version).toBe(1);
    const meeting = (id: string) => h.client.workflow.getHandle(c.meetingWorkflowId(id));
    await h.skipTo(wd.localInstant(day, 9, 30).toISOString());
    const held = (id: string) =>
      eventually(async () => {
        const s = await meeting(id).query(mm.getMeetingStatus);
        return s.state === 'HELD' ? s : undefined;
      });
    const [old, fresh] = [await held(before.meetingId), await held(after.meetingId)];
    expect(old.minutesDueAt).toBe(wd.localInstant(wd.addWorkingDays(cal, day, 5), 24).toISOString());
    expect(fresh.minutesDueAt).toBe(wd.localInstant(wd.addWorkingDays(cal, day, 3), 24).toISOString());
  });
});
