import type { Pool, PoolClient } from 'pg';
import { readWorkingCalendar } from './calendar';
import type { CaseTeamInput, CaseTeamStatus } from '../../procedures/case-team/messages';
import { membersOf } from '../../procedures/case-team/machine';
import { writeStepRows, type StepEvent } from './step-rows';

/** One step of a case team's workflow: its snapshot, a timeline entry (of a seat, or of the team) and its audit row. */
export type CaseTeamEvent = StepEvent<'input', CaseTeamInput, CaseTeamStatus, { secondmentId: string | null }> & {
  audit: { action: string; payload: unknown };
};

/** Writes the team row if this snapshot is newer than the stored one; answers whether it was. */
async function upsertTeam(client: PoolClient, workflowId: string, t: CaseTeamInput, s: CaseTeamStatus) {
  const written = await client.query({
    text: `INSERT INTO case_teams (id, workflow_id, org_id, zone_id, case_ref, skills, concerned_unit_ids, policy,
             start_date, end_date, end_at, state, opened_by, opened_at, released_at, released_early, release_reason,
             extensions, member_ids, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
           ON CONFLICT (id) DO UPDATE SET end_date = EXCLUDED.end_date, end_at = EXCLUDED.end_at, state = EXCLUDED.state,
             released_at = EXCLUDED.released_at, released_early = EXCLUDED.released_early,
             release_reason = EXCLUDED.release_reason, extensions = EXCLUDED.extensions,
             member_ids = EXCLUDED.member_ids, version = EXCLUDED.version, updated_at = now()
           WHERE case_teams.version < EXCLUDED.version`,
    values: [
      t.teamId,
      workflowId,
      t.orgId,
      t.zoneId,
      t.caseRef,
      JSON.stringify(t.skills),
      t.concernedUnitIds,
      JSON.stringify(t.policy),
      t.startDate,
      s.endDate,
      s.endAt,
      s.state,
      t.openedBy?.personId ?? null,
      s.openedAt,
      s.releasedAt,
      s.releasedEarly,
      s.releaseReason,
      JSON.stringify(s.extensions),
      membersOf(s).map((m) => m.personId!),
      s.version,
    ],
  });
  return (written.rowCount ?? 0) > 0;
}

/** The seats as the snapshot has them (only those already requested: a seat has its limit from then on). */
async function upsertSecondments(client: PoolClient, workflowId: string, t: CaseTeamInput, s: CaseTeamStatus) {
  for (const x of s.secondments.filter((x) => x.requestedAt !== null && x.dueAt !== null)) {
    await client.query({
      text: `INSERT INTO secondments (id, team_id, workflow_id, org_id, unit_id, skill, wanted_person_id, state, round,
               requested_at, due_at, escalate_at, answered_at, late, urged_at, escalated_at, person_id, proposed, reason,
               named_by, confirmed_at, released_at, recused, rejected, version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
               $23, $24, $25)
             ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, round = EXCLUDED.round,
               requested_at = EXCLUDED.requested_at, due_at = EXCLUDED.due_at, escalate_at = EXCLUDED.escalate_at,
               answered_at = EXCLUDED.answered_at, late = EXCLUDED.late, urged_at = EXCLUDED.urged_at,
               escalated_at = EXCLUDED.escalated_at, person_id = EXCLUDED.person_id, proposed = EXCLUDED.proposed,
               reason = EXCLUDED.reason, named_by = EXCLUDED.named_by, confirmed_at = EXCLUDED.confirmed_at,
               released_at = EXCLUDED.released_at, recused = EXCLUDED.recused, rejected = EXCLUDED.rejected,
               version = EXCLUDED.version, updated_at = now()
             WHERE secondments.version < EXCLUDED.version`,
      values: [
        x.secondmentId,
        t.teamId,
        workflowId,
        t.orgId,
        x.unitId,
        x.skill,
        x.wantedPersonId,
        x.state,
        x.round,
        x.requestedAt,
        x.dueAt,
        x.escalateAt,
        x.answeredAt,
        x.late,
        x.urgedAt,
        x.escalatedAt,
        x.personId,
        x.proposed,
        x.reason,
        x.namedBy,
        x.confirmedAt,
        x.releasedAt,
        x.recused,
        x.rejected,
        s.version,
      ],
    });
  }
}

/**
 * The roster table (case_team_members, migration 022) as the snapshot has it: a confirmed person joins, a released
 * one gets `released_at`, one who declared a conflict after confirmation is taken off (they did not serve).
 */
async function syncRoster(client: PoolClient, t: CaseTeamInput, s: CaseTeamStatus) {
  const members = membersOf(s);
  for (const m of members) {
    await client.query({
      text: `INSERT INTO case_team_members (team_id, person_id, unit_id, org_id, case_ref, joined_at, released_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (team_id, person_id) DO UPDATE SET released_at = EXCLUDED.released_at`,
      values: [t.teamId, m.personId, m.unitId, t.orgId, t.caseRef, m.confirmedAt, m.releasedAt],
    });
  }
  await client.query({
    text: `DELETE FROM case_team_members WHERE team_id = $1 AND NOT (person_id = ANY($2))`,
    values: [t.teamId, members.map((m) => m.personId!)],
  });
}

/**
 * Writes one step of a team inside the caller's transaction; a retry changes nothing: the snapshot moves forward by
 * version (the roster follows only a newer snapshot), the timeline entry and audit row are keyed by workflow id + step.
 */
export async function writeCaseTeamEvent(client: PoolClient, e: CaseTeamEvent): Promise<void> {
  if (await upsertTeam(client, e.workflowId, e.input, e.status)) {
    await upsertSecondments(client, e.workflowId, e.input, e.status);
    await syncRoster(client, e.input, e.status);
  }
  await writeStepRows(
    client,
    'caseTeam',
    { id: e.input.teamId, orgId: e.input.orgId },
    { workflowId: e.workflowId, entry: e.entry, audit: e.audit },
    { secondment_id: e.entry.secondmentId },
  );
}

/** The working-day calendar of an organisation around a date's year. */
export async function calendarAround(pool: Pool, orgId: string, year: number) {
  return readWorkingCalendar(pool, orgId, year - 1, year + 1);
}
