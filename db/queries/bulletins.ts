import type { Pool } from 'pg';
import type { BulletinTotals } from '../../procedures/cycle/views';
import { inTransaction } from '../transaction';
import { appendAudit, type AuditEntry } from './audit';
import { collaborationAnswers, type CollaborationAnswers } from './collaboration-answers';
import { countSubmissions, type SubmissionCounts } from './submission-read';
import { escalatedTasksByUnit } from './escalations';
import { organisationName } from './organisation-read';
import type { AnnualContent } from './annual-report';

/** Counts of one unit's tasks (or the organisation's) as a bulletin reports them. */
export interface BulletinStats extends BulletinTotals {
  extensionsApproved: number;
  extensionsDenied: number;
  /** Times results were returned for rework (退回). */
  returns: number;
}

export interface BulletinUnit extends BulletinStats {
  unitId: string;
  unitName: string;
  kind: string;
}

export interface BulletinTask {
  id: string;
  title: string;
  unitId: string;
  unitName: string;
  dueDate: string | null;
  rung: number;
}

/** What a bulletin says: a snapshot of the task read model, in the order it is published. */
export interface BulletinContent {
  orgId: string;
  orgName: string;
  cycleId: string | null;
  from: string;
  to: string;
  asOf: string;
  units: BulletinUnit[];
  totals: BulletinStats;
  overdue: BulletinTask[];
  /** Units with a task at L3 (点名通报), and those tasks. */
  namedAtL3: { unitId: string; unitName: string; tasks: BulletinTask[] }[];
  /**
   * Case collaboration (协同办案) by unit: referral feedbacks, secondment requests and rotation windows due in the period
   * and answered on time; counts only (issue 18: need to know). Absent from bulletins generated before it.
   */
  collaboration?: CollaborationAnswers[];
  /**
   * The supervision network's submissions (监督网络反映, issue 19) received in the period and where they stand: counts
   * only, never a member, a text or a unit. Absent from bulletins generated before it.
   */
  network?: SubmissionCounts;
  /**
   * Paused tasks (挂账/中止计时): every approved pause in force at some time in the period — how many tasks, the working
   * days of those that ended (those still in force are counted when they end), by category, and each pause with its
   * reason. Absent from bulletins generated before pauses existed.
   */
  paused?: BulletinPauses;
  /**
   * Milestones (序时进度) whose day ended in the period (by `asOf`), per lead unit: how many were met and how many
   * missed. Absent from bulletins generated before milestones existed.
   */
  milestones?: BulletinMilestones;
  /**
   * Refusals (退单) made in the period (by `asOf`), per unit that refused, with the office's ruling as it stood at
   * `asOf`: kept with the unit (INSIST), reassigned (REASSIGN) or awaiting the ruling. Absent from bulletins generated
   * before it.
   */
  refusals?: BulletinRefusals;
  /**
   * Urgings by hand (人工督促, `URGED`) sent in the period (by `asOf`), per lead unit of the task. The sign-for urgings
   * and the rungs are counted apart (`escalations`). Absent from bulletins generated before it.
   */
  urgings?: BulletinUrgings;
  /**
   * Whether the units read their notices (issue 23, "who ignores notices"): per responsible unit, the task notices its
   * people received in the period, how many were read by `asOf`, and how many lay unread more than a day. Counts only,
   * never a person. Absent from bulletins generated before it.
   */
  noticeReading?: BulletinNoticeReading;
  /** The annual report's own part (年度通报, db/queries/annual-report.ts); only on a cycle's annual report. */
  annual?: AnnualContent;
}

export interface BulletinNoticeReading {
  received: number;
  read: number;
  /** Unread at `asOf` and received more than 24 hours before it. */
  unreadOverADay: number;
  byUnit: { unitId: string; unitName: string; received: number; read: number; unreadOverADay: number }[];
}

export interface BulletinRefusalCounts {
  refused: number;
  insisted: number;
  reassigned: number;
  pending: number;
}

export interface BulletinRefusals extends BulletinRefusalCounts {
  byUnit: ({ unitId: string; unitName: string } & BulletinRefusalCounts)[];
}

export interface BulletinUrgings {
  urged: number;
  byUnit: { unitId: string; unitName: string; urged: number }[];
}

export interface BulletinMilestones {
  met: number;
  missed: number;
  byUnit: { unitId: string; unitName: string; met: number; missed: number }[];
}

