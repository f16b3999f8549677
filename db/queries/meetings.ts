import type { Pool, PoolClient } from 'pg';
import type { MeetingInput, MeetingKind } from '../../procedures/cycle/messages';
import type { Agenda, Attendance, MeetingStatus, Resolution, StatusReport } from '../../procedures/meeting/messages';
import { readMemberAttendance, upsertMemberAttendance } from './major-case-meetings';
import {
  members,
  readOne,
  readPage,
  readTimeline,
  scopeCondition,
  when,
  type ListScope,
  type Page,
  type ReadModel,
} from './read-page';
import { writeStepRows, type StepEvent } from './step-rows';

/** One step of a meeting workflow: its snapshot, a timeline entry and maybe an audit row. */
export type MeetingEvent = StepEvent<'meeting', MeetingInput, MeetingStatus>;

/** Writes the meeting row if this snapshot is newer than the stored one; true when it was. */
async function upsertMeeting(client: PoolClient, workflowId: string, m: MeetingInput, s: MeetingStatus) {
  const { rowCount } = await client.query({
    text: `INSERT INTO meetings (id, workflow_id, cycle_id, org_id, key, kind, title, place, topics, at, confirm_by,
             since, called_by, state, agenda, held_at, minutes, minuted_by, minuted_at, minutes_due_at,
             minutes_reminded, version, referral_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
             $23)
           ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, agenda = EXCLUDED.agenda, held_at = EXCLUDED.held_at,
             minutes = EXCLUDED.minutes, minuted_by = EXCLUDED.minuted_by, minuted_at = EXCLUDED.minuted_at,
             minutes_due_at = EXCLUDED.minutes_due_at, minutes_reminded = EXCLUDED.minutes_reminded,
             version = EXCLUDED.version, updated_at = now()
           WHERE meetings.version < EXCLUDED.version`,
    values: [
      s.meetingId,
      workflowId,
      m.cycleId,
      m.orgId,
      m.key,
      m.kind,
      m.title,
      m.place,
      JSON.stringify(m.topics),
      m.at,
      m.confirmBy,
      m.since,
      m.calledBy?.personId ?? null,
      s.state,
      s.agenda ? JSON.stringify(s.agenda) : null,
      s.heldAt,
      s.minutes,
      s.minutedBy,
      s.minutedAt,
      s.minutesDueAt,
      s.minutesReminded,
      s.version,
      m.referralId ?? null,
    ],
  });
  return (rowCount ?? 0) > 0;
}

async function upsertAttendance(client: PoolClient, meetingId: string, attendance: Attendance[]): Promise<void> {
  await client.query({
    text: `INSERT INTO meeting_attendance (meeting_id, unit_id, status, answer, attendee, reason, answered_by,
             answered_at, urged_at)
           SELECT $1, a."unitId", a.status, a.answer, a.attendee, a.reason, a."answeredBy", a."answeredAt", a."urgedAt"
           FROM jsonb_to_recordset($2::jsonb) AS a ("unitId" text, status text, answer text, attendee text,
             reason text, "answeredBy" text, "answeredAt" timestamptz, "urgedAt" timestamptz)
           ON CONFLICT (meeting_id, unit_id) DO UPDATE SET status = EXCLUDED.status, answer = EXCLUDED.answer,
             attendee = EXCLUDED.attendee, reason = EXCLUDED.reason, answered_by = EXCLUDED.answered_by,
             answered_at = EXCLUDED.answered_at, urged_at = EXCLUDED.urged_at`,
    values: [meetingId, JSON.stringify(attendance)],
  });
}

/**
 * Writes one meeting step inside the caller's transaction; a retry changes nothing (the snapshot and its attendance move forward
 * by version, the timeline entry, resolutions and audit row are keyed by workflow id + step or by sequence).
 */
export async function writeMeetingEvent(client: PoolClient, e: MeetingEvent): Promise<void> {
  const meetingId = e.status.meetingId;
  if (await upsertMeeting(client, e.workflowId, e.meeting, e.status)) {
    // A major-case group meeting's members are people: never rows of meeting_attendance, which units are seen through.
    if (e.meeting.kind === 'MAJOR_CASE') await upsertMemberAttendance(client, meetingId, e.status.attendance);
    else await upsertAttendance(client, meetingId, e.status.attendance);
  }
  for (const r of e.status.resolutions) {
    await client.query({
      text: `INSERT INTO meeting_resolutions (meeting_id, seq, title, task_id) VALUES ($1, $2, $3, $4)
             ON CONFLICT (meeting_id, seq) DO NOTHING`,
      values: [meetingId, r.seq, r.title, r.taskId],
    });
  }
  await writeStepRows(client, 'meeting', { id: meetingId, orgId: e.meeting.orgId }, e);
}

/** The member units of an organisation's joint meeting: its active leadership-group member units, convener aside. */
export async function listMeetingMembers(pool: Pool, orgId: string): Promise<{ unitId: string; unitName: string }[]> {
  const { rows } = await pool.query<{ unitId: string; unitName: string }>({
    text: `SELECT id AS "unitId", name AS "unitName" FROM units
           WHERE org_id = $1 AND active AND group_member AND kind NOT IN ('OFFICE', 'GROUP')
           ORDER BY level, array_position(ARRAY['DEPARTMENT','TOWN','VILLAGE'], kind), id`,
    values: [orgId],
  });
  return rows;
}

