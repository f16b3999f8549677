import { randomBytes } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { loadCollaboration } from '../../config/collaboration';
import { caseTeam } from '../../workflows';
import {
  askable,
  caseTeamRecorded,
  caseTeamWorkflowId,
  dealSeats,
  getCaseTeamStatus,
  type CaseTeamInput,
  type CaseTeamStatus,
} from '../../procedures/case-team/messages';
import { addCalendarDays, localDate } from '../../procedures/time/working-days';
import { createWorkflowHarness, type HarnessBasics } from './workflow-harness';

export interface CaseTeamHarness extends HarnessBasics {
  /**
   * Starts a team (a fresh id) in zone-1 for `town-nanhu`'s case, asking the zone's member units the case does not
   * concern (or `units`), for a period of 20 days from today, once it is recorded.
   */
  start(o?: {
    units?: { unitId: string; personId?: string }[];
    skills?: { skill: string; count: number }[];
    overrides?: Partial<CaseTeamInput>;
  }): Promise<{ handle: WorkflowHandle<typeof caseTeam>; teamId: string; input: CaseTeamInput }>;
  /** Skips workflow time to just after `instant`, then waits until the team's state satisfies `done`. */
  skipTo(instant: string, handle: WorkflowHandle, done?: (s: CaseTeamStatus) => boolean): Promise<CaseTeamStatus>;
  timeline(
    teamId: string,
  ): Promise<{ kind: string; message: string; actorId: string | null; secondmentId: string | null; at: string }[]>;
  /** People notified of a step kind (CASE_TEAM_REQUEST, ...), sorted, each once. */
  notified(teamId: string, kind: string): Promise<string[]>;
  /** Notices of a kind with their bodies, to check what a unit reads. */
  notices(teamId: string, kind: string): Promise<{ person_id: string; title: string; body: string }[]>;
  /** The zone's units the case does not concern, as the API asks them by default. */
  askedByDefault(zoneId: string, concerned: string[]): Promise<string[]>;
}

/** The case team on the time-skipping server with its real activities, on a fresh database (example organisation). */
export async function createCaseTeamHarness(): Promise<CaseTeamHarness> {
  const h = await createWorkflowHarness({ name: 'case-teams' });
  const policy = loadCollaboration().caseTeams;
  const askedByDefault = async (zoneId: string, concerned: string[]) => {
    const { rows } = await h.db.pool.query<{ id: string; kind: string; zoneId: string | null }>(
      `SELECT id, kind, zone_id AS "zoneId" FROM units WHERE org_id = 'district' AND active ORDER BY id`,
    );
    return rows.filter((u) => askable(u, zoneId, concerned)).map((u) => u.id);
  };

  return {
    ...h,
    askedByDefault,
    async start(o = {}) {
      const teamId = `ct-${randomBytes(5).toString('hex')}`;
      const concernedUnitIds = o.overrides?.concernedUnitIds ?? ['town-nanhu'];
      const units = o.units ?? (await askedByDefault('zone-1', concernedUnitIds)).map((unitId) => ({ unitId }));
      const today = localDate(new Date(await h.now()));
      const skills = o.skills ?? [{ skill: '财务审计', count: units.length }];
      const input: CaseTeamInput = {
        teamId,
        orgId: 'district',
        zoneId: 'zone-1',
        caseRef: '（2026）纪协1号 某局原局长涉嫌违纪违法案',
        skills,
        concernedUnitIds,
        startDate: today,
        endDate: addCalendarDays(today, 20),
        seats: dealSeats(teamId, skills, units),
        policy,
        openedBy: null,
        ...o.overrides,
      };
      const handle = await h.startRecorded(caseTeam, caseTeamWorkflowId(teamId), input, caseTeamRecorded);
      return { handle, teamId, input };
    },
    skipTo: (instant, handle, done) => h.skipUntil(instant, handle, getCaseTeamStatus, done),
    timeline: (teamId) =>
      h.timeline(
        'case_team_timeline',
        'team_id',
        teamId,
        'kind, message, actor_id AS "actorId", secondment_id AS "secondmentId"',
      ),
    notified: (teamId, kind) => h.notified(caseTeamWorkflowId(teamId), kind, true),
    async notices(teamId, kind) {
      const { rows } = await h.db.pool.query<{ person_id: string; title: string; body: string }>(
        `SELECT person_id, title, body FROM notifications WHERE workflow_id = $1 AND kind = $2 ORDER BY person_id, id`,
        [caseTeamWorkflowId(teamId), kind],
      );
      return rows;
    },
  };
}
