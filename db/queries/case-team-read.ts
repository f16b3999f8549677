import type { Pool } from 'pg';
import type { CaseTeamState, SecondmentState, SkillNeed } from '../../procedures/case-team/messages';
import { readPage, when, type Page } from './read-page';

/** A case team as the office and its members read it (need to know: the case reference is here). */
export interface CaseTeamRow {
  id: string;
  workflowId: string;
  orgId: string;
  zoneId: string;
  zoneName: string;
  caseRef: string;
  skills: SkillNeed[];
  concernedUnitIds: string[];
  startDate: string;
  endDate: string;
  endAt: Date;
  state: CaseTeamState;
  openedBy: string | null;
  openedAt: Date;
  releasedAt: Date | null;
  releasedEarly: boolean;
  releaseReason: string | null;
  extensions: { from: string; to: string; reason: string; by: string; at: string }[];
  /** The confirmed members (serving or released): who may read the team besides the office. */
  memberIds: string[];
}

const TEAM_COLUMNS = `t.id, t.workflow_id AS "workflowId", t.org_id AS "orgId", t.zone_id AS "zoneId", z.name AS "zoneName",
  t.case_ref AS "caseRef", t.skills, t.concerned_unit_ids AS "concernedUnitIds",
  to_char(t.start_date, 'YYYY-MM-DD') AS "startDate", to_char(t.end_date, 'YYYY-MM-DD') AS "endDate",
  t.end_at AS "endAt", t.state, t.opened_by AS "openedBy", t.opened_at AS "openedAt", t.released_at AS "releasedAt",
  t.released_early AS "releasedEarly", t.release_reason AS "releaseReason", t.extensions, t.member_ids AS "memberIds"`;

export async function findCaseTeam(pool: Pool, teamId: string): Promise<CaseTeamRow | undefined> {
  const { rows } = await pool.query<CaseTeamRow>({
    text: `SELECT ${TEAM_COLUMNS} FROM case_teams t JOIN zones z ON z.id = t.zone_id WHERE t.id = $1`,
    values: [teamId],
  });
  return rows[0];
}

export interface CaseTeamFilter {
  zoneId?: string;
  state?: CaseTeamState;
}

/**
 * A page of an organisation's case teams, newest first: all of them (`memberId` undefined: the office), or those
 * `memberId` was confirmed on.
 */
export const listCaseTeams = (
  pool: Pool,
  orgId: string,
  memberId: string | undefined,
  filter: CaseTeamFilter,
  page: Page,
) =>
  readPage<CaseTeamRow>(
    pool,
    {
      select: TEAM_COLUMNS,
      from: 'case_teams t JOIN zones z ON z.id = t.zone_id',
      org: 't.org_id',
      scope: { unit: () => 'FALSE', leader: () => 'FALSE' },
      filters: (p) => [
        when(memberId, (v) => `t.member_ids @> ARRAY[${p(v)}::text]`),
        when(filter.zoneId, (v) => `t.zone_id = ${p(v)}`),
        when(filter.state, (v) => `t.state = ${p(v)}`),
      ],
      orderBy: 't.opened_at DESC, t.id',
    },
    { orgId, wholeOrg: true },
    page,
  );

/** A secondment (抽调) with what its unit may read of its team: zone, period, team state; never the case. */
export interface SecondmentRow {
  id: string;
  workflowId: string;
  teamId: string;
  orgId: string;
  zoneId: string;
  zoneName: string;
  startDate: string;
  endDate: string;
  teamState: CaseTeamState;
  unitId: string;
  unitName: string;
  skill: string;
  wantedPersonId: string | null;
  state: SecondmentState;
  round: number;
  requestedAt: Date;
  dueAt: Date;
  escalateAt: Date;
  answeredAt: Date | null;
  late: boolean;
  urgedAt: Date | null;
  escalatedAt: Date | null;
  personId: string | null;
  personName: string | null;
  proposed: boolean;
  reason: string | null;
  confirmedAt: Date | null;
  releasedAt: Date | null;
  recused: string[];
  rejected: string[];
}

