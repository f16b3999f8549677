import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { annualForReader } from '../../db/queries/annual-report';
import { listScopeOf } from '../use-cases/instances';
import { publishBulletin } from '../../activities/bulletins';
import { bulletinsBefore, findBulletin, listBulletins, type Bulletin } from '../../db/queries/bulletins';
import type { PeriodFigures } from '../../render/charts';
import { documentRoutes } from './document-routes';
import { auditActorOf } from '../authorise';
import { bulletinDocument, figuresOf, periodLabel, renderBulletinCsv } from '../../render/bulletin';
import { authorise, authoriseFunction, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, said } from '../errors';
import { callerOf } from '../identity';
import { defineRoute, type AnyRoute } from '../route';
import { listRoute } from './action-route';
import { id, isoDate, pageOf, pageQuery, text, timestamp } from '../schemas';

const createBulletinBody = z
  .object({
    from: isoDate.describe('First day of the period'),
    to: isoDate.describe('Last day of the period; tasks created on or before it are counted'),
    cycleId: id.optional().describe('Only the tasks of this annual cycle'),
    title: text(200).optional().describe('Default: 「<district>党风廉政建设责任落实情况通报（<period>）」'),
  })
  .strict();

const bulletinParams = z.object({ id }).strict();

const rate = z.number().nullable();
const stats = {
  led: z.number().int(),
  completed: z.number().int(),
  completedOnTime: z.number().int(),
  completionRate: rate.describe('completed / led; null when nothing was led'),
  onTimeRate: rate.describe('completedOnTime / completed; null when nothing was completed'),
  openOverdue: z.number().int(),
  escalations: z.object({ l1: z.number().int(), l2: z.number().int(), l3: z.number().int() }),
  extensionsApproved: z.number().int(),
  extensionsDenied: z.number().int(),
  returns: z.number().int(),
};
const bulletinTask = z.object({
  id: z.string(),
  title: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  dueDate: z.string().nullable(),
  rung: z.number().int(),
});
const contentSchema = z
  .object({
    orgId: z.string(),
    orgName: z.string(),
    cycleId: z.string().nullable(),
    from: z.string(),
    to: z.string(),
    asOf: z.string(),
    units: z.array(z.object({ unitId: z.string(), unitName: z.string(), kind: z.string(), ...stats })),
    totals: z.object(stats),
    overdue: z.array(bulletinTask),
    namedAtL3: z.array(z.object({ unitId: z.string(), unitName: z.string(), tasks: z.array(bulletinTask) })),
    collaboration: z
      .array(
        z.object({
          unitId: z.string(),
          unitName: z.string(),
          kind: z.string(),
          referralsDue: z.number().int(),
          referralsOnTime: z.number().int(),
          secondmentsDue: z.number().int(),
          secondmentsOnTime: z.number().int(),
          rotationsDue: z.number().int(),
          rotationsOnTime: z.number().int(),
        }),
      )
      .optional()
      .describe(
        'Case collaboration (协同办案) by unit: referral feedbacks, secondment requests and rotation windows due in the ' +
          'period and answered on time; counts only. Absent from bulletins generated before issue 18.',
      ),
    network: z
      .object({
        received: z.number().int(),
        triagedOnTime: z.number().int(),
        triagedLate: z.number().int(),
        answered: z.number().int(),
        answeredLate: z.number().int(),
        unanswered: z.number().int().describe('Received in the period, not yet answered to the member'),
        overdue: z.number().int().describe('Of those, past their triage or answer deadline'),
        tasked: z.number().int(),
        referred: z.number().int(),
        averageRating: z.number().nullable(),
      })
      .optional()
      .describe(
        'The supervision network’s submissions (反映) received in the period and where they stand; counts only. ' +
          'Absent from bulletins generated before issue 19.',
      ),
    paused: z
      .object({
        tasks: z.number().int(),
        workingDays: z.number().int(),
        byCategory: z.array(
          z.object({ category: z.string(), pauses: z.number().int(), workingDays: z.number().int() }),
        ),
        items: z.array(
          z.object({
            taskId: z.string(),
            title: z.string(),
            unitId: z.string(),
            unitName: z.string(),
            category: z.string(),
            reason: z.string(),
            since: z.string(),
            resumedAt: z.string().nullable(),
            pausedWorkingDays: z.number().int().nullable().describe('null: still paused'),
          }),
        ),
      })
      .optional()
      .describe(
        'Paused tasks (挂账/中止计时) in force at some time in the period: how many, the working days of the pauses ' +
          'that ended, by category, and each pause. Absent from bulletins generated before issue 20.',
      ),
    milestones: z
      .object({
        met: z.number().int(),
        missed: z.number().int(),
        byUnit: z.array(
          z.object({ unitId: z.string(), unitName: z.string(), met: z.number().int(), missed: z.number().int() }),
        ),
      })
      .optional()
      .describe(
        'Milestones (序时进度) whose day ended in the period, met and missed, per lead unit. Absent from bulletins ' +
          'generated before milestones existed.',
      ),
    refusals: z
      .object({
        refused: z.number().int(),
        insisted: z.number().int(),
        reassigned: z.number().int(),
        pending: z.number().int(),
        byUnit: z.array(
          z.object({
            unitId: z.string(),
            unitName: z.string(),
            refused: z.number().int(),
            insisted: z.number().int(),
            reassigned: z.number().int(),
            pending: z.number().int(),
          }),
        ),
      })
      .optional()
      .describe(
        'Refusals (退单) made in the period, per unit that refused, with the ruling at asOf: INSIST (insisted), ' +
          'REASSIGN (reassigned) or none yet (pending). Absent from bulletins generated before it.',
      ),
    urgings: z
      .object({
        urged: z.number().int(),
        byUnit: z.array(z.object({ unitId: z.string(), unitName: z.string(), urged: z.number().int() })),
      })
      .optional()
      .describe(
        'Urgings by hand (人工督促) sent in the period, per lead unit of the task. Absent from bulletins generated ' +
          'before it.',
      ),
    noticeReading: z
      .object({
        received: z.number().int(),
        read: z.number().int(),
        unreadOverADay: z.number().int(),
        byUnit: z.array(
          z.object({
            unitId: z.string(),
            unitName: z.string(),
            received: z.number().int(),
            read: z.number().int(),
            unreadOverADay: z.number().int(),
          }),
        ),
      })
      .optional()
      .describe(
        'Whether the units read their task notices: received in the period, read, unread more than a day, per ' +
          'responsible unit; counts only, never a person. Absent from bulletins generated before issue 23.',
      ),
    annual: z
      .object({
        year: z.number().int(),
        months: z.array(
          z.object({
            month: z.string(),
            due: z.number().int(),
            completed: z.number().int(),
            completedOnTime: z.number().int(),
            lapsed: z.number().int(),
            escalations: z.number().int(),
          }),
        ),
        ranking: z.array(
          z.object({ unitId: z.string(), unitName: z.string(), rank: z.number().int(), finalScore: z.number() }),
        ),
        cases: z.object({
          total: z.number().int(),
          decided: z.number().int(),
          bySource: z
            .object({ L3: z.number().int(), ASSESSMENT: z.number().int(), OFFICE: z.number().int() })
            .optional()
            .describe('How the cases were opened: for the office and the group only'),
          byMeasure: z
            .array(z.object({ measure: z.string(), name: z.string(), cases: z.number().int() }))
            .optional()
            .describe('The decided cases by measure, most first: for the office and the group only'),
        }),
      })
      .optional()
      .describe(
        'Only on a cycle’s annual report (年度通报): the year month by month, the published assessment’s ranking, and ' +
          'the year’s accountability cases counted by source and measure (never a unit, a person or a case).',
      ),
  })
  .meta({ id: 'BulletinContent' });
