import { z } from 'zod';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import type { AnyRoute } from '../route';
import { actionRoute, createRoute, detailRoute, instanceParams, pageRoute } from './action-route';
import {
  attachmentIdsFrom,
  id,
  isoDate,
  offeredActions,
  stepTimelineEntrySchema,
  text,
  timeLimitFields,
  timestamp,
} from '../schemas';
import {
  closeInspectionFindings,
  defineInspection,
  fileInspectionSelfCheck,
  findInspections,
  getInspection,
  getInspectionReport,
  inviteInspectionObservers,
  observeInspection,
  recordInspectionFindings,
} from '../use-cases/inspections';

const severity = z.enum(['MINOR', 'MAJOR', 'SERIOUS']).describe('一般 MINOR, 较重 MAJOR, 严重 SERIOUS');
const state = z.enum(['SELF_CHECK', 'INSPECTING', 'RECTIFYING', 'CLOSED']);

const defineBody = z
  .object({
    title: text(200).describe('e.g. 「2027年上半年作风建设专项检查」'),
    unitIds: z.array(id).min(1).max(200).describe('The units inspected (检查对象)'),
    checklist: z.array(text(500)).min(1).max(50).describe('Checklist items (检查内容), in the notice'),
    selfCheckDueDate: isoDate.describe('Self-check reports (自查报告) are due by 24:00 of this day'),
    findingsDueDate: isoDate.describe('Findings are recorded until 24:00 of this day; not before selfCheckDueDate'),
    observerIds: z
      .array(id)
      .max(50)
      .optional()
      .describe('Members of the supervision network invited into the round (serving today); they see its scope'),
  })
  .strict();

const selfCheckBody = z
  .object({
    report: text(20_000).describe('The self-check report (自查报告)'),
    attachmentIds: attachmentIdsFrom(
      'the unit’s',
      'its part of the round (POST /v1/inspections/{id}/units/{unitId}/attachments)',
    ),
  })
  .strict();

const findingBody = z
  .object({
    severity,
    description: text(2_000).describe('The problem found (发现问题)'),
    requirement: text(2_000).describe('The rectification requirement (整改要求)'),
    ...timeLimitFields,
  })
  .strict();

const findingsBody = z
  .object({
    unitId: id.describe('The unit inspected; its findings are recorded once'),
    findings: z.array(findingBody).max(30).describe('Each becomes a RECTIFICATION task; none: nothing found'),
    attachmentIds: attachmentIdsFrom(
      'the office’s (photos of the problems)',
      'the unit’s part of the round (POST /v1/inspections/{id}/units/{unitId}/attachments)',
    ),
  })
  .strict();

const summaryFields = {
  id: z.string(),
  workflowId: z.string(),
  cycleId: z.string(),
  orgId: z.string(),
  key: z.string(),
  kind: z.enum(['REGULAR', 'AD_HOC']),
  title: z.string(),
  checklist: z.array(z.string()),
  selfCheckDueDate: z.string(),
  findingsDueDate: z.string(),
  calledBy: z.string().nullable(),
  state,
  selfCheckDueAt: timestamp.nullable(),
  findingsClosedAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  units: z.number().int().describe('Units in scope'),
};
const summarySchema = z.object(summaryFields).meta({ id: 'InspectionSummary' });
const unitSchema = z
  .object({
    unitId: z.string(),
    unitName: z.string(),
    selfCheck: z.enum(['PENDING', 'FILED', 'LATE']),
    report: z.string().nullable(),
    filedBy: z.string().nullable(),
    filedAt: timestamp.nullable(),
    urgedAt: timestamp.nullable(),
    escalatedAt: timestamp.nullable(),
    findingsRecordedAt: timestamp.nullable(),
  })
  .meta({ id: 'InspectedUnit' });
const findingSchema = z
  .object({
    unitId: z.string(),
    seq: z.number().int(),
    severity,
    description: z.string(),
    requirement: z.string(),
    taskId: z.string(),
    recordedBy: z.string(),
    recordedAt: timestamp,
  })
  .meta({ id: 'Finding' });
const observationSchema = z
  .object({
    seq: z.number().int(),
    unitId: z.string(),
    unitName: z.string(),
    text: z.string(),
    personId: z.string().nullable().describe('Who wrote it: only for the office and for the member who did'),
    at: timestamp,
  })
  .meta({ id: 'Observation' });
const inspectionSchema = z
  .object({
    ...summaryFields,
    actions: offeredActions('inspections'),
    units: z.array(unitSchema).describe('Self-checks: a unit sees its own, a leader those of the units they lead'),
    findings: z.array(
      findingSchema.extend({
        taskState: z.string().nullable(),
        taskRung: z.number().int().nullable(),
        taskDueDate: z.string().nullable(),
      }),
    ),
    timeline: z.array(stepTimelineEntrySchema.extend({ unitId: z.string().nullable() })),
    inspected: z.array(z.object({ unitId: z.string(), unitName: z.string() })).describe('The units in scope'),
    observerIds: z.array(z.string()).nullable().describe('The office: members invited into the round'),
    observations: z
      .array(observationSchema)
      .describe('Observations of invited members: the office all, named; a unit those about it, unnamed'),
  })
  .meta({ id: 'Inspection' });
