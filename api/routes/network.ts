import { z } from 'zod';
import { NETWORK_KINDS, NETWORK_LEVELS, type NetworkAppointment } from '../../db/org-file';
import { networkAreaProblem } from '../../db/org-file-checks';
import {
  appointmentOf,
  findNetworkMember,
  listNetworkMembers,
  networkMemberVersions,
  organisationToday,
  saveAppointment,
  type NetworkChange,
  type NetworkMember,
} from '../../db/queries/network-members';
import { networkActivity } from '../../db/queries/network-activity';
import { dateOutOfRange } from '../../db/text-schema';
import { findPerson, findUnit } from '../../db/queries/organisation-read';
import { inTransaction } from '../../db/transaction';
import { auditRead, auditRefusal, authorise, authoriseFunction, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, inLanguage, said, type FieldProblem } from '../errors';
import { callerOf } from '../identity';
import { renderNetworkActivityXlsx } from '../network-render';
import { defineRoute, XLSX_TYPE } from '../route';
import { id, isoDate, text, timestamp } from '../schemas';
import { auditActorOf } from '../authorise';

/**
 * The supervision network's roster (监督网络, issue 19): the office appoints, renews and retires members; a member reads
 * their own appointment. Each change is a new version (db/queries/network-members.ts); nobody but the office sees who
 * serves.
 */

const STATUSES = ['PENDING', 'ACTIVE', 'EXPIRED', 'RETIRED'] as const;
const MISSING = said('监督网络中没有该成员', 'There is no such member of the supervision network');

const appointmentSchema = z
  .object({
    kind: z.enum(NETWORK_KINDS),
    level: z.enum(NETWORK_LEVELS),
    areaUnitId: z.string().nullable(),
    termFrom: isoDate,
    termTo: isoDate,
    retired: z.object({ on: isoDate, reason: z.string() }).nullable(),
  })
  .meta({ id: 'NetworkAppointment' });

const memberSchema = z
  .object({
    personId: z.string(),
    name: z.string(),
    title: z.string(),
    kind: z
      .enum(NETWORK_KINDS)
      .describe('SPECIAL_SUPERVISOR 特约监察员, CONDUCT_SUPERVISOR 政风行风监督员, INFORMANT 信息员, …'),
    level: z.enum(NETWORK_LEVELS),
    areaUnitId: z.string().nullable().describe('The town, department or village watched; null at the district level'),
    areaName: z.string().nullable(),
    termFrom: isoDate,
    termTo: isoDate,
    retiredOn: isoDate.nullable(),
    retireReason: z.string().nullable(),
    version: z.number().int(),
    status: z.enum(STATUSES).describe('Today, in the organisation’s time zone'),
  })
  .meta({ id: 'NetworkMember' });

const memberDetailSchema = memberSchema
  .extend({
    versions: z.array(
      z.object({
        version: z.number().int(),
        change: z.enum(['APPOINT', 'AMEND', 'RENEW', 'RETIRE']),
        appointment: appointmentSchema,
        reason: z.string(),
        source: z.enum(['FILE', 'API']),
        actorId: z.string(),
        at: timestamp,
      }),
    ),
  })
  .meta({ id: 'NetworkMemberDetail' });

const memberParams = z.object({ id: id.describe('Person id of the member') }).strict();

const appointBody = z
  .object({
    personId: id.describe('An OBSERVER of the organisation'),
    kind: z.enum(NETWORK_KINDS),
    level: z.enum(NETWORK_LEVELS),
    areaUnitId: id.optional().describe('TOWN level: a town or department; VILLAGE level: a village; none at DISTRICT'),
    termFrom: isoDate.describe('First day of the term (聘期)'),
    termTo: isoDate.describe('Last day of the term'),
    reason: text(500).describe('Why, for the record (e.g. the appointment letter’s number)'),
  })
  .strict()
  .meta({
    examples: [
      {
        personId: 'p-tang-li',
        kind: 'INFORMANT',
        level: 'TOWN',
        areaUnitId: 'town-liuhe',
        termFrom: '2027-01-01',
        termTo: '2028-12-31',
        reason: '区纪委监委聘书〔2027〕3号',
      },
    ],
  });
