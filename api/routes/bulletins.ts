import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { createNotificationActivities } from '../../activities/notifications';
import {
  computeBulletin,
  findBulletin,
  listBulletinReaders,
  listBulletins,
  saveBulletin,
  type Bulletin,
} from '../../db/queries/bulletins';
import { auditActorOf } from './inbox';
import { defaultBulletinTitle, periodLabel, renderBulletinCsv, renderBulletinHtml } from '../bulletin-render';
import { authoriseFunction, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError } from '../errors';
import { callerOf } from '../identity';
import { ACTIONS } from '../policy';
import { defineRoute, type AnyRoute } from '../route';
import { id, pageOf, pageQuery, text, timestamp } from '../schemas';

const isoDate = z.iso.date().describe('A local date (Asia/Shanghai)');

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
const contentSchema = z.object({
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
});
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
const summarySchema = z.object(summaryFields);
const bulletinSchema = z.object({ ...summaryFields, content: contentSchema });

const summaryOf = ({ content, ...b }: Bulletin) => ({ ...b, totals: content.totals });

/** A bulletin id: random, or derived from the caller's Idempotency-Key so that a retried generate names the same. */
function newBulletinId(caller: Caller, idempotencyKey: string | undefined): string {
  const entropy = idempotencyKey
    ? createHash('sha256').update(`bulletin\n${caller.identity.personId}\n${idempotencyKey}`).digest()
    : randomBytes(6);
  return `b-${entropy.subarray(0, 6).toString('hex')}`;
}

/**
 * Generates a bulletin from the read model, stores it under `id` (the same id again answers the stored one) and
 * publishes it to the inbox of everyone who may read it, once per bulletin (`bulletin:<id>`, step 'publish').
 */
async function generateBulletin(
  deps: AppDeps,
  caller: Caller,
  id: string,
  body: z.output<typeof createBulletinBody>,
): Promise<Bulletin> {
  const { orgId, personId } = caller.identity;
  const content = await computeBulletin(deps.db, {
    orgId,
    cycleId: body.cycleId,
    from: body.from,
    to: body.to,
    asOf: new Date(),
  });
  const { bulletin } = await saveBulletin(
    deps.db,
    {
      id,
      orgId,
      cycleId: body.cycleId ?? null,
      title: body.title ?? defaultBulletinTitle(content.orgName, body.from, body.to),
      periodFrom: body.from,
      periodTo: body.to,
      generatedBy: personId,
      content,
    },
    auditActorOf(caller),
  );
  const t = bulletin.content.totals;
  await createNotificationActivities({ db: deps.db }).notify({
    workflowId: `bulletin:${bulletin.id}`,
    step: 'publish',
    orgId,
    kind: 'BULLETIN',
    title: `【情况通报】${bulletin.title}`,
    body:
      `组织协调室发布了${periodLabel(bulletin.periodFrom, bulletin.periodTo)}情况通报：督办任务${t.led}项，已办结${t.completed}项，` +
      `逾期未办结${t.openOverdue}项，三级督办${t.escalations.l3}项。请登录查看（通报编号 ${bulletin.id}）。`,
    // Everyone who may read it: every active person of the units and the leadership group, not observers.
    recipients: (await listBulletinReaders(deps.db, orgId, ACTIONS['bulletin.read'])).map((p) => ({
      kind: 'PERSON' as const,
      personId: p,
    })),
    webhookUnitIds: [],
  });
  return bulletin;
}

/** A bulletin of the caller's organisation, else 404 (reads are not audited). */
async function readableBulletin(deps: AppDeps, caller: Caller, bulletinId: string): Promise<Bulletin> {
  await authoriseFunction(deps, caller, 'bulletin.read', { type: 'bulletin', id: bulletinId });
  const bulletin = await findBulletin(deps.db, bulletinId);
  if (!bulletin || bulletin.orgId !== caller.identity.orgId) throw AppError.notFound('通报不存在');
  return bulletin;
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
        throw new AppError('invalid-period', 422, '通报期间的起始日期不能晚于截止日期', [
          { field: 'body.from', message: 'must not be after `to`' },
        ]);
      }
      const bulletin = await generateBulletin(deps, caller, newBulletinId(caller, req.get('idempotency-key')), body);
      res.location(`/v1/bulletins/${bulletin.id}`);
      return summaryOf(bulletin);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/bulletins',
    summary: 'The organisation’s bulletins, newest first',
    tag: 'bulletins',
    secured: true,
    query: z.object(pageQuery).strict(),
    response: pageOf(summarySchema),
    errors: [403],
    handler: async ({ query, req }) => {
      const caller = callerOf(req);
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
      const bulletin = await readableBulletin(deps, callerOf(req), params.id);
      return { ...bulletin, totals: bulletin.content.totals };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/bulletins/:id/html',
    summary: 'A bulletin as a printable Chinese HTML page',
    tag: 'bulletins',
    secured: true,
    params: bulletinParams,
    response: z.string(),
    produces: 'text/html',
    errors: [403, 404],
    handler: async ({ params, req }) => renderBulletinHtml(await readableBulletin(deps, callerOf(req), params.id)),
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