/** A meeting as the API shows it. */
export interface MeetingRow {
  id: string;
  workflowId: string;
  cycleId: string;
  orgId: string;
  key: string;
  kind: MeetingKind;
  title: string;
  place: string;
  topics: string[];
  at: Date;
  confirmBy: Date;
  since: Date;
  calledBy: string | null;
  state: MeetingStatus['state'];
  heldAt: Date | null;
  minutesDueAt: Date | null;
  minutesReminded: boolean;
  /** Invited units, and their responsible leaders: who may see the meeting besides the office and the group. */
  unitIds: string[];
  unitLeaderIds: string[];
  /** A MAJOR_CASE meeting (大要案协调小组): its member people, who alone (with the office) may see it; else null. */
  memberIds: string[] | null;
  /** The referral (移送) a MAJOR_CASE meeting was convened on, if any. */
  referralId: string | null;
}

const MEMBERS = members('meeting_attendance', 'meeting_id', 'm');
const MEETINGS: ReadModel = {
  select: `m.id, m.workflow_id AS "workflowId", m.cycle_id AS "cycleId", m.org_id AS "orgId", m.key, m.kind, m.title,
    m.place, m.topics, m.at, m.confirm_by AS "confirmBy", m.since, m.called_by AS "calledBy", m.state,
    m.held_at AS "heldAt", m.minutes_due_at AS "minutesDueAt", m.minutes_reminded AS "minutesReminded",
    m.referral_id AS "referralId", ${MEMBERS.columns},
    CASE WHEN m.kind = 'MAJOR_CASE' THEN
      ARRAY(SELECT mm.person_id FROM meeting_members mm WHERE mm.meeting_id = m.id ORDER BY mm.person_id) END
      AS "memberIds"`,
  from: 'meetings m',
  id: 'm.id',
  org: 'm.org_id',
  scope: MEMBERS.scope,
};

export const findMeeting = (pool: Pool, meetingId: string) => readOne<MeetingRow>(pool, MEETINGS, meetingId);

/**
 * Who reads the major-case group's meetings (大要案协调小组): the office, and each member person; nobody else, whatever
 * their scope over the organisation (the leadership group, leaders and units see none unless members).
 */
export interface MajorCaseViewer {
  personId: string;
  office: boolean;
}

/**
 * A page of the meetings in scope, soonest-held last (newest first): the joint meetings of the caller's scope, and the
 * major-case group's meetings only for the office and their members.
 */
export const listMeetings = (
  pool: Pool,
  scope: ListScope,
  filter: { cycleId?: string; kind?: MeetingKind },
  page: Page,
  viewer: MajorCaseViewer,
) =>
  readPage<MeetingRow>(
    pool,
    {
      ...MEETINGS,
      filters: (p) => [
        when(filter.cycleId, (c) => `m.cycle_id = ${p(c)}`),
        when(filter.kind, (k) => `m.kind = ${p(k)}`),
        `((m.kind <> 'MAJOR_CASE' AND ${scopeCondition(MEMBERS.scope, scope, p)}) OR (m.kind = 'MAJOR_CASE' AND ${
          viewer.office
            ? 'TRUE'
            : `EXISTS (SELECT 1 FROM meeting_members mm WHERE mm.meeting_id = m.id AND mm.person_id = ${p(viewer.personId)})`
        }))`,
      ],
      orderBy: 'm.at DESC, m.id',
    },
    // The scope is applied by the filter above, kind by kind.
    { ...scope, wholeOrg: true },
    page,
  );

/** A meeting's attendance (a major-case group meeting's: member by member), agenda, minutes, resolutions and timeline. */
export async function readMeetingDetails(pool: Pool, meetingId: string, kind?: MeetingKind) {
  if (kind !== 'MAJOR_CASE') return readJointMeetingDetails(pool, meetingId);
  const [details, attendance] = await Promise.all([
    readJointMeetingDetails(pool, meetingId),
    readMemberAttendance(pool, meetingId),
  ]);
  // The group's agenda is its topics, without a status report: the API's agenda (which always has one) stays null.
  return { ...details, agenda: null, attendance };
}

async function readJointMeetingDetails(pool: Pool, meetingId: string) {
  const [meeting, attendance, resolutions, timeline] = await Promise.all([
    // A joint meeting's agenda always has its status report (only a major-case group meeting's has none).
    pool.query<{
      agenda: (Agenda & { report: StatusReport }) | null;
      minutes: string | null;
      minutedBy: string | null;
      minutedAt: Date | null;
    }>({
      text: `SELECT agenda, minutes, minuted_by AS "minutedBy", minuted_at AS "minutedAt" FROM meetings WHERE id = $1`,
      values: [meetingId],
    }),
    pool.query<Omit<Attendance, 'answeredAt' | 'urgedAt'> & { answeredAt: Date | null; urgedAt: Date | null }>({
      text: `SELECT a.unit_id AS "unitId", u.name AS "unitName", a.status, a.answer, a.attendee, a.reason,
               a.answered_by AS "answeredBy", a.answered_at AS "answeredAt", a.urged_at AS "urgedAt"
             FROM meeting_attendance a JOIN units u ON u.id = a.unit_id WHERE a.meeting_id = $1
             ORDER BY u.level, array_position(ARRAY['DEPARTMENT','TOWN','VILLAGE'], u.kind), u.id`,
      values: [meetingId],
    }),
    pool.query<Resolution & { state: string | null }>({
      text: `SELECT r.seq, r.title, r.task_id AS "taskId", t.state FROM meeting_resolutions r
             LEFT JOIN tasks t ON t.id = r.task_id WHERE r.meeting_id = $1 ORDER BY r.seq`,
      values: [meetingId],
    }),
    readTimeline(pool, 'meeting_timeline', 'meeting_id', meetingId),
  ]);
  return {
    ...(meeting.rows[0] ?? { agenda: null, minutes: null, minutedBy: null, minutedAt: null }),
    attendance: attendance.rows,
    resolutions: resolutions.rows,
    timeline,
  };
}
