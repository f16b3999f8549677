import type { Pool } from 'pg';
import { NATIONAL, readWorkingCalendar } from '../db/queries/calendar';
import { computeMeetingReport } from '../db/queries/meeting-report';
import { listMajorCaseMembers } from '../db/queries/major-case-meetings';
import { listMeetingMembers, writeMeetingEvent, type MeetingEvent } from '../db/queries/meetings';
import type { StatusReport } from '../procedures/meeting/messages';
import { recordStep, type Recipient } from './notifications';
import { addWorkingDays, localDate, localInstant, workingDaysBetween } from '../procedures/time/working-days';

export interface MeetingNotice {
  kind: string;
  title: string;
  body: string;
  recipients: Recipient[];
}

/** The calendar years around an instant, as `orgId` follows them: the year before to the year after. */
async function calendarAround(db: Pool, orgId: string | undefined, instant: string) {
  const year = Number(localDate(new Date(instant)).slice(0, 4));
  return readWorkingCalendar(db, orgId ?? NATIONAL, year - 1, year + 1);
}

/** The joint meeting's activities: its members, its read model and notices, its status report and minutes deadline. */
export function createMeetingActivities(db: Pool) {
  return {
    /** The units a joint meeting invites (成员单位). */
    listMeetingMembers: ({ orgId }: { orgId: string }) => listMeetingMembers(db, orgId),

    /** The people a major-case group meeting invites (大要案协调小组成员: people.major_case_group). */
    listMajorCaseMembers: ({ orgId }: { orgId: string }) => listMajorCaseMembers(db, orgId),

    recordMeetingEvent: (e: MeetingEvent & { notice?: MeetingNotice }) =>
      recordStep(db, e, writeMeetingEvent, { orgId: e.meeting.orgId, notices: e.notice }),

    /** The status report on the agenda, each overdue task with the working days it is late. */
    async buildMeetingReport(p: {
      orgId: string;
      cycleId: string;
      since: string;
      asOf: string;
    }): Promise<StatusReport> {
      const raw = await computeMeetingReport(db, p);
      const cal = await calendarAround(db, p.orgId, p.asOf);
      const today = localDate(new Date(p.asOf));
      return {
        ...raw,
        overdue: raw.overdue.map((t) => ({
          ...t,
          lateWorkingDays: t.dueDate ? Math.max(0, workingDaysBetween(cal, t.dueDate, today)) : 0,
        })),
      };
    },

    /** The end (24:00) of the n-th working day after the meeting's day: when the minutes are due. */
    async meetingMinutesDueAt(p: {
      /** Whose calendar; absent when scheduled before organisations had calendars of their own: the national one. */
      orgId?: string;
      at: string;
      workingDays: number;
    }): Promise<string> {
      const cal = await calendarAround(db, p.orgId, p.at);
      return localInstant(addWorkingDays(cal, localDate(new Date(p.at)), p.workingDays), 24).toISOString();
    },
  };
}
