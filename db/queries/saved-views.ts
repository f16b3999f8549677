import type { Pool } from 'pg';

/** A person's saved view (保存的视图): a named task filter for the task list or the board, private to its owner. */
export interface SavedView {
  id: string;
  name: string;
  target: 'TASKS' | 'BOARD';
  /** The task list's query, as saved (api/schemas.ts `taskFilter`). */
  filter: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

const COLUMNS = `id, name, target, filter, created_at AS "createdAt", updated_at AS "updatedAt"`;

/** The owner's views, by name. */
export async function listSavedViews(pool: Pool, ownerId: string): Promise<SavedView[]> {
  const { rows } = await pool.query<SavedView>({
    text: `SELECT ${COLUMNS} FROM saved_views WHERE owner_id = $1 ORDER BY name, id`,
    values: [ownerId],
  });
  return rows;
}

/** One of the owner's views: another person's is as absent as a missing one. */
export async function findSavedView(pool: Pool, ownerId: string, id: string): Promise<SavedView | undefined> {
  const { rows } = await pool.query<SavedView>({
    text: `SELECT ${COLUMNS} FROM saved_views WHERE id = $1 AND owner_id = $2`,
    values: [id, ownerId],
  });
  return rows[0];
}

/** Saves a new view; undefined when the owner has one of that name already. */
export async function insertSavedView(
  pool: Pool,
  v: { id: string; orgId: string; ownerId: string; name: string; target: string; filter: unknown },
): Promise<SavedView | undefined> {
  const { rows } = await pool.query<SavedView>({
    text: `INSERT INTO saved_views (id, org_id, owner_id, name, target, filter) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (owner_id, name) DO NOTHING RETURNING ${COLUMNS}`,
    values: [v.id, v.orgId, v.ownerId, v.name, v.target, JSON.stringify(v.filter)],
  });
  return rows[0];
}

/** Renames (and/or refilters) one of the owner's views; 'taken' when another of theirs has the name. */
export async function updateSavedView(
  pool: Pool,
  ownerId: string,
  id: string,
  change: { name?: string; filter?: unknown },
): Promise<SavedView | 'taken' | undefined> {
  try {
    const { rows } = await pool.query<SavedView>({
      text: `UPDATE saved_views SET name = coalesce($3, name), filter = coalesce($4::jsonb, filter), updated_at = now()
             WHERE id = $1 AND owner_id = $2 RETURNING ${COLUMNS}`,
      values: [id, ownerId, change.name ?? null, change.filter === undefined ? null : JSON.stringify(change.filter)],
    });
    return rows[0];
  } catch (err) {
    if ((err as { code?: string }).code === '23505') return 'taken';
    throw err;
  }
}

/** Deletes one of the owner's views; false when they have none of that id. */
export async function deleteSavedView(pool: Pool, ownerId: string, id: string): Promise<boolean> {
  const { rowCount } = await pool.query({
    text: `DELETE FROM saved_views WHERE id = $1 AND owner_id = $2`,
    values: [id, ownerId],
  });
  return (rowCount ?? 0) > 0;
}
