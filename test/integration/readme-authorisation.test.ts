import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseTeamBody, caseTeamFixtures } from '../support/case-team-fixtures';
import { appraisalBody, inspectionBody } from '../support/inspection-fixtures';
import type { apiClient } from '../support/http';
import { laterRenewal, reappointWuGang, submissionBody } from '../support/network-fixtures';
import { deadDelivery } from '../support/dead-delivery';
import { multipart, samplePdf } from '../support/attachments';
import { startTestStack, type TestStack } from '../support/test-stack';
import { ADMINISTRATOR_ALONE, exampleWithAdministratorAlone } from '../support/administrator-alone';
import { parseOrganisationFile } from '../../db/org-file';
import { loadOrganisation } from '../../db/queries/load-organisation';
import { shippedScoringModels } from '../../activities/assessment';
import { contentOfModel } from '../../config/scoring-model-rules';
import { loadAccountability } from '../../config/accountability';
import { contentOfAccountability } from '../../config/accountability-rules';
import { shippedProcedureDefaults } from '../../config/procedure-defaults';

/** A scoring model the office may publish: the deployment's default (issue 22). */
const SCORING_CONTENT = contentOfModel(shippedScoringModels().default);
/** Notice templates the office may publish (issue 22): its own wording of the reminder. */
const NOTICES_CONTENT = {
  templates: [{ kind: 'REMINDER', title: '【到期提醒】{任务名称}', body: '请于{工作时限}前办结「{任务名称}」。' }],
};

/** Read, one version, diff, publish and restore of a kind of the office's rules at `path` (issue 22). */
async function ruleKindRequests(
  path: string,
  content: unknown,
  ruleVersion: (path: string, content: unknown) => Promise<number>,
) {
  const inForce = await ruleVersion(path, content);
  return [
    ...[path, `${path}/versions/${inForce}`, `${path}/diff?from=1&to=${inForce}`].map((p) => ({
      method: 'GET',
      path: p,
    })),
    { method: 'POST', path, body: { baseVersion: inForce, reason: '核对权限', content } },
    { method: 'POST', path: `${path}/versions/1/restore`, body: { baseVersion: inForce + 1, reason: '核对权限' } },
  ];
}
import { EVIDENCE_TYPE, policiesWithEvidenceType } from '../support/evidence-policy';

type TaskType = 'ROUTINE' | 'LEADER_INSTRUCTION' | typeof EVIDENCE_TYPE;

/**
 * The README's "Who may do what" table, read as the user reads it and checked against the live API, so that the two
 * cannot drift: each row is tried by every person of every column, through the requests below (every one of a row's
 * requests must answer as its cell says).
 */
type Answer = 'yes' | '403' | '404' | '409';
type Client = ReturnType<typeof apiClient>;

/** Who each column's words name: the task under test is led by village-hekou, co-organised by town-dongguan. */
const COLUMNS: Record<string, Record<string, string>> = {
  office: { office: 'p-huang-min' },
  'unit (head/staff)': { lead: 'p-lu-shuigen', co: 'p-xie-hua', other: 'p-han-bing' },
  // own: responsible leader of village-hekou; task's: the task's leader; other: responsible leader of another village.
  leader: { own: 'p-fang-liang', "task's": 'p-zhao-zhiqiang', other: 'p-shi-jia' },
  group: { group: 'p-li-jianguo' },
  observer: { observer: 'p-bai-xue' },
  // Staff of an enforcement body (区公安分局经侦大队): a party to case collaboration (移送) only.
  enforcement: { enforcement: 'p-ding-rui' },
};

interface Request {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}
type Stage = 'ASSIGNED' | 'URGED' | 'SIGNED' | 'EXTENSION_PENDING' | 'PAUSE_PENDING' | 'PAUSED' | 'REFUSED';
interface Fixtures {
  /** A new task (ASSIGNED) with a file the office attached: the task's id and the attachment's. */
  attachment: () => Promise<{ taskId: string; id: string }>;
  /** A new task of `type` in `stage` (each call its own, so that one success does not change the next try). */
  task: (stage: Stage, type?: TaskType) => Promise<string>;
  cycle: () => Promise<string>;
  bulletin: () => Promise<string>;
  /** A fresh referral from the office to `receiverUnitId`, accepted when `accepted`. */
  referral: (receiverUnitId: string, accepted?: boolean) => Promise<string>;
  /**
   * A new case team in zone-1 (each call its own): co's head p-xie-hua confirmed on it (`member` seat); other's unit
   * town-xicheng asked and not on it (`asked` seat; with `named`, p-han-bing named and awaiting the office).
   */
  caseTeam: (named?: boolean) => Promise<{ teamId: string; member: string; asked: string }>;
  /** A new rotation plan: w1 for village-hekou (p-lu-shuigen), w2 for town-dongguan; SWAP: w1's swap requested. */
  rotation: (stage: 'PENDING' | 'SWAP') => Promise<string>;
  /**
   * A file lead's head uploaded to village-hekou's part of a round, or to a case of village-hekou (each made once):
   * where its owner's files are listed (`at`), and its id.
   */
  ownerFile: (owner: 'round' | 'case') => Promise<{ at: string; id: string }>;
  /** A new inspection round of the cycle over village-hekou and town-dongguan; `observed`: p-bai-xue invited. */
  round: (observed?: boolean) => Promise<string>;
  /** The version of the task types in force, after the office published one if there was none (issue 22). */
  rulesVersion: () => Promise<number>;
  /** A new unit of the administrator's (with its head), each call its own: its id and a second person's of it. */
  freshUnit: () => Promise<{ unitId: string; personId: string }>;
  /** The organisation's version in force, one edit made first when it has none (issue 22). */
  organisationVersion: () => Promise<number>;
  /** The version of the scoring model in force, after the office published one if there was none (issue 22). */
  scoringModelVersion: () => Promise<number>;
  /** The version in force of the kind of rules at `path`, after the office published `content` if there was none. */
  ruleVersion: (path: string, content: unknown) => Promise<number>;
  /** The cycle, its assessment computed (once). */
  assessed: () => Promise<string>;
  /** A new conduct appraisal (行风评议) of the cycle over village-hekou and town-dongguan, p-bai-xue invited. */
  appraisal: () => Promise<string>;
  /** A new submission (反映) of the observer: waiting for triage, or turned into a task and answered. */
  submission: (stage: 'SUBMITTED' | 'ANSWERED') => Promise<string>;
  /** A fresh saved view of the office's. */
  view: () => Promise<string>;
  /** A new dead notice delivery (an SMS to lead's head whose number was refused). */
  delivery: () => Promise<string>;
  /** A new absence of an office staff member (p-zhang-wei, p-yang-fan standing in), entered by the office. */
  absence: () => Promise<string>;
}
type Probe = (f: Fixtures) => Promise<Request[]>;