export interface BulletinPause {
  taskId: string;
  title: string;
  unitId: string;
  unitName: string;
  category: string;
  reason: string;
  since: string;
  resumedAt: string | null;
  pausedWorkingDays: number | null;
}

export interface BulletinPauses {
  tasks: number;
  workingDays: number;
  byCategory: { category: string; pauses: number; workingDays: number }[];
  items: BulletinPause[];
}

export interface Bulletin {
  id: string;
  orgId: string;
  cycleId: string | null;
  title: string;
  periodFrom: string;
  periodTo: string;
  generatedAt: Date;
  generatedBy: string | null;
  content: BulletinContent;
}

export interface BulletinPeriod {
  orgId: string;
  cycleId?: string;
  /** YYYY-MM-DD, local dates of the organisation. */
  from: string;
  to: string;
  /** The moment "overdue" is judged at. */
  asOf: Date;
}

type Counts = Omit<BulletinStats, 'completionRate' | 'onTimeRate'>;

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function withRates(c: Counts): BulletinStats {
  return { ...c, completionRate: ratio(c.completed, c.led), onTimeRate: ratio(c.completedOnTime, c.completed) };
}

function addCounts(a: Counts, b: Counts): Counts {
  return {
    led: a.led + b.led,
    completed: a.completed + b.completed,
    completedOnTime: a.completedOnTime + b.completedOnTime,
    openOverdue: a.openOverdue + b.openOverdue,
    escalations: {
      l1: a.escalations.l1 + b.escalations.l1,
      l2: a.escalations.l2 + b.escalations.l2,
      l3: a.escalations.l3 + b.escalations.l3,
    },
    extensionsApproved: a.extensionsApproved + b.extensionsApproved,
    extensionsDenied: a.extensionsDenied + b.extensionsDenied,
    returns: a.returns + b.returns,
  };
}

const ZERO: Counts = {
  led: 0,
  completed: 0,
  completedOnTime: 0,
  openOverdue: 0,
  escalations: { l1: 0, l2: 0, l3: 0 },
  extensionsApproved: 0,
  extensionsDenied: 0,
  returns: 0,
};

/**
 * Tasks in scope: the organisation's (and the cycle's, when given), not cancelled, created on or before `to`
 * (24:00 in the organisation's time zone). $1 org, $2 cycle, $3 to.
 */
const SCOPE = `SELECT t.* FROM tasks t JOIN organisations o ON o.id = t.org_id
  WHERE t.org_id = $1 AND ($2::text IS NULL OR t.cycle_id = $2) AND t.state <> 'CANCELLED'
    AND t.created_at < (($3::date + 1)::timestamp AT TIME ZONE o.time_zone)`;

/** Open (not yet submitted) and past the deadline in force at `asOf` ($4): the state now. */
const OPEN_OVERDUE = `t.due_at < $4 AND t.state IN ('ASSIGNED', 'SIGNED', 'IN_PROGRESS')`;

/**
 * An escalation (alias `e`) that happened in the period: from 00:00 of `from` ($5) to 24:00 of `to` ($3) in the
 * organisation's time zone, and by `asOf` ($4).
 */
const IN_PERIOD = `e.at >= ($5::date::timestamp AT TIME ZONE (SELECT time_zone FROM organisations WHERE id = $1))
  AND e.at < (($3::date + 1)::timestamp AT TIME ZONE (SELECT time_zone FROM organisations WHERE id = $1))
  AND e.at <= $4`;

/**
 * Computes a bulletin (情况通报, DOMAIN.md annual cycle step 5) from the read model: per unit — every active
 * department, town and village, those without tasks with zeros, and any other unit that leads a task in scope or
 * had one escalate in the period — the organisation's totals, the open overdue tasks and the units named at L3.
 * Two kinds of figures, labelled apart wherever they are shown: what happened in the period (`escalations`: tasks
 * that climbed each rung, from the escalation history, by the lead unit at the time, so a rung later reset by a
 * return for rework still counts) and the state at `asOf` (`openOverdue`, the overdue list with each task's rung now).
 * Named at L3: the tasks that reached L3 in the period, and those standing at L3 now.
 */
