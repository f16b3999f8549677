import type { Pool } from 'pg';
import { NATIONAL, readWorkingCalendar } from '../db/queries/calendar';
import { readPlanTasks, writeCycleEvent, type CycleEvent } from '../db/queries/cycles';
import type { CycleAudience, CycleCalendar, CycleSettings } from '../procedures/cycle/messages';
import type { Actor, TaskInput } from '../procedures/task/messages';
import { loadAccountability } from '../config/accountability';
import { casePolicyOf } from '../config/accountability-rules';
import type { ProcedureDefaults } from '../config/procedure-defaults';
import { accountabilityInForce, cycleSettingsInForce, procedureDefaultsInForce } from '../db/queries/rules-in-force';
import type { CasePolicy } from '../procedures/case/messages';
import { shippedScoringModels } from './assessment';
import { scoringModelInForce } from '../db/queries/scoring-model-versions';
import { publishBulletin } from './bulletins';
import { createNotificationActivities, recordStep, type Recipient } from './notifications';
import { addCalendarDays, addWorkingDays, isWorkingDay, localInstant } from '../procedures/time/working-days';
import { calendarAround, scheduleOn } from './task-schedule';

const QUARTER = ['一', '二', '三', '四'];
const NOTICE_HOUR = 9;

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export interface CycleCalendarInput {
  /** Whose calendar; absent when scheduled before organisations had calendars of their own: the national table. */
  orgId?: string;
  year: number;
  settings: CycleSettings;
}

/**
 * The year's fixed dates on the working-day calendar: when the plan is due, the regular joint meetings (the
 * configured day, moved to the next working day, with their notice and confirmation deadlines) and when each
 * periodic bulletin is published (09:00 on the first working day after its period).
 */
export async function planCycleCalendar(db: Pool, p: CycleCalendarInput): Promise<CycleCalendar> {
  const { year, settings: s } = p;
  const cal = await readWorkingCalendar(db, p.orgId ?? NATIONAL, year - 1, year + 1);
  const quarterly = s.meetingMonths.join() === '3,6,9,12';
  const [hour, minute] = s.meetingTime.split(':').map(Number) as [number, number];
  const meetings = s.meetingMonths.map((month, i) => {
    let date = `${year}-${pad(month)}-${pad(Math.min(s.meetingDay, lastDayOf(year, month)))}`;
    while (!isWorkingDay(cal, date)) date = addCalendarDays(date, 1);
    return {
      key: `r${i + 1}`,
      title: quarterly ? `${year}年第${QUARTER[i]}季度联席会议` : `${year}年${month}月联席会议`,
      at: localInstant(date, hour, minute).toISOString(),
      noticeAt: localInstant(addWorkingDays(cal, date, -s.noticeWorkingDays), NOTICE_HOUR).toISOString(),
      confirmBy: localInstant(addWorkingDays(cal, date, -s.confirmWorkingDays), 24).toISOString(),
    };
  });
  const months = s.bulletinCadence === 'MONTHLY' ? 1 : s.bulletinCadence === 'QUARTERLY' ? 3 : 0;
  const bulletins = [];
  for (let first = 1; months > 0 && first <= 12; first += months) {
    const last = first + months - 1;
    const to = `${year}-${pad(last)}-${pad(lastDayOf(year, last))}`;
    bulletins.push({
      key: months === 1 ? `${year}-${pad(first)}` : `${year}-q${(last / 3) | 0}`,
      title: months === 1 ? `${year}年${first}月` : `${year}年第${QUARTER[last / 3 - 1]}季度`,
      from: `${year}-${pad(first)}-01`,
      to,
      at: localInstant(addWorkingDays(cal, to, 1), NOTICE_HOUR).toISOString(),
    });
  }
  const inspections = (s.inspectionMonths ?? []).map((month, i) => {
    let date = `${year}-${pad(month)}-01`;
    while (!isWorkingDay(cal, date)) date = addCalendarDays(date, 1);
    return {
      key: `i${i + 1}`,
      title:
        s.inspectionMonths.length === 2
          ? `${year}年${i === 0 ? '上' : '下'}半年检查督办`
          : `${year}年${month}月检查督办`,
      at: localInstant(date, NOTICE_HOUR).toISOString(),
      selfCheckDueDate: addWorkingDays(cal, date, s.selfCheckWorkingDays),
      findingsDueDate: addWorkingDays(cal, date, s.findingsWorkingDays),
    };
  });
  return {
    planDueAt: localInstant(s.planDueDate, 24).toISOString(),
    meetings,
    bulletins,
    inspections,
    ...(s.cutOffDate ? { cutOffAt: localInstant(s.cutOffDate, 24).toISOString() } : {}),
  };
}

/** Who a cycle step tells: roles of the organisation, or the head of its office (组织协调室主任). */

export interface CycleNotice {
  kind: string;
  title: string;
  body: string;
  audience: CycleAudience[];
}