const year = new Date().getUTCFullYear();
const taskBody = (type: string) => ({
  title: '村级小微权力清单落实情况整改',
  type,
  leadUnitId: 'village-hekou',
  coUnitIds: ['town-dongguan'],
  leaderId: 'p-zhao-zhiqiang',
  requirements: '对照清单逐项整改',
  standard: '整改台账经镇纪委审核',
  dueDate: `${year + 1}-05-31`,
});
const extension = { reason: '需补充调查', proposedDate: `${year + 1}-06-30`, progress: '过半' };
const pause = { category: 'BUDGET', reason: '专项资金尚未下达' };
const refusal = { responsibleUnitId: 'town-xicheng', reason: '不属本村职责' };
/** The first day of the month `months` after next, and the last day of a two-month window from it. */
const rotationStart = (months: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2 + months, 1)).toISOString().slice(0, 10);
};
const twoMonthsFrom = (start: string) =>
  new Date(Date.UTC(Number(start.slice(0, 4)), Number(start.slice(5, 7)) + 1, 0)).toISOString().slice(0, 10);
let rotationYear = 2200;
let fresh = 0;
const rotationBody = () => ({
  year: ++rotationYear,
  windows: [
    {
      personId: 'p-lu-shuigen',
      unitId: 'village-hekou',
      start: rotationStart(0),
      end: twoMonthsFrom(rotationStart(0)),
    },
    { personId: 'p-yu-hong', unitId: 'town-dongguan', start: rotationStart(0), end: twoMonthsFrom(rotationStart(0)) },
  ],
});
const rotationSwap = { windowId: 'w1', start: rotationStart(1), end: twoMonthsFrom(rotationStart(1)), reason: '换届' };
const get = (...paths: string[]): Request[] => paths.map((path) => ({ method: 'GET', path }));
/** A unit the administrator adds (issue 22), with its head, and a person of a unit. */
const newPerson = (id: string, unit: string) => ({ id, name: '核对', unit, roles: ['UNIT'] });
const newUnit = (id: string) => ({
  unit: { id, name: `核对权限${id}`, kind: 'TOWN', head: `${id}-head`, leader: 'p-chen-lixin' },
  people: [newPerson(`${id}-head`, id)],
  reason: '核对权限',
});
const onTask =
  (stage: Stage, verb: string, body: unknown, type?: TaskType): Probe =>
  async ({ task }) => [{ method: 'POST', path: `/v1/tasks/${await task(stage, type)}/${verb}`, body }];

