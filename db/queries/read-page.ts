import type { Pool } from 'pg';

/**
 * Who may read what of an organisation (api/use-cases/instances.ts `listScopeOf`): the whole organisation (the office
 * and the group), or what concerns a unit (a unit's staff) and/or a leader (the units they are responsible for).
 * Lists, boards and counts all read through it, so that no view carries more than the details would show.
 */
export interface ListScope {
  orgId: string;
  wholeOrg: boolean;
  unitId?: string;
  leaderId?: string;
  /** A member of the supervision network: what they were invited into (rounds, appraisals). */
  observerId?: string;
}

export interface Page {
  limit: number;
  offset: number;
}

/** Mints the next `$n` placeholder for a value of a query being built. */
export type Param = (value: unknown) => string;

/** How a kind of instance concerns a unit and a leader, as SQL conditions on its row, given their placeholders. */
export interface ScopeRule {
  unit: (unitId: string) => string;
  leader: (leaderId: string) => string;
  /** How an instance concerns a member of the supervision network it invited; absent: it never does. */
  observer?: (personId: string) => string;
}

/** The condition that keeps the rows in `scope` (without the organisation, which the caller adds). */
export function scopeCondition(rule: ScopeRule, scope: ListScope, p: Param): string {
  if (scope.wholeOrg) return 'TRUE';
  const parts = [
    scope.unitId !== undefined ? rule.unit(p(scope.unitId)) : undefined,
    scope.leaderId !== undefined ? rule.leader(p(scope.leaderId)) : undefined,
    scope.observerId !== undefined && rule.observer ? rule.observer(p(scope.observerId)) : undefined,
  ].filter((c): c is string => c !== undefined);
  return parts.length > 0 ? `(${parts.join(' OR ')})` : 'FALSE';
}

/** A query's values and the function that numbers them. */
export function params(): { values: unknown[]; p: Param } {
  const values: unknown[] = [];
  return { values, p: (value) => `$${values.push(value)}` };
}

/** A filter's condition, only when its value is given. */
export const when = <T>(value: T | undefined, condition: (value: T) => string): string | undefined =>
  value === undefined ? undefined : condition(value);

/**
 * The tasks a caller may see: those their unit leads or co-organises, or that they or their units' leader lead.
 * Written so that an index answers each part (`tasks_lead_unit`, the GIN index `tasks_co_units` on `@>`/`&&`,
 * `tasks_leader`) and the units a leader is responsible for are looked up once, not once per task.
 */
export const TASK_SCOPE: ScopeRule = {
  // A village's sub-task (三级联动) is seen by the parent's lead unit too, and by that unit's leader.
  unit: (u) => `(${u} = t.lead_unit_id OR t.co_unit_ids @> ARRAY[${u}::text] OR ${u} = t.parent_lead_unit_id)`,
  leader: (l) => `(t.leader_id = ${l}
                   OR t.lead_unit_id IN (SELECT su.id FROM units su WHERE su.leader_id = ${l})
                   OR t.co_unit_ids && ARRAY(SELECT su.id FROM units su WHERE su.leader_id = ${l})
                   OR t.parent_lead_unit_id IN (SELECT su.id FROM units su WHERE su.leader_id = ${l}))`,
};

/** How a kind of instance is read: its columns and table(s), its id and organisation columns, its scope rule. */
export interface ReadModel {
  select: string;
  from: string;
  /** e.g. `m.id`, `m.org_id` */
  id: string;
  org: string;
  scope: ScopeRule;
}

/**
 * Instances with member units in `table` (its `key` column naming the instance `alias.id`), a meeting or a round:
 * the columns `unitIds` and `unitLeaderIds` (their responsible leaders), and the rule that a unit sees the instances
 * it is a member of and a leader those of the units they are responsible for.
 */
