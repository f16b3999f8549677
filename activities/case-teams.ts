import type { Pool } from 'pg';
import { calendarAround, writeCaseTeamEvent, type CaseTeamEvent } from '../db/queries/case-teams';
import type { CaseTeamNotice, CaseTeamPolicy } from '../procedures/case-team/messages';
import { addWorkingDays, localDate, localInstant } from '../procedures/time/working-days';
import { recordStep } from './notifications';

/** The case team's activities: the sign-for limits on the working-day calendar, its read model and notices. */
export function createCaseTeamActivities(db: Pool) {
  return {
    /**
     * A secondment round's limits: the unit names its person by 24:00 of the policy's N-th working day after the
     * request; nobody named by 24:00 of the M-th working day after that goes to the unit's responsible leader.
     */
    async caseTeamDeadlines(p: {
      orgId: string;
      from: string;
      policy: CaseTeamPolicy;
    }): Promise<{ dueAt: string; escalateAt: string }> {
      const day = localDate(new Date(p.from));
      const cal = await calendarAround(db, p.orgId, Number(day.slice(0, 4)));
      const due = addWorkingDays(cal, day, p.policy.signForWorkingDays);
      const escalate = addWorkingDays(cal, due, p.policy.escalateAfterWorkingDays);
      return { dueAt: localInstant(due, 24).toISOString(), escalateAt: localInstant(escalate, 24).toISOString() };
    },

    /** Records one step and its notices (each its own notification step) in one transaction. */
    recordCaseTeamEvent: ({ notices, ...e }: CaseTeamEvent & { notices: CaseTeamNotice[] }) =>
      recordStep(db, e, writeCaseTeamEvent, { orgId: e.input.orgId, notices }),
  };
}
