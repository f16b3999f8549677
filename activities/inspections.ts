import type { Pool } from 'pg';
import { NATIONAL, readWorkingCalendar } from '../db/queries/calendar';
import { computeInspectionReport, readRectifications } from '../db/queries/inspection-report';
import { listInspectionUnits, writeInspectionEvent, type InspectionEvent } from '../db/queries/inspections';
import type { InspectionReport, RectificationCheck } from '../procedures/inspection/messages';
import { recordStep, type Recipient } from './notifications';
import { addWorkingDays, localDate, localInstant } from '../procedures/time/working-days';

export interface InspectionNotice {
  kind: string;
  title: string;
  body: string;
  recipients: Recipient[];
}

/** The instants of a round's self-check and findings stages, on the working-day calendar. */
export interface InspectionTimers {
  /** 09:00 of the working day before the self-check deadline: the reminder. */
  remindAt: string;
  /** 24:00 of the self-check due date: missing units are urged (催办). */
  selfCheckDueAt: string;
  /** 24:00 of the n-th working day after it: still missing, the unit's responsible leader is told. */
  escalateAt: string;
  /** 24:00 of the findings due date: findings close if the office has not closed them. */
  findingsDueAt: string;
}

const REMINDER_HOUR = 9;
const DAY_MS = 86_400_000;
/** An open task's L3 timer fires at its instant; its step reaches the read model just after. */
const SETTLE_MARGIN_MS = 60_000;

async function calendarAround(db: Pool, orgId: string | undefined, date: string) {
  const year = Number(date.slice(0, 4));
  return readWorkingCalendar(db, orgId ?? NATIONAL, year - 1, year + 1);
}

/** The inspection round's activities: its units, timers, read model and notices, rectification checks and report. */
export function createInspectionActivities(db: Pool) {
  return {
    listInspectionUnits: ({ orgId, unitIds }: { orgId: string; unitIds: string[] }) =>
      listInspectionUnits(db, orgId, unitIds),

    async planInspectionTimers(p: {
      /** Whose calendar; absent when scheduled before organisations had calendars of their own: the national one. */
      orgId?: string;
      selfCheckDueDate: string;
      findingsDueDate: string;
      escalateAfterWorkingDays: number;
    }): Promise<InspectionTimers> {
      const cal = await calendarAround(db, p.orgId, p.selfCheckDueDate);
      const end = (date: string) => localInstant(date, 24).toISOString();
      return {
        remindAt: localInstant(addWorkingDays(cal, p.selfCheckDueDate, -1), REMINDER_HOUR).toISOString(),
        selfCheckDueAt: end(p.selfCheckDueDate),
        escalateAt: end(addWorkingDays(cal, p.selfCheckDueDate, p.escalateAfterWorkingDays)),
        findingsDueAt: end(p.findingsDueDate),
      };
    },

    recordInspectionEvent: (e: InspectionEvent & { notice?: InspectionNotice }) =>
      recordStep(db, e, writeInspectionEvent, { orgId: e.round.orgId, notices: e.notice }),

    /**
     * Whether every rectification is settled in the read model: accepted, cancelled or escalated to L3. When one is
     * not, the next look is just after the earliest L3 instant still ahead (its deadline moves with extensions, so
     * it is recomputed each time), and never more than a day away.
     */
    async checkRectifications(p: {
      /** As in planInspectionTimers. */
      orgId?: string;
      tasks: { taskId: string; l3AfterWorkingDays: number }[];
      now: string;
    }): Promise<RectificationCheck> {
      const rows = await readRectifications(
        db,
        p.tasks.map((t) => t.taskId),
      );
      const nowMs = Date.parse(p.now);
      const settled = rows.length === p.tasks.length && rows.every((r) => r.settledAt !== null);
      if (settled) {
        const last = Math.max(...rows.map((r) => r.settledAt!.getTime()), 0);
        return { settled, settledAt: new Date(last).toISOString(), nextCheckAt: p.now };
      }
      let next = nowMs + DAY_MS;
      const cal = await calendarAround(db, p.orgId, localDate(new Date(nowMs)));
      for (const r of rows) {
        if (r.settledAt || !r.dueDate) continue;
        const l3 = p.tasks.find((t) => t.taskId === r.taskId)?.l3AfterWorkingDays ?? 0;
        const at = localInstant(addWorkingDays(cal, r.dueDate, l3), 24).getTime() + SETTLE_MARGIN_MS;
        // Past its L3 instant and still not settled: submitted (the ladder stopped), so its acceptance wakes the round.
        if (at > nowMs) next = Math.min(next, at);
      }
      if (rows.length < p.tasks.length) next = Math.min(next, nowMs + SETTLE_MARGIN_MS);
      return { settled, settledAt: null, nextCheckAt: new Date(next).toISOString() };
    },

    buildInspectionReport: ({ roundId, asOf }: { roundId: string; asOf: string }): Promise<InspectionReport> =>
      computeInspectionReport(db, roundId, asOf),
  };
}