const summaryFields = {
  id: z.string(),
  orgId: z.string(),
  cycleId: z.string().nullable(),
  title: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  generatedAt: timestamp,
  generatedBy: z.string().nullable(),
  totals: z.object(stats),
};
const summarySchema = z.object(summaryFields).meta({ id: 'BulletinSummary' });
const bulletinSchema = z
  .object({
    ...summaryFields,
    content: contentSchema,
    comparison: z
      .array(
        z.object({
          label: z.string().describe('The period as the bulletin names it (「2026年11月」)'),
          completed: z.number().int(),
          completedOnTime: z.number().int(),
          openOverdue: z.number().int(),
          escalations: z.number().int().describe('Rungs climbed in the period, all levels'),
        }),
      )
      .describe(
        'The chart’s periods, oldest first: up to five earlier bulletins of the organisation, then this one; empty ' +
          'for the annual report, which charts its own months (content.annual.months)',
      ),
  })
  .meta({ id: 'Bulletin' });

const summaryOf = ({ content, ...b }: Bulletin) => ({ ...b, totals: content.totals });

/** A bulletin id: random, or derived from the caller's Idempotency-Key so that a retried generate names the same. */
function newBulletinId(caller: Caller, idempotencyKey: string | undefined): string {
  const entropy = idempotencyKey
    ? createHash('sha256').update(`bulletin\n${caller.identity.personId}\n${idempotencyKey}`).digest()
    : randomBytes(6);
  return `b-${entropy.subarray(0, 6).toString('hex')}`;
}

/** Generates and publishes a bulletin on the caller's behalf (activities/bulletins.ts). */
async function generateBulletin(
  deps: AppDeps,
  caller: Caller,
  id: string,
  body: z.output<typeof createBulletinBody>,
): Promise<Bulletin> {
  return publishBulletin(deps.db, {
    id,
    orgId: caller.identity.orgId,
    cycleId: body.cycleId ?? null,
    from: body.from,
    to: body.to,
    title: body.title,
    asOf: new Date(),
    generatedBy: caller.identity.personId,
    audit: auditActorOf(caller),
  });
}

