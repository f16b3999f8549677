import type { PoolClient } from 'pg';
import type { RotationInput, RotationStatus } from '../../procedures/rotation/messages';
import { writeStepRows, type StepEvent } from './step-rows';

/** One step of a rotation plan's workflow: its snapshot, a timeline entry (of a window or the plan) and its audit row. */
export type RotationEvent = StepEvent<'input', RotationInput, RotationStatus, { windowId: string | null }> & {
  audit: { action: string; payload: unknown };
};

/** Writes the plan and its windows if this snapshot is newer than the stored one. */
async function upsertPlan(
  client: PoolClient,
  workflowId: string,
  i: RotationInput,
  s: RotationStatus,
): Promise<boolean> {
  const plan = await client.query({
    text: `INSERT INTO rotation_plans (id, workflow_id, org_id, year, state, created_by, created_at, due_at, escalate_at,
             closed_at, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, due_at = EXCLUDED.due_at,
             escalate_at = EXCLUDED.escalate_at, closed_at = EXCLUDED.closed_at, version = EXCLUDED.version,
             updated_at = now()
           WHERE rotation_plans.version < EXCLUDED.version`,
    values: [
      i.planId,
      workflowId,
      i.orgId,
      i.year,
      s.state,
      i.createdBy.personId,
      s.createdAt,
      s.dueAt,
      s.escalateAt,
      s.closedAt,
      s.version,
    ],
  });
  if ((plan.rowCount ?? 0) === 0) return false;
  for (const w of s.windows) {
    await client.query({
      text: `INSERT INTO rotation_windows (plan_id, window_id, org_id, person_id, unit_id, start_date, end_date, original,
               swaps, state, due_at, answered_at, confirmed_at, confirmed_by, confirmed_late, overdue_at, escalated_at,
               started_at, ended_at, end_reason, version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
             ON CONFLICT (plan_id, window_id) DO UPDATE SET person_id = EXCLUDED.person_id,
               start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date, swaps = EXCLUDED.swaps,
               state = EXCLUDED.state, due_at = EXCLUDED.due_at, answered_at = EXCLUDED.answered_at,
               confirmed_at = EXCLUDED.confirmed_at, confirmed_by = EXCLUDED.confirmed_by,
               confirmed_late = EXCLUDED.confirmed_late, overdue_at = EXCLUDED.overdue_at,
               escalated_at = EXCLUDED.escalated_at, started_at = EXCLUDED.started_at, ended_at = EXCLUDED.ended_at,
               end_reason = EXCLUDED.end_reason, version = EXCLUDED.version
             WHERE rotation_windows.version < EXCLUDED.version`,
      values: [
        i.planId,
        w.windowId,
        i.orgId,
        w.personId,
        w.unitId,
        w.start,
        w.end,
        JSON.stringify(w.original),
        JSON.stringify(w.swaps),
        w.state,
        w.dueAt,
        w.answeredAt,
        w.confirmedAt,
        w.confirmedBy,
        w.confirmedLate,
        w.overdueAt,
        w.escalatedAt,
        w.startedAt,
        w.endedAt,
        w.endReason,
        s.version,
      ],
    });
  }
  return true;
}

/** Writes one plan step inside the caller's transaction; a retry changes nothing (versioned snapshot, keyed steps). */
export async function writeRotationEvent(client: PoolClient, e: RotationEvent): Promise<void> {
  await upsertPlan(client, e.workflowId, e.input, e.status);
  await writeStepRows(client, 'rotation', { id: e.input.planId, orgId: e.input.orgId }, e, {
    window_id: e.entry.windowId,
  });
}
