import type { Pool, PoolClient } from 'pg';
import type { Queryable } from '../transaction';
import { inTransaction } from '../transaction';
import { appendAudit, type AuditEntry } from './audit';

/** The kinds of rule the office edits with versions (issue 22); migration 051 lists the same. */
export type RuleKind =
  'task-policies' | 'scoring-model' | 'organisation' | 'accountability' | 'procedure-defaults' | 'notice-templates';

/** One version of a rule, without its content. */
export interface RuleVersionEntry {
  version: number;
  authorId: string;
  at: string;
  reason: string;
  /** The version a restore copied; null for an edit or a loaded organisation file. */
  restoredFrom: number | null;
}

export interface RuleVersion<C> extends RuleVersionEntry {
  content: C;
}

const COLUMNS = `version, author_id AS "authorId", to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
  reason, restored_from AS "restoredFrom"`;

/** An organisation's versions of a rule, newest first. */
export async function listRuleVersions(db: Queryable, orgId: string, kind: RuleKind): Promise<RuleVersionEntry[]> {
  const { rows } = await db.query<RuleVersionEntry>({
    text: `SELECT ${COLUMNS} FROM rule_versions WHERE org_id = $1 AND kind = $2 ORDER BY version DESC`,
    values: [orgId, kind],
  });
  return rows;
}

/** One version of an organisation's rule, or its newest (`version` omitted); undefined when there is none. */
export async function readRuleVersion<C>(
  db: Queryable,
  orgId: string,
  kind: RuleKind,
  version?: number,
): Promise<RuleVersion<C> | undefined> {
  const { rows } = await db.query<RuleVersion<C>>({
    text: `SELECT ${COLUMNS}, content FROM rule_versions
           WHERE org_id = $1 AND kind = $2 AND ($3::integer IS NULL OR version = $3)
           ORDER BY version DESC LIMIT 1`,
    values: [orgId, kind, version ?? null],
  });
  return rows[0];
}

export interface NewRuleVersion<C> {
  orgId: string;
  kind: RuleKind;
  /** The version the author edited: the newest (0 when there is none), or the edit is stale. */
  baseVersion: number;
  content: C;
  authorId: string;
  reason: string;
  restoredFrom?: number;
  /** Task policies: whether the version applies to new tasks only or to running ones too (kept in the audit row). */
  applyTo?: string;
  /** Who asked, for the audit row; its action and payload are this function's. */
  audit: Pick<AuditEntry, 'actorRoles' | 'tokenId' | 'requestId' | 'action'>;
  /**
   * The rule as it stood, recorded as version 1 before the edit when there is no version yet (the organisation's
   * first edit): in the same transaction, so that an edit refused or rolled back leaves no version behind.
   */
  first?: { content: C; reason: string };
}

/**
 * Adds a version of a rule, audited with the content before (`before` reads it, in the same transaction) and after;
 * `STALE` (nothing added) when `baseVersion` is no longer the newest: another edit came first.
 */
export async function appendRuleVersion<C>(
  pool: Pool,
  v: NewRuleVersion<C>,
  before: (client: PoolClient) => Promise<C>,
): Promise<{ version: number } | 'STALE'> {
  return inTransaction(pool, async (client) => {
    const newest = await lockNewestVersion(client, v.orgId, v.kind);
    if (newest !== v.baseVersion) return 'STALE';
    const { first, ...edit } = v;
    const base =
      first && newest === 0
        ? await insertVersion(client, { ...edit, ...first, restoredFrom: undefined }, newest, first.content)
        : newest;
    return { version: await insertVersion(client, edit, base, await before(client)) };
  });
}

/** Serialises the edits of one organisation's rule, and answers its newest version (0 for none). */
async function lockNewestVersion(client: PoolClient, orgId: string, kind: RuleKind): Promise<number> {
  await client.query({
    text: 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))',
    values: [`heli:rules:${orgId}:${kind}`],
  });
  const { rows } = await client.query<{ newest: number }>({
    text: 'SELECT coalesce(max(version), 0) AS newest FROM rule_versions WHERE org_id = $1 AND kind = $2',
    values: [orgId, kind],
  });
  return rows[0]?.newest ?? 0;
}