async function recipientsOf(db: Pool, orgId: string, audience: CycleAudience[]): Promise<Recipient[]> {
  const recipients: Recipient[] = [];
  for (const a of audience) {
    if (a === 'OFFICE') recipients.push({ kind: 'OFFICE', orgId });
    else if (a === 'GROUP') recipients.push({ kind: 'GROUP', orgId });
    else {
      const { rows } = await db.query<{ id: string }>({
        text: `SELECT id FROM units WHERE org_id = $1 AND kind = 'OFFICE' AND active ORDER BY id`,
        values: [orgId],
      });
      for (const { id } of rows) recipients.push({ kind: 'UNIT_HEAD', unitId: id });
    }
  }
  return recipients;
}

/** The cycle's activities: its calendar, its read model and notices, the plan's tasks, periodic bulletins. */
export function createCycleActivities(db: Pool) {
  const notifications = createNotificationActivities({ db });
  return {
    planCycleCalendar: (p: CycleCalendarInput) => planCycleCalendar(db, p),

    /**
     * The scoring model a cycle opened now is assessed with: the organisation's version in force (issue 22), or the
     * default of config/scoring-models.yaml while it has none (or no organisation is named: runs started before).
     */
    async currentScoringModel(orgId?: string): Promise<CycleSettings['scoringModel']> {
      const models = shippedScoringModels();
      const { id, version } = orgId ? (await scoringModelInForce(db, orgId, models)).model : models.default;
      return { id, version };
    },

    async recordCycleEvent(e: CycleEvent & { notice?: CycleNotice }): Promise<void> {
      const { cycle, notice } = e;
      const notices = notice && {
        ...notice,
        recipients: await recipientsOf(db, cycle.orgId, notice.audience),
        webhookUnitIds: [],
      };
      await recordStep(db, e, writeCycleEvent, { orgId: cycle.orgId, notices });
    },

    /** The next batch of an approved plan's tasks, as the cycle starts them: assigned at approval, by the approver. */
    async loadPlanBatch(p: {
      cycleId: string;
      version: number;
      offset: number;
      limit: number;
      assignedAt: string;
      actor: Actor;
    }): Promise<TaskInput[]> {
      const rows = await readPlanTasks(db, p);
      if (rows.length === 0) return [];
      // A plan is one organisation's: its calendar, read once for the whole batch.
      const cal = await calendarAround(db, rows[0]!.input.orgId, p.assignedAt);
      return rows.map((r) => ({
        ...r.input,
        assignedAt: p.assignedAt,
        createdBy: p.actor.personId,
        actor: p.actor,
        // Each task's first timers, worked out here on one reading of the calendar for the whole batch.
        schedule: scheduleOn(cal, {
          orgId: r.input.orgId,
          limit: r.input.limit,
          assignedAt: p.assignedAt,
          dueDate: null,
          signAnchor: p.assignedAt,
          progressAnchor: null,
          policy: r.input.policy,
        }),
      }));
    },

    /**
     * The accountability policy a case is opened with: the organisation's version in force (issue 22), else
     * config/accountability.yaml (also when no organisation is named: the call of workflows started before).
     */
    async cycleCasePolicy(p?: { orgId?: string }): Promise<CasePolicy> {
      if (!p?.orgId) return loadAccountability().policy;
      return casePolicyOf(await accountabilityInForce(db, p.orgId, loadAccountability));
    },

    /** The organisation's defaults of meetings and inspection rounds in force, for one the cycle starts now. */
    procedureDefaultsInForce: ({ orgId }: { orgId: string }): Promise<ProcedureDefaults> =>
      procedureDefaultsInForce(db, orgId),

    /** What a cycle the schedule opens now takes from the organisation's rules in force (calendar, threshold). */
    cycleSettingsInForce: ({ orgId }: { orgId: string }): Promise<Partial<CycleSettings>> =>
      cycleSettingsInForce(db, orgId, loadAccountability),

    /** The units a regular inspection round covers: every active department and town. */
    async inspectionScope({ orgId }: { orgId: string }): Promise<{ unitIds: string[] }> {
      const { rows } = await db.query<{ id: string }>({
        text: `SELECT id FROM units WHERE org_id = $1 AND active AND kind IN ('DEPARTMENT', 'TOWN') ORDER BY level, id`,
        values: [orgId],
      });
      return { unitIds: rows.map((r) => r.id) };
    },

    /** The year end's limits on the working-day calendar: the office's review, then the wait for cases. */
    async yearEndDeadlines(p: {
      /** Absent when scheduled before organisations had calendars of their own: the national table then. */
      orgId?: string;
      from: string;
      reviewWorkingDays: number;
      caseWaitWorkingDays: number;
    }) {
      const year = Number(p.from.slice(0, 4));
      const cal = await readWorkingCalendar(db, p.orgId ?? NATIONAL, year, year + 1);
      const reviewBy = addWorkingDays(cal, p.from, p.reviewWorkingDays);
      const waitUntil = addWorkingDays(cal, reviewBy, p.caseWaitWorkingDays);
      return {
        reviewBy,
        reviewByAt: localInstant(reviewBy, 24).toISOString(),
        caseWaitUntilAt: localInstant(waitUntil, 24).toISOString(),
      };
    },

    /** Units whose published final score is below the threshold, lowest first. */
    async scoresBelow(p: { assessmentId: string; threshold: number }): Promise<{ unitId: string; score: number }[]> {
      const { rows } = await db.query<{ unitId: string; score: string }>({
        text: `SELECT unit_id AS "unitId", final_score AS score FROM assessment_scores
               WHERE assessment_id = $1 AND final_score < $2 ORDER BY final_score, unit_id`,
        values: [p.assessmentId, p.threshold],
      });
      return rows.map((r) => ({ unitId: r.unitId, score: Number(r.score) }));
    },

    /** The cycle's accountability cases not decided yet. */
    async openCycleCases({ cycleId }: { cycleId: string }): Promise<number> {
      const { rows } = await db.query<{ n: number }>({
        text: `SELECT count(*)::int AS n FROM accountability_cases WHERE cycle_id = $1 AND state NOT IN ('DECIDED', 'CLOSED')`,
        values: [cycleId],
      });
      return rows[0]?.n ?? 0;
    },

    /**
     * The annual report (年度通报): the year's bulletin over the whole cycle, published to every unit and the group,
     * with the assessment's ranking and the year's accountability cases named in its notice.
     */
    async publishAnnualReport(p: {
      workflowId: string;
      step: string;
      cycleId: string;
      orgId: string;
      year: number;
      asOf: string;
      assessmentId: string;
      openCases: number;
    }): Promise<{ bulletinId: string }> {
      const bulletin = await publishBulletin(db, {
        id: `b-${p.cycleId}-annual`,
        orgId: p.orgId,
        cycleId: p.cycleId,
        from: `${p.year}-01-01`,
        to: `${p.year}-12-31`,
        title: `${p.year}年度党风廉政建设责任落实情况年度通报`,
        asOf: new Date(p.asOf),
        generatedBy: null,
        annual: { year: p.year, assessmentId: p.assessmentId },
        audit: { orgId: p.orgId, actorId: 'system:cycle', workflowId: p.workflowId, step: p.step },
      });
      const ranking = await db.query<{ name: string; score: string; rank: number }>({
        text: `SELECT u.name, s.final_score AS score, s.rank FROM assessment_scores s JOIN units u ON u.id = s.unit_id
               WHERE s.assessment_id = $1 ORDER BY s.rank, u.id`,
        values: [p.assessmentId],
      });
      const cases = await db.query<{ decided: number; total: number }>({
        text: `SELECT count(*)::int AS total, (count(*) FILTER (WHERE state IN ('DECIDED', 'CLOSED')))::int AS decided
               FROM accountability_cases WHERE cycle_id = $1`,
        values: [p.cycleId],
      });
      const top = ranking.rows.slice(0, 3).map((r) => `${r.name}（${Number(r.score).toFixed(2)}分）`);
      const c = cases.rows[0] ?? { decided: 0, total: 0 };
      const t = bulletin.content.totals;
      await notifications.notify({
        workflowId: p.workflowId,
        step: `${p.step}:notice`,
        orgId: p.orgId,
        kind: 'ANNUAL_REPORT',
        title: `【年度通报】${bulletin.title}`,
        body:
          `${p.year}年度督办任务${t.led}项，办结${t.completed}项，全年发生三级督办${t.escalations.l3}项；` +
          `年度考核评价排名前列：${top.join('、') || '无'}；责任追究案件${c.total}件，已作出处理决定${c.decided}件` +
          `${p.openCases > 0 ? `，${p.openCases}件仍在办理` : ''}。详见通报（编号 ${bulletin.id}）。`,
        recipients: [
          { kind: 'GROUP', orgId: p.orgId },
          { kind: 'OFFICE', orgId: p.orgId },
          ...(
            await db.query<{ id: string }>({
              text: `SELECT id FROM units WHERE org_id = $1 AND active AND kind IN ('DEPARTMENT', 'TOWN', 'VILLAGE')`,
              values: [p.orgId],
            })
          ).rows.map((u): Recipient => ({ kind: 'UNIT', unitId: u.id })),
        ],
        webhookUnitIds: [],
      });
      return { bulletinId: bulletin.id };
    },

    /** A cadence bulletin of the cycle (`b-<cycle>-<period>`): published once, whatever retries happen. */
    async publishCycleBulletin(p: {
      workflowId: string;
      step: string;
      cycleId: string;
      orgId: string;
      key: string;
      from: string;
      to: string;
      asOf: string;
    }): Promise<{ bulletinId: string; openOverdue: number; namedAtL3: number }> {
      const bulletin = await publishBulletin(db, {
        id: `b-${p.cycleId}-${p.key}`,
        orgId: p.orgId,
        cycleId: p.cycleId,
        from: p.from,
        to: p.to,
        asOf: new Date(p.asOf),
        generatedBy: null,
        audit: { orgId: p.orgId, actorId: 'system:cycle', workflowId: p.workflowId, step: p.step },
      });
      return {
        bulletinId: bulletin.id,
        openOverdue: bulletin.content.totals.openOverdue,
        namedAtL3: bulletin.content.namedAtL3.length,
      };
    },
  };
}

export type CycleActivities = ReturnType<typeof createCycleActivities>;