export async function computeBulletin(pool: Pool, p: BulletinPeriod): Promise<BulletinContent> {
  const values = [p.orgId, p.cycleId ?? null, p.to, p.asOf, p.from];
  const orgName = await organisationName(pool, p.orgId);
  const units = await pool.query<{ unitId: string; unitName: string; kind: string } & Counts>({
    text: `WITH scope AS (${SCOPE}), esc AS (${escalatedTasksByUnit(IN_PERIOD)})
           SELECT u.id AS "unitId", u.name AS "unitName", u.kind,
             count(t.id)::int AS led,
             (count(t.id) FILTER (WHERE t.state = 'ACCEPTED'))::int AS completed,
             (count(t.id) FILTER (WHERE t.state = 'ACCEPTED' AND t.late_working_days = 0))::int AS "completedOnTime",
             (count(t.id) FILTER (WHERE ${OPEN_OVERDUE}))::int AS "openOverdue",
             json_build_object('l1', coalesce(max(x.l1), 0)::int, 'l2', coalesce(max(x.l2), 0)::int,
               'l3', coalesce(max(x.l3), 0)::int) AS escalations,
             coalesce(sum(t.extensions_approved), 0)::int AS "extensionsApproved",
             coalesce(sum(t.extensions_denied), 0)::int AS "extensionsDenied",
             coalesce(sum(t.returns), 0)::int AS returns
           FROM units u LEFT JOIN scope t ON t.lead_unit_id = u.id LEFT JOIN esc x ON x.unit_id = u.id
           WHERE u.org_id = $1
             AND ((u.active AND u.kind IN ('DEPARTMENT', 'TOWN', 'VILLAGE'))
               OR EXISTS (SELECT 1 FROM scope s WHERE s.lead_unit_id = u.id)
               OR EXISTS (SELECT 1 FROM esc WHERE esc.unit_id = u.id))
           GROUP BY u.id, u.name, u.kind, u.level
           ORDER BY u.level, array_position(ARRAY['OFFICE','GROUP','DEPARTMENT','TOWN','VILLAGE'], u.kind), u.id`,
    values,
  });
  type Row = BulletinTask & { overdue: boolean; named: { unitId: string; unitName: string } | null };
  const tasks = await pool.query<Row>({
    text: `WITH scope AS (${SCOPE})
           SELECT t.id, t.title, t.lead_unit_id AS "unitId", u.name AS "unitName",
             to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate", t.rung::int AS rung, (${OPEN_OVERDUE}) AS overdue,
             l3.named
           FROM scope t JOIN units u ON u.id = t.lead_unit_id
           LEFT JOIN LATERAL (
             SELECT json_build_object('unitId', e.unit_id, 'unitName', coalesce(eu.name, e.unit_id)) AS named
             FROM task_escalations e LEFT JOIN units eu ON eu.id = e.unit_id
             WHERE e.task_id = t.id AND e.rung = 3 AND ${IN_PERIOD} ORDER BY e.at DESC LIMIT 1) l3 ON true
           WHERE (${OPEN_OVERDUE}) OR t.rung >= 3 OR l3.named IS NOT NULL
           ORDER BY t.rung DESC, t.due_date, t.id`,
    values,
  });
  const namedAtL3 = new Map<string, { unitId: string; unitName: string; tasks: BulletinTask[] }>();
  for (const { overdue: _o, named, ...task } of tasks.rows.filter((t) => t.named || t.rung >= 3)) {
    // Named under the unit that led it when it reached L3 in the period, else (standing at L3 since before) now.
    const unit = named ?? { unitId: task.unitId, unitName: task.unitName };
    const entry = namedAtL3.get(unit.unitId) ?? { ...unit, tasks: [] };
    entry.tasks.push({ ...task, ...unit });
    namedAtL3.set(unit.unitId, entry);
  }
  return {
    orgId: p.orgId,
    orgName: orgName || p.orgId,
    cycleId: p.cycleId ?? null,
    from: p.from,
    to: p.to,
    asOf: p.asOf.toISOString(),
    units: units.rows.map(({ unitId, unitName, kind, ...counts }) => ({
      unitId,
      unitName,
      kind,
      ...withRates(counts),
    })),
    totals: withRates(units.rows.reduce<Counts>((sum, u) => addCounts(sum, u), ZERO)),
    overdue: tasks.rows.filter((t) => t.overdue).map(({ overdue: _o, named: _n, ...t }) => t),
    namedAtL3: [...namedAtL3.values()],
    collaboration: await collaborationAnswers(pool, { orgId: p.orgId, from: p.from, to: p.to, asOf: p.asOf }),
    network: await countSubmissions(pool, { orgId: p.orgId, from: p.from, to: p.to, asOf: p.asOf }),
    paused: await pausesInPeriod(pool, values),
    milestones: await milestonesInPeriod(pool, values),
    refusals: await refusalsInPeriod(pool, values),
    urgings: await urgingsInPeriod(pool, values),
    noticeReading: await noticeReadingInPeriod(pool, values),
  };
}