async function insertVersion<C>(client: PoolClient, v: NewRuleVersion<C>, newest: number, before: C): Promise<number> {
  const version = newest + 1;
  await client.query({
    text: `INSERT INTO rule_versions (org_id, kind, version, content, author_id, reason, restored_from)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    values: [v.orgId, v.kind, version, JSON.stringify(v.content), v.authorId, v.reason, v.restoredFrom ?? null],
  });
  await appendAudit(client, {
    ...v.audit,
    orgId: v.orgId,
    actorId: v.authorId,
    objectType: 'rules',
    objectId: `${v.kind}/${version}`,
    payload: {
      kind: v.kind,
      version,
      restoredFrom: v.restoredFrom ?? null,
      ...(v.applyTo && { applyTo: v.applyTo }),
      before,
      after: v.content,
    },
    outcome: 'DONE',
    reason: v.reason,
  });
  return version;
}

/**
 * An organisation file about to be loaded: when the organisation has versions of its task types already and the
 * file's types differ both from those it loaded last time and from the version in force, the file's become a new
 * version (what was loaded is in force, and the history says so). A file loaded again unchanged, as every start of
 * the stack does, leaves the office's versions alone; without versions, nothing: the file's types are in force as
 * they always were. Call it before the organisation row takes the file's types.
 */
export async function recordLoadedTaskPolicies(
  client: PoolClient,
  orgId: string,
  types: unknown[],
  actorId: string,
): Promise<number | null> {
  const newest = await lockNewestVersion(client, orgId, 'task-policies');
  if (newest === 0) return null;
  const { rows } = await client.query<{ content: { types: unknown[] }; unchanged: boolean }>({
    text: `SELECT v.content, (v.content->'types' = $4::jsonb OR o.task_policies = $4::jsonb) AS unchanged
           FROM rule_versions v JOIN organisations o ON o.id = v.org_id
           WHERE v.org_id = $1 AND v.kind = $2 AND v.version = $3`,
    values: [orgId, 'task-policies', newest, JSON.stringify(types)],
  });
  if (!rows[0] || rows[0].unchanged) return null;
  const v: NewRuleVersion<{ types: unknown[] }> = {
    orgId,
    kind: 'task-policies',
    baseVersion: newest,
    content: { types },
    authorId: actorId,
    reason: '载入组织文件',
    audit: { actorRoles: ['SYSTEM'], action: 'rules.publish' },
  };
  return insertVersion(client, v, newest, rows[0].content);
}

/**
 * A kind's content as a file load left it (the organisation, issue 22): once the organisation has versions of the kind,
 * content that differs from the newest becomes a new version (author: who loaded it, reason 「载入组织文件」).
 */
export async function recordLoadedVersion<C>(
  client: PoolClient,
  orgId: string,
  kind: RuleKind,
  content: C,
  actorId: string,
): Promise<number | null> {
  const newest = await lockNewestVersion(client, orgId, kind);
  if (newest === 0) return null;
  const { rows } = await client.query<{ content: C; unchanged: boolean }>({
    text: `SELECT content, content = $4::jsonb AS unchanged FROM rule_versions WHERE org_id = $1 AND kind = $2 AND version = $3`,
    values: [orgId, kind, newest, JSON.stringify(content)],
  });
  if (!rows[0] || rows[0].unchanged) return null;
  const v: NewRuleVersion<C> = {
    orgId,
    kind,
    baseVersion: newest,
    content,
    authorId: actorId,
    reason: '载入组织文件',
    audit: { actorRoles: ['SYSTEM'], action: 'rules.publish' },
  };
  return insertVersion(client, v, newest, rows[0].content);
}
