import type { Pool, PoolClient } from 'pg';
import type { Actor, TaskInput, TaskStatus } from '../../procedures/task/messages';
import { inTransaction } from '../transaction';
import { writeEscalation } from './escalations';
import { readTimeline } from './read-page';
import { writeStepRows } from './step-rows';

/** One step of a task workflow: its snapshot, a timeline entry, maybe an audit row and an L3 referral. */
export interface TaskEvent {
  workflowId: string;
  task: TaskInput;
  status: TaskStatus;
  /** `at`: the workflow's time of the step; absent in events recorded before it was carried (the database's clock). */
  entry: { step: string; kind: string; message: string; actor?: Actor; at?: string };
  audit?: { action: string; payload: unknown };
  referral?: { rung: 3 };
}

async function upsertSnapshot(client: PoolClient, workflowId: string, t: TaskInput, s: TaskStatus): Promise<void> {
  await client.query({
    text: `INSERT INTO tasks (id, workflow_id, org_id, cycle_id, type, type_name, title, lead_unit_id, co_unit_ids,
             leader_id, requirements, standard, time_limit, extension_decided_by, due_date, original_due_date, due_at,
             provisional, state, light, rung, signed_at, last_progress_at, submitted_at, accepted_at, rating,
             late_working_days, urgings, returns, extensions_approved, extensions_denied, pending_extension,
             co_unit_reports, co_unit_gate_overridden, version, created_by, created_at, goal_id, pauses, paused_working_days,
             refusals, handlers, policy)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
             $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38, $39, $40, $41, $42, $43)
           ON CONFLICT (id) DO UPDATE SET
             lead_unit_id = EXCLUDED.lead_unit_id, co_unit_ids = EXCLUDED.co_unit_ids, leader_id = EXCLUDED.leader_id,
             due_date = EXCLUDED.due_date, original_due_date = EXCLUDED.original_due_date, due_at = EXCLUDED.due_at,
             provisional = EXCLUDED.provisional, state = EXCLUDED.state, light = EXCLUDED.light, rung = EXCLUDED.rung,
             signed_at = EXCLUDED.signed_at, last_progress_at = EXCLUDED.last_progress_at,
             submitted_at = EXCLUDED.submitted_at, accepted_at = EXCLUDED.accepted_at, rating = EXCLUDED.rating,
             late_working_days = EXCLUDED.late_working_days, urgings = EXCLUDED.urgings, returns = EXCLUDED.returns,
             extensions_approved = EXCLUDED.extensions_approved, extensions_denied = EXCLUDED.extensions_denied,
             pending_extension = EXCLUDED.pending_extension, co_unit_reports = EXCLUDED.co_unit_reports,
             co_unit_gate_overridden = EXCLUDED.co_unit_gate_overridden, version = EXCLUDED.version, updated_at = now(),
             pauses = EXCLUDED.pauses, paused_working_days = EXCLUDED.paused_working_days, refusals = EXCLUDED.refusals,
             handlers = EXCLUDED.handlers, policy = EXCLUDED.policy, type_name = EXCLUDED.type_name,
             extension_decided_by = EXCLUDED.extension_decided_by
           WHERE tasks.version < EXCLUDED.version`,
    values: [
      t.taskId,
      workflowId,
      t.orgId,
      t.cycleId,
      t.policy.type,
      t.policy.name,
      t.title,
      s.leadUnitId,
      s.coUnitIds,
      s.leaderId,
      t.requirements,
      t.standard,
      JSON.stringify(t.limit),
      t.policy.extensionDecidedBy,
      s.dueDate ?? null,
      s.originalDueDate ?? null,
      s.dueAt ?? null,
      s.provisional,
      s.state,
      s.light,
      s.rung,
      s.signedAt,
      s.lastProgressAt,
      s.submittedAt,
      s.acceptedAt,
      s.rating,
      s.lateWorkingDays,
      s.urgings,
      s.returns,
      s.extensionsApproved,
      s.extensionsDenied,
      s.pendingExtension ? JSON.stringify(s.pendingExtension) : null,
      JSON.stringify(s.coUnitReports),
      s.coUnitGateOverridden,
      s.version,
      t.createdBy,
      t.assignedAt,
      t.goalId ?? null,
      // A status recorded before pauses and refusals existed has neither.
      JSON.stringify(s.pauses ?? []),
      s.pausedWorkingDays ?? 0,
      JSON.stringify(s.refusals ?? []),
      // Nor one recorded before handlers (承办人).
      JSON.stringify(s.handlers ?? {}),
      // The policy in force for the task: a version applied to running tasks changes it (issue 22).
      JSON.stringify(t.policy),
    ],
  });
}