/**
 * The task notices the people of each responsible unit (department, town, village) received in the period (by
 * `asOf`), read by `asOf`, and left unread more than a day: most unread first. A unit without notices is left out.
 */
async function noticeReadingInPeriod(pool: Pool, values: unknown[]): Promise<BulletinNoticeReading> {
  const { rows } = await pool.query<BulletinNoticeReading['byUnit'][number]>({
    text: `WITH scope AS (${SCOPE}), period AS (
             SELECT ($5::date::timestamp AT TIME ZONE o.time_zone) AS start,
                    (($3::date + 1)::timestamp AT TIME ZONE o.time_zone) AS stop
             FROM organisations o WHERE o.id = $1)
           SELECT u.id AS "unitId", u.name AS "unitName", count(*)::int AS received,
             (count(*) FILTER (WHERE n.read_at <= $4))::int AS read,
             (count(*) FILTER (WHERE (n.read_at IS NULL OR n.read_at > $4)
                                 AND n.created_at <= $4::timestamptz - interval '24 hours'))::int AS "unreadOverADay"
           FROM notifications n JOIN scope t ON t.id = n.task_id
             JOIN people p ON p.id = n.person_id JOIN units u ON u.id = p.unit_id, period
           WHERE n.org_id = $1 AND u.kind IN ('DEPARTMENT', 'TOWN', 'VILLAGE')
             AND n.created_at >= period.start AND n.created_at < period.stop AND n.created_at <= $4
           GROUP BY u.id, u.name, u.level
           ORDER BY "unreadOverADay" DESC, u.level, u.id`,
    values,
  });
  const sum = (k: 'received' | 'read' | 'unreadOverADay') => rows.reduce((s, r) => s + r[k], 0);
  return { received: sum('received'), read: sum('read'), unreadOverADay: sum('unreadOverADay'), byUnit: rows };
}

/** The period as instants: 00:00 of `from` ($5) to 24:00 of `to` ($3) in the organisation's time zone. */
const PERIOD = `SELECT ($5::date::timestamp AT TIME ZONE o.time_zone) AS start,
    (($3::date + 1)::timestamp AT TIME ZONE o.time_zone) AS stop
  FROM organisations o WHERE o.id = $1`;

/** Refusals made in the period (and by `asOf`), per unit that refused, each with its ruling as it stood at `asOf`. */
async function refusalsInPeriod(pool: Pool, values: unknown[]): Promise<BulletinRefusals> {
  const { rows } = await pool.query<BulletinRefusals['byUnit'][number]>({
    text: `WITH scope AS (${SCOPE}), period AS (${PERIOD}), made AS (
             SELECT r->>'unitId' AS unit_id,
               CASE WHEN r->>'ruledAt' IS NOT NULL AND (r->>'ruledAt')::timestamptz <= $4 THEN r->>'ruling' END AS ruling
             FROM scope t, jsonb_array_elements(t.refusals) r, period
             WHERE (r->>'refusedAt')::timestamptz >= period.start AND (r->>'refusedAt')::timestamptz < period.stop
               AND (r->>'refusedAt')::timestamptz <= $4)
           SELECT m.unit_id AS "unitId", coalesce(u.name, m.unit_id) AS "unitName", count(*)::int AS refused,
             (count(*) FILTER (WHERE m.ruling = 'INSIST'))::int AS insisted,
             (count(*) FILTER (WHERE m.ruling = 'REASSIGN'))::int AS reassigned,
             (count(*) FILTER (WHERE m.ruling IS NULL))::int AS pending
           FROM made m LEFT JOIN units u ON u.id = m.unit_id
           GROUP BY m.unit_id, u.name, u.level
           ORDER BY refused DESC, u.level, m.unit_id`,
    values,
  });
  const sum = (k: keyof BulletinRefusalCounts) => rows.reduce((total, r) => total + r[k], 0);
  return {
    refused: sum('refused'),
    insisted: sum('insisted'),
    reassigned: sum('reassigned'),
    pending: sum('pending'),
    byUnit: rows,
  };
}

