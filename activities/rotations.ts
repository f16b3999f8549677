import type { Pool } from 'pg';
import { readWorkingCalendar } from '../db/queries/calendar';
import { writeRotationEvent, type RotationEvent } from '../db/queries/rotations';
import type { RotationInput, RotationNotice } from '../procedures/rotation/messages';
import { addWorkingDays, localDate, localInstant } from '../procedures/time/working-days';
import { recordStep } from './notifications';

/** The rotation plan's activities: its deadlines on the working-day calendar, its read model and notices. */
export function createRotationActivities(db: Pool) {
  return {
    /**
     * The confirmation's deadline (24:00 of the office's date, or of the N-th working day after the plan is made)
     * and the instant a still missing one goes to the unit's responsible leader (M working days after it).
     */
    async prepareRotation(p: {
      orgId: string;
      createdAt: string;
      confirmBy: RotationInput['confirmBy'];
      policy: RotationInput['policy'];
    }): Promise<{ dueAt: string; escalateAt: string }> {
      const created = localDate(new Date(p.createdAt));
      const year = Number(created.slice(0, 4));
      const cal = await readWorkingCalendar(db, p.orgId, year - 1, year + 2);
      const due = 'date' in p.confirmBy ? p.confirmBy.date : addWorkingDays(cal, created, p.confirmBy.workingDays);
      const escalate = addWorkingDays(cal, due, p.policy.escalateAfterWorkingDays);
      return { dueAt: localInstant(due, 24).toISOString(), escalateAt: localInstant(escalate, 24).toISOString() };
    },

    /** Records one step and its notices (each its own notification step: `<step>`, `<step>.2`, …) at once. */
    recordRotationEvent: ({ notices, ...e }: RotationEvent & { notices: RotationNotice[] }) =>
      recordStep(db, e, writeRotationEvent, { orgId: e.input.orgId, notices }),
  };
}