const renewBody = z.object({ termTo: isoDate.describe('The new last day of the term'), reason: text(500) }).strict();
const retireBody = z
  .object({
    on: isoDate.optional().describe('The day they leave (default today)'),
    reason: text(500).describe('Why they leave'),
  })
  .strict();

const invalid = (fields: FieldProblem[]) =>
  new AppError('invalid-request', 422, said('请求内容有误', 'The request is not valid'), fields);

/** Audits the office's refused change to a member's appointment, and throws its answer. */
async function refuse(deps: AppDeps, caller: Caller, personId: string, error: AppError): Promise<never> {
  const detail = error.fields.map((f) => `${f.field}: ${inLanguage(f.message, 'zh')}`);
  const reason = [error.message, ...detail].join('; ');
  await auditRefusal(deps, caller, 'networkMember.manage', { type: 'networkMember', id: personId }, reason);
  throw error;
}

/** The member in the caller's view: the office sees everyone, a member themself; anyone else as if none existed. */
async function visibleMember(deps: AppDeps, caller: Caller, personId: string, action: 'read' | 'manage') {
  const ref = { type: 'networkMember', id: personId };
  const member = await findNetworkMember(deps.db, caller.identity.orgId, personId);
  if (!member) {
    await auditRefusal(deps, caller, `networkMember.${action}`, ref, 'no such member');
    throw AppError.notFound(MISSING);
  }
  const object = { type: 'networkMember' as const, orgId: caller.identity.orgId, personId };
  await authorise(deps, caller, `networkMember.${action}`, object, ref, MISSING);
  return member;
}

async function detail(deps: AppDeps, member: NetworkMember) {
  return { ...member, versions: await networkMemberVersions(deps.db, member.personId) };
}

/**
 * Writes a change the office made, as a version with its audit row, and answers the member as it now stands. `make`
 * decides the change from the member's appointment as it is under the person's lock (refusing it by throwing), so
 * that two changes at once cannot both pass a check made before either.
 */
async function change(
  deps: AppDeps,
  caller: Caller,
  personId: string,
  make: (current: NetworkMember | null) => Promise<NetworkAppointment>,
  kind: NetworkChange,
  reason: string,
) {
  const orgId = caller.identity.orgId;
  await inTransaction(deps.db, (client) =>
    saveAppointment(client, {
      orgId,
      personId,
      appointment: make,
      reason,
      source: 'API',
      change: kind,
      actor: auditActorOf(caller),
    }),
  );
  const member = await findNetworkMember(deps.db, orgId, personId);
  if (!member) throw new Error(`network member ${personId} vanished after its ${kind}`);
  return detail(deps, member);
}

const count = z.number().int();
const days = z.number().nullable().describe('Mean calendar days; null over none');
const activityFields = {
  submissions: count,
  ledToTasks: count.describe('Triaged into a supervised task for the unit concerned'),
  referred: count.describe('Referred to an enforcement body as a clue'),
  replied: count,
  merged: count,
  closed: count,
  awaiting: count.describe('Not yet triaged, or not yet answered'),
  daysToTriage: days,
  daysToAnswer: days.describe('From submission to the answer the member heard'),
  answeredLate: count,
  rating: z.number().nullable().describe('Mean of the member’s ratings of the answers, 1–5'),
  observations: count.describe('Observations added to inspection rounds'),
  appraisalsInvited: count,
  appraisalsFinished: count,
};
const activitySchema = z
  .object({
    year: z.number().int(),
    members: z.array(
      memberSchema
        .pick({ personId: true, name: true, kind: true, level: true, areaName: true, status: true })
        .extend(activityFields),
    ),
    totals: z.object({ members: count, ...activityFields }),
  })
  .meta({ id: 'NetworkActivity' });
const activityQuery = z
  .object({ year: z.coerce.number().int().min(2000).max(2100).describe('The year (default this year)').optional() })
  .strict();