/** Urgings by hand (`URGED`) sent in the period (and by `asOf`), per lead unit of the task. */
async function urgingsInPeriod(pool: Pool, values: unknown[]): Promise<BulletinUrgings> {
  const { rows } = await pool.query<BulletinUrgings['byUnit'][number]>({
    text: `WITH scope AS (${SCOPE}), period AS (${PERIOD})
           SELECT t.lead_unit_id AS "unitId", u.name AS "unitName", count(*)::int AS urged
           FROM scope t JOIN units u ON u.id = t.lead_unit_id
             JOIN task_timeline tl ON tl.task_id = t.id AND tl.kind = 'URGED', period
           WHERE tl.at >= period.start AND tl.at < period.stop AND tl.at <= $4
           GROUP BY t.lead_unit_id, u.name, u.level
           ORDER BY urged DESC, u.level, t.lead_unit_id`,
    values,
  });
  return { urged: rows.reduce((total, r) => total + r.urged, 0), byUnit: rows };
}

/** Milestones whose day ended in the period (from 00:00 of `from` to 24:00 of `to`, and by `asOf`), per lead unit. */
async function milestonesInPeriod(pool: Pool, values: unknown[]): Promise<BulletinMilestones> {
  const { rows } = await pool.query<{ unitId: string; unitName: string; met: number; missed: number }>({
    text: `WITH scope AS (${SCOPE})
           SELECT t.lead_unit_id AS "unitId", u.name AS "unitName",
             (count(*) FILTER (WHERE x->>'state' = 'MET'))::int AS met,
             (count(*) FILTER (WHERE x->>'state' = 'MISSED'))::int AS missed
           FROM scope t JOIN units u ON u.id = t.lead_unit_id, jsonb_array_elements(t.milestones) x
           WHERE x->>'state' IN ('MET', 'MISSED')
             AND (x->>'dueAt')::timestamptz <= $4
             AND (x->>'dueAt')::timestamptz > ($5::date::timestamp AT TIME ZONE
               (SELECT time_zone FROM organisations WHERE id = $1))
             AND (x->>'dueAt')::timestamptz <= (($3::date + 1)::timestamp AT TIME ZONE
               (SELECT time_zone FROM organisations WHERE id = $1))
           GROUP BY t.lead_unit_id, u.name, u.level
           ORDER BY missed DESC, u.level, t.lead_unit_id`,
    values,
  });
  return {
    met: rows.reduce((sum, r) => sum + r.met, 0),
    missed: rows.reduce((sum, r) => sum + r.missed, 0),
    byUnit: rows,
  };
}

/** Approved pauses in force at some time in the period (from 00:00 of `from` to 24:00 of `to`, and by `asOf`). */
async function pausesInPeriod(pool: Pool, values: unknown[]): Promise<BulletinPauses> {
  const { rows } = await pool.query<BulletinPause>({
    text: `WITH scope AS (${SCOPE})
           SELECT t.id AS "taskId", t.title, t.lead_unit_id AS "unitId", u.name AS "unitName",
             p->>'category' AS category, p->>'reason' AS reason, p->>'decidedAt' AS since,
             p->>'resumedAt' AS "resumedAt", (p->>'pausedWorkingDays')::int AS "pausedWorkingDays"
           FROM scope t JOIN units u ON u.id = t.lead_unit_id, jsonb_array_elements(t.pauses) p
           WHERE p->>'decision' = 'APPROVED'
             AND (p->>'decidedAt')::timestamptz < (($3::date + 1)::timestamp AT TIME ZONE
               (SELECT time_zone FROM organisations WHERE id = $1))
             AND (p->>'decidedAt')::timestamptz <= $4
             AND (p->>'resumedAt' IS NULL OR (p->>'resumedAt')::timestamptz >= ($5::date::timestamp AT TIME ZONE
               (SELECT time_zone FROM organisations WHERE id = $1)))
           ORDER BY since, t.id`,
    values,
  });
  const byCategory = new Map<string, { category: string; pauses: number; workingDays: number }>();
  for (const r of rows) {
    const c = byCategory.get(r.category) ?? { category: r.category, pauses: 0, workingDays: 0 };
    c.pauses += 1;
    c.workingDays += r.pausedWorkingDays ?? 0;
    byCategory.set(r.category, c);
  }
  return {
    tasks: new Set(rows.map((r) => r.taskId)).size,
    workingDays: rows.reduce((sum, r) => sum + (r.pausedWorkingDays ?? 0), 0),
    byCategory: [...byCategory.values()],
    items: rows,
  };
}

