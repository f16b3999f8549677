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
import { findPerson, findUnit } from '../../db/queries/organisation-read';
import { inTransaction } from '../../db/transaction';
import { auditRefusal, authorise, authoriseFunction, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, inLanguage, said, type FieldProblem } from '../errors';
import { callerOf } from '../identity';
import { defineRoute } from '../route';
import { id, isoDate, text, timestamp } from '../schemas';
import { auditActorOf } from './inbox';

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

/** Writes a change the office made, as a version with its audit row, and answers the member as it now stands. */
async function change(
  deps: AppDeps,
  caller: Caller,
  personId: string,
  appointment: NetworkAppointment,
  kind: NetworkChange,
  reason: string,
) {
  const orgId = caller.identity.orgId;
  await inTransaction(deps.db, (client) =>
    saveAppointment(client, {
      orgId,
      personId,
      appointment,
      reason,
      source: 'API',
      change: kind,
      actor: { ...auditActorOf(caller), actorId: caller.identity.personId },
    }),
  );
  const member = await findNetworkMember(deps.db, orgId, personId);
  if (!member) throw new Error(`network member ${personId} vanished after its ${kind}`);
  return detail(deps, member);
}

export const networkRoutes = (deps: AppDeps) => [
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
      if (body.termTo < body.termFrom) {
        problems.push({
          field: 'body.termTo',
          message: said('聘期结束日期不能早于开始日期', 'the term cannot end before it begins'),
        });
      }
      if (problems.length > 0) await refuse(deps, caller, body.personId, invalid(problems));
      const current = await findNetworkMember(deps.db, orgId, body.personId);
      if (current && (current.status === 'ACTIVE' || current.status === 'PENDING')) {
        const reason = said(
          `${current.name}已在聘期内（至 ${current.termTo}）；延长聘期请用续聘`,
          `${current.name} already serves (until ${current.termTo}); renew the term instead`,
        );
        await refuse(deps, caller, body.personId, AppError.conflict(reason));
      }
      const appointment: NetworkAppointment = {
        kind: body.kind,
        level: body.level,
        areaUnitId: areaId,
        termFrom: body.termFrom,
        termTo: body.termTo,
        retired: null,
      };
      res.setHeader('location', `/v1/network/members/${body.personId}`);
      return change(deps, caller, body.personId, appointment, 'APPOINT', body.reason);
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
      const member = await visibleMember(deps, caller, params.id, 'manage');
      if (member.status === 'RETIRED') {
        const reason = said(`${member.name}已于 ${member.retiredOn} 解聘，请重新聘任`, 'retired: appoint them anew');
        await refuse(deps, caller, member.personId, AppError.conflict(reason));
      }
      if (body.termTo <= member.termTo) {
        await refuse(
          deps,
          caller,
          member.personId,
          invalid([
            {
              field: 'body.termTo',
              message: said(
                `续聘须晚于现聘期结束日 ${member.termTo}`,
                `a renewal must end after the current term’s last day, ${member.termTo}`,
              ),
            },
          ]),
        );
      }
      return change(
        deps,
        caller,
        member.personId,
        { ...appointmentOf(member), termTo: body.termTo },
        'RENEW',
        body.reason,
      );
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
      const member = await visibleMember(deps, caller, params.id, 'manage');
      if (member.retiredOn !== null) {
        const reason = said(`${member.name}已于 ${member.retiredOn} 解聘`, `already retired on ${member.retiredOn}`);
        await refuse(deps, caller, member.personId, AppError.conflict(reason));
      }
      const on = body.on ?? (await organisationToday(deps.db, caller.identity.orgId));
      if (on < member.termFrom) {
        await refuse(
          deps,
          caller,
          member.personId,
          invalid([
            {
              field: 'body.on',
              message: said(
                `解聘日期不能早于聘期开始日 ${member.termFrom}`,
                `cannot retire before the term began on ${member.termFrom}`,
              ),
            },
          ]),
        );
      }
      const appointment = { ...appointmentOf(member), retired: { on, reason: body.reason } };
      return change(deps, caller, member.personId, appointment, 'RETIRE', body.reason);
    },
  }),
];
