import { ApplicationFailure } from '@temporalio/activity';
import type { Pool } from 'pg';
import { readWorkingCalendar } from '../db/queries/calendar';
import { findCaseUnit, findPeopleNames, writeCaseEvent, type CaseEvent } from '../db/queries/cases';
import type { CaseNotice, CasePolicy } from '../procedures/case/messages';
import { recordStep } from './notifications';
import { addWorkingDays, localDate, localInstant } from '../procedures/time/working-days';

/** The accountability case's activities: its deadlines on the working-day calendar, its read model and notices. */
export function createCaseActivities(db: Pool) {
  return {
    /**
     * The unit's name and the case's two deadlines: the statement is due at 24:00 of the policy's N-th working day
     * after the opening day; a statement still missing at 24:00 of the M-th working day after that goes to the group.
     */
    async prepareCase(p: {
      unitId: string;
      openedAt: string;
      policy: Pick<CasePolicy, 'statementWorkingDays' | 'escalateAfterWorkingDays'>;
    }): Promise<{ unitName: string; officeName?: string; statementDueAt: string; escalateAt: string }> {
      const unit = await findCaseUnit(db, p.unitId);
      if (!unit) {
        throw ApplicationFailure.create({ type: 'UnknownUnit', nonRetryable: true, message: `no unit ${p.unitId}` });
      }
      const opened = localDate(new Date(p.openedAt));
      const year = Number(opened.slice(0, 4));
      const cal = await readWorkingCalendar(db, unit.orgId, year - 1, year + 1);
      const due = addWorkingDays(cal, opened, p.policy.statementWorkingDays);
      const escalate = addWorkingDays(cal, due, p.policy.escalateAfterWorkingDays);
      return {
        unitName: unit.name,
        ...(unit.officeName ? { officeName: unit.officeName } : {}),
        statementDueAt: localInstant(due, 24).toISOString(),
        escalateAt: localInstant(escalate, 24).toISOString(),
      };
    },

    /** People's names for the decision's notice. */
    namesOfPeople: ({ personIds }: { personIds: string[] }) => findPeopleNames(db, personIds),

    /** Records one step and its notices (each its own notification step: `<step>`, `<step>.2`, …) at once. */
    recordCaseEvent: ({ notices, ...e }: CaseEvent & { notices: CaseNotice[] }) =>
      recordStep(db, e, writeCaseEvent, { orgId: e.input.orgId, notices }),
  };
}