/** The year's activity of every member (office): the network's yearly review. */
async function activityOf(deps: AppDeps, caller: Caller, year: number | undefined) {
  await authoriseFunction(deps, caller, 'networkMember.manage', { type: 'networkActivity' });
  const orgId = caller.identity.orgId;
  const y = year ?? Number((await organisationToday(deps.db, orgId)).slice(0, 4));
  const activity = await networkActivity(deps.db, orgId, y);
  // It names who informs and how often: every reading is on record, as every read of a submission is.
  await auditRead(deps, caller, 'networkMember.read', { type: 'networkActivity', id: String(y) });
  return { year: y, ...activity };
}

export const networkRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'get',
    path: '/network/activity',
    summary: 'The year’s activity of every member of the network (office): submissions, outcomes, response times',
    tag: 'network',
    secured: true,
    query: activityQuery,
    response: activitySchema,
    errors: [403],
    handler: async ({ query, req }) => activityOf(deps, callerOf(req), query.year),
  }),
  defineRoute({
    method: 'get',
    path: '/network/activity.xlsx',
    summary: 'The year’s activity of the network as an Excel workbook (office)',
    tag: 'network',
    secured: true,
    query: activityQuery,
    response: z.instanceof(Buffer),
    produces: XLSX_TYPE,
    errors: [403],
    handler: async ({ query, req, res }) => {
      const activity = await activityOf(deps, callerOf(req), query.year);
      res.attachment(`network-activity-${activity.year}.xlsx`);
      return renderNetworkActivityXlsx(activity);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/network/members',
    summary: 'The supervision network’s members (office); a member gets their own appointment alone',
    tag: 'network',
    secured: true,
    query: z
      .object({
        level: z.enum(NETWORK_LEVELS).optional(),
        areaUnitId: id.optional(),
        status: z.enum(STATUSES).optional().describe('Where each stands today'),
      })
      .strict(),
    response: z.object({ items: z.array(memberSchema), total: z.number().int() }),
    errors: [403],
    handler: async ({ query, req }) => {
      const caller = callerOf(req);
      await authoriseFunction(deps, caller, 'networkMember.read', { type: 'networkMember' });
      const office = caller.identity.roles.includes('OFFICE');
      const items = await listNetworkMembers(deps.db, {
        orgId: caller.identity.orgId,
        ...query,
        ...(office ? {} : { personId: caller.identity.personId }),
      });
      return { items, total: items.length };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/network/members/:id',
    summary: 'One member’s appointment and every version of it (office, or the member themself)',
    tag: 'network',
    secured: true,
    params: memberParams,
    response: memberDetailSchema,
    errors: [404],
    handler: async ({ params, req }) => detail(deps, await visibleMember(deps, callerOf(req), params.id, 'read')),
  }),
  defineRoute({
    method: 'post',
    path: '/network/members',
    summary: 'Appoint an observer to the supervision network for a term (office); a retired or lapsed member anew',
    tag: 'network',
    secured: true,
    idempotent: true,
    body: appointBody,
    status: 201,
    response: memberDetailSchema,
    errors: [403, 409, 422],
    handler: async ({ body, req, res }) => {
      const caller = callerOf(req);
      await authoriseFunction(deps, caller, 'networkMember.manage', { type: 'networkMember', id: body.personId });
      const orgId = caller.identity.orgId;
      const problems: FieldProblem[] = [];
      const person = await findPerson(deps.db, body.personId);
      if (!person || person.orgId !== orgId) {
        problems.push({ field: 'body.personId', message: said('没有该人员', 'no such person') });
      } else if (!person.roles.includes('OBSERVER')) {
        problems.push({
          field: 'body.personId',
          message: said(
            '只有 OBSERVER（监督员、信息员）可以聘入监督网络；请先在组织数据中为其设置该角色',
            'only an OBSERVER may be appointed to the network; give them that role in the organisation data first',
          ),
        });
      }
      const areaId = body.areaUnitId ?? null;
      const area = areaId === null ? undefined : await findUnit(deps.db, areaId);
      const areaProblem = networkAreaProblem(body.level, areaId, area && area.orgId === orgId ? area.kind : undefined);
      if (areaProblem) problems.push({ field: 'body.areaUnitId', message: areaProblem });
      for (const field of ['termFrom', 'termTo'] as const) {
        const outOfRange = dateOutOfRange(body[field]);
        if (outOfRange) problems.push({ field: `body.${field}`, message: outOfRange });
      }
      if (body.termTo < body.termFrom) {
        problems.push({
          field: 'body.termTo',
          message: said('聘期结束日期不能早于开始日期', 'the term cannot end before it begins'),
        });
      }
      if (problems.length > 0) await refuse(deps, caller, body.personId, invalid(problems));
      res.setHeader('location', `/v1/network/members/${body.personId}`);
      return change(
        deps,
        caller,
        body.personId,
        async (current) => {
          if (current && (current.status === 'ACTIVE' || current.status === 'PENDING')) {
            const reason = said(
              `${current.name}已在聘期内（至 ${current.termTo}）；延长聘期请用续聘`,
              `${current.name} already serves (until ${current.termTo}); renew the term instead`,
            );
            await refuse(deps, caller, body.personId, AppError.conflict(reason));
          }
          return {
            kind: body.kind,
            level: body.level,
            areaUnitId: areaId,
            termFrom: body.termFrom,
            termTo: body.termTo,
            retired: null,
          };
        },
        'APPOINT',
        body.reason,
      );
    },
  }),
  defineRoute({
    method: 'post',
    path: '/network/members/:id/renew',
    summary: 'Renew a member’s term (续聘) to a later last day (office)',
    tag: 'network',
    secured: true,
    idempotent: true,
    params: memberParams,
    body: renewBody,
    response: memberDetailSchema,
    errors: [403, 404, 409, 422],
    handler: async ({ params, body, req }) => {
      const caller = callerOf(req);
      const { personId } = await visibleMember(deps, caller, params.id, 'manage');
      const renewed = async (member: NetworkMember | null): Promise<NetworkAppointment> => {
        if (!member) throw new Error(`network member ${personId} vanished`);
        if (member.status === 'RETIRED') {
          const reason = said(`${member.name}已于 ${member.retiredOn} 解聘，请重新聘任`, 'retired: appoint them anew');
          await refuse(deps, caller, personId, AppError.conflict(reason));
        }
        const outOfRange = dateOutOfRange(body.termTo);
        if (outOfRange) await refuse(deps, caller, personId, invalid([{ field: 'body.termTo', message: outOfRange }]));
        if (body.termTo <= member.termTo) {
          const message = said(
            `续聘须晚于现聘期结束日 ${member.termTo}`,
            `a renewal must end after the current term’s last day, ${member.termTo}`,
          );
          await refuse(deps, caller, personId, invalid([{ field: 'body.termTo', message }]));
        }
        return { ...appointmentOf(member), termTo: body.termTo };
      };
      return change(deps, caller, personId, renewed, 'RENEW', body.reason);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/network/members/:id/retire',
    summary: 'Retire a member (解聘) from a day on (office); they then submit nothing new',
    tag: 'network',
    secured: true,
    idempotent: true,
    params: memberParams,
    body: retireBody,
    response: memberDetailSchema,
    errors: [403, 404, 409, 422],
    handler: async ({ params, body, req }) => {
      const caller = callerOf(req);
      const { personId } = await visibleMember(deps, caller, params.id, 'manage');
      const on = body.on ?? (await organisationToday(deps.db, caller.identity.orgId));
      const retired = async (member: NetworkMember | null): Promise<NetworkAppointment> => {
        if (!member) throw new Error(`network member ${personId} vanished`);
        if (member.retiredOn !== null) {
          const reason = said(`${member.name}已于 ${member.retiredOn} 解聘`, `already retired on ${member.retiredOn}`);
          await refuse(deps, caller, personId, AppError.conflict(reason));
        }
        const outOfRange = dateOutOfRange(on);
        if (outOfRange) await refuse(deps, caller, personId, invalid([{ field: 'body.on', message: outOfRange }]));
        if (on < member.termFrom) {
          const message = said(
            `解聘日期不能早于聘期开始日 ${member.termFrom}`,
            `cannot retire before the term began on ${member.termFrom}`,
          );
          await refuse(deps, caller, personId, invalid([{ field: 'body.on', message }]));
        }
        return { ...appointmentOf(member), retired: { on, reason: body.reason } };
      };
      return change(deps, caller, personId, retired, 'RETIRE', body.reason);
    },
  }),
];
