import type { Pool, PoolClient } from 'pg';
import type { AppraisalInput, AppraisalStatus } from '../../procedures/appraisal/messages';
import { writeStepRows, type StepEvent } from './step-rows';

/** One step of a conduct appraisal's workflow: its snapshot, a timeline entry and maybe its audit row. */
export type AppraisalEvent = StepEvent<'input', AppraisalInput, AppraisalStatus>;

/** Writes the appraisal row if this snapshot is newer than the stored one; true when it was. */
async function upsertAppraisal(client: PoolClient, e: AppraisalEvent): Promise<boolean> {
  const { input: a, status: s } = e;
  const { rowCount } = await client.query({
    text: `INSERT INTO appraisals (id, workflow_id, org_id, cycle_id, year, title, opened_by, state, opened_at, due_at,
             remind_at, closed_at, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
           ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, due_at = EXCLUDED.due_at,
             remind_at = EXCLUDED.remind_at, closed_at = EXCLUDED.closed_at, version = EXCLUDED.version,
             updated_at = now()
           WHERE appraisals.version < EXCLUDED.version`,
    values: [
      a.appraisalId,
      e.workflowId,
      a.orgId,
      a.cycleId,
      a.year,
      a.title,
      a.openedBy.personId,
      s.state,
      s.openedAt,
      s.dueAt,
      s.remindAt,
      s.closedAt,
      s.version,
    ],
  });
  return (rowCount ?? 0) > 0;
}

/** The units, members, forms and (after the close) results of the snapshot, replacing the stored ones. */
async function writeRows(client: PoolClient, s: AppraisalStatus): Promise<void> {
  const id = s.appraisalId;
  await client.query({
    text: `INSERT INTO appraisal_units (appraisal_id, unit_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
    values: [id, s.units.map((u) => u.unitId)],
  });
  await client.query({
    text: `INSERT INTO appraisal_members (appraisal_id, person_id, invited_at, rated, finished_at)
           SELECT $1, m."personId", m."invitedAt", m.rated, m."finishedAt"
           FROM jsonb_to_recordset($2::jsonb) AS m ("personId" text, "invitedAt" timestamptz, rated int,
             "finishedAt" timestamptz)
           ON CONFLICT (appraisal_id, person_id) DO UPDATE SET rated = EXCLUDED.rated, finished_at = EXCLUDED.finished_at`,
    values: [id, JSON.stringify(s.members)],
  });
  await client.query({
    text: `INSERT INTO appraisal_ratings (appraisal_id, person_id, unit_id, rating, comment, rated_at)
           SELECT $1, r."personId", r."unitId", r.rating, r.comment, r."ratedAt"
           FROM jsonb_to_recordset($2::jsonb) AS r ("personId" text, "unitId" text, rating text, comment text,
             "ratedAt" timestamptz)
           ON CONFLICT (appraisal_id, person_id, unit_id) DO UPDATE SET rating = EXCLUDED.rating,
             comment = EXCLUDED.comment, rated_at = EXCLUDED.rated_at`,
    values: [id, JSON.stringify(s.ratings)],
  });
  await client.query({
    text: `INSERT INTO appraisal_results (appraisal_id, unit_id, raters, satisfied, basic, unsatisfied, score)
           SELECT $1, r."unitId", r.raters, r.satisfied, r.basic, r.unsatisfied, r.score
           FROM jsonb_to_recordset($2::jsonb) AS r ("unitId" text, raters int, satisfied int, basic int,
             unsatisfied int, score numeric)
           ON CONFLICT (appraisal_id, unit_id) DO NOTHING`,
    values: [id, JSON.stringify(s.results)],
  });
}

/** Writes one appraisal step inside the caller's transaction; a retry changes nothing (keyed by workflow id + step). */
export async function writeAppraisalEvent(client: PoolClient, e: AppraisalEvent): Promise<void> {
  if (await upsertAppraisal(client, e)) await writeRows(client, e.status);
  await writeStepRows(client, 'appraisal', { id: e.input.appraisalId, orgId: e.input.orgId }, e);
}

/** The appraised units with their names, in the order given. */
export async function listAppraisalUnits(pool: Pool, orgId: string, unitIds: string[]) {
  const { rows } = await pool.query<{ unitId: string; unitName: string }>({
    text: `SELECT id AS "unitId", name AS "unitName" FROM units
           WHERE org_id = $1 AND id = ANY ($2) ORDER BY array_position($2, id)`,
    values: [orgId, unitIds],
  });
  return rows;
}
