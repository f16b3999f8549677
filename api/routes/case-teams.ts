import { z } from 'zod';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import type { AnyRoute } from '../route';
import { actionRoute, createRoute, detailRoute, pageRoute } from './action-route';
import { id, isoDate, offeredActions, text, timelineEntrySchema, timestamp } from '../schemas';
import * as ct from '../use-cases/case-teams';

const TEAM_STATES = ['OPEN', 'RELEASED'] as const;
const SEAT_STATES = ['REQUESTED', 'NAMED', 'CONFIRMED', 'RELEASED', 'WITHDRAWN'] as const;

const skillNeed = z
  .object({
    skill: text(50).describe('A skill the team needs, e.g. 「财务审计」'),
    count: z.number().int().min(1).max(20).describe('How many people with it'),
  })
  .strict();

const openBody = z
  .object({
    zoneId: id.describe('The collaboration zone (协作区) whose member units are asked'),
    caseRef: text(200).describe('The case’s reference (案件编号/案由): need to know, never shown to a unit asked'),
    skills: z.array(skillNeed).min(1).max(10).describe('The skills and the number of people of each'),
    startDate: isoDate.describe('First day of the period'),
    endDate: isoDate.describe('Last day of the period: the team is released at 24:00'),
    concernedUnitIds: z
      .array(id)
      .max(20)
      .optional()
      .describe('Units the case concerns: never asked, none of their people named (回避)'),
    units: z
      .array(
        z
          .object({
            unitId: id.describe('A member unit of the zone'),
            personId: id.optional().describe('The person the office asks for by name (点名抽调)'),
          })
          .strict(),
      )
      .min(1)
      .max(30)
      .optional()
      .describe(
        'The units to ask (default: every member unit of the zone the case does not concern); seats are dealt to them in turn',
      ),
  })
  .strict();

const teamFields = {
  id: z.string(),
  orgId: z.string(),
  zoneId: z.string(),
  zoneName: z.string(),
  caseRef: z.string(),
  skills: z.array(z.object({ skill: z.string(), count: z.number().int() })),
  concernedUnitIds: z.array(z.string()),
  startDate: z.string(),
  endDate: z.string(),
  endAt: timestamp,
  state: z.enum(TEAM_STATES),
  openedBy: z.string().nullable(),
  openedAt: timestamp,
  releasedAt: timestamp.nullable(),
  releasedEarly: z.boolean(),
  releaseReason: z.string().nullable(),
  extensions: z.array(
    z.object({ from: z.string(), to: z.string(), reason: z.string(), by: z.string(), at: z.string() }),
  ),
};

const seatFields = {
  id: z.string(),
  teamId: z.string(),
  zoneId: z.string(),
  zoneName: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  teamState: z.enum(TEAM_STATES),
  unitId: z.string(),
  unitName: z.string(),
  skill: z.string(),
  wantedPersonId: z.string().nullable(),
  state: z.enum(SEAT_STATES),
  round: z.number().int(),
  requestedAt: timestamp,
  dueAt: timestamp.describe('The sign-for limit (24:00 of its last day) of the current round'),
  escalateAt: timestamp,
  answeredAt: timestamp.nullable(),
  late: z.boolean().describe('Some round’s limit lapsed before the unit named someone'),
  urgedAt: timestamp.nullable(),
  escalatedAt: timestamp.nullable(),
  personId: z.string().nullable(),
  personName: z.string().nullable(),
  proposed: z.boolean(),
  reason: z.string().nullable(),
  confirmedAt: timestamp.nullable(),
  releasedAt: timestamp.nullable(),
  recused: z.array(z.string()),
  rejected: z.array(z.string()),
  actions: offeredActions('secondments'),
};
const seatSchema = z.object(seatFields).meta({ id: 'Secondment' });
const teamSummarySchema = z.object(teamFields).meta({ id: 'CaseTeamSummary' });
const teamSchema = z
  .object({
    ...teamFields,
    actions: offeredActions('case-teams'),
    secondments: z.array(seatSchema).describe('The office: every seat; a member: the roster (confirmed seats)'),
    timeline: z.array(timelineEntrySchema),
  })
  .meta({ id: 'CaseTeam' });
const seatDetailSchema = z
  .object({ ...seatFields, timeline: z.array(timelineEntrySchema) })
  .meta({ id: 'SecondmentDetail' });

const seatActed = z.object({
  id: z.string(),
  state: z.enum(SEAT_STATES),
  round: z.number().int(),
  personId: z.string().nullable(),
  dueAt: z.string().nullable(),
  late: z.boolean(),
});
const teamActed = z.object({
  id: z.string(),
  state: z.enum(TEAM_STATES),
  endDate: z.string(),
  endAt: z.string(),
  releasedAt: z.string().nullable(),
});
const reason = (what: string) => z.object({ reason: text(2_000).describe(what) }).strict();