/** The requests that try each row of the table, by the row's first cell. */
const PROBES: Record<string, Probe> = {
  'read units, people, `/v1/me`, calendars, task types, their own inbox': async () =>
    get('/v1/units', '/v1/people', '/v1/me', `/v1/calendar/${year}`, '/v1/task-types', '/v1/inbox'),
  'create a task, generate a bulletin, preview and load a calendar table': async () => {
    const table = {
      year: year + 1,
      source: '测试',
      holidays: [{ date: `${year + 1}-10-01`, name: '国庆节' }],
      workdays: [],
    };
    return [
      { method: 'POST', path: '/v1/tasks', body: taskBody('ROUTINE') },
      { method: 'POST', path: '/v1/bulletins', body: { from: `${year}-11-01`, to: `${year}-11-30` } },
      { method: 'POST', path: `/v1/calendar/${year + 1}/preview`, body: table },
      { method: 'PUT', path: `/v1/calendar/${year + 1}`, body: table },
    ];
  },
  'list tasks, meetings, cases, cycles, bulletins (what they see)': async () =>
    get('/v1/tasks', '/v1/meetings', '/v1/cases', '/v1/cycles', '/v1/bulletins'),
  'list inspection rounds (what they see; an observer: those they were invited into)': async () =>
    get('/v1/inspections'),
  'read a task': async ({ task }) => get(`/v1/tasks/${await task('ASSIGNED')}`),
  "print an urging's slip (督办单, page or PDF)": async ({ task }) => {
    const id = await task('URGED');
    return get(`/v1/tasks/${id}/urgings/2-urged/slip`, `/v1/tasks/${id}/urgings/2-urged/slip.pdf`);
  },
  'accept, return, cancel, reassign a task; let the lead unit submit before its co-units': async (f) => [
    ...(await onTask('ASSIGNED', 'cancel', { reason: '测试撤销' })(f)),
    ...(await onTask('SIGNED', 'co-report-override', { reason: '协办单位已口头反馈' })(f)),
  ],
  'sign for, report progress, submit, request an extension': async (f) => [
    ...(await onTask('ASSIGNED', 'sign', {})(f)),
    ...(await onTask('SIGNED', 'extension', extension)(f)),
  ],
  'ask to stop the clock (挂账), refuse a task within the sign-for limit (退单)': async (f) => [
    ...(await onTask('SIGNED', 'pause', pause)(f)),
    ...(await onTask('ASSIGNED', 'refuse', refusal)(f)),
  ],
  'decide a pause, rule on a refusal': async (f) => [
    ...(await onTask('PAUSE_PENDING', 'pause-decision', { approve: true })(f)),
    ...(await onTask('REFUSED', 'refusal-ruling', { ruling: 'INSIST', reason: '属本村职责' })(f)),
  ],
  "resume a paused task's clock": onTask('PAUSED', 'resume', {}),
  "set a task's milestones (序时进度)": onTask('SIGNED', 'milestones', { milestones: [] }),
  'urge a task by hand (督办/催办)': onTask('SIGNED', 'urgings', { text: '请加快进度' }),
  "extend a task's time limit (延期, office)": onTask('SIGNED', 'office-extension', {
    newDueDate: '2028-12-31',
    reason: '经研究同意延期',
  }),
  'mark a task for named supervision (挂牌督办) or lift it (摘牌)': onTask('SIGNED', 'supervision', {
    named: true,
    reason: '群众反映强烈',
  }),
  // A type whose policy requires evidence: for any other the office's waiver is a 409 (nothing to waive).
  'waive the evidence a submission needs (免予提交佐证材料)': onTask(
    'SIGNED',
    'evidence-waiver',
    { reason: '已实地核验' },
    EVIDENCE_TYPE,
  ),
  "report a co-organising unit's part": onTask('SIGNED', 'co-report', { text: '已配合完成' }),
  'decide an extension the office decides (task types but `LEADER_INSTRUCTION`)': onTask(
    'EXTENSION_PENDING',
    'extension-decision',
    { approve: true },
  ),
  "decide an extension the task's leader decides (`LEADER_INSTRUCTION`)": onTask(
    'EXTENSION_PENDING',
    'extension-decision',
    { approve: true },
    'LEADER_INSTRUCTION',
  ),
  'attach a file (佐证材料) to a task': async ({ task }) => [
    {
      method: 'POST',
      path: `/v1/tasks/${await task('ASSIGNED')}/attachments`,
      ...multipart(samplePdf, '佐证材料.pdf'),
    },
  ],
  "list and download a task's attachments": async ({ attachment }) => {
    const { taskId, id } = await attachment();
    return get(`/v1/tasks/${taskId}/attachments`, `/v1/attachments/${id}`);
  },
  "attach a file to lead's part of an inspection round (self-check; office: findings)": async ({ round }) => [
    {
      method: 'POST',
      path: `/v1/inspections/${await round()}/units/village-hekou/attachments`,
      ...multipart(samplePdf, '自查材料.pdf'),
    },
  ],
  "list and download the files of lead's part of an inspection round": async ({ ownerFile }) => {
    const { at, id } = await ownerFile('round');
    return get(at, `/v1/attachments/${id}`);
  },
  "attach a file to a case of lead's unit (its statement, 说明情况)": async ({ ownerFile }) => [
    { method: 'POST', path: (await ownerFile('case')).at, ...multipart(samplePdf, '说明材料.pdf') },
  ],
  "list and download the files of a case of lead's unit": async ({ ownerFile }) => {
    const { at, id } = await ownerFile('case');
    return get(at, `/v1/attachments/${id}`);
  },
  'comment on a task': onTask('ASSIGNED', 'comments', { text: '请加快进度' }),
  'read a cycle, a bulletin (also as a printable page or PDF)': async ({ cycle, bulletin }) =>
    get(
      `/v1/cycles/${await cycle()}`,
      `/v1/bulletins/${await bulletin()}`,
      `/v1/bulletins/${await bulletin()}/html`,
      `/v1/bulletins/${await bulletin()}/pdf`,
    ),
  'read the overview: who is late, what awaits a decision (`/v1/overview`)': async () => get('/v1/overview'),
  'read the roll-up of the organisations under theirs (`/v1/rollup`)': async () => get('/v1/rollup'),
  'list referrals (移送) they may know of (`GET /v1/referrals`)': async () => get('/v1/referrals'),
  'read a referral to another enforcement body (区审计局)': async ({ referral }) =>
    get(`/v1/referrals/${await referral('enf-audit')}`),
  'give acceptance or result feedback on, or return, a referral to their own body': async ({ referral }) => [
    { method: 'POST', path: `/v1/referrals/${await referral('enf-police')}/accept`, body: {} },
    { method: 'POST', path: `/v1/referrals/${await referral('enf-police', true)}/result`, body: { result: '已立案' } },
    {
      method: 'POST',
      path: `/v1/referrals/${await referral('enf-police')}/return`,
      body: { reasons: '不属本单位管辖' },
    },
  ],
  'record a coordination opinion on a referral, name who needs to know': async ({ referral }) => [
    {
      method: 'POST',
      path: `/v1/referrals/${await referral('enf-police')}/opinions`,
      body: { facts: '事实清楚', text: '依法处理' },
    },
    {
      method: 'POST',
      path: `/v1/referrals/${await referral('enf-police')}/access`,
      body: { personIds: ['p-lu-shuigen'], reason: '配合核查' },
    },
  ],
  'open a case team (`POST /v1/case-teams`)': async () => [
    { method: 'POST', path: '/v1/case-teams', body: caseTeamBody() },
  ],
  'list case teams and secondment requests (what they see)': async () => get('/v1/case-teams', '/v1/secondments'),
  "read a case team, its case and roster (co's head serves on it; other's unit does not)": async ({ caseTeam }) =>
    get(`/v1/case-teams/${(await caseTeam()).teamId}`),
  "read a secondment request (asked of other's unit)": async ({ caseTeam }) =>
    get(`/v1/secondments/${(await caseTeam()).asked}`),
  "name the person of a secondment request (asked of other's unit)": async ({ caseTeam }) => [
    { method: 'POST', path: `/v1/secondments/${(await caseTeam()).asked}/nominate`, body: { personId: 'p-han-bing' } },
  ],
  "confirm or reject the person other's unit named": async ({ caseTeam }) => [
    { method: 'POST', path: `/v1/secondments/${(await caseTeam(true)).asked}/confirm`, body: {} },
    { method: 'POST', path: `/v1/secondments/${(await caseTeam(true)).asked}/reject`, body: { reason: '不符合要求' } },
  ],
  'extend or release a case team': async ({ caseTeam }) => [
    {
      method: 'POST',
      path: `/v1/case-teams/${(await caseTeam()).teamId}/extend`,
      body: { endDate: '2099-12-31', reason: '案情复杂' },
    },
    { method: 'POST', path: `/v1/case-teams/${(await caseTeam()).teamId}/release`, body: { reason: '已移送审理' } },
  ],
  "declare a conflict (回避) as the person named (co's head)": async ({ caseTeam }) => [
    {
      method: 'POST',
      path: `/v1/secondments/${(await caseTeam()).member}/declare-conflict`,
      body: { reason: '与被审查人系同学' },
    },
  ],
  "make the year's rotation plan (轮训)": async () => [{ method: 'POST', path: '/v1/rotations', body: rotationBody() }],
  'read a rotation plan (its windows in their scope)': async ({ rotation }) =>
    get(`/v1/rotations/${await rotation('PENDING')}`),
  "confirm or ask to swap a rotation window of village-hekou (lead's)": async ({ rotation }) => [
    { method: 'POST', path: `/v1/rotations/${await rotation('PENDING')}/confirm`, body: { windowId: 'w1' } },
    { method: 'POST', path: `/v1/rotations/${await rotation('PENDING')}/swap`, body: rotationSwap },
  ],
  "decide a swap, record an early end or absence of lead's rotation window": async ({ rotation }) => [
    {
      method: 'POST',
      path: `/v1/rotations/${await rotation('SWAP')}/swap-decision`,
      body: { windowId: 'w1', approve: true },
    },
    {
      method: 'POST',
      path: `/v1/rotations/${await rotation('PENDING')}/early-end`,
      body: { windowId: 'w1', reason: '病休' },
    },
  ],
  "read the rotation record of lead's head (`/v1/people/{id}/rotation-record`)": async () =>
    get('/v1/people/p-lu-shuigen/rotation-record'),
  'list the supervision network (监督网络; a member: their own appointment)': async () => get('/v1/network/members'),
  "read the observer's own appointment to the network, with its versions": async () =>
    get('/v1/network/members/p-bai-xue'),
  "read the network's year: each member's submissions, outcomes and response times": async () =>
    get('/v1/network/activity', '/v1/network/activity.xlsx'),
  'appoint an observer to the network (聘任)': async () => [
    {
      method: 'POST',
      path: '/v1/network/members',
      body: reappointWuGang,
    },
  ],
  "renew or retire the observer's appointment (续聘、解聘)": async () => [
    {
      method: 'POST',
      path: '/v1/network/members/p-bai-xue/renew',
      body: laterRenewal(),
    },
  ],
  'invite members of the network into an inspection round (列席检查)': async ({ round }) => [
    { method: 'POST', path: `/v1/inspections/${await round()}/observers`, body: { personIds: ['p-kong-deming'] } },
  ],
  'add an observation (观察意见) to a round they were invited into': async ({ round }) => [
    {
      method: 'POST',
      path: `/v1/inspections/${await round(true)}/observe`,
      body: { unitId: 'village-hekou', text: '村务公开栏内容未及时更新' },
    },
  ],
  'open a conduct appraisal (行风评议) of a cycle': async ({ cycle }) => [
    { method: 'POST', path: `/v1/cycles/${await cycle()}/appraisals`, body: appraisalBody() },
  ],
  'list conduct appraisals (what they see)': async () => get('/v1/appraisals'),
  'read a conduct appraisal (a unit: its own result once closed; a member: own form)': async ({ appraisal }) =>
    get(`/v1/appraisals/${await appraisal()}`),
  'fill or change their own rating form (an invited member)': async ({ appraisal }) => [
    {
      method: 'POST',
      path: `/v1/appraisals/${await appraisal()}/ratings`,
      body: { ratings: [{ unitId: 'village-hekou', rating: 'SATISFIED' }] },
    },
  ],
  'invite more members to a conduct appraisal': async ({ appraisal }) => [
    { method: 'POST', path: `/v1/appraisals/${await appraisal()}/members`, body: { memberIds: ['p-kong-deming'] } },
  ],
  'submit an observation, a problem or a clue (反映; a serving network member)': async () => [
    { method: 'POST', path: '/v1/submissions', body: submissionBody },
  ],
  'list submissions (a member: their own)': async () => get('/v1/submissions'),
  "read the observer's own submission": async ({ submission }) =>
    get(`/v1/submissions/${await submission('SUBMITTED')}`),
  "triage (reply, task, refer, merge, close) or answer the observer's submission": async ({ submission }) => [
    { method: 'POST', path: `/v1/submissions/${await submission('SUBMITTED')}/reply`, body: { answer: '已核实' } },
    { method: 'POST', path: `/v1/submissions/${await submission('SUBMITTED')}/close`, body: { reason: '另案处理' } },
  ],
  "rate the answer to the observer's own submission (once)": async ({ submission }) => [
    { method: 'POST', path: `/v1/submissions/${await submission('ANSWERED')}/rate`, body: { rating: 4 } },
  ],
  'apply one action to many tasks at once (`POST /v1/tasks/bulk`)': async ({ task }) => [
    {
      method: 'POST',
      path: '/v1/tasks/bulk',
      body: {
        requestId: `readme-bulk-${++fresh}`,
        action: 'cancel',
        input: { reason: '批量撤销' },
        ids: [await task('ASSIGNED')],
      },
    },
  ],
  'keep their own saved views of the task list and the board (`/v1/views`)': async () => [
    { method: 'POST', path: '/v1/views', body: { name: `我的红灯任务 ${++fresh}`, filter: { light: 'RED' } } },
    ...get('/v1/views'),
  ],
  "read, rename or delete the office's saved view (private to its owner)": async ({ view }) => [
    ...get(`/v1/views/${await view()}`),
    { method: 'PATCH', path: `/v1/views/${await view()}`, body: { name: `挂牌督办 ${++fresh}` } },
    { method: 'DELETE', path: `/v1/views/${await view()}` },
  ],
  'list the absences they may see (`GET /v1/absences`)': async () => get('/v1/absences'),
  "read or cancel an absence of the office's staff (请假与代理)": async ({ absence }) => [
    ...get(`/v1/absences/${await absence()}`),
    { method: 'POST', path: `/v1/absences/${await absence()}/cancel` },
  ],
  'list or retry notice deliveries, fix an address (`/v1/deliveries`)': async ({ delivery }) => [
    ...get('/v1/deliveries?state=DEAD'),
    { method: 'POST', path: `/v1/deliveries/${await delivery()}/retry`, body: { address: '13800001234' } },
  ],
  'read or set their own notice channels (`/v1/me/notice-preferences`)': async () => [
    ...get('/v1/me/notice-preferences'),
    { method: 'PUT', path: '/v1/me/notice-preferences', body: { channels: ['EMAIL'], quietHours: null } },
  ],
  "set or read a unit's webhook, read the audit log": async () => [
    { method: 'PUT', path: '/v1/units/town-dongguan/webhook', body: { url: 'https://hooks.example.org/heli' } },
    ...get('/v1/units/town-dongguan/webhook', '/v1/audit'),
  ],
  'merge a unit into another (单位合并, `POST /v1/units/{id}/merge`: the ADMIN permission with the office’s)':
    async () => [
      {
        method: 'POST',
        path: '/v1/units/dept-womens-federation/merge',
        body: { intoUnitId: 'dept-trade-union', reason: '机构改革' },
      },
    ],
  'read a unit with the names it had (`GET /v1/units/{id}`)': async () => get('/v1/units/town-beishan'),
  'add, rename, move, retire a unit, add, change, deactivate a person (`/v1/units`, `/v1/people`: ADMIN)': async ({
    freshUnit,
  }) => {
    const { unitId, personId } = await freshUnit();
    const n = ++fresh;
    return [
      { method: 'POST', path: '/v1/units', body: newUnit(`town-readme-${n}`) },
      {
        method: 'PATCH',
        path: `/v1/units/${unitId}`,
        body: { name: `核对权限街道${n}`, zone: 'zone-3', reason: '核对' },
      },
      { method: 'POST', path: '/v1/people', body: { ...newPerson(`p-readme-${n}`, unitId), reason: '核对' } },
      { method: 'PATCH', path: `/v1/people/${personId}`, body: { roles: ['UNIT', 'LEADER'], reason: '核对' } },
      { method: 'POST', path: `/v1/people/${personId}/deactivate`, body: { reason: '核对' } },
      { method: 'POST', path: `/v1/units/${unitId}/retire`, body: { reason: '核对' } },
    ];
  },
  "read, compare, export (ADMIN too), restore (ADMIN) the organisation's versions (`/v1/rules/organisation`)": async ({
    organisationVersion,
  }) => {
    const inForce = await organisationVersion();
    const rules = '/v1/rules/organisation';
    return [
      ...get(rules, `${rules}/versions/${inForce}`, `${rules}/diff?from=1&to=${inForce}`, `${rules}/export`),
      { method: 'POST', path: `${rules}/versions/1/restore`, body: { baseVersion: inForce, reason: '核对权限' } },
    ];
  },
  "read, preview, edit, compare and restore the task types' versions (`/v1/rules/task-policies`)": async ({
    rulesVersion,
  }) => {
    const inForce = await rulesVersion();
    const rules = '/v1/rules/task-policies';
    return [
      ...get(rules, `${rules}/versions/${inForce}`, `${rules}/diff?from=1&to=${inForce}`),
      { method: 'POST', path: `${rules}/preview`, body: { content: { types: [] } } },
      { method: 'POST', path: rules, body: { baseVersion: inForce, reason: '核对权限', content: { types: [] } } },
      { method: 'POST', path: `${rules}/versions/1/restore`, body: { baseVersion: inForce + 1, reason: '核对权限' } },
    ];
  },
  "read, preview, edit, compare, restore the scoring model's versions (`/v1/rules/scoring-model`)": async ({
    scoringModelVersion,
  }) => {
    const inForce = await scoringModelVersion();
    const rules = '/v1/rules/scoring-model';
    return [
      ...get(rules, `${rules}/versions/${inForce}`, `${rules}/diff?from=1&to=${inForce}`),
      { method: 'POST', path: `${rules}/preview`, body: { content: SCORING_CONTENT } },
      { method: 'POST', path: rules, body: { baseVersion: inForce, reason: '核对权限', content: SCORING_CONTENT } },
      { method: 'POST', path: `${rules}/versions/1/restore`, body: { baseVersion: inForce + 1, reason: '核对权限' } },
    ];
  },
  "read, preview, edit, compare, restore the notice templates' versions (`/v1/rules/notice-templates`)": async ({
    ruleVersion,
  }) => [
    ...(await ruleKindRequests('/v1/rules/notice-templates', NOTICES_CONTENT, ruleVersion)),
    {
      method: 'POST',
      path: '/v1/rules/notice-templates/preview',
      body: { content: NOTICES_CONTENT, kind: 'REMINDER' },
    },
  ],
  "read, edit, compare, restore the accountability policy's versions (`/v1/rules/accountability`)": ({ ruleVersion }) =>
    ruleKindRequests('/v1/rules/accountability', contentOfAccountability(loadAccountability()), ruleVersion),
  "read, edit, compare, restore the procedures' defaults' versions (`/v1/rules/procedure-defaults`)": ({
    ruleVersion,
  }) => ruleKindRequests('/v1/rules/procedure-defaults', shippedProcedureDefaults(), ruleVersion),
  'recompute an assessment with a version of the scoring model, list the recomputations': async ({ assessed }) => {
    const cycle = await assessed();
    return [
      {
        method: 'POST',
        path: `/v1/cycles/${cycle}/assessment/recompute`,
        body: { modelVersion: 0, reason: '核对权限' },
      },
      ...get(`/v1/cycles/${cycle}/assessment/recomputations`),
    ];
  },
};