const COLUMNS = `id, org_id AS "orgId", cycle_id AS "cycleId", title, to_char(period_from, 'YYYY-MM-DD') AS "periodFrom",
  to_char(period_to, 'YYYY-MM-DD') AS "periodTo", generated_at AS "generatedAt", generated_by AS "generatedBy", content`;

/** Who generated a bulletin, for its audit row: a caller of the API, or a workflow step (keyed, written once). */
export type BulletinAudit = Pick<
  AuditEntry,
  'orgId' | 'actorId' | 'actorRoles' | 'tokenId' | 'requestId' | 'workflowId' | 'step'
>;

/**
 * Stores a bulletin under its given id with its audit row, in one transaction. The same id again (a retried
 * activity, a replayed request) inserts nothing and answers the bulletin stored first.
 */
export async function saveBulletin(
  pool: Pool,
  b: Omit<Bulletin, 'generatedAt'>,
  audit: BulletinAudit,
): Promise<{ bulletin: Bulletin; created: boolean }> {
  return inTransaction(pool, async (client) => {
    const inserted = await client.query({
      text: `INSERT INTO bulletins (id, org_id, cycle_id, title, period_from, period_to, generated_by, content)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
      values: [b.id, b.orgId, b.cycleId, b.title, b.periodFrom, b.periodTo, b.generatedBy, JSON.stringify(b.content)],
    });
    const created = (inserted.rowCount ?? 0) > 0;
    const { rows } = await client.query<Bulletin>({
      text: `SELECT ${COLUMNS} FROM bulletins WHERE id = $1`,
      values: [b.id],
    });
    const bulletin = rows[0];
    if (!bulletin) throw new Error(`bulletin ${b.id} vanished`);
    await appendAudit(client, {
      ...audit,
      action: 'bulletin.create',
      objectType: 'bulletin',
      objectId: b.id,
      payload: { title: b.title, from: b.periodFrom, to: b.periodTo, cycleId: b.cycleId, created },
      outcome: 'DONE',
    });
    return { bulletin, created };
  });
}

export async function findBulletin(pool: Pool, id: string): Promise<Bulletin | undefined> {
  const { rows } = await pool.query<Bulletin>({ text: `SELECT ${COLUMNS} FROM bulletins WHERE id = $1`, values: [id] });
  return rows[0];
}

/**
 * The bulletins of the organisation for the periods that ended before `before` (the newest of each period), at most
 * `limit` periods, oldest first: what a bulletin's chart sets its own period against.
 */
export async function bulletinsBefore(pool: Pool, orgId: string, before: string, limit = 5): Promise<Bulletin[]> {
  const { rows } = await pool.query<Bulletin>({
    text: `SELECT * FROM (
             SELECT DISTINCT ON (period_from, period_to) ${COLUMNS} FROM bulletins
             WHERE org_id = $1 AND period_to < $2
             ORDER BY period_from, period_to, generated_at DESC, id DESC
           ) b ORDER BY "periodTo" DESC LIMIT $3`,
    values: [orgId, before, limit],
  });
  return rows.reverse();
}

/** A page of an organisation's bulletins, newest first. */
export async function listBulletins(
  pool: Pool,
  orgId: string,
  page: { limit: number; offset: number },
): Promise<{ items: Bulletin[]; total: number }> {
  const { rows } = await pool.query<Bulletin & { total: string }>({
    text: `SELECT ${COLUMNS}, count(*) OVER () AS total FROM bulletins WHERE org_id = $1
           ORDER BY generated_at DESC, id DESC LIMIT $2 OFFSET $3`,
    values: [orgId, page.limit, page.offset],
  });
  return { items: rows.map(({ total: _t, ...b }) => b), total: Number(rows[0]?.total ?? 0) };
}

/** Active people of the organisation with one of the given roles: who a published bulletin goes to. */
export async function listBulletinReaders(pool: Pool, orgId: string, roles: readonly string[]): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>({
    text: 'SELECT id FROM people WHERE org_id = $1 AND active AND roles && $2::text[] ORDER BY id',
    values: [orgId, [...roles]],
  });
  return rows.map((r) => r.id);
}