/** Case teams (办案组) and their secondments (抽调), issue 18 part 1: need to know, every read audited. */
export const caseTeamRoutes = (deps: AppDeps): AnyRoute[] => [
  createRoute({
    path: '/case-teams',
    kind: 'case-teams',
    summary: 'Open a collaboration request (office): each asked unit of the zone gets a secondment request (抽调函)',
    body: openBody,
    response: z.object({
      id: z.string(),
      workflowId: z.string(),
      state: z.enum(TEAM_STATES),
      secondments: z.array(
        z.object({ id: z.string(), unitId: z.string(), skill: z.string(), dueAt: z.string().nullable() }),
      ),
    }),
    errors: [403, 422],
    handler: (body, caller, key) => ct.openCaseTeam(deps, caller, body, key),
  }),
  pageRoute({
    kind: 'case-teams',
    summary: 'Case teams the caller may read (the office: all; a person: the teams they serve on); audited',
    filters: { zoneId: id.optional(), state: z.enum(TEAM_STATES).optional() },
    item: teamSummarySchema,
    handler: (filter, page, caller) => ct.findCaseTeams(deps, caller, filter, page),
  }),
  detailRoute({
    kind: 'case-teams',
    summary: 'A case team with its case reference, roster and timeline (office and members only); audited',
    response: teamSchema,
    handler: (teamId, caller) => ct.getCaseTeam(deps, caller, teamId),
  }),
  actionRoute({
    kind: 'case-teams',
    verb: 'extend',
    summary: 'Extend the period (office), with the reason; the units and members are notified',
    body: z
      .object({ endDate: isoDate.describe('The new last day, after the current one'), reason: text(2_000) })
      .strict(),
    response: teamActed,
    handler: (teamId, body, req) => ct.extendCaseTeam(deps, callerOf(req), teamId, body),
  }),
  actionRoute({
    kind: 'case-teams',
    verb: 'release',
    summary: 'Release the team before the end of its period (office); the units and members are notified',
    body: reason('Why the team is released early'),
    response: teamActed,
    handler: (teamId, body, req) => ct.releaseCaseTeam(deps, callerOf(req), teamId, body),
  }),
  pageRoute({
    kind: 'secondments',
    summary:
      'Secondment requests (抽调) the caller may read (the office: all; a unit: those asked of it or naming the caller), without the case; audited',
    filters: { teamId: z.string().max(64).optional(), unitId: id.optional(), state: z.enum(SEAT_STATES).optional() },
    item: seatSchema,
    handler: (filter, page, caller) => ct.findSecondments(deps, caller, filter, page),
  }),
  detailRoute({
    kind: 'secondments',
    summary:
      'A secondment request with its own timeline entries (the office, the unit asked, the person named); audited',
    response: seatDetailSchema,
    handler: (sid, caller) => ct.getSecondment(deps, caller, sid),
  }),
  actionRoute({
    kind: 'secondments',
    verb: 'nominate',
    summary:
      'Name a person of the caller’s unit for the secondment (or propose another than the office asked for, with a reason)',
    body: z
      .object({
        personId: id.describe('A person of the unit asked; never one of a unit the case concerns'),
        reason: text(2_000).optional().describe('Required when naming another than the office asked for'),
      })
      .strict(),
    response: seatActed,
    handler: (sid, body, req) => ct.nominate(deps, callerOf(req), sid, body),
  }),
  actionRoute({
    kind: 'secondments',
    verb: 'confirm',
    summary: 'Confirm the person named (office): they join the team',
    body: z.object({}).strict(),
    response: seatActed,
    handler: (sid, _body, req) => ct.confirmSecondment(deps, callerOf(req), sid),
  }),
  actionRoute({
    kind: 'secondments',
    verb: 'reject',
    summary: 'Reject the person named (office), with the reason: the unit names again',
    body: reason('Why the person is not confirmed'),
    response: seatActed,
    handler: (sid, body, req) => ct.rejectSecondment(deps, callerOf(req), sid, body),
  }),
  actionRoute({
    kind: 'secondments',
    verb: 'declare-conflict',
    summary:
      'Declare a conflict of interest (声明回避) as the person named: they leave the team, the unit names another',
    body: reason('The conflict (read by the office only)'),
    response: seatActed,
    handler: (sid, body, req) => ct.declareConflict(deps, callerOf(req), sid, body),
  }),
];