/** The rows of the first table under "## Who may do what": its action, and each column's cell. */
function readmeTable(): { action: string; cells: Record<string, string> }[] {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Who may do what'));
  const lines = section.split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const table = lines.slice(
    first,
    lines.findIndex((l, i) => i > first && !l.startsWith('|')),
  );
  const split = (line: string) =>
    line
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim());
  const [header, , ...rows] = table.map(split);
  return rows.map((row) => ({
    action: row[0]!,
    cells: Object.fromEntries(header!.slice(1).map((column, i) => [column, row[i + 1]!])),
  }));
}

/** A cell as answers per person: `403` for every person of the column, or `lead: yes · co: 403 · other: 404`. */
function answersIn(column: string, cell: string): [string, Answer][] {
  const people = COLUMNS[column];
  if (!people) throw new Error(`the README's table has a column the test does not know: ${column}`);
  const answer = (text: string): Answer => {
    if (!['yes', '403', '404', '409'].includes(text)) throw new Error(`not an answer: ${text} (${column})`);
    return text as Answer;
  };
  if (!cell.includes(':')) return Object.values(people).map((person) => [person, answer(cell)]);
  return cell.split('·').map((clause) => {
    const [who, said] = clause.split(':').map((x) => x.trim());
    const person = people[who!];
    if (!person) throw new Error(`the README names someone the test does not know in ${column}: ${who}`);
    return [person, answer(said!)];
  });
}

