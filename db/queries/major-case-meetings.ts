import type { Pool, PoolClient } from 'pg';
import type { Attendance } from '../../procedures/meeting/messages';

/**
 * The major-case coordination group's meetings (大要案协调小组, issue 18 part 4): their members are people, whose
 * attendance lives in `meeting_members`, never in `meeting_attendance` (which makes a meeting visible to a unit and
 * counts in the units' assessment).
 */

/** The group's members in an organisation (people.major_case_group), with their units. */
export async function listMajorCaseMembers(
  pool: Pool,
  orgId: string,
): Promise<{ personId: string; personName: string; unitId: string; unitName: string }[]> {
  const { rows } = await pool.query<{ personId: string; personName: string; unitId: string; unitName: string }>({
    text: `SELECT p.id AS "personId", p.name AS "personName", u.id AS "unitId", u.name AS "unitName"
           FROM people p JOIN units u ON u.id = p.unit_id
           WHERE p.org_id = $1 AND p.active AND p.major_case_group
           ORDER BY array_position(ARRAY['GROUP','OFFICE','ENFORCEMENT'], u.kind), u.id, p.id`,
    values: [orgId],
  });
  return rows;
}

/** Writes each member's attendance (the snapshot is newer: the caller checked the meeting row's version). */
export async function upsertMemberAttendance(
  client: PoolClient,
  meetingId: string,
  attendance: Attendance[],
): Promise<void> {
  await client.query({
    text: `INSERT INTO meeting_members (meeting_id, person_id, unit_id, status, answer, attendee, reason, answered_by,
             answered_at, urged_at)
           SELECT $1, a."personId", a."unitId", a.status, a.answer, a.attendee, a.reason, a."answeredBy", a."answeredAt",
             a."urgedAt"
           FROM jsonb_to_recordset($2::jsonb) AS a ("personId" text, "unitId" text, status text, answer text,
             attendee text, reason text, "answeredBy" text, "answeredAt" timestamptz, "urgedAt" timestamptz)
           ON CONFLICT (meeting_id, person_id) DO UPDATE SET status = EXCLUDED.status, answer = EXCLUDED.answer,
             attendee = EXCLUDED.attendee, reason = EXCLUDED.reason, answered_by = EXCLUDED.answered_by,
             answered_at = EXCLUDED.answered_at, urged_at = EXCLUDED.urged_at`,
    values: [meetingId, JSON.stringify(attendance)],
  });
}

/** A group meeting's attendance, member by member, as the API shows it. */
export async function readMemberAttendance(pool: Pool, meetingId: string) {
  const { rows } = await pool.query<
    Omit<Attendance, 'answeredAt' | 'urgedAt'> & { answeredAt: Date | null; urgedAt: Date | null }
  >({
    text: `SELECT a.unit_id AS "unitId", u.name AS "unitName", a.person_id AS "personId", p.name AS "personName",
             a.status, a.answer, a.attendee, a.reason, a.answered_by AS "answeredBy", a.answered_at AS "answeredAt",
             a.urged_at AS "urgedAt"
           FROM meeting_members a JOIN units u ON u.id = a.unit_id JOIN people p ON p.id = a.person_id
           WHERE a.meeting_id = $1
           ORDER BY array_position(ARRAY['GROUP','OFFICE','ENFORCEMENT'], u.kind), u.id, p.id`,
    values: [meetingId],
  });
  return rows;
}