const counts = { MINOR: z.number().int(), MAJOR: z.number().int(), SERIOUS: z.number().int() };
const reportSchema = z
  .object({
    final: z.boolean().describe('true: stored when the round closed; false: as the read model stands now'),
    roundId: z.string(),
    title: z.string(),
    asOf: z.string(),
    units: z.number().int(),
    selfChecks: z.object({
      onTime: z.number().int(),
      late: z.number().int(),
      missing: z.number().int(),
      lateUnits: z.array(z.string()),
      missingUnits: z.array(z.string()),
    }),
    findings: z.object({
      total: z.number().int(),
      bySeverity: z.object(counts),
      byUnit: z.array(z.object({ unitId: z.string(), unitName: z.string(), total: z.number().int(), ...counts })),
    }),
    rectifications: z.object({
      total: z.number().int(),
      acceptedOnTime: z.number().int(),
      acceptedLate: z.number().int(),
      escalated: z.number().int(),
      cancelled: z.number().int(),
      open: z.number().int(),
      escalatedTasks: z.array(
        z.object({ taskId: z.string(), unitId: z.string(), unitName: z.string(), title: z.string(), rung: z.number() }),
      ),
    }),
  })
  .meta({ id: 'InspectionReport' });

/** Inspection rounds (检查督办, DOMAIN.md annual cycle step 4). */
export const inspectionRoutes = (deps: AppDeps): AnyRoute[] => [
  createRoute({
    path: '/cycles/:id/inspections',
    kind: 'inspections',
    summary: 'Define an ad-hoc inspection round of a cycle (office): the notice goes to every unit in scope',
    params: instanceParams,
    body: defineBody,
    response: z.object({
      id: z.string(),
      workflowId: z.string(),
      cycleId: z.string(),
      title: z.string(),
      units: z.number().int(),
    }),
    errors: [403, 404, 409, 422],
    handler: (body, caller, key, params) => defineInspection(deps, caller, params.id, body, key),
  }),
  pageRoute({
    kind: 'inspections',
    summary: 'Inspection rounds the caller may see (a unit: those it is inspected in), newest first',
    filters: { cycleId: id.optional().describe('Only this cycle’s rounds') },
    item: summarySchema,
    handler: (filter, page, caller) => findInspections(deps, caller, filter, page),
  }),
  detailRoute({
    kind: 'inspections',
    summary: 'An inspection round: self-checks, findings with their rectification tasks, timeline (a unit: its own)',
    response: inspectionSchema,
    handler: (id, caller) => getInspection(deps, caller, id),
  }),
  detailRoute({
    kind: 'inspections',
    view: 'report',
    summary: 'The round report (office and group): self-checks, findings by severity and unit, rectifications',
    response: reportSchema,
    handler: (id, caller) => getInspectionReport(deps, caller, id),
  }),
  actionRoute({
    kind: 'inspections',
    verb: 'self-check',
    summary: 'File the self-check report of the caller’s own unit (again until the deadline; once after it)',
    body: selfCheckBody,
    response: z.object({
      roundId: z.string(),
      state: z.string(),
      unitId: z.string(),
      selfCheck: z.string(),
      filedAt: z.string().nullable(),
    }),
    handler: (id, body, req) => fileInspectionSelfCheck(deps, callerOf(req), id, body.report, body.attachmentIds),
  }),
  actionRoute({
    kind: 'inspections',
    verb: 'findings',
    summary: 'Record one unit’s findings (office), once; each finding becomes a rectification task (整改)',
    body: findingsBody,
    response: z.object({
      roundId: z.string(),
      state: z.string(),
      unitId: z.string(),
      findings: z.array(findingSchema),
    }),
    handler: (id, body, req) => recordInspectionFindings(deps, callerOf(req), id, body),
  }),
  actionRoute({
    kind: 'inspections',
    verb: 'observers',
    summary: 'Invite members of the supervision network into a running round (office); each must serve today',
    body: z.object({ personIds: z.array(id).min(1).max(50) }).strict(),
    response: z.object({ roundId: z.string(), state: z.string(), observerIds: z.array(z.string()) }),
    handler: (id, body, req) => inviteInspectionObservers(deps, callerOf(req), id, body.personIds),
  }),
  actionRoute({
    kind: 'inspections',
    verb: 'observe',
    summary: 'Add an observation (观察意见) about one of the round’s units (an invited member)',
    body: z
      .object({
        unitId: id.describe('One of the round’s units'),
        text: text(5_000).describe('The observation'),
      })
      .strict(),
    response: z.object({
      roundId: z.string(),
      state: z.string(),
      observation: z.object({ seq: z.number().int(), unitId: z.string(), text: z.string(), at: z.string() }),
    }),
    handler: (id, body, req) => observeInspection(deps, callerOf(req), id, body),
  }),
  actionRoute({
    kind: 'inspections',
    verb: 'close-findings',
    summary: 'End the recording of findings (office); the round then follows its rectifications to the close',
    response: z.object({
      roundId: z.string(),
      state: z.string(),
      findingsClosedAt: z.string().nullable(),
      findings: z.number().int(),
    }),
    handler: (id, _body, req) => closeInspectionFindings(deps, callerOf(req), id),
  }),
];