/**
 * The administrator alone (ADMIN without OFFICE: 高洁, added to the example organisation here), as the paragraph under
 * the README's table says: the office's answer in the rows on the organisation itself but a merge, and nothing of the
 * procedure. Each a row of the table, tried through its probe as the columns' people are.
 */
const ADMINISTRATOR_ALONE_ROWS: Record<string, Answer> = {
  'read a unit with the names it had (`GET /v1/units/{id}`)': 'yes',
  'add, rename, move, retire a unit, add, change, deactivate a person (`/v1/units`, `/v1/people`: ADMIN)': 'yes',
  "read, compare, export (ADMIN too), restore (ADMIN) the organisation's versions (`/v1/rules/organisation`)": 'yes',
  'merge a unit into another (单位合并, `POST /v1/units/{id}/merge`: the ADMIN permission with the office’s)': '403',
  'create a task, generate a bulletin, preview and load a calendar table': '403',
  "read, preview, edit, compare and restore the task types' versions (`/v1/rules/task-policies`)": '403',
  "set or read a unit's webhook, read the audit log": '403',
  'read or set their own notice channels (`/v1/me/notice-preferences`)': 'yes',
  'read a task': '404',
};

const ROWS = readmeTable();
const CASES = ROWS.flatMap(({ action, cells }) =>
  Object.entries(cells).flatMap(([column, cell]) =>
    answersIn(column, cell).map(([person, answer]) => [action, person, answer] as const),
  ),
);

