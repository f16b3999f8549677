import type { Pool } from 'pg';
import { readWorkingCalendar } from '../db/queries/calendar';
import { findReferralParties, writeReferralEvent, type ReferralEvent } from '../db/queries/referrals';
import type { ReferralNotice } from '../procedures/referral/messages';
import { addWorkingDays, localDate, localInstant } from '../procedures/time/working-days';
import { recordStep } from './notifications';

/** The referral's activities: its deadlines on the working-day calendar, its parties, its read model and notices. */
export function createReferralActivities(db: Pool) {
  return {
    /** The units' names and the major-case coordination group's members. */
    prepareReferral: (p: { orgId: string; senderUnitId: string; receiverUnitId: string }) => findReferralParties(db, p),

    /**
     * A feedback's deadline, 24:00 of the N-th working day after the day of `from`, and its second rung, 24:00 of the
     * K-th working day after that, on the organisation's calendar.
     */
    async referralDeadlines(p: {
      orgId: string;
      from: string;
      workingDays: number;
      escalateAfterWorkingDays: number;
    }): Promise<{ dueAt: string; escalateAt: string }> {
      const day = localDate(new Date(p.from));
      const year = Number(day.slice(0, 4));
      const cal = await readWorkingCalendar(db, p.orgId, year - 1, year + 1);
      const due = addWorkingDays(cal, day, p.workingDays);
      const escalate = addWorkingDays(cal, due, p.escalateAfterWorkingDays);
      return { dueAt: localInstant(due, 24).toISOString(), escalateAt: localInstant(escalate, 24).toISOString() };
    },

    /** Records one step and its notices (each its own notification step: `<step>`, `<step>.2`, …) at once. */
    recordReferralEvent: ({ notices, ...e }: ReferralEvent & { notices: ReferralNotice[] }) =>
      recordStep(db, e, writeReferralEvent, { orgId: e.input.orgId, notices }),
  };
}
