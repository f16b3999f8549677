import type { Pool } from 'pg';

/** An attachment (佐证材料) as stored: its owner, who uploaded it, what it is and where its bytes are. */
export interface AttachmentRow {
  id: string;
  orgId: string;
  ownerType: string;
  ownerId: string;
  purpose: string | null;
  uploadedBy: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  storageKey: string;
  /** The step of the owner's workflow it was given with (佐证材料 of an action); null until given with one. */
  step: string | null;
  createdAt: Date;
}

const COLUMNS = `id, org_id AS "orgId", owner_type AS "ownerType", owner_id AS "ownerId", purpose,
  uploaded_by AS "uploadedBy", file_name AS "fileName", content_type AS "contentType", size_bytes::float8 AS size,
  sha256, storage_key AS "storageKey", step, created_at AS "createdAt"`;

export async function insertAttachment(db: Pool, a: Omit<AttachmentRow, 'createdAt' | 'step'>): Promise<AttachmentRow> {
  const { rows } = await db.query<AttachmentRow>({
    text: `INSERT INTO attachments (id, org_id, owner_type, owner_id, purpose, uploaded_by, file_name, content_type,
             size_bytes, sha256, storage_key)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${COLUMNS}`,
    values: [
      a.id,
      a.orgId,
      a.ownerType,
      a.ownerId,
      a.purpose,
      a.uploadedBy,
      a.fileName,
      a.contentType,
      a.size,
      a.sha256,
      a.storageKey,
    ],
  });
  const [row] = rows;
  if (!row) throw new Error('INSERT … RETURNING answered no row');
  return row;
}

export async function findAttachment(db: Pool, id: string): Promise<AttachmentRow | undefined> {
  const { rows } = await db.query<AttachmentRow>({
    text: `SELECT ${COLUMNS} FROM attachments WHERE id = $1`,
    values: [id],
  });
  return rows[0];
}

/** An object's attachments, oldest first; only those of `ids` when given. */
export async function attachmentsOf(
  db: Pool,
  orgId: string,
  owner: { type: string; id: string },
  ids?: readonly string[],
): Promise<AttachmentRow[]> {
  const { rows } = await db.query<AttachmentRow>({
    text: `SELECT ${COLUMNS} FROM attachments WHERE org_id = $1 AND owner_type = $2 AND owner_id = $3
             AND ($4::text[] IS NULL OR id = ANY($4::text[]))
           ORDER BY created_at, id`,
    values: [orgId, owner.type, owner.id, ids ?? null],
  });
  return rows;
}

/** The files given with each step of a workflow (佐证材料), by step, oldest first: what its timeline lists. */
export async function attachmentsByStep(
  db: Pool,
  orgId: string,
  workflowId: string,
): Promise<Map<string, AttachmentRow[]>> {
  const { rows } = await db.query<AttachmentRow>({
    text: `SELECT ${COLUMNS} FROM attachments WHERE org_id = $1 AND workflow_id = $2 ORDER BY created_at, id`,
    values: [orgId, workflowId],
  });
  const byStep = new Map<string, AttachmentRow[]>();
  for (const row of rows) byStep.set(row.step!, [...(byStep.get(row.step!) ?? []), row]);
  return byStep;
}

/** How many attachments an object has for one purpose (none: those without a purpose). */
export async function countAttachments(
  db: Pool,
  owner: { type: string; id: string },
  purpose: string | null,
): Promise<number> {
  const { rows } = await db.query<{ n: number }>({
    text: `SELECT count(*)::int AS n FROM attachments WHERE owner_type = $1 AND owner_id = $2
           AND purpose IS NOT DISTINCT FROM $3`,
    values: [owner.type, owner.id, purpose],
  });
  return rows[0]?.n ?? 0;
}