describe("the README's table of who may do what", () => {
  let t: TestStack;
  const clients = new Map<string, Client>();
  let fixtures: Fixtures;
  const as = async (person: string) => {
    if (!clients.has(person)) clients.set(person, await t.as(person));
    return clients.get(person)!;
  };

  beforeAll(async () => {
    t = await startTestStack({ TASK_POLICY_FILE: policiesWithEvidenceType() });
    // The example organisation with an administrator alone, loaded again as a changed file (no edit made yet).
    const file = exampleWithAdministratorAlone();
    const hash = createHash('sha256').update(file).digest('hex');
    await loadOrganisation(t.db.pool, parseOrganisationFile(file, 'organisation.yaml'), hash, 'system:start');
    const call = async (person: string, method: string, path: string, body?: unknown) => {
      const res = await (await as(person))(method, path, body);
      if (res.status >= 300) throw new Error(`preparing: ${method} ${path} as ${person} answered ${res.status}`);
      return res.body;
    };
    const office = COLUMNS.office!.office!;
    const lead = COLUMNS['unit (head/staff)']!.lead!;
    const task = async (stage: Stage, type: TaskType = 'ROUTINE') => {
      const id = (await call(office, 'POST', '/v1/tasks', taskBody(type))).id as string;
      if (stage === 'REFUSED') await call(lead, 'POST', `/v1/tasks/${id}/refuse`, refusal);
      if (stage === 'URGED') await call(office, 'POST', `/v1/tasks/${id}/urgings`, { text: '请加快进度' });
      if (stage !== 'ASSIGNED' && stage !== 'REFUSED' && stage !== 'URGED')
        await call(lead, 'POST', `/v1/tasks/${id}/sign`, {});
      if (stage === 'EXTENSION_PENDING') await call(lead, 'POST', `/v1/tasks/${id}/extension`, extension);
      if (stage === 'PAUSE_PENDING' || stage === 'PAUSED') await call(lead, 'POST', `/v1/tasks/${id}/pause`, pause);
      if (stage === 'PAUSED') await call(office, 'POST', `/v1/tasks/${id}/pause-decision`, { approve: true });
      return id;
    };
    let cycleId: Promise<string> | undefined;
    let assessedCycle: Promise<string> | undefined;
    let bulletinId: Promise<string> | undefined;
    const referral = async (receiverUnitId: string, accepted = false) => {
      const body = { receiverUnitId, title: '涉嫌挪用公款问题', parties: '张某', summary: '审查调查中发现' };
      const id = (await call(office, 'POST', '/v1/referrals', body)).id as string;
      if (accepted) await call(COLUMNS.enforcement!.enforcement!, 'POST', `/v1/referrals/${id}/accept`, {});
      return id;
    };
    const by = (person: string) => (method: string, path: string, body?: unknown) => call(person, method, path, body);
    const teams = caseTeamFixtures(by(office), by('p-xie-hua'), by('p-han-bing'));
    let teamCount = 0;
    const rotation = async (stage: 'PENDING' | 'SWAP') => {
      const id = (await call(office, 'POST', '/v1/rotations', rotationBody())).id as string;
      if (stage === 'SWAP') await call(lead, 'POST', `/v1/rotations/${id}/swap`, rotationSwap);
      return id;
    };
    const cycle = () => (cycleId ??= call(office, 'POST', '/v1/cycles', { year }).then((c) => c.id as string));
    const submission = async (stage: 'SUBMITTED' | 'ANSWERED') => {
      const id = (await call(COLUMNS.observer!.observer!, 'POST', '/v1/submissions', submissionBody)).id as string;
      if (stage === 'ANSWERED') await call(office, 'POST', `/v1/submissions/${id}/reply`, { answer: '已核实' });
      return id;
    };
    const ownerFiles = new Map<string, Promise<{ at: string; id: string }>>();
    const ownerFile = (owner: 'round' | 'case') => {
      if (!ownerFiles.has(owner)) {
        const made = (async () => {
          const at =
            owner === 'round'
              ? `/v1/inspections/${await fixtures.round()}/units/village-hekou/attachments`
              : `/v1/cases/${(await call(office, 'POST', '/v1/cases', { unitId: 'village-hekou', reason: '履职不力' })).id}/attachments`;
          const { body, headers } = multipart(samplePdf, '自查及说明材料.pdf');
          const up = await (await as(lead))('POST', at, body, headers);
          if (up.status !== 201) throw new Error(`preparing: an attachment answered ${up.status}`);
          return { at, id: up.body.id as string };
        })();
        ownerFiles.set(owner, made);
      }
      return ownerFiles.get(owner)!;
    };
    fixtures = {
      ownerFile,
      attachment: async () => {
        const taskId = await task('ASSIGNED');
        const { body, headers } = multipart(samplePdf, '督办通知.pdf');
        const up = await (await as(office))('POST', `/v1/tasks/${taskId}/attachments`, body, headers);
        if (up.status !== 201) throw new Error(`preparing: an attachment answered ${up.status}`);
        return { taskId, id: up.body.id as string };
      },
      submission,
      caseTeam: (named = false) => teams.team(`t${++teamCount}`, named),
      task,
      referral,
      rotation,
      view: async () =>
        (await call(office, 'POST', '/v1/views', { name: `视图 ${++fresh}`, filter: { state: 'ASSIGNED' } })).id,
      cycle,
      round: async (observed = false) =>
        (
          await call(office, 'POST', `/v1/cycles/${await cycle()}/inspections`, {
            ...inspectionBody(),
            ...(observed ? { observerIds: ['p-bai-xue'] } : {}),
          })
        ).id as string,
      appraisal: async () =>
        (await call(office, 'POST', `/v1/cycles/${await cycle()}/appraisals`, appraisalBody())).id as string,
      delivery: () => deadDelivery(t.db.pool, lead),
      scoringModelVersion: async () => {
        const rules = '/v1/rules/scoring-model';
        const inForce = (await call(office, 'GET', rules)).version as number;
        if (inForce > 0) return inForce;
        return (await call(office, 'POST', rules, { baseVersion: 0, reason: '首版', content: SCORING_CONTENT }))
          .version;
      },
      assessed: () =>
        (assessedCycle ??= cycle().then(async (id) => {
          await call(office, 'POST', `/v1/cycles/${id}/assessment`, {});
          return id;
        })),
      freshUnit: async () => {
        const unitId = `town-fresh-${++fresh}`;
        await call(office, 'POST', '/v1/units', newUnit(unitId));
        await call(office, 'POST', '/v1/people', { ...newPerson(`${unitId}-staff`, unitId), reason: '核对' });
        return { unitId, personId: `${unitId}-staff` };
      },
      organisationVersion: async () => {
        const inForce = (await call(office, 'GET', '/v1/rules/organisation')).version as number;
        if (inForce > 0) return inForce;
        await call(office, 'PATCH', '/v1/people/p-zhang-wei', { title: '副主任', reason: '核对' });
        return (await call(office, 'GET', '/v1/rules/organisation')).version as number;
      },
      ruleVersion: async (path, content) => {
        const inForce = (await call(office, 'GET', path)).version as number;
        if (inForce > 0) return inForce;
        return (await call(office, 'POST', path, { baseVersion: 0, reason: '首版', content })).version;
      },
      rulesVersion: async () => {
        const rules = '/v1/rules/task-policies';
        const inForce = (await call(office, 'GET', rules)).version as number;
        if (inForce > 0) return inForce;
        return (await call(office, 'POST', rules, { baseVersion: 0, reason: '首版', content: { types: [] } })).version;
      },
      absence: async () => {
        const day = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
        const first = 10 + 7 * ++fresh;
        const body = {
          personId: 'p-zhang-wei',
          deputyId: 'p-yang-fan',
          from: day(first),
          to: day(first + 2),
          reason: '外出学习',
        };
        return (await call(office, 'POST', '/v1/absences', body)).id as string;
      },
      bulletin: () =>
        (bulletinId ??= call(office, 'POST', '/v1/bulletins', { from: `${year}-11-01`, to: `${year}-11-30` }).then(
          (b) => b.id as string,
        )),
    };
  }, 120_000);

  afterAll(() => t?.stop(), 60_000);

  it('has a way to try every row, and the test tries no row the README does not have', () => {
    expect(ROWS.map((r) => r.action).sort()).toEqual(Object.keys(PROBES).sort());
  });

  /** Tries each request of the row `action` as `person`: every one must answer as `answer` says. */
  async function tryRow(action: string, person: string, answer: Answer) {
    const probe = PROBES[action];
    if (!probe) throw new Error(`no way to try the README's row: ${action}`);
    const client = await as(person);

    const answered: string[] = [];
    for (const { method, path, body, headers } of await probe(fixtures)) {
      const { status } = await client(method, path, body, headers);
      answered.push(
        `${method} ${path.replace(/\/v1\/(tasks|cycles|bulletins|referrals|rotations|inspections|appraisals)\/[^/]+/, '/v1/$1/{id}')}: ${status}`,
      );
    }

    const expected = { yes: /: 2\d\d$/, '403': /: 403$/, '404': /: 404$/, '409': /: 409$/ }[answer];
    expect(answered.filter((a) => !expected.test(a))).toEqual([]);
  }

  it.each(CASES)('%s, as %s: %s', tryRow);

  it('tries the administrator alone in rows the README has', () => {
    const actions = new Set(ROWS.map((r) => r.action));
    expect(Object.keys(ADMINISTRATOR_ALONE_ROWS).filter((a) => !actions.has(a))).toEqual([]);
  });

  it.each(Object.entries(ADMINISTRATOR_ALONE_ROWS))('%s, as the administrator alone: %s', (action, answer) =>
    tryRow(action, ADMINISTRATOR_ALONE, answer),
  );
});
