import type { PoolClient } from 'pg';
import type { Actor } from '../../procedures/task/messages';
import { personRef } from '../../procedures/kernel/named-refs';
import { appendAudit } from './audit';
import { nameRefs } from './named-refs';

/** A timeline entry a workflow step writes: `at` is the workflow's time of the step (absent: the database's clock). */
export interface StepEntry {
  step: string;
  kind: string;
  message: string;
  actor?: Actor | null;
  at?: string;
  /** Files given with the step's action (佐证材料): bound to the step as it is written. */
  attachments?: readonly { id: string }[];
}

/**
 * One step of a procedure's workflow as the read model records it: the instance's input (under `Key`) and its status
 * after the step, the timeline entry (`at`: the workflow's time of the step, Temporal's clock, which tests skip
 * ahead) and, for a step the audit log keeps, its audit row.
 */
export type StepEvent<Key extends string, Input, Status, Entry = object> = {
  workflowId: string;
  status: Status;
  entry: StepEntry & { at: string } & Entry;
  audit?: { action: string; payload: unknown };
} & Record<Key, Input>;

/** Where each procedure keeps its timeline, and who the audit log names for a step no person took. */
const KINDS = {
  task: { table: 'task_timeline', key: 'task_id', system: undefined },
  cycle: { table: 'cycle_timeline', key: 'cycle_id', system: 'system:schedule' },
  meeting: { table: 'meeting_timeline', key: 'meeting_id', system: 'system:meeting' },
  inspection: { table: 'inspection_timeline', key: 'round_id', system: 'system:inspection' },
  case: { table: 'case_timeline', key: 'case_id', system: 'system:case' },
  referral: { table: 'referral_timeline', key: 'referral_id', system: 'system:referral' },
  caseTeam: { table: 'case_team_timeline', key: 'team_id', system: 'system:case-team' },
  rotation: { table: 'rotation_timeline', key: 'plan_id', system: 'system:rotation' },
  appraisal: { table: 'appraisal_timeline', key: 'appraisal_id', system: 'system:appraisal' },
  submission: { table: 'submission_timeline', key: 'submission_id', system: 'system:submission' },
} as const;

/**
 * Writes a step's timeline entry and (when it has one) its audit row inside the caller's transaction, both keyed by
 * workflow id + step, so that a retry writes neither twice; answers whether the step was new. `extra` adds columns of
 * that procedure's timeline (an inspection's unit and scope).
 */
export async function writeStepRows(
  client: PoolClient,
  kind: keyof typeof KINDS,
  instance: { id: string; orgId: string },
  e: { workflowId: string; entry: StepEntry; audit?: { action: string; payload: unknown } },
  extra: Record<string, unknown> = {},
): Promise<boolean> {
  const { table, key, system } = KINDS[kind];
  const { workflowId, entry, audit } = e;
  const names = Object.keys(extra).map((n) => `, ${n}`);
  // The message names units and people by name: the workflow wrote references (procedures/kernel/named-refs.ts).
  // A deputy's action for an absent person (请假与代理) is the deputy's, done on the person's behalf.
  const deputyId = entry.actor?.deputyId;
  const said = deputyId
    ? `${entry.message}（${personRef(deputyId)}代${personRef(entry.actor!.personId)}办理）`
    : entry.message;
  const [message] = await nameRefs(client, instance.orgId, said);
  const values = [instance.id, workflowId, entry.step, entry.kind, message, deputyId ?? entry.actor?.personId ?? null];
  const written = await client.query({
    text: `INSERT INTO ${table} (${key}, workflow_id, step, kind, message, actor_id, at${names.join('')})
           VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')}, coalesce($${values.length + 1}::timestamptz, now())
                   ${Object.keys(extra)
                     .map((_, i) => `, $${values.length + 2 + i}`)
                     .join('')})
           ON CONFLICT (workflow_id, step) DO NOTHING`,
    values: [...values, entry.at ?? null, ...Object.values(extra)],
  });
  if (entry.attachments?.length) {
    // Bound once: a retry finds them bound to this very step; one bound to another step stays with it.
    await client.query({
      text: `UPDATE attachments SET workflow_id = $1, step = $2
             WHERE org_id = $3 AND id = ANY($4::text[]) AND workflow_id IS NULL`,
      values: [workflowId, entry.step, instance.orgId, entry.attachments.map((a) => a.id)],
    });
  }
  if (audit) {
    await appendAudit(client, {
      orgId: instance.orgId,
      actorId: deputyId ?? entry.actor?.personId ?? system,
      ...(deputyId ? { onBehalfOf: entry.actor!.personId } : {}),
      actorRoles: entry.actor?.roles,
      tokenId: entry.actor?.credentialId,
      requestId: entry.actor?.requestId,
      action: audit.action,
      objectType: kind,
      objectId: instance.id,
      payload: audit.payload,
      outcome: 'DONE',
      workflowId,
      step: entry.step,
    });
  }
  return (written.rowCount ?? 0) > 0;
}