const SECONDMENT_COLUMNS = `s.id, s.workflow_id AS "workflowId", s.team_id AS "teamId", s.org_id AS "orgId",
  t.zone_id AS "zoneId", z.name AS "zoneName", to_char(t.start_date, 'YYYY-MM-DD') AS "startDate",
  to_char(t.end_date, 'YYYY-MM-DD') AS "endDate", t.state AS "teamState", s.unit_id AS "unitId", u.name AS "unitName",
  s.skill, s.wanted_person_id AS "wantedPersonId", s.state, s.round, s.requested_at AS "requestedAt", s.due_at AS "dueAt",
  s.escalate_at AS "escalateAt", s.answered_at AS "answeredAt", s.late, s.urged_at AS "urgedAt",
  s.escalated_at AS "escalatedAt", s.person_id AS "personId", p.name AS "personName", s.proposed, s.reason,
  s.confirmed_at AS "confirmedAt", s.released_at AS "releasedAt", s.recused, s.rejected`;
const SECONDMENT_FROM = `secondments s JOIN case_teams t ON t.id = s.team_id JOIN zones z ON z.id = t.zone_id
  JOIN units u ON u.id = s.unit_id LEFT JOIN people p ON p.id = s.person_id`;

export async function findSecondment(pool: Pool, id: string): Promise<SecondmentRow | undefined> {
  const { rows } = await pool.query<SecondmentRow>({
    text: `SELECT ${SECONDMENT_COLUMNS} FROM ${SECONDMENT_FROM} WHERE s.id = $1`,
    values: [id],
  });
  return rows[0];
}

/** The seats of one team, in order (the roster and the open requests: for the office and the members). */
export async function listTeamSecondments(pool: Pool, teamId: string): Promise<SecondmentRow[]> {
  const { rows } = await pool.query<SecondmentRow>({
    text: `SELECT ${SECONDMENT_COLUMNS} FROM ${SECONDMENT_FROM} WHERE s.team_id = $1
           ORDER BY length(s.id), s.id`,
    values: [teamId],
  });
  return rows;
}

export interface SecondmentFilter {
  teamId?: string;
  unitId?: string;
  state?: SecondmentState;
}

/**
 * A page of an organisation's secondments, newest first: all (`mine` undefined: the office), or those asked of the
 * caller's unit or naming the caller.
 */
export const listSecondments = (
  pool: Pool,
  orgId: string,
  mine: { unitId: string; personId: string } | undefined,
  filter: SecondmentFilter,
  page: Page,
) =>
  readPage<SecondmentRow>(
    pool,
    {
      select: SECONDMENT_COLUMNS,
      from: SECONDMENT_FROM,
      org: 's.org_id',
      scope: { unit: () => 'FALSE', leader: () => 'FALSE' },
      filters: (p) => [
        when(mine, (v) => `(s.unit_id = ${p(v.unitId)} OR s.person_id = ${p(v.personId)})`),
        when(filter.teamId, (v) => `s.team_id = ${p(v)}`),
        when(filter.unitId, (v) => `s.unit_id = ${p(v)}`),
        when(filter.state, (v) => `s.state = ${p(v)}`),
      ],
      orderBy: 's.requested_at DESC, s.id',
    },
    { orgId, wholeOrg: true },
    page,
  );

/** A team's timeline, oldest first; `secondmentIds`: only the entries of those seats (a unit's view). */
export async function readCaseTeamTimeline(pool: Pool, teamId: string, secondmentIds?: string[]) {
  const { rows } = await pool.query<{ step: string; kind: string; message: string; actorId: string | null; at: Date }>({
    text: `SELECT step, kind, message, actor_id AS "actorId", at FROM case_team_timeline
           WHERE team_id = $1 AND ($2::text[] IS NULL OR secondment_id = ANY($2)) ORDER BY id`,
    values: [teamId, secondmentIds ?? null],
  });
  return rows;
}

/** A collaboration zone (协作区) and its active units, or undefined. */
export async function readZone(
  pool: Pool,
  zoneId: string,
): Promise<{ orgId: string; name: string; units: { id: string; kind: string; zoneId: string | null }[] } | undefined> {
  const { rows } = await pool.query<{ orgId: string; name: string }>({
    text: `SELECT org_id AS "orgId", name FROM zones WHERE id = $1`,
    values: [zoneId],
  });
  if (!rows[0]) return undefined;
  const units = await pool.query<{ id: string; kind: string; zoneId: string | null }>({
    text: `SELECT id, kind, zone_id AS "zoneId" FROM units WHERE zone_id = $1 AND active ORDER BY id`,
    values: [zoneId],
  });
  return { ...rows[0], units: units.rows };
}
