import type { Pool, PoolClient } from 'pg';
import type { InspectionInput, InspectionReport, InspectionStatus } from '../../procedures/inspection/messages';
import { writeStepRows, type StepEvent } from './step-rows';

/** Who may read a timeline entry: everyone who sees the round, the unit it is about, or the whole-round readers. */
export type TimelineScope = 'ALL' | 'UNIT' | 'OFFICE';

/** One step of an inspection round's workflow: its snapshot, a timeline entry, maybe an audit row and its report. */
export type InspectionEvent = StepEvent<
  'round',
  InspectionInput,
  InspectionStatus,
  { unitId?: string | null; scope: TimelineScope }
> & { report?: InspectionReport };

/** Writes the round row if this snapshot is newer than the stored one; true when it was. */
async function upsertRound(client: PoolClient, e: InspectionEvent): Promise<boolean> {
  const { round: r, status: s } = e;
  const { rowCount } = await client.query({
    text: `INSERT INTO inspection_rounds (id, workflow_id, cycle_id, org_id, key, kind, title, checklist,
             self_check_due_date, findings_due_date, called_by, request_hash, state, self_check_due_at, remind_at,
             escalate_at, findings_due_at, findings_closed_at, closed_at, report, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
           ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, self_check_due_at = EXCLUDED.self_check_due_at,
             remind_at = EXCLUDED.remind_at, escalate_at = EXCLUDED.escalate_at,
             findings_due_at = EXCLUDED.findings_due_at, findings_closed_at = EXCLUDED.findings_closed_at,
             closed_at = EXCLUDED.closed_at, report = COALESCE(EXCLUDED.report, inspection_rounds.report),
             version = EXCLUDED.version, updated_at = now()
           WHERE inspection_rounds.version < EXCLUDED.version`,
    values: [
      s.roundId,
      e.workflowId,
      r.cycleId,
      r.orgId,
      r.key,
      r.kind,
      r.title,
      JSON.stringify(r.checklist),
      r.selfCheckDueDate,
      r.findingsDueDate,
      r.calledBy?.personId ?? null,
      r.requestHash ?? null,
      s.state,
      s.selfCheckDueAt,
      s.remindAt,
      s.escalateAt,
      s.findingsDueAt,
      s.findingsClosedAt,
      s.closedAt,
      e.report ? JSON.stringify(e.report) : null,
      s.version,
    ],
  });
  return (rowCount ?? 0) > 0;
}

async function upsertUnits(client: PoolClient, s: InspectionStatus): Promise<void> {
  await client.query({
    text: `INSERT INTO inspection_units (round_id, unit_id, self_check_status, self_check_report, filed_by, filed_at,
             urged_at, escalated_at, findings_recorded_at)
           SELECT $1, u."unitId", u."selfCheck", u.report, u."filedBy", u."filedAt", u."urgedAt", u."escalatedAt",
             u."findingsRecordedAt"
           FROM jsonb_to_recordset($2::jsonb) AS u ("unitId" text, "selfCheck" text, report text, "filedBy" text,
             "filedAt" timestamptz, "urgedAt" timestamptz, "escalatedAt" timestamptz, "findingsRecordedAt" timestamptz)
           ON CONFLICT (round_id, unit_id) DO UPDATE SET self_check_status = EXCLUDED.self_check_status,
             self_check_report = EXCLUDED.self_check_report, filed_by = EXCLUDED.filed_by, filed_at = EXCLUDED.filed_at,
             urged_at = EXCLUDED.urged_at, escalated_at = EXCLUDED.escalated_at,
             findings_recorded_at = EXCLUDED.findings_recorded_at`,
    values: [s.roundId, JSON.stringify(s.units)],
  });
}

/**
 * Writes one step of a round inside the caller's transaction; a retry changes nothing (the snapshot and its units move forward by
 * version; findings, the timeline entry and the audit row are keyed by task id or by workflow id + step).
 */
export async function writeInspectionEvent(client: PoolClient, e: InspectionEvent): Promise<void> {
  const roundId = e.status.roundId;
  if (await upsertRound(client, e)) await upsertUnits(client, e.status);
  for (const f of e.status.findings) {
    await client.query({
      text: `INSERT INTO inspection_findings (id, round_id, cycle_id, unit_id, seq, severity, description,
               requirement, task_id, recorded_by, recorded_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $1, $9, $10) ON CONFLICT (id) DO NOTHING`,
      values: [
        f.taskId,
        roundId,
        e.round.cycleId,
        f.unitId,
        f.seq,
        f.severity,
        f.description,
        f.requirement,
        f.recordedBy,
        f.recordedAt,
      ],
    });
  }
  for (const o of e.status.observers ?? []) {
    await client.query({
      text: `INSERT INTO inspection_observers (round_id, person_id, invited_by, invited_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (round_id, person_id) DO NOTHING`,
      values: [roundId, o.personId, o.invitedBy, o.invitedAt],
    });
  }
  for (const o of e.status.observations ?? []) {
    await client.query({
      text: `INSERT INTO inspection_observations (round_id, seq, unit_id, person_id, text, at)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (round_id, seq) DO NOTHING`,
      values: [roundId, o.seq, o.unitId, o.personId, o.text, o.at],
    });
  }
  const { unitId, scope } = e.entry;
  await writeStepRows(client, 'inspection', { id: roundId, orgId: e.round.orgId }, e, {
    unit_id: unitId ?? null,
    scope,
  });
}

/** The units of a round's scope with their names and responsible leaders, in the order given. */
export async function listInspectionUnits(
  pool: Pool,
  orgId: string,
  unitIds: string[],
): Promise<{ unitId: string; unitName: string; leaderId: string | null }[]> {
  const { rows } = await pool.query<{ unitId: string; unitName: string; leaderId: string | null }>({
    text: `SELECT id AS "unitId", name AS "unitName", leader_id AS "leaderId" FROM units
           WHERE org_id = $1 AND id = ANY ($2) ORDER BY array_position($2, id)`,
    values: [orgId, unitIds],
  });
  return rows;
}
