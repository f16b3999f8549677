import type { Pool } from 'pg';
import { readWorkingCalendar } from '../db/queries/calendar';
import { listAppraisalUnits, writeAppraisalEvent, type AppraisalEvent } from '../db/queries/appraisals';
import type { AppraisalNotice } from '../procedures/appraisal/messages';
import { addWorkingDays, localDate, localInstant } from '../procedures/time/working-days';
import { recordStep } from './notifications';

const REMINDER_HOUR = 9;

/** The conduct appraisal's activities: its period on the working-day calendar, its units, read model and notices. */
export function createAppraisalActivities(db: Pool) {
  return {
    listAppraisalUnits: ({ orgId, unitIds }: { orgId: string; unitIds: string[] }) =>
      listAppraisalUnits(db, orgId, unitIds),

    /**
     * The period's end, 24:00 of the N-th working day after the day of `from`, and the reminder, 09:00 of the working
     * day before it, on the organisation's calendar.
     */
    async planAppraisalPeriod(p: {
      orgId: string;
      from: string;
      workingDays: number;
    }): Promise<{ dueAt: string; remindAt: string }> {
      const day = localDate(new Date(p.from));
      const year = Number(day.slice(0, 4));
      const cal = await readWorkingCalendar(db, p.orgId, year - 1, year + 1);
      const due = addWorkingDays(cal, day, p.workingDays);
      return {
        dueAt: localInstant(due, 24).toISOString(),
        remindAt: localInstant(addWorkingDays(cal, due, -1), REMINDER_HOUR).toISOString(),
      };
    },

    /** Records one step and its notices (each its own notification step) at once. */
    recordAppraisalEvent: ({ notices, ...e }: AppraisalEvent & { notices: AppraisalNotice[] }) =>
      recordStep(db, e, writeAppraisalEvent, { orgId: e.input.orgId, notices }),
  };
}
