import type { Pool, PoolClient } from 'pg';
import type { SubmissionInput, SubmissionStatus } from '../../procedures/submission/messages';
import { writeStepRows, type StepEvent } from './step-rows';

/** One step of a submission workflow: its snapshot, a timeline entry and its audit row. */
export type SubmissionEvent = StepEvent<'input', SubmissionInput, SubmissionStatus> & {
  audit: { action: string; payload: unknown };
};

/** The status's columns, written as the workflow moves on. */
const UPDATED: [string, (s: SubmissionStatus) => unknown][] = [
  ['state', (s) => s.state],
  ['triage_due_at', (s) => s.triageDueAt],
  ['triage_remind_at', (s) => s.triageRemindAt],
  ['triage_head_at', (s) => s.triageHeadAt],
  ['triage_reminded_at', (s) => s.triageRemindedAt],
  ['triage_overdue_at', (s) => s.triageOverdueAt],
  ['triage_escalated_at', (s) => s.triageEscalatedAt],
  ['triaged_at', (s) => s.triagedAt],
  ['triaged_by', (s) => s.triagedBy],
  ['triage_action', (s) => s.triageAction],
  ['triage_late', (s) => s.triageLate],
  ['task_id', (s) => s.taskId],
  ['referral_id', (s) => s.referralId],
  ['merged_into', (s) => s.mergedInto],
  ['merged_ids', (s) => s.mergedIds],
  ['close_reason', (s) => s.closeReason],
  ['answer_due_at', (s) => s.answerDueAt],
  ['answer_head_at', (s) => s.answerHeadAt],
  ['answer_overdue_at', (s) => s.answerOverdueAt],
  ['answer', (s) => s.answer],
  ['answered_at', (s) => s.answeredAt],
  ['answered_by', (s) => s.answeredBy],
  ['answer_late', (s) => s.answerLate],
  ['task_done_at', (s) => s.taskDoneAt],
  ['rating', (s) => s.rating],
  ['rating_comment', (s) => s.ratingComment],
  ['rated_at', (s) => s.ratedAt],
  ['version', (s) => s.version],
];

/** Writes the submission row if this snapshot is newer than the stored one. */
async function upsertSubmission(client: PoolClient, workflowId: string, i: SubmissionInput, s: SubmissionStatus) {
  const fixed: [string, unknown][] = [
    ['id', i.submissionId],
    ['workflow_id', workflowId],
    ['org_id', i.orgId],
    ['kind', i.kind],
    ['subject_unit_id', i.subjectUnitId],
    ['what', i.what],
    ['place', i.where],
    ['happened_on', i.happenedOn],
    ['policy', JSON.stringify(i.policy)],
    ['submitted_by', i.submittedBy.personId],
    ['submitted_at', s.submittedAt],
  ];
  const columns = [...fixed.map(([c]) => c), ...UPDATED.map(([c]) => c)];
  const values = [...fixed.map(([, v]) => v), ...UPDATED.map(([, f]) => f(s))];
  const changing = UPDATED.map(([c]) => c);
  await client.query({
    text: `INSERT INTO submissions (${columns.join(', ')}) VALUES (${columns.map((_, n) => `$${n + 1}`).join(', ')})
           ON CONFLICT (id) DO UPDATE SET ${changing.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = now()
           WHERE submissions.version < EXCLUDED.version`,
    values,
  });
}

/** Writes one submission step inside the caller's transaction; a retry changes nothing (workflow id + step). */
export async function writeSubmissionEvent(client: PoolClient, e: SubmissionEvent): Promise<void> {
  await upsertSubmission(client, e.workflowId, e.input, e.status);
  await writeStepRows(client, 'submission', { id: e.input.submissionId, orgId: e.input.orgId }, e);
}

/** The organisation's office unit (组织协调室), if it has one. */
export async function officeUnitOf(db: Pool, orgId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>({
    text: `SELECT id FROM units WHERE org_id = $1 AND kind = 'OFFICE' AND active ORDER BY id LIMIT 1`,
    values: [orgId],
  });
  return rows[0]?.id;
}