/** Milestones (序时进度) of the snapshot just written, with the count missed (the board's lag). */
async function writeMilestones(client: PoolClient, taskId: string, s: TaskStatus): Promise<void> {
  const milestones = s.milestones ?? [];
  await client.query({
    text: `UPDATE tasks SET milestones = $2, milestones_missed = $3 WHERE id = $1 AND version = $4`,
    values: [taskId, JSON.stringify(milestones), milestones.filter((m) => m.state === 'MISSED').length, s.version],
  });
}

/** The 批示件 and named supervision (挂牌督办) of the snapshot just written, for a task that has either. */
async function writeSupervision(client: PoolClient, taskId: string, s: TaskStatus): Promise<void> {
  await client.query({
    text: `UPDATE tasks SET instruction = $2, supervision = $3, named_supervision = $4 WHERE id = $1 AND version = $5`,
    values: [
      taskId,
      s.instruction ? JSON.stringify(s.instruction) : null,
      s.supervision ? JSON.stringify(s.supervision) : null,
      s.supervision?.named ?? false,
      s.version,
    ],
  });
}

/**
 * A type that requires evidence for the submission (佐证材料), and the office's waiver when given; or no longer
 * requires it, once a version applied to running tasks says so.
 */
async function writeEvidence(client: PoolClient, taskId: string, s: TaskStatus, required: boolean): Promise<void> {
  await client.query({
    text: `UPDATE tasks SET evidence_required = $4, evidence_waived = $2 WHERE id = $1 AND version = $3`,
    values: [taskId, s.evidenceWaived ? JSON.stringify(s.evidenceWaived) : null, s.version, required],
  });
}

/**
 * Records one workflow step in one transaction. A retried activity changes nothing: the snapshot only moves
 * forward by version, and the timeline entry, audit row, escalation record and referral are keyed by workflow id +
 * step.
 * Answers whether the step is new (false when a retry or replay found it recorded).
 */
export async function recordTaskEvent(pool: Pool, e: TaskEvent): Promise<boolean> {
  return inTransaction(pool, (client) => writeTaskEvent(client, e));
}

/** `recordTaskEvent` inside the caller's transaction. */
export async function writeTaskEvent(client: PoolClient, e: TaskEvent): Promise<boolean> {
  await upsertSnapshot(client, e.workflowId, e.task, e.status);
  if (e.status.milestones) await writeMilestones(client, e.task.taskId, e.status);
  if (e.status.instruction || e.status.supervision) await writeSupervision(client, e.task.taskId, e.status);
  const required = e.task.policy.requireEvidence === true;
  if (required || e.entry.kind === 'POLICY_CHANGED') await writeEvidence(client, e.task.taskId, e.status, required);
  if (e.task.parentTaskId) {
    await client.query({
      text: `UPDATE tasks SET parent_task_id = $2, parent_lead_unit_id = $3 WHERE id = $1`,
      values: [e.task.taskId, e.task.parentTaskId, e.task.parentLeadUnitId ?? null],
    });
  }
  const fresh = await writeStepRows(client, 'task', { id: e.task.taskId, orgId: e.task.orgId }, e);
  await writeEscalation(client, e);
  if (e.referral) {
    await client.query({
      text: `INSERT INTO accountability_referrals (org_id, task_id, unit_id, leader_id, due_date, workflow_id, step)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (workflow_id, step) DO NOTHING`,
      values: [
        e.task.orgId,
        e.task.taskId,
        e.status.leadUnitId,
        e.status.leaderId,
        e.status.dueDate,
        e.workflowId,
        e.entry.step,
      ],
    });
  }
  return fresh;
}

export const listTaskTimeline = (pool: Pool, taskId: string) => readTimeline(pool, 'task_timeline', 'task_id', taskId);
