import type { Pool } from 'pg';
import { readWorkingCalendar } from '../db/queries/calendar';
import { officeUnitOf, writeSubmissionEvent, type SubmissionEvent } from '../db/queries/submissions';
import type { SubmissionNotice } from '../procedures/submission/messages';
import { addWorkingDays, localDate, localInstant } from '../procedures/time/working-days';
import { recordStep } from './notifications';

/** The submission's activities: its deadlines on the working-day calendar, the office unit, its read model and notices. */
export function createSubmissionActivities(db: Pool) {
  return {
    /** The office unit of the organisation, whose head (主要负责人) hears of a late triage or answer. */
    prepareSubmission: async (p: { orgId: string }) => ({ officeUnitId: (await officeUnitOf(db, p.orgId)) ?? null }),

    /**
     * A deadline, 24:00 of the N-th working day after the day of `from`; its reminder, 24:00 of the (N − R)-th; and the
     * office head's rung, 24:00 of the K-th working day after the deadline, on the organisation's calendar.
     */
    async submissionDeadlines(p: {
      orgId: string;
      from: string;
      workingDays: number;
      remindBeforeWorkingDays: number;
      headAfterWorkingDays: number;
    }): Promise<{ remindAt: string; dueAt: string; headAt: string }> {
      const day = localDate(new Date(p.from));
      const year = Number(day.slice(0, 4));
      const cal = await readWorkingCalendar(db, p.orgId, year - 1, year + 1);
      const due = addWorkingDays(cal, day, p.workingDays);
      const before = Math.max(0, p.workingDays - p.remindBeforeWorkingDays);
      const remind = before > 0 ? addWorkingDays(cal, day, before) : day;
      const head = addWorkingDays(cal, due, p.headAfterWorkingDays);
      return {
        remindAt: localInstant(remind, 24).toISOString(),
        dueAt: localInstant(due, 24).toISOString(),
        headAt: localInstant(head, 24).toISOString(),
      };
    },

    /** Records one step and its notices (each its own notification step) at once. */
    recordSubmissionEvent: ({ notices, ...e }: SubmissionEvent & { notices: SubmissionNotice[] }) =>
      recordStep(db, e, writeSubmissionEvent, { orgId: e.input.orgId, notices }),
  };
}