/** A bulletin the caller may read, else 404 alike whether missing or not theirs to see (reads are not audited). */
async function readableBulletin(deps: AppDeps, caller: Caller, bulletinId: string): Promise<Bulletin> {
  const bulletin = await findBulletin(deps.db, bulletinId);
  if (!bulletin) throw AppError.notFound('通报不存在');
  const object = { type: 'bulletin' as const, orgId: bulletin.orgId };
  await authorise(deps, caller, 'bulletin.read', object, { type: 'bulletin', id: bulletinId }, '通报不存在');
  // The annual report's cases in detail only for those who see every case (the office, the group).
  const { annual } = bulletin.content;
  if (!annual) return bulletin;
  const seesEveryCase = listScopeOf(caller).wholeOrg;
  return { ...bulletin, content: { ...bulletin.content, annual: annualForReader(annual, seesEveryCase) } };
}

/** The figures of the organisation's earlier periods a bulletin's chart compares with (none for the annual report). */
async function earlierFigures(deps: AppDeps, bulletin: Bulletin): Promise<PeriodFigures[]> {
  // The annual report charts its own months instead of earlier bulletins.
  if (bulletin.content.annual) return [];
  const earlier = await bulletinsBefore(deps.db, bulletin.orgId, bulletin.periodFrom);
  return earlier.map((b) => figuresOf(periodLabel(b.periodFrom, b.periodTo), b.content.totals));
}

/** A bulletin the caller may read, and the figures of the organisation's earlier periods its chart compares with. */
async function printable(deps: AppDeps, caller: Caller, bulletinId: string): Promise<[Bulletin, PeriodFigures[]]> {
  const bulletin = await readableBulletin(deps, caller, bulletinId);
  return [bulletin, await earlierFigures(deps, bulletin)];
}

/** Bulletins (情况通报, DOMAIN.md annual cycle step 5): generated by the office, read by every role but observers. */
export const bulletinRoutes = (deps: AppDeps): AnyRoute[] => [
  defineRoute({
    method: 'post',
    path: '/bulletins',
    summary: 'Generate and publish a bulletin for a period from the task read model (office)',
    tag: 'bulletins',
    secured: true,
    body: createBulletinBody,
    idempotent: true,
    status: 201,
    response: summarySchema,
    errors: [403, 422],
    handler: async ({ body, req, res }) => {
      const caller = callerOf(req);
      await authoriseFunction(deps, caller, 'bulletin.create', { type: 'bulletin' });
      if (body.from > body.to) {
        const period = said('通报期间的起始日期不能晚于截止日期', 'The period must not start after it ends');
        throw new AppError('invalid-period', 422, period, [
          { field: 'body.from', message: said('不能晚于截止日期（to）', 'must not be after `to`') },
        ]);
      }
      const bulletin = await generateBulletin(deps, caller, newBulletinId(caller, req.get('idempotency-key')), body);
      res.location(`/v1/bulletins/${bulletin.id}`);
      return summaryOf(bulletin);
    },
  }),
  listRoute({
    kind: 'bulletins',
    summary: 'The organisation’s bulletins, newest first',
    query: z.object(pageQuery).strict(),
    response: pageOf(summarySchema),
    handler: async (query, caller) => {
      await authoriseFunction(deps, caller, 'bulletin.read', { type: 'bulletin' });
      const page = await listBulletins(deps.db, caller.identity.orgId, query);
      return { items: page.items.map(summaryOf), total: page.total, ...query };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/bulletins/:id',
    summary: 'A bulletin with its content: per-unit figures, overdue tasks, units named at L3',
    tag: 'bulletins',
    secured: true,
    params: bulletinParams,
    response: bulletinSchema,
    errors: [403, 404],
    handler: async ({ params, req }) => {
      const [bulletin, earlier] = await printable(deps, callerOf(req), params.id);
      const comparison = bulletin.content.annual
        ? []
        : [...earlier, figuresOf(periodLabel(bulletin.periodFrom, bulletin.periodTo), bulletin.content.totals)];
      return { ...bulletin, totals: bulletin.content.totals, comparison };
    },
  }),
  ...documentRoutes({
    path: '/bulletins/:id/html',
    pdfPath: '/bulletins/:id/pdf',
    summary: 'A bulletin in Chinese, its period set against the organisation’s earlier bulletins in a chart',
    params: bulletinParams,
    document: async (p, caller) => bulletinDocument(...(await printable(deps, caller, p.id))),
  }),
  defineRoute({
    method: 'get',
    path: '/bulletins/:id/csv',
    summary: 'A bulletin’s per-unit figures as CSV (UTF-8 with BOM, for Excel)',
    tag: 'bulletins',
    secured: true,
    params: bulletinParams,
    response: z.string(),
    produces: 'text/csv',
    errors: [403, 404],
    handler: async ({ params, req, res }) => {
      const bulletin = await readableBulletin(deps, callerOf(req), params.id);
      res.attachment(`${bulletin.id}.csv`);
      return renderBulletinCsv(bulletin);
    },
  }),
];