export function members(table: string, key: string, alias: string): { columns: string; scope: ScopeRule } {
  const member = (condition: string) =>
    `EXISTS (SELECT 1 FROM ${table} sm JOIN units su ON su.id = sm.unit_id
             WHERE sm.${key} = ${alias}.id AND ${condition})`;
  return {
    columns: `ARRAY(SELECT sm.unit_id FROM ${table} sm WHERE sm.${key} = ${alias}.id ORDER BY sm.unit_id) AS "unitIds",
      ARRAY(SELECT DISTINCT su.leader_id FROM ${table} sm JOIN units su ON su.id = sm.unit_id
            WHERE sm.${key} = ${alias}.id AND su.leader_id IS NOT NULL) AS "unitLeaderIds"`,
    scope: { unit: (u) => member(`sm.unit_id = ${u}`), leader: (l) => member(`su.leader_id = ${l}`) },
  };
}

/** One instance by its id, as its kind is read (whatever the caller may see: the policy decides that). */
export async function readOne<Row extends object>(pool: Pool, model: ReadModel, id: string): Promise<Row | undefined> {
  const { rows } = await pool.query<Row>({
    text: `SELECT ${model.select} FROM ${model.from} WHERE ${model.id} = $1`,
    values: [id],
  });
  return rows[0];
}

/**
 * The one read-query pattern of the lists: a page of an organisation's rows in the caller's scope, filtered and
 * ordered (the order must end in a unique column, so that pages never overlap), with the total before paging.
 *
 * The total is counted by a query of its own, beside the page's: counting needs no order and none of the columns
 * (an index can answer it alone), and the page's query then stops at its last row instead of sorting every match.
 * From a single table (`from` as `table alias`), the page's rows are picked first, by their physical address
 * (`ctid`, stable within the statement's snapshot), and only they are read whole and turned into columns: the
 * ordering sorts narrow rows (address and keys), and a column's subquery runs for the page, not for every row an
 * offset skips.
 */
export async function readPage<Row extends object>(
  pool: Pool,
  q: Omit<ReadModel, 'id'> & { filters?: (p: Param) => (string | undefined)[]; orderBy: string },
  scope: ListScope,
  page: Page,
): Promise<{ items: Row[]; total: number }> {
  const { values, p } = params();
  const where = [
    `${q.org} = ${p(scope.orgId)}`,
    scopeCondition(q.scope, scope, p),
    ...(q.filters?.(p) ?? []).filter((c): c is string => c !== undefined),
  ].join(' AND ');
  const counted = [...values];
  const paged = `FROM ${q.from} WHERE ${where} ORDER BY ${q.orderBy} LIMIT ${p(page.limit)} OFFSET ${p(page.offset)}`;
  const table = /^\w+ (\w+)$/.exec(q.from.trim());
  const [{ rows }, count] = await Promise.all([
    pool.query<Row>({
      text: table
        ? `SELECT ${q.select} FROM ${q.from} WHERE ${table[1]}.ctid = ANY (ARRAY(SELECT ${table[1]}.ctid ${paged}))
           ORDER BY ${q.orderBy}`
        : `SELECT ${q.select} ${paged}`,
      values,
    }),
    pool.query<{ total: number }>({
      text: `SELECT count(*)::int AS total FROM ${q.from} WHERE ${where}`,
      values: counted,
    }),
  ]);
  return { items: rows, total: count.rows[0]!.total };
}

/** An entry of an instance's timeline as the API shows it. */
export interface TimelineRow {
  step: string;
  kind: string;
  message: string;
  actorId: string | null;
  at: Date;
}

/** The timeline of one instance, oldest first: `table` keyed by `key`. */
export async function readTimeline(pool: Pool, table: string, key: string, id: string): Promise<TimelineRow[]> {
  const { rows } = await pool.query<TimelineRow>({
    text: `SELECT step, kind, message, actor_id AS "actorId", at FROM ${table} WHERE ${key} = $1 ORDER BY id`,
    values: [id],
  });
  return rows;
}
