import type { Pool, PoolClient } from 'pg';
import type { ReferralInput, ReferralStatus } from '../../procedures/referral/messages';
import { writeStepRows, type StepEvent } from './step-rows';

/** One step of a referral workflow: its snapshot, a timeline entry and its audit row. */
export type ReferralEvent = StepEvent<'input', ReferralInput, ReferralStatus> & {
  audit: { action: string; payload: unknown };
};

const UPDATED = [
  'state',
  'acceptance_due_at',
  'acceptance_escalate_at',
  'accepted_at',
  'accepted_by',
  'acceptance_note',
  'acceptance_late',
  'acceptance_urged_at',
  'acceptance_escalated_at',
  'result_due_at',
  'result_escalate_at',
  'result_at',
  'result_by',
  'result',
  'result_late',
  'result_urged_at',
  'result_escalated_at',
  'returned_at',
  'returned_by',
  'return_reasons',
  'decision',
  'decision_note',
  'decided_by',
  'decided_at',
  'next_referral_id',
  'opinions',
  'access_ids',
  'closed_at',
  'version',
];

/** Writes the referral row if this snapshot is newer than the stored one. */
async function upsertReferral(client: PoolClient, workflowId: string, r: ReferralInput, s: ReferralStatus) {
  const columns = [
    'id',
    'workflow_id',
    'org_id',
    'direction',
    'sender_unit_id',
    'receiver_unit_id',
    'title',
    'parties',
    'summary',
    'dates',
    'policy',
    'previous_id',
    'sent_by',
    'sent_at',
    ...UPDATED,
  ];
  const values = [
    r.referralId,
    workflowId,
    r.orgId,
    r.direction,
    r.senderUnitId,
    r.receiverUnitId,
    r.title,
    r.parties,
    r.summary,
    JSON.stringify(r.dates),
    JSON.stringify(r.policy),
    r.previousId,
    r.sentBy.personId,
    s.sentAt,
    s.state,
    s.acceptanceDueAt,
    s.acceptanceEscalateAt,
    s.acceptedAt,
    s.acceptedBy,
    s.acceptanceNote,
    s.acceptanceLate,
    s.acceptanceUrgedAt,
    s.acceptanceEscalatedAt,
    s.resultDueAt,
    s.resultEscalateAt,
    s.resultAt,
    s.resultBy,
    s.result,
    s.resultLate,
    s.resultUrgedAt,
    s.resultEscalatedAt,
    s.returnedAt,
    s.returnedBy,
    s.returnReasons,
    s.decision,
    s.decisionNote,
    s.decidedBy,
    s.decidedAt,
    s.nextReferralId,
    JSON.stringify(s.opinions),
    s.accessIds,
    s.closedAt,
    s.version,
  ];
  await client.query({
    text: `INSERT INTO referrals (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
           ON CONFLICT (id) DO UPDATE SET ${UPDATED.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = now()
           WHERE referrals.version < EXCLUDED.version`,
    values,
  });
}

/** Writes one referral step inside the caller's transaction; a retry changes nothing (keyed by workflow id + step). */
export async function writeReferralEvent(client: PoolClient, e: ReferralEvent): Promise<void> {
  await upsertReferral(client, e.workflowId, e.input, e.status);
  await writeStepRows(client, 'referral', { id: e.input.referralId, orgId: e.input.orgId }, e);
}

/**
 * The two units' names and the major-case coordination group's members (大要案协调小组, people.major_case_group) of
 * the organisation, who hear of a feedback late on the ladder's second rung.
 */
export async function findReferralParties(
  pool: Pool,
  p: { orgId: string; senderUnitId: string; receiverUnitId: string },
): Promise<{ senderName: string; receiverName: string; groupIds: string[] }> {
  const { rows } = await pool.query<{ senderName: string | null; receiverName: string | null; groupIds: string[] }>({
    text: `SELECT (SELECT name FROM units WHERE id = $2) AS "senderName", (SELECT name FROM units WHERE id = $3) AS "receiverName",
             ARRAY(SELECT id FROM people WHERE org_id = $1 AND major_case_group AND active ORDER BY id) AS "groupIds"`,
    values: [p.orgId, p.senderUnitId, p.receiverUnitId],
  });
  const row = rows[0]!;
  return {
    senderName: row.senderName ?? p.senderUnitId,
    receiverName: row.receiverName ?? p.receiverUnitId,
    groupIds: row.groupIds,
  };
}
