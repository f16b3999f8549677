import pino from 'pino';
import type { AppDeps } from '../../api/deps';
import { parseOrganisationFile } from '../../db/org-file';
import { loadOrganisation } from '../../db/queries/load-organisation';
import { v1Routes } from '../../api/routes';
import { apiClient, eventually } from '../support/http';
import { caseTeamBody, caseTeamFixtures } from '../support/case-team-fixtures';
import { appraisalBody, appraisalFixtures, inspectionBody, inspectionFixtures } from '../support/inspection-fixtures';
import { meetingFixtures } from '../support/meeting-fixtures';
import { comparableAnswer, missingIdIn } from '../support/missing-id';
import { onePlanBody } from '../support/task-bodies';
import { laterRenewal, reappointWuGang, submissionBody, submissionTask } from '../support/network-fixtures';
import { deadDelivery } from '../support/dead-delivery';
import { multipart, samplePdf } from '../support/attachments';
import { officeOnlyOrganisation } from '../support/office-only-organisation';
import { ADMINISTRATOR_ALONE, exampleWithAdministratorAlone } from '../support/administrator-alone';
import { shippedScoringModels } from '../../activities/assessment';
import { contentOfModel } from '../../config/scoring-model-rules';
import { loadAccountability } from '../../config/accountability';
import { contentOfAccountability } from '../../config/accountability-rules';
import { shippedProcedureDefaults } from '../../config/procedure-defaults';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * Every /v1 route × every role × own/other unit, with the status the policy must answer. The tasks under
 * test: lead unit village-hekou, co-organising unit town-dongguan, leader p-zhao-zhiqiang.
 */
const PEOPLE = {
  office: 'p-huang-min',
  unitLead: 'p-lu-shuigen', // head of village-hekou, the lead unit
  unitCo: 'p-xie-hua', // head of town-dongguan, a co-organising unit
  unitOther: 'p-han-bing', // head of town-xicheng, not on the task
  leaderOwn: 'p-fang-liang', // responsible leader of village-hekou (and staff of town-liuhe)
  leaderOther: 'p-shi-jia', // responsible leader of another village (and staff of town-nanhu)
  group: 'p-li-jianguo', // leadership group
  observer: 'p-bai-xue', // external supervisor
  enforcement: 'p-ding-rui', // staff of an enforcement body (区公安分局经侦大队): a party to case collaboration only
} as const;
type Who = keyof typeof PEOPLE;

/** Another organisation on the same deployment, whose office must find nothing of the first one. */
const ELSEWHERE = officeOnlyOrganisation('elsewhere');
/**
 * The higher level the district reports to (issue 17): the district's file names it as parent, which grants its
 * office the roll-up (GET /v1/rollup) and nothing else: every object of the district must be missing for it too.
 */
const CITY = `
organisation: { id: authz-city, name: 合川市纪委监委 }
units:
  - { id: authz-city-office, name: 市纪委监委组织协调室, kind: OFFICE, head: p-authz-city, leader: p-authz-city }
people:
  - { id: p-authz-city, name: 钱文, unit: authz-city-office, title: 主任, roles: [OFFICE, LEADER] }
`;
type Client = ReturnType<typeof apiClient>;

const all = (status: number): Record<Who, number> =>
  Object.fromEntries(Object.keys(PEOPLE).map((who) => [who, status])) as Record<Who, number>;
const officeOnly = (ok: number) => ({ ...all(403), office: ok });
/** `expect`, with 404 for those who may not see the object (whatever their roles may do): it does not exist for them. */
const unseenBy = (expect: Record<Who, number>, ...who: Who[]): Record<Who, number> => ({
  ...expect,
  ...Object.fromEntries(who.map((w) => [w, 404])),
});
/**
 * Those outside the procedure: the external supervisor and the enforcement and audit bodies, who take part in case
 * collaboration alone. They see none of its objects (404) and may list none (403).
 */
const OUTSIDE = ['observer', 'enforcement'] as const;
/** Everyone but those outside, who may not list these (403). */
/** Whoever sees a task: the office, its units, its leader and the group. */
const seenWithTheTask: Record<Who, number> = {
  office: 200,
  unitLead: 200,
  unitCo: 200,
  unitOther: 404,
  leaderOwn: 200,
  leaderOther: 404,
  group: 200,
  observer: 404,
  enforcement: 404,
};
const allButObserver = { ...all(200), observer: 403, enforcement: 403 };
/** Everyone but those outside, who may not see this object (404). */
const seenByAllButObserver = unseenBy(all(200), ...OUTSIDE);
/** The office, the leaders and the leadership group. */
const officeAndLeaders = { ...all(403), office: 200, leaderOwn: 200, leaderOther: 200, group: 200 };
/** An office action on the task: who sees it gets 403, who does not 404. */
const officeOnTask = (ok: number) => unseenBy(officeOnly(ok), 'unitOther', 'leaderOther', ...OUTSIDE);
/** An action of the lead unit: those who see the task but are not the lead unit get 403, the rest 404. */
const leadUnitOnly = unseenBy({ ...all(403), unitLead: 200 }, 'unitOther', 'leaderOther', ...OUTSIDE);
/** What concerns a cycle: the external supervisor may see no cycle (404). */
const onCycle = (expect: Record<Who, number>) => unseenBy(expect, ...OUTSIDE);

/** Tasks prepared in the state an action needs. */
type Stage =
  | 'ASSIGNED'
  | 'URGED'
  | 'SIGNED'
  | 'READY'
  | 'SUBMITTED'
  | 'EXTENSION_PENDING'
  | 'PAUSE_PENDING'
  | 'PAUSED'
  | 'REFUSED';
interface Ctx {
  taskId: string;
  task: (stage: Stage) => Promise<string>;
  /** The path of a year of which the office has just loaded its organisation's own table (again). */
  ownCalendar: () => Promise<string>;
  /** A bulletin generated by the office (once). */
  bulletin: () => Promise<string>;
  /** Next year's cycle (opened once by the office) and its plan (submitted once: version 1). */
  cycle: () => Promise<string>;
  plan: () => Promise<number>;
  /** Joint meetings of last year's cycle, which no other row touches: one taking answers, one held. */
  meetings: ReturnType<typeof meetingFixtures>;
  /** An inspection round of last year's cycle over village-hekou and town-dongguan. */
  inspections: ReturnType<typeof inspectionFixtures>;
  /** Conduct appraisals (行风评议) of last year's cycle over village-hekou and town-dongguan, p-bai-xue invited. */
  appraisals: ReturnType<typeof appraisalFixtures>;
  /** A fresh accountability case against village-hekou (leader p-fang-liang): OPEN, or with its statement in. */
  accountabilityCase: (stage: 'OPEN' | 'EXPLAINED') => Promise<string>;
  /** A notification of the lead unit's head (p-lu-shuigen). */
  notification: () => Promise<string>;
  /** A fresh referral (移送) from the office to an enforcement unit, in `stage` (its receiver answered so far). */
  referral: (receiverUnitId: 'enf-police' | 'enf-audit', stage: ReferralStage) => Promise<string>;
  /**
   * Case teams in zone-1, one per key: unitCo's head (p-xie-hua, town-dongguan) confirmed on the team (`member` seat);
   * unitOther (town-xicheng) asked for a seat and not on the team (`asked` seat; with `named`, p-han-bing named).
   */
  caseTeams: ReturnType<typeof caseTeamFixtures>;
  /**
   * A fresh rotation plan (轮训) of a year of its own: w1 for village-hekou (p-lu-shuigen), w2 for town-dongguan
   * (p-yu-hong); PENDING, or with village-hekou's swap request for w1 (SWAP).
   */
  rotation: (stage: 'PENDING' | 'SWAP') => Promise<string>;
  /** A fresh submission (反映) of the observer (p-bai-xue), in `stage`; a CLUE when `clue`. */
  submission: (stage: SubmissionStage, clue?: boolean) => Promise<string>;
  /** A fresh saved view of the office's (p-huang-min), each call its own. */
  view: () => Promise<string>;
  /** A new dead notice delivery (an SMS to the lead unit's head whose number was refused). */
  delivery: () => Promise<string>;
  /** A fresh absence of an office staff member (p-zhang-wei, deputy p-yang-fan), entered by the office. */
  absence: () => Promise<string>;
  /** An attachment (佐证材料) the office uploaded to `taskId` (once). */
  attachment: () => Promise<string>;
  /** The version of the task types in force, after the office published one if there was none. */
  rules: () => Promise<number>;
  /** The version of the scoring model in force, after the office published one if there was none. */
  scoringModel: () => Promise<number>;
  /** The version of the organisation in force (the rows above edit it). */
  organisationVersion: () => Promise<number>;
  /** The version in force of the kind of rules at `path`, after the office published `content` if there was none. */
  ruleVersion: (path: string, content: unknown) => Promise<number>;
}
type SubmissionStage = 'SUBMITTED' | 'TASKED' | 'ANSWERED';
type ReferralStage = 'SENT' | 'ACCEPTED' | 'ANSWERED' | 'RETURNED';
interface Row {
  request: (ctx: Ctx) => Promise<{ method: string; path: string; body?: unknown; headers?: Record<string, string> }>;
  expect: Record<Who, number>;
  /**
   * The path of the same request to a missing object of the same shape, whose 404 an out-of-scope one must equal
   * byte for byte; by default the request's path with the `:id` changed (`missingIdIn`).
   */
  missing?: (ctx: Ctx) => Promise<string>;
}
/** A row sending `method` to `path` (built from the fixtures it needs), with `body` if any. */
const send = (
  method: string,
  path: (ctx: Ctx) => string | Promise<string>,
  expect: Record<Who, number>,
  body?: unknown,
): Row => ({ request: async (ctx) => ({ method, path: await path(ctx), body }), expect });
/** A row reading `path` with GET. */
const get = (path: (ctx: Ctx) => string | Promise<string>, expect: Record<Who, number>) => send('GET', path, expect);

let bulkRequests = 0;
const RULES = '/v1/rules/task-policies';
/** Routes that take a body by POST but change nothing (a draft's preview): reads, not audited as mutations. */
const READS_BY_POST = new Set([
  'POST /v1/rules/task-policies/preview',
  'POST /v1/rules/scoring-model/preview',
  'POST /v1/calendar/:year/preview',
  'POST /v1/rules/notice-templates/preview',
]);
const SCORING = '/v1/rules/scoring-model';
const ORGANISATION = '/v1/rules/organisation';
/** A scoring model the office may publish: the deployment's default (issue 22). */
const SCORING_CONTENT = contentOfModel(shippedScoringModels().default);
const NOTICES = '/v1/rules/notice-templates';
/** Notice templates the office may publish (issue 22): its own wording of the reminder. */
const NOTICES_CONTENT = {
  templates: [{ kind: 'REMINDER', title: '【到期提醒】{任务名称}', body: '请于{工作时限}前办结「{任务名称}」。' }],
};

/** The five routes of a kind of the office's rules at `path` (issue 22), the office's alone; `content` publishable. */
function ruleKindRows(path: string, content: unknown): Record<string, Row> {
  const inForce = (ctx: Ctx) => ctx.ruleVersion(path, content);
  const post = (to: string, body: (n: number) => object) => ({
    request: async (ctx: Ctx) => ({ method: 'POST', path: to, body: body(await inForce(ctx)) }),
    expect: officeOnly(201),
  });
  return {
    [`GET /v1${path}`]: get(() => `/v1${path}`, officeOnly(200)),
    [`POST /v1${path}`]: post(`/v1${path}`, (n) => ({ baseVersion: n, reason: '授权测试', content })),
    [`GET /v1${path}/diff`]: get(async (ctx) => `/v1${path}/diff?from=1&to=${await inForce(ctx)}`, officeOnly(200)),
    [`GET /v1${path}/versions/:n`]: get(async (ctx) => `/v1${path}/versions/${await inForce(ctx)}`, officeOnly(200)),
    [`POST /v1${path}/versions/:n/restore`]: post(`/v1${path}/versions/1/restore`, (n) => ({
      baseVersion: n,
      reason: '授权测试',
    })),
  };
}

/** An absence of p-zhang-wei (office) with p-yang-fan standing in, each a week of its own so that none overlap. */
let absences = 0;
const absenceBody = () => {
  const day = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
  const first = 10 + 7 * ++absences;
  return { personId: 'p-zhang-wei', deputyId: 'p-yang-fan', from: day(first), to: day(first + 2), reason: '外出学习' };
};

const taskBody = {
  title: '村级小微权力清单落实情况整改',
  leadUnitId: 'village-hekou',
  coUnitIds: ['town-dongguan'],
  leaderId: 'p-zhao-zhiqiang',
  requirements: '对照清单逐项整改',
  standard: '整改台账经镇纪委审核',
  dueDate: '2027-05-31',
};
const calendar2027 = {
  year: 2027,
  source: '测试用 2027 年节假日安排',
  holidays: [{ date: '2027-02-08', name: '春节' }],
  workdays: [{ date: '2027-02-06', name: '春节调休' }],
};

/** A one-task plan for next year, outside the scope of the callers who must see no task (leaderOther). */
const planBody = () => onePlanBody(new Date().getUTCFullYear() + 1);

/** The first day of the month `months` after next: a rotation window always lies ahead. */
const rotationStart = (months: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2 + months, 1)).toISOString().slice(0, 10);
};
/** The last day of a window of two calendar months from `start`. */
const twoMonthsFrom = (start: string) =>
  new Date(Date.UTC(Number(start.slice(0, 4)), Number(start.slice(5, 7)) + 1, 0)).toISOString().slice(0, 10);
const rotationBody = (year: number) => ({
  year,
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
const onRotation = (stage: 'PENDING' | 'SWAP', verb: string, body: unknown) => async (ctx: Ctx) => ({
  method: 'POST',
  path: `/v1/rotations/${await ctx.rotation(stage)}/${verb}`,
  body: verb === 'swap' ? { ...(body as object), end: twoMonthsFrom(rotationStart(1)) } : body,
});

const on = (stage: Stage, verb: string, body: unknown) => async (ctx: Ctx) => ({
  method: 'POST',
  path: `/v1/tasks/${await ctx.task(stage)}/${verb}`,
  body,
});

/** An action on a fresh referral from the office to enf-police, in `stage`. */
const onReferral = (stage: ReferralStage, verb: string, body: unknown) => async (ctx: Ctx) => ({
  method: 'POST',
  path: `/v1/referrals/${await ctx.referral('enf-police', stage)}/${verb}`,
  body,
});

/** An action on a fresh submission of the observer, in `stage`. */
const onSubmission =
  (stage: SubmissionStage, verb: string, body: unknown, clue = false) =>
  async (ctx: Ctx) => ({
    method: 'POST',
    path: `/v1/submissions/${await ctx.submission(stage, clue)}/${verb}`,
    body,
  });
/** An action only the office takes on a submission: the observer who submitted it sees it (403), the others not. */
const officeOnSubmission = { ...all(404), office: 200, observer: 403 };

const TABLE: Record<string, Row> = {
  'GET /v1/units': get(() => '/v1/units', all(200)),
  'GET /v1/people': get(() => '/v1/people', all(200)),
  'GET /v1/me': get(() => '/v1/me', all(200)),
  'POST /v1/tasks': send('POST', () => '/v1/tasks', officeOnly(201), taskBody),
  'GET /v1/tasks': get(() => '/v1/tasks', allButObserver),
  'GET /v1/task-types': get(() => '/v1/task-types', all(200)),
  'GET /v1/tasks/:id': {
    request: async ({ taskId }) => ({ method: 'GET', path: `/v1/tasks/${taskId}` }),
    expect: seenWithTheTask,
  },
  // An urging's slip (督办单), as a page and as a PDF: whoever reads the task.
  'GET /v1/tasks/:id/urgings/:step/slip': {
    request: async (ctx) => ({ method: 'GET', path: `/v1/tasks/${await ctx.task('URGED')}/urgings/2-urged/slip` }),
    expect: seenWithTheTask,
  },
  'GET /v1/tasks/:id/urgings/:step/slip.pdf': {
    request: async (ctx) => ({ method: 'GET', path: `/v1/tasks/${await ctx.task('URGED')}/urgings/2-urged/slip.pdf` }),
    expect: seenWithTheTask,
  },
  'POST /v1/tasks/:id/sign': { request: on('ASSIGNED', 'sign', {}), expect: leadUnitOnly },
  'POST /v1/tasks/:id/progress': { request: on('SIGNED', 'progress', { text: '已完成摸底' }), expect: leadUnitOnly },
  'POST /v1/tasks/:id/co-report': {
    request: on('SIGNED', 'co-report', { text: '已配合完成' }),
    expect: { ...leadUnitOnly, unitLead: 403, unitCo: 200 },
  },
  'POST /v1/tasks/:id/co-report-override': {
    request: on('SIGNED', 'co-report-override', { reason: '协办单位已口头反馈' }),
    expect: officeOnTask(200),
  },
  'POST /v1/tasks/:id/submit': { request: on('READY', 'submit', { summary: '整改完成' }), expect: leadUnitOnly },
  'POST /v1/tasks/:id/accept': { request: on('SUBMITTED', 'accept', { rating: 'GOOD' }), expect: officeOnTask(200) },
  'POST /v1/tasks/:id/return': {
    request: on('SUBMITTED', 'return', { reasons: '台账不全', newDueDate: '2027-06-30' }),
    expect: officeOnTask(200),
  },
  'POST /v1/tasks/:id/extension': {
    request: on('SIGNED', 'extension', { reason: '需补充调查', proposedDate: '2027-06-30', progress: '过半' }),
    expect: leadUnitOnly,
  },
  'POST /v1/tasks/:id/extension-decision': {
    request: on('EXTENSION_PENDING', 'extension-decision', { approve: true }),
    // The office decides under the ROUTINE policy; a leader may only for tasks they lead themselves.
    expect: officeOnTask(200),
  },
  'POST /v1/tasks/:id/cancel': { request: on('ASSIGNED', 'cancel', { reason: '测试撤销' }), expect: officeOnTask(200) },
  'POST /v1/tasks/:id/reassign': {
    request: on('SIGNED', 'reassign', {
      leadUnitId: 'town-xicheng',
      coUnitIds: [],
      leaderId: 'p-zhao-zhiqiang',
      reason: '职责调整',
    }),
    expect: officeOnTask(200),
  },
  'POST /v1/tasks/:id/pause': {
    request: on('SIGNED', 'pause', { category: 'COURT', reason: '待法院判决' }),
    expect: leadUnitOnly,
  },
  'POST /v1/tasks/:id/pause-decision': {
    request: on('PAUSE_PENDING', 'pause-decision', { approve: true, limitWorkingDays: 10 }),
    expect: officeOnTask(200),
  },
  // The office or the lead unit lets the clock run again.
  'POST /v1/tasks/:id/resume': { request: on('PAUSED', 'resume', {}), expect: { ...leadUnitOnly, office: 200 } },
  // Handlers (承办人): the lead unit and each co-organising unit name a person of their own (a co-unit naming the
  // lead unit's head: 422).
  'POST /v1/tasks/:id/handler': {
    request: on('SIGNED', 'handler', { handlerId: 'p-lu-shuigen' }),
    expect: { ...leadUnitOnly, unitCo: 422 },
  },
  'POST /v1/tasks/:id/refuse': {
    request: on('ASSIGNED', 'refuse', { responsibleUnitId: 'town-xicheng', reason: '不属本村职责' }),
    expect: leadUnitOnly,
  },
  'POST /v1/tasks/:id/refusal-ruling': {
    request: on('REFUSED', 'refusal-ruling', { ruling: 'INSIST', reason: '属本村职责' }),
    expect: officeOnTask(200),
  },
  'POST /v1/tasks/:id/milestones': {
    request: on('SIGNED', 'milestones', { milestones: [], reason: '调整序时进度' }),
    expect: officeOnTask(200),
  },
  // Urging by hand (督办/催办): the office, on any open task.
  'POST /v1/tasks/:id/urgings': {
    request: on('SIGNED', 'urgings', { text: '请加快进度' }),
    expect: officeOnTask(200),
  },
  // Attachments (佐证材料): whoever may act on the task attaches (its units, the office); whoever sees it reads them.
  'POST /v1/tasks/:id/attachments': {
    request: async ({ taskId }) => ({
      method: 'POST',
      path: `/v1/tasks/${taskId}/attachments`,
      ...multipart(samplePdf, '佐证材料.pdf'),
    }),
    expect: unseenBy({ ...all(403), office: 201, unitLead: 201, unitCo: 201 }, 'unitOther', 'leaderOther', ...OUTSIDE),
  },
  'GET /v1/tasks/:id/attachments': get(
    ({ taskId }) => `/v1/tasks/${taskId}/attachments`,
    unseenBy(all(200), 'unitOther', 'leaderOther', ...OUTSIDE),
  ),
  // Another unit's attachment is the same 404 as a missing one, for every role.
  'GET /v1/attachments/:id': get(
    async ({ attachment }) => `/v1/attachments/${await attachment()}`,
    unseenBy(all(200), 'unitOther', 'leaderOther', ...OUTSIDE),
  ),
  // The office's own extension (延期): on a task under way, not paused.
  'POST /v1/tasks/:id/office-extension': {
    request: on('SIGNED', 'office-extension', { newDueDate: '2028-12-31', reason: '经研究同意延期' }),
    expect: officeOnTask(200),
  },
  // 三级联动: the lead unit or the office splits; this task's lead unit is a village, so the body names no village
  // under it (422) — once the caller is allowed. The override is the office's (409: no sub-task is open).
  'POST /v1/tasks/:id/subtasks': {
    request: on('SIGNED', 'subtasks', { subtasks: [{ unitId: 'village-dongling', dueDate: '2028-12-31' }] }),
    expect: { ...leadUnitOnly, unitLead: 422, office: 422 },
  },
  'POST /v1/tasks/:id/subtask-override': {
    request: on('SIGNED', 'subtask-override', { reason: '村级整改已纳入长效管理' }),
    expect: officeOnTask(409),
  },
  // 挂牌督办: the office's, while the unit still owes the work.
  'POST /v1/tasks/:id/supervision': {
    request: on('SIGNED', 'supervision', { named: true, reason: '群众反映强烈' }),
    expect: officeOnTask(200),
  },
  // 免予提交佐证材料: the office's; the fixture's type requires no evidence, so the allowed caller reads 409.
  'POST /v1/tasks/:id/evidence-waiver': {
    request: on('SIGNED', 'evidence-waiver', { reason: '已实地核验' }),
    expect: officeOnTask(409),
  },
  'POST /v1/tasks/:id/comments': {
    request: on('ASSIGNED', 'comments', { text: '请加快进度' }),
    expect: unseenBy(all(200), 'unitOther', 'leaderOther', ...OUTSIDE),
  },
  // Bulk work is the office's; each task in it is then decided as the single action (test/integration/task-bulk.test.ts).
  'POST /v1/tasks/bulk': {
    request: async ({ task }) => ({
      method: 'POST',
      path: '/v1/tasks/bulk',
      body: {
        requestId: `authz-bulk-${++bulkRequests}`,
        action: 'cancel',
        input: { reason: '批量撤销' },
        ids: [await task('ASSIGNED')],
      },
    }),
    expect: officeOnly(200),
  },
  // Saved views: whoever lists tasks keeps their own; another person's view is missing to everyone else.
  'GET /v1/views': get(() => '/v1/views', allButObserver),
  'POST /v1/views': {
    request: async () => ({
      method: 'POST',
      path: '/v1/views',
      body: { name: `我的红灯任务 ${++bulkRequests}`, filter: { light: 'RED' } },
    }),
    expect: { ...all(201), observer: 403, enforcement: 403 },
  },
  'GET /v1/views/:id': get(async ({ view }) => `/v1/views/${await view()}`, { ...all(404), office: 200 }),
  'PATCH /v1/views/:id': send(
    'PATCH',
    async ({ view }) => `/v1/views/${await view()}`,
    { ...all(404), office: 200 },
    {
      name: '挂牌督办',
    },
  ),
  'DELETE /v1/views/:id': send('DELETE', async ({ view }) => `/v1/views/${await view()}`, { ...all(404), office: 200 }),
  // Absences and deputies (请假与代理): each person their own, a unit's head their unit's, the office all; another
  // unit's absence is missing, and a body naming another unit's person names no one.
  'GET /v1/absences': get(() => '/v1/absences', { ...all(200), observer: 403 }),
  'POST /v1/absences': {
    request: async () => ({ method: 'POST', path: '/v1/absences', body: absenceBody() }),
    expect: { ...all(422), office: 201, observer: 403 },
  },
  'GET /v1/absences/:id': get(async ({ absence }) => `/v1/absences/${await absence()}`, { ...all(404), office: 200 }),
  'POST /v1/absences/:id/cancel': send('POST', async ({ absence }) => `/v1/absences/${await absence()}/cancel`, {
    ...all(404),
    office: 200,
  }),
  'GET /v1/audit': get(() => '/v1/audit', officeOnly(200)),
  'GET /v1/calendar/:year': get(() => '/v1/calendar/2026', all(200)),
  'PUT /v1/calendar/:year': send('PUT', () => '/v1/calendar/2027', officeOnly(200), calendar2027),
  'POST /v1/calendar/:year/preview': send('POST', () => '/v1/calendar/2027/preview', officeOnly(200), calendar2027),
  'DELETE /v1/calendar/:year': send('DELETE', (ctx) => ctx.ownCalendar(), officeOnly(200)),
  // The office's own rules (issue 22): the office's alone, reading too; an edit names the version in force.
  'GET /v1/rules/task-policies': get(() => RULES, officeOnly(200)),
  'POST /v1/rules/task-policies': {
    request: async ({ rules }) => ({
      method: 'POST',
      path: RULES,
      body: { baseVersion: await rules(), reason: '授权测试', content: { types: [] } },
    }),
    expect: officeOnly(201),
  },
  // The organisation itself (issue 22): the administrator's (黄敏 holds ADMIN beside OFFICE), with the office's
  // reassignment; a unit with no task here.
  'POST /v1/units/:id/merge': send('POST', () => '/v1/units/dept-womens-federation/merge', officeOnly(200), {
    intoUnitId: 'dept-trade-union',
    reason: '机构改革',
  }),
  // The organisation edited live (issue 22): the administrator's edits, each a version; the office reads the versions.
  // In this order: a unit and a person added, changed, retired and deactivated, then the versions read and restored.
  'POST /v1/units': send('POST', () => '/v1/units', officeOnly(201), {
    unit: { id: 'town-authz', name: '授权测试街道', kind: 'TOWN', head: 'p-authz-head', leader: 'p-chen-lixin' },
    people: [{ id: 'p-authz-head', name: '测试', unit: 'town-authz', roles: ['UNIT'] }],
    reason: '授权测试',
  }),
  'PATCH /v1/units/:id': send('PATCH', () => '/v1/units/town-authz', officeOnly(200), {
    name: '授权测试街道办事处',
    reason: '授权测试',
  }),
  'POST /v1/people': send('POST', () => '/v1/people', officeOnly(201), {
    id: 'p-authz-new',
    name: '新人',
    unit: 'town-authz',
    roles: ['UNIT'],
    reason: '授权测试',
  }),
  'PATCH /v1/people/:id': send('PATCH', () => '/v1/people/p-authz-new', officeOnly(200), {
    title: '科员',
    reason: '授权测试',
  }),
  'POST /v1/people/:id/deactivate': send('POST', () => '/v1/people/p-authz-new/deactivate', officeOnly(200), {
    reason: '授权测试',
  }),
  'POST /v1/units/:id/retire': send('POST', () => '/v1/units/town-authz/retire', officeOnly(200), {
    reason: '授权测试',
  }),
  'GET /v1/units/:id': get(() => '/v1/units/town-authz', all(200)),
  'GET /v1/rules/organisation': get(() => ORGANISATION, officeOnly(200)),
  'GET /v1/rules/organisation/export': get(() => `${ORGANISATION}/export`, officeOnly(200)),
  'GET /v1/rules/organisation/versions/:n': get(() => `${ORGANISATION}/versions/2`, officeOnly(200)),
  'GET /v1/rules/organisation/diff': get(() => `${ORGANISATION}/diff?from=1&to=2`, officeOnly(200)),
  // Version 1 is the organisation as it was at the first edit; the edits above made the later ones.
  'POST /v1/rules/organisation/versions/:n/restore': {
    request: async ({ organisationVersion }) => ({
      method: 'POST',
      path: `${ORGANISATION}/versions/1/restore`,
      body: { baseVersion: await organisationVersion(), reason: '授权测试' },
    }),
    expect: officeOnly(201),
  },
  'POST /v1/rules/task-policies/preview': send('POST', () => `${RULES}/preview`, officeOnly(200), {
    content: { types: [] },
  }),
  'GET /v1/rules/task-policies/diff': get(
    async ({ rules }) => `${RULES}/diff?from=1&to=${await rules()}`,
    officeOnly(200),
  ),
  'GET /v1/rules/task-policies/versions/:n': get(
    async ({ rules }) => `${RULES}/versions/${await rules()}`,
    officeOnly(200),
  ),
  'POST /v1/rules/task-policies/versions/:n/restore': {
    request: async ({ rules }) => ({
      method: 'POST',
      path: `${RULES}/versions/1/restore`,
      body: { baseVersion: await rules(), reason: '授权测试' },
    }),
    expect: officeOnly(201),
  },
  // The scoring model, edited with versions (issue 22): the office's alone, as the task types.
  'GET /v1/rules/scoring-model': get(() => SCORING, officeOnly(200)),
  'POST /v1/rules/scoring-model': {
    request: async ({ scoringModel }) => ({
      method: 'POST',
      path: SCORING,
      body: { baseVersion: await scoringModel(), reason: '授权测试', content: SCORING_CONTENT },
    }),
    expect: officeOnly(201),
  },
  'POST /v1/rules/scoring-model/preview': send('POST', () => `${SCORING}/preview`, officeOnly(200), {
    content: SCORING_CONTENT,
  }),
  'GET /v1/rules/scoring-model/diff': get(
    async ({ scoringModel }) => `${SCORING}/diff?from=1&to=${await scoringModel()}`,
    officeOnly(200),
  ),
  'GET /v1/rules/scoring-model/versions/:n': get(
    async ({ scoringModel }) => `${SCORING}/versions/${await scoringModel()}`,
    officeOnly(200),
  ),
  'POST /v1/rules/scoring-model/versions/:n/restore': {
    request: async ({ scoringModel }) => ({
      method: 'POST',
      path: `${SCORING}/versions/1/restore`,
      body: { baseVersion: await scoringModel(), reason: '授权测试' },
    }),
    expect: officeOnly(201),
  },
  // The notice templates, the accountability policy and the procedures' defaults (issue 22): the office's alone, as
  // the task types.
  ...ruleKindRows('/rules/notice-templates', NOTICES_CONTENT),
  'POST /v1/rules/notice-templates/preview': send('POST', () => `${NOTICES}/preview`, officeOnly(200), {
    content: NOTICES_CONTENT,
    kind: 'REMINDER',
  }),
  ...ruleKindRows('/rules/accountability', contentOfAccountability(loadAccountability())),
  ...ruleKindRows('/rules/procedure-defaults', shippedProcedureDefaults()),
  'GET /v1/inbox': get(() => '/v1/inbox', all(200)),
  'POST /v1/inbox/read-all': send('POST', () => '/v1/inbox/read-all', all(200)),
  // The lead unit's head's notification: every role may mark its own read, another person's is not there for them.
  'POST /v1/inbox/:id/read': send('POST', async ({ notification }) => `/v1/inbox/${await notification()}/read`, {
    ...all(404),
    unitLead: 200,
  }),
  'PUT /v1/units/:id/webhook': {
    request: async () => ({
      method: 'PUT',
      path: '/v1/units/town-dongguan/webhook',
      body: { url: 'https://hooks.example.org/heli' },
    }),
    expect: officeOnly(200),
  },
  // After the PUT row above: the office's PUT set it (rows run in table order).
  'GET /v1/units/:id/webhook': get(() => '/v1/units/town-dongguan/webhook', officeOnly(200)),
  'DELETE /v1/units/:id/webhook': send('DELETE', () => '/v1/units/town-xicheng/webhook', officeOnly(200)),
  'GET /v1/deliveries': get(() => '/v1/deliveries?state=DEAD', officeOnly(200)),
  'POST /v1/deliveries/:id/retry': send(
    'POST',
    async ({ delivery }) => `/v1/deliveries/${await delivery()}/retry`,
    officeOnly(200),
    { address: '13800001234' },
  ),
  'GET /v1/me/notice-preferences': get(() => '/v1/me/notice-preferences', all(200)),
  'PUT /v1/me/notice-preferences': send('PUT', () => '/v1/me/notice-preferences', all(200), {
    channels: ['SMS'],
    quietHours: { from: '22:00', to: '07:00' },
  }),
  'POST /v1/bulletins': send('POST', () => '/v1/bulletins', officeOnly(201), { from: '2026-11-01', to: '2026-11-30' }),
  'GET /v1/bulletins': get(() => '/v1/bulletins', allButObserver),
  'GET /v1/bulletins/:id': get(async ({ bulletin }) => `/v1/bulletins/${await bulletin()}`, seenByAllButObserver),
  'GET /v1/bulletins/:id/html': get(
    async ({ bulletin }) => `/v1/bulletins/${await bulletin()}/html`,
    seenByAllButObserver,
  ),
  'GET /v1/bulletins/:id/pdf': get(
    async ({ bulletin }) => `/v1/bulletins/${await bulletin()}/pdf`,
    seenByAllButObserver,
  ),
  'GET /v1/bulletins/:id/csv': get(
    async ({ bulletin }) => `/v1/bulletins/${await bulletin()}/csv`,
    seenByAllButObserver,
  ),
  // This year's cycle is opened by the office's row and closed by the close row; next year's carries the plan.
  'POST /v1/cycles': send('POST', () => '/v1/cycles', officeOnly(201), { year: new Date().getUTCFullYear() }),
  'GET /v1/cycles': get(() => '/v1/cycles', allButObserver),
  'GET /v1/cycles/:id': get(async ({ cycle }) => `/v1/cycles/${await cycle()}`, seenByAllButObserver),
  'GET /v1/cycles/:id/board': get(async ({ cycle }) => `/v1/cycles/${await cycle()}/board`, onCycle(officeAndLeaders)),
  'GET /v1/overview': get(() => '/v1/overview', officeAndLeaders),
  // The district has nothing under it: an empty roll-up for those who may read one (test/integration/rollup.test.ts).
  'GET /v1/rollup': get(() => '/v1/rollup', officeAndLeaders),
  'PUT /v1/cycles/:id/plan': {
    request: async ({ cycle }) => ({ method: 'PUT', path: `/v1/cycles/${await cycle()}/plan`, body: planBody() }),
    expect: onCycle(officeOnly(200)),
  },
  'GET /v1/cycles/:id/plan': {
    request: async ({ cycle, plan }) => {
      await plan();
      return { method: 'GET', path: `/v1/cycles/${await cycle()}/plan` };
    },
    expect: onCycle(officeAndLeaders),
  },
  'POST /v1/cycles/:id/plan/approve': {
    // The newest version: the office's PUT row stored version 1, the plan read row's fixture version 2.
    request: async ({ cycle }) => ({
      method: 'POST',
      path: `/v1/cycles/${await cycle()}/plan/approve`,
      body: { version: 2 },
    }),
    expect: onCycle({ ...all(403), group: 200 }),
  },
  'POST /v1/cycles/:id/close': {
    request: async () => ({
      method: 'POST',
      path: `/v1/cycles/district-${new Date().getUTCFullYear()}/close`,
      body: { reason: '测试结束' },
    }),
    expect: onCycle(officeOnly(200)),
  },
  // Joint meetings invite the member units (town-dongguan, town-xicheng, town-liuhe, town-nanhu), not village-hekou.
  'POST /v1/cycles/:id/meetings': {
    request: async ({ meetings }) => ({
      method: 'POST',
      path: `/v1/cycles/${await meetings.cycleId()}/meetings`,
      body: {
        title: '临时联席会议',
        place: '区纪委监委会议室',
        at: new Date(Date.now() + 7_200_000).toISOString(),
        confirmBy: new Date(Date.now() + 3_600_000).toISOString(),
      },
    }),
    expect: onCycle(officeOnly(201)),
  },
  'GET /v1/meetings': get(() => '/v1/meetings', allButObserver),
  'GET /v1/meetings/:id': get(
    async ({ meetings }) => `/v1/meetings/${await meetings.meeting('NOTICED')}`,
    unseenBy(all(200), 'unitLead', ...OUTSIDE),
  ),
  'POST /v1/meetings/:id/attendance': {
    request: async ({ meetings }) => ({
      method: 'POST',
      path: `/v1/meetings/${await meetings.meeting('NOTICED')}/attendance`,
      body: { attending: true },
    }),
    expect: unseenBy(
      { ...all(403), unitCo: 200, unitOther: 200, leaderOwn: 200, leaderOther: 200 },
      'unitLead',
      ...OUTSIDE,
    ),
  },
  'POST /v1/meetings/:id/minutes': {
    request: async ({ meetings }) => ({
      method: 'POST',
      path: `/v1/meetings/${await meetings.meeting('HELD')}/minutes`,
      body: { minutes: '会议通报了督办工作情况。', resolutions: [] },
    }),
    expect: unseenBy(officeOnly(200), 'unitLead', ...OUTSIDE),
  },
  'POST /v1/meetings/:id/cancel': {
    request: async ({ meetings }) => ({
      method: 'POST',
      path: `/v1/meetings/${await meetings.meeting('CANCELLABLE')}/cancel`,
      body: { reason: '议题已另行研究' },
    }),
    expect: unseenBy(officeOnly(200), 'unitLead', ...OUTSIDE),
  },
  // Inspection rounds over village-hekou and town-dongguan (own self-check and findings only); in this order.
  'POST /v1/cycles/:id/inspections': {
    request: async ({ meetings }) => ({
      method: 'POST',
      path: `/v1/cycles/${await meetings.cycleId()}/inspections`,
      body: inspectionBody(),
    }),
    expect: onCycle(officeOnly(201)),
  },
  // An observer lists the rounds they were invited into (none here: an empty page).
  'GET /v1/inspections': get(() => '/v1/inspections', { ...allButObserver, observer: 200 }),
  'GET /v1/inspections/:id': get(
    async ({ inspections }) => `/v1/inspections/${await inspections.round()}`,
    unseenBy(all(200), 'unitOther', 'leaderOther', ...OUTSIDE),
  ),
  'GET /v1/inspections/:id/report': {
    request: async ({ inspections }) => ({
      method: 'GET',
      path: `/v1/inspections/${await inspections.round()}/report`,
    }),
    expect: unseenBy({ ...all(403), office: 200, group: 200 }, 'unitOther', 'leaderOther', ...OUTSIDE),
  },
  'POST /v1/inspections/:id/self-check': {
    request: async ({ inspections }) => ({
      method: 'POST',
      path: `/v1/inspections/${await inspections.round()}/self-check`,
      body: { report: '对照检查内容逐项自查。' },
    }),
    // leaderOwn sees the round as village-hekou's leader, but files for no unit in it.
    expect: unseenBy({ ...all(403), unitLead: 200, unitCo: 200 }, 'unitOther', 'leaderOther', ...OUTSIDE),
  },
  // Files of village-hekou's part of the round: exactly who reads its self-check and findings; another inspected unit
  // (unitCo) finds no such part. The unit itself and the office upload; its leader and the group only read.
  'POST /v1/inspections/:id/units/:unitId/attachments': {
    request: async ({ inspections }) => ({
      method: 'POST',
      path: `/v1/inspections/${await inspections.round()}/units/village-hekou/attachments`,
      ...multipart(samplePdf, '自查材料.pdf'),
    }),
    expect: unseenBy({ ...all(403), office: 201, unitLead: 201 }, 'unitCo', 'unitOther', 'leaderOther', ...OUTSIDE),
  },
  'GET /v1/inspections/:id/units/:unitId/attachments': get(
    async ({ inspections }) => `/v1/inspections/${await inspections.round()}/units/village-hekou/attachments`,
    unseenBy(all(200), 'unitCo', 'unitOther', 'leaderOther', ...OUTSIDE),
  ),
  'POST /v1/inspections/:id/findings': {
    request: async ({ inspections }) => ({
      method: 'POST',
      path: `/v1/inspections/${await inspections.round()}/findings`,
      body: { unitId: 'village-hekou', findings: [] },
    }),
    expect: unseenBy(officeOnly(200), 'unitOther', 'leaderOther', ...OUTSIDE),
  },
  'POST /v1/inspections/:id/close-findings': {
    request: async ({ inspections }) => ({
      method: 'POST',
      path: `/v1/inspections/${await inspections.round()}/close-findings`,
    }),
    expect: unseenBy(officeOnly(200), 'unitOther', 'leaderOther', ...OUTSIDE),
  },
  // Members of the supervision network in a round (issue 19): the office invites; an invited member observes.
  'POST /v1/inspections/:id/observers': {
    request: async ({ inspections }) => ({
      method: 'POST',
      path: `/v1/inspections/${await inspections.round()}/observers`,
      body: { personIds: ['p-kong-deming'] },
    }),
    expect: unseenBy(officeOnly(200), 'unitOther', 'leaderOther', ...OUTSIDE),
  },
  'POST /v1/inspections/:id/observe': {
    request: async ({ inspections }) => ({
      method: 'POST',
      path: `/v1/inspections/${await inspections.observedRound()}/observe`,
      body: { unitId: 'village-hekou', text: '村务公开栏内容未及时更新' },
    }),
    expect: unseenBy({ ...all(403), observer: 200 }, 'unitOther', 'leaderOther', 'enforcement'),
  },
  // Conduct appraisals (行风评议) over village-hekou and town-dongguan, p-bai-xue invited; in this order.
  'POST /v1/cycles/:id/appraisals': {
    request: async ({ meetings }) => ({
      method: 'POST',
      path: `/v1/cycles/${await meetings.cycleId()}/appraisals`,
      body: appraisalBody(),
    }),
    expect: onCycle(officeOnly(201)),
  },
  'GET /v1/appraisals': get(() => '/v1/appraisals', { ...all(200), enforcement: 403 }),
  'GET /v1/appraisals/:id': get(
    async ({ appraisals }) => `/v1/appraisals/${await appraisals.rated()}`,
    unseenBy(all(200), 'unitOther', 'leaderOther', 'enforcement'),
  ),
  'POST /v1/appraisals/:id/ratings': {
    request: async ({ appraisals }) => ({
      method: 'POST',
      path: `/v1/appraisals/${await appraisals.rated()}/ratings`,
      body: {
        ratings: [
          { unitId: 'village-hekou', rating: 'SATISFIED' },
          { unitId: 'town-dongguan', rating: 'BASIC' },
        ],
      },
    }),
    expect: unseenBy({ ...all(403), observer: 200 }, 'unitOther', 'leaderOther', 'enforcement'),
  },
  // Every member invited has rated every unit: the office may end it early (once; then it is closed: 409).
  'POST /v1/appraisals/:id/close': {
    request: async ({ appraisals }) => ({
      method: 'POST',
      path: `/v1/appraisals/${await appraisals.rated()}/close`,
    }),
    expect: unseenBy(officeOnly(200), 'unitOther', 'leaderOther', 'enforcement'),
  },
  'POST /v1/appraisals/:id/members': {
    request: async ({ appraisals }) => ({
      method: 'POST',
      path: `/v1/appraisals/${await appraisals.invite()}/members`,
      body: { memberIds: ['p-kong-deming'] },
    }),
    expect: unseenBy(officeOnly(200), 'unitOther', 'leaderOther', 'enforcement'),
  },
  // Accountability cases against village-hekou: its unit and its leader see them, no other unit or leader.
  'POST /v1/cases': send('POST', () => '/v1/cases', officeOnly(201), { unitId: 'village-hekou', reason: '履职不力' }),
  'GET /v1/cases': get(() => '/v1/cases', allButObserver),
  'GET /v1/cases/:id': {
    request: async (ctx) => ({ method: 'GET', path: `/v1/cases/${await ctx.accountabilityCase('OPEN')}` }),
    expect: unseenBy(all(200), 'unitCo', 'unitOther', 'leaderOther', ...OUTSIDE),
  },
  // The decision (问责决定书) as a page and a PDF: whoever sees the case; an undecided case has none yet (409).
  'GET /v1/cases/:id/decision-document': {
    request: async (ctx) => ({
      method: 'GET',
      path: `/v1/cases/${await ctx.accountabilityCase('OPEN')}/decision-document`,
    }),
    expect: unseenBy(all(409), 'unitCo', 'unitOther', 'leaderOther', ...OUTSIDE),
  },
  'GET /v1/cases/:id/decision-document.pdf': {
    request: async (ctx) => ({
      method: 'GET',
      path: `/v1/cases/${await ctx.accountabilityCase('OPEN')}/decision-document.pdf`,
    }),
    expect: unseenBy(all(409), 'unitCo', 'unitOther', 'leaderOther', ...OUTSIDE),
  },
  'POST /v1/cases/:id/statement': {
    request: async (ctx) => ({
      method: 'POST',
      path: `/v1/cases/${await ctx.accountabilityCase('OPEN')}/statement`,
      body: { text: '情况说明' },
    }),
    expect: { ...leadUnitOnly, unitCo: 404 },
  },
  // A case's files: whoever sees the case reads them; the unit concerned, which states its case, uploads.
  'POST /v1/cases/:id/attachments': {
    request: async (ctx) => ({
      method: 'POST',
      path: `/v1/cases/${await ctx.accountabilityCase('OPEN')}/attachments`,
      ...multipart(samplePdf, '说明材料.pdf'),
    }),
    expect: unseenBy({ ...all(403), unitLead: 201 }, 'unitCo', 'unitOther', 'leaderOther', ...OUTSIDE),
  },
  'GET /v1/cases/:id/attachments': get(
    async (ctx) => `/v1/cases/${await ctx.accountabilityCase('OPEN')}/attachments`,
    unseenBy(all(200), 'unitCo', 'unitOther', 'leaderOther', ...OUTSIDE),
  ),
  'POST /v1/cases/:id/decision': {
    request: async (ctx) => ({
      method: 'POST',
      path: `/v1/cases/${await ctx.accountabilityCase('EXPLAINED')}/decision`,
      body: { measure: 'TALK', basis: '责任追究有关规定' },
    }),
    expect: unseenBy(officeOnly(200), 'unitCo', 'unitOther', 'leaderOther', ...OUTSIDE),
  },
  'GET /v1/accountability-measures': get(() => '/v1/accountability-measures', allButObserver),
  // Referrals (移送), need to know: the office, the two units' own people (the enforcement column is enf-police's
  // staff), the major-case group (none of the columns); everyone else 404, another enforcement unit included.
  'POST /v1/referrals': send(
    'POST',
    () => '/v1/referrals',
    // An enforcement unit refers clues to the commission only: naming another receiver is 422.
    { ...all(403), office: 201, enforcement: 422 },
    { receiverUnitId: 'enf-police', title: '涉嫌挪用公款问题', parties: '张某', summary: '审查调查中发现' },
  ),
  'GET /v1/referrals': get(() => '/v1/referrals', { ...all(200), observer: 403 }),
  'GET /v1/referrals/:id': get(async (ctx) => `/v1/referrals/${await ctx.referral('enf-audit', 'SENT')}`, {
    ...all(404),
    office: 200,
  }),
  'POST /v1/referrals/:id/accept': {
    request: onReferral('SENT', 'accept', {}),
    expect: { ...all(404), office: 403, enforcement: 200 },
  },
  'POST /v1/referrals/:id/result': {
    request: onReferral('ACCEPTED', 'result', { result: '已立案侦查' }),
    expect: { ...all(404), office: 403, enforcement: 200 },
  },
  'POST /v1/referrals/:id/return': {
    request: onReferral('SENT', 'return', { reasons: '不属于本单位管辖' }),
    expect: { ...all(404), office: 403, enforcement: 200 },
  },
  'POST /v1/referrals/:id/decision': {
    request: onReferral('RETURNED', 'decision', { decision: 'CLOSE', note: '终结' }),
    expect: { ...all(404), office: 200, enforcement: 403 },
  },
  'POST /v1/referrals/:id/opinions': {
    request: onReferral('SENT', 'opinions', { facts: '事实清楚', text: '依法处理' }),
    expect: { ...all(404), office: 200, enforcement: 403 },
  },
  'POST /v1/referrals/:id/access': {
    request: onReferral('SENT', 'access', { personIds: ['p-zhao-zhiqiang'], reason: '协调需要' }),
    expect: { ...all(404), office: 200, enforcement: 403 },
  },
  'POST /v1/referrals/:id/close': {
    request: onReferral('ANSWERED', 'close', {}),
    expect: { ...all(404), office: 200, enforcement: 403 },
  },
  // Case teams (need to know): the office and the team's members (unitCo's head p-xie-hua) read a team; the unit
  // asked but not on it (unitOther) reads its own secondment only; the leadership group nothing (404, lists 403).
  'POST /v1/case-teams': send('POST', () => '/v1/case-teams', officeOnly(201), caseTeamBody()),
  'GET /v1/case-teams': get(() => '/v1/case-teams', { ...allButObserver, group: 403 }),
  'GET /v1/case-teams/:id': get(async ({ caseTeams }) => `/v1/case-teams/${(await caseTeams.team('read')).teamId}`, {
    ...all(404),
    office: 200,
    unitCo: 200,
  }),
  'POST /v1/case-teams/:id/extend': {
    request: async ({ caseTeams }) => ({
      method: 'POST',
      path: `/v1/case-teams/${(await caseTeams.team('extend')).teamId}/extend`,
      body: { endDate: '2099-12-31', reason: '案情复杂' },
    }),
    expect: { ...all(404), office: 200, unitCo: 403 },
  },
  'POST /v1/case-teams/:id/release': {
    request: async ({ caseTeams }) => ({
      method: 'POST',
      path: `/v1/case-teams/${(await caseTeams.team('release')).teamId}/release`,
      body: { reason: '案件已移送' },
    }),
    expect: { ...all(404), office: 200, unitCo: 403 },
  },
  'GET /v1/secondments': get(() => '/v1/secondments', { ...allButObserver, group: 403 }),
  'GET /v1/secondments/:id': get(async ({ caseTeams }) => `/v1/secondments/${(await caseTeams.team('read')).asked}`, {
    ...all(404),
    office: 200,
    unitOther: 200,
  }),
  'POST /v1/secondments/:id/nominate': {
    request: async ({ caseTeams }) => ({
      method: 'POST',
      path: `/v1/secondments/${(await caseTeams.team('nominate')).asked}/nominate`,
      body: { personId: 'p-han-bing' },
    }),
    expect: { ...all(404), office: 403, unitOther: 200 },
  },
  'POST /v1/secondments/:id/confirm': {
    request: async ({ caseTeams }) => ({
      method: 'POST',
      path: `/v1/secondments/${(await caseTeams.team('confirm', true)).asked}/confirm`,
      body: {},
    }),
    expect: { ...all(404), office: 200, unitOther: 403 },
  },
  'POST /v1/secondments/:id/reject': {
    request: async ({ caseTeams }) => ({
      method: 'POST',
      path: `/v1/secondments/${(await caseTeams.team('reject', true)).asked}/reject`,
      body: { reason: '需具备财务专业背景' },
    }),
    expect: { ...all(404), office: 200, unitOther: 403 },
  },
  // Only the person named declares a conflict: p-xie-hua (unitCo's head); the office sees the seat (403).
  'POST /v1/secondments/:id/declare-conflict': {
    request: async ({ caseTeams }) => ({
      method: 'POST',
      path: `/v1/secondments/${(await caseTeams.team('conflict')).member}/declare-conflict`,
      body: { reason: '与被审查人系同学关系' },
    }),
    expect: { ...all(404), office: 403, unitCo: 200 },
  },
  // Rotation plans (轮训) with windows of village-hekou and town-dongguan: each unit sees the plan (its own windows)
  // and acts on its own window only; village-hekou's leader sees it; town-xicheng and another leader do not.
  'POST /v1/rotations': send('POST', () => '/v1/rotations', officeOnly(201), rotationBody(2099)),
  'GET /v1/rotations': get(() => '/v1/rotations', allButObserver),
  'GET /v1/rotations/:id': {
    request: async (ctx) => ({ method: 'GET', path: `/v1/rotations/${await ctx.rotation('PENDING')}` }),
    expect: unseenBy(all(200), 'unitOther', 'leaderOther', ...OUTSIDE),
  },
  'POST /v1/rotations/:id/confirm': {
    request: onRotation('PENDING', 'confirm', { windowId: 'w1' }),
    expect: unseenBy({ ...all(403), unitLead: 200 }, 'unitOther', 'leaderOther', ...OUTSIDE),
  },
  'POST /v1/rotations/:id/swap': {
    request: onRotation('PENDING', 'swap', { windowId: 'w1', start: rotationStart(1), reason: '村级换届' }),
    expect: unseenBy({ ...all(403), unitLead: 200 }, 'unitOther', 'leaderOther', ...OUTSIDE),
  },
  'POST /v1/rotations/:id/swap-decision': {
    request: onRotation('SWAP', 'swap-decision', { windowId: 'w1', approve: true }),
    expect: unseenBy(officeOnly(200), 'unitOther', 'leaderOther', ...OUTSIDE),
  },
  'POST /v1/rotations/:id/early-end': {
    request: onRotation('PENDING', 'early-end', { windowId: 'w1', reason: '本人病休' }),
    expect: unseenBy(officeOnly(200), 'unitOther', 'leaderOther', ...OUTSIDE),
  },
  // A trainee's record (p-lu-shuigen, head of village-hekou): the office, the group, the trainee and their unit's
  // leader; no other unit (town-dongguan: 404) or leader.
  'GET /v1/people/:id/rotation-record': get(
    () => '/v1/people/p-lu-shuigen/rotation-record',
    unseenBy(all(200), 'unitCo', 'unitOther', 'leaderOther', ...OUTSIDE),
  ),
  // The supervision network (监督网络): the office keeps the roster; the observer reads their own appointment alone.
  'GET /v1/network/members': get(() => '/v1/network/members', { ...all(403), office: 200, observer: 200 }),
  'GET /v1/network/activity': get(() => '/v1/network/activity', officeOnly(200)),
  'GET /v1/network/activity.xlsx': get(() => '/v1/network/activity.xlsx', officeOnly(200)),
  'GET /v1/network/members/:id': get(() => '/v1/network/members/p-bai-xue', {
    ...all(404),
    office: 200,
    observer: 200,
  }),
  'POST /v1/network/members': send('POST', () => '/v1/network/members', officeOnly(201), reappointWuGang),
  'POST /v1/network/members/:id/renew': {
    request: async () => ({
      method: 'POST',
      path: '/v1/network/members/p-bai-xue/renew',
      body: laterRenewal(),
    }),
    expect: { ...all(404), office: 200, observer: 403 },
  },
  // A retirement from a later day: the member still serves today, for the rows after this one.
  'POST /v1/network/members/:id/retire': send(
    'POST',
    () => '/v1/network/members/p-he-wen/retire',
    {
      ...all(404),
      office: 200,
    },
    { on: '2030-06-30', reason: '任期届满前调离' },
  ),
  // Submissions (反映): the observer submits and reads their own, the office triages; nobody else sees one (404).
  'POST /v1/submissions': send('POST', () => '/v1/submissions', { ...all(403), observer: 201 }, submissionBody),
  'GET /v1/submissions': get(() => '/v1/submissions', { ...all(403), office: 200, observer: 200 }),
  'GET /v1/submissions/:id': get(async (ctx) => `/v1/submissions/${await ctx.submission('SUBMITTED')}`, {
    ...all(404),
    office: 200,
    observer: 200,
  }),
  'POST /v1/submissions/:id/reply': {
    request: onSubmission('SUBMITTED', 'reply', { answer: '经核实，已责成整改' }),
    expect: officeOnSubmission,
  },
  'POST /v1/submissions/:id/task': {
    request: onSubmission('SUBMITTED', 'task', submissionTask),
    expect: officeOnSubmission,
  },
  'POST /v1/submissions/:id/refer': {
    request: onSubmission(
      'SUBMITTED',
      'refer',
      { receiverUnitId: 'enf-police', title: '涉嫌挪用公款问题线索', parties: '张某', summary: '监督员反映' },
      true,
    ),
    expect: officeOnSubmission,
  },
  // Into an earlier submission: the one it joins is made first.
  'POST /v1/submissions/:id/merge': {
    request: async (ctx) => {
      const intoId = await ctx.submission('SUBMITTED');
      return { method: 'POST', path: `/v1/submissions/${await ctx.submission('SUBMITTED')}/merge`, body: { intoId } };
    },
    expect: officeOnSubmission,
  },
  'POST /v1/submissions/:id/close': {
    request: onSubmission('SUBMITTED', 'close', { reason: '反映事项已另案处理' }),
    expect: officeOnSubmission,
  },
  'POST /v1/submissions/:id/answer': {
    request: onSubmission('TASKED', 'answer', { answer: '已督促整改到位' }),
    expect: officeOnSubmission,
  },
  'POST /v1/submissions/:id/rate': {
    request: onSubmission('ANSWERED', 'rate', { rating: 4 }),
    expect: { ...all(404), office: 403, observer: 200 },
  },
  // Last year's assessment, in this order: computed, adjusted, read as a draft (the office only), published, exported.
  'GET /v1/scoring-models': get(() => '/v1/scoring-models', allButObserver),
  'POST /v1/cycles/:id/assessment': {
    request: async ({ meetings }) => ({
      method: 'POST',
      path: `/v1/cycles/${await meetings.cycleId()}/assessment`,
      body: {},
    }),
    expect: onCycle(officeOnly(201)),
  },
  'POST /v1/cycles/:id/assessment/adjustments': {
    request: async ({ meetings }) => ({
      method: 'POST',
      path: `/v1/cycles/${await meetings.cycleId()}/assessment/adjustments`,
      body: { unitId: 'town-dongguan', delta: 1.5, reason: '测试调整' },
    }),
    expect: onCycle(officeOnly(201)),
  },
  // Before publication the draft is the office's alone: the others get the 404 of a cycle without an assessment.
  'GET /v1/cycles/:id/assessment': {
    ...get(async ({ meetings }) => `/v1/cycles/${await meetings.cycleId()}/assessment`, { ...all(404), office: 200 }),
    missing: async ({ cycle }) => `/v1/cycles/${await cycle()}/assessment`,
  },
  'GET /v1/cycles/:id/assessment/units/:unitId': {
    request: async ({ meetings }) => ({
      method: 'GET',
      path: `/v1/cycles/${await meetings.cycleId()}/assessment/units/town-dongguan`,
    }),
    expect: { ...all(404), office: 200 },
    missing: async ({ cycle }) => `/v1/cycles/${await cycle()}/assessment/units/town-dongguan`,
  },
  // The assessment's documents (考核评分表, 年度考核情况报告): the draft is the office's alone.
  'GET /v1/cycles/:id/assessment/units/:unitId/sheet': {
    request: async ({ meetings }) => ({
      method: 'GET',
      path: `/v1/cycles/${await meetings.cycleId()}/assessment/units/town-dongguan/sheet`,
    }),
    expect: { ...all(404), office: 200 },
    missing: async ({ cycle }) => `/v1/cycles/${await cycle()}/assessment/units/town-dongguan/sheet`,
  },
  'GET /v1/cycles/:id/assessment/units/:unitId/sheet.pdf': {
    request: async ({ meetings }) => ({
      method: 'GET',
      path: `/v1/cycles/${await meetings.cycleId()}/assessment/units/town-dongguan/sheet.pdf`,
    }),
    expect: { ...all(404), office: 200 },
    missing: async ({ cycle }) => `/v1/cycles/${await cycle()}/assessment/units/town-dongguan/sheet.pdf`,
  },
  'GET /v1/cycles/:id/assessment/report': {
    request: async ({ meetings }) => ({
      method: 'GET',
      path: `/v1/cycles/${await meetings.cycleId()}/assessment/report`,
    }),
    expect: { ...all(404), office: 200 },
    missing: async ({ cycle }) => `/v1/cycles/${await cycle()}/assessment/report`,
  },
  'GET /v1/cycles/:id/assessment/report.pdf': {
    request: async ({ meetings }) => ({
      method: 'GET',
      path: `/v1/cycles/${await meetings.cycleId()}/assessment/report.pdf`,
    }),
    expect: { ...all(404), office: 200 },
    missing: async ({ cycle }) => `/v1/cycles/${await cycle()}/assessment/report.pdf`,
  },
  'POST /v1/cycles/:id/assessment/publish': {
    request: async ({ meetings }) => ({
      method: 'POST',
      path: `/v1/cycles/${await meetings.cycleId()}/assessment/publish`,
    }),
    expect: onCycle(officeOnly(200)),
  },
  // Scoring the published assessment again with a version of the scoring model (issue 22): the office's.
  'POST /v1/cycles/:id/assessment/recompute': {
    request: async ({ meetings }) => ({
      method: 'POST',
      path: `/v1/cycles/${await meetings.cycleId()}/assessment/recompute`,
      body: { modelVersion: 0, reason: '授权测试' },
    }),
    expect: onCycle(officeOnly(201)),
  },
  'GET /v1/cycles/:id/assessment/recomputations': get(
    async ({ meetings }) => `/v1/cycles/${await meetings.cycleId()}/assessment/recomputations`,
    onCycle(officeOnly(200)),
  ),
  'GET /v1/cycles/:id/assessment.csv': get(
    async ({ meetings }) => `/v1/cycles/${await meetings.cycleId()}/assessment.csv`,
    seenByAllButObserver,
  ),
  'GET /v1/cycles/:id/assessment.xlsx': {
    request: async ({ meetings }) => ({
      method: 'GET',
      path: `/v1/cycles/${await meetings.cycleId()}/assessment.xlsx`,
    }),
    expect: seenByAllButObserver,
  },
  // The yearly cycle schedule, in this order: created, read, paused, resumed, deleted (by the office).
  'PUT /v1/cycle-schedule': send('PUT', () => '/v1/cycle-schedule', officeOnly(201), { month: 12, day: 20 }),
  'GET /v1/cycle-schedule': get(() => '/v1/cycle-schedule', officeOnly(200)),
  'POST /v1/cycle-schedule/pause': send('POST', () => '/v1/cycle-schedule/pause', officeOnly(200), {
    reason: '测试暂停',
  }),
  'POST /v1/cycle-schedule/resume': send('POST', () => '/v1/cycle-schedule/resume', officeOnly(200), {}),
  'DELETE /v1/cycle-schedule': send('DELETE', () => '/v1/cycle-schedule', officeOnly(200)),
};

describe('who may do what, for every /v1 route', () => {
  let t: TestStack;
  let clients: Record<Who, Client>;
  let ctx: Ctx;
  let elsewhere: Client;
  let city: Client;
  /** 高洁: ADMIN alone, not of the office (added to the district below). */
  let administrator: Client;
  const mutations: { requestId: string; status: number }[] = [];
  /**
   * Every request of the matrix has an id of its own: a read of a need-to-know object is audited too (DONE), so a
   * read and a refused mutation sharing an id would leave the mutation's row ambiguous.
   */
  let requests = 0;

  beforeAll(async () => {
    // The office alone makes more than the default 600 requests a minute here (each row's fixtures and its own call,
    // for every route); the limit itself is test/integration/rate-limit.test.ts's.
    t = await startTestStack({ RATE_LIMIT_PER_MINUTE: '100000' });
    clients = Object.fromEntries(
      await Promise.all(Object.entries(PEOPLE).map(async ([who, id]) => [who, await t.as(id)])),
    ) as Record<Who, Client>;
    const as = (who: Who) => async (method: string, path: string, body?: unknown) => {
      const res = await clients[who](method, path, body);
      if (res.status >= 300) throw new Error(`preparing: ${method} ${path} as ${who} answered ${res.status}`);
      return res.body;
    };
    const office = as('office');
    const lead = as('unitLead');
    const task = async (stage: Stage) => {
      const { id } = await office('POST', '/v1/tasks', taskBody);
      if (stage === 'ASSIGNED') return id as string;
      if (stage === 'URGED') {
        await office('POST', `/v1/tasks/${id}/urgings`, { text: '请加快进度' });
        return id as string;
      }
      if (stage === 'REFUSED') {
        await lead('POST', `/v1/tasks/${id}/refuse`, { responsibleUnitId: 'town-xicheng', reason: '不属本村职责' });
        return id as string;
      }
      await lead('POST', `/v1/tasks/${id}/sign`, {});
      if (stage === 'PAUSE_PENDING' || stage === 'PAUSED') {
        await lead('POST', `/v1/tasks/${id}/pause`, { category: 'BUDGET', reason: '专项资金尚未下达' });
      }
      if (stage === 'PAUSED') await office('POST', `/v1/tasks/${id}/pause-decision`, { approve: true });
      if (stage === 'EXTENSION_PENDING') {
        const extension = { reason: '需补充调查', proposedDate: '2027-06-30', progress: '过半' };
        await lead('POST', `/v1/tasks/${id}/extension`, extension);
      }
      if (stage === 'READY' || stage === 'SUBMITTED') {
        await as('unitCo')('POST', `/v1/tasks/${id}/co-report`, { text: '协办完成' });
      }
      if (stage === 'SUBMITTED') await lead('POST', `/v1/tasks/${id}/submit`, { summary: '完成' });
      return id as string;
    };
    let bulletinId: Promise<string> | undefined;
    const bulletin = () =>
      (bulletinId ??= office('POST', '/v1/bulletins', { from: '2026-11-01', to: '2026-11-30' }).then(
        (b) => b.id as string,
      ));
    const meetings = meetingFixtures(office, new Date().getUTCFullYear() - 1);
    let cycleId: Promise<string> | undefined;
    const cycle = () =>
      (cycleId ??= office('POST', '/v1/cycles', { year: new Date().getUTCFullYear() + 1 }).then((c) => c.id as string));
    let planVersion: Promise<number> | undefined;
    const plan = () =>
      (planVersion ??= cycle().then(
        async (id) => (await office('PUT', `/v1/cycles/${id}/plan`, planBody())).version as number,
      ));
    const accountabilityCase = async (stage: 'OPEN' | 'EXPLAINED') => {
      const { id } = await office('POST', '/v1/cases', { unitId: 'village-hekou', reason: '履职不力' });
      if (stage === 'EXPLAINED') await lead('POST', `/v1/cases/${id}/statement`, { text: '情况说明' });
      return id as string;
    };
    const inspections = inspectionFixtures(office, meetings.cycleId);
    const appraisals = appraisalFixtures(office, meetings.cycleId);
    let rotationYear = 2100;
    const rotation = async (stage: 'PENDING' | 'SWAP') => {
      const { id } = await office('POST', '/v1/rotations', rotationBody(++rotationYear));
      if (stage === 'SWAP') {
        const swap = { windowId: 'w1', start: rotationStart(1), end: twoMonthsFrom(rotationStart(1)), reason: '换届' };
        await lead('POST', `/v1/rotations/${id}/swap`, swap);
      }
      return id as string;
    };
    const notification = () =>
      eventually(async () => {
        const { rows } = await t.db.pool.query<{ id: string }>(
          'SELECT id FROM notifications WHERE person_id = $1 ORDER BY id LIMIT 1',
          [PEOPLE.unitLead],
        );
        return rows[0]?.id;
      });
    await loadOrganisation(t.db.pool, parseOrganisationFile(ELSEWHERE, 'elsewhere.yaml'), 'elsewhere');
    elsewhere = await t.as('p-elsewhere');
    await loadOrganisation(t.db.pool, parseOrganisationFile(CITY, 'city.yaml'), 'city');
    // The district under the city, with an administrator who is not of the office (ADMIN alone).
    const district = parseOrganisationFile(exampleWithAdministratorAlone(), 'd.yaml');
    await loadOrganisation(t.db.pool, { ...district, parentId: 'authz-city' }, 'district-under-city');
    city = await t.as('p-authz-city');
    administrator = await t.as(ADMINISTRATOR_ALONE);
    const taskId = await task('ASSIGNED');
    const ownCalendar = async () => {
      await office('PUT', '/v1/calendar/2028', { ...calendar2027, year: 2028, holidays: [], workdays: [] });
      return '/v1/calendar/2028';
    };
    const referral = async (receiverUnitId: string, stage: ReferralStage) => {
      const body = { receiverUnitId, title: '涉嫌挪用公款问题', parties: '张某', summary: '审查调查中发现' };
      const id = (await office('POST', '/v1/referrals', body)).id as string;
      const receiver = as('enforcement');
      if (stage === 'RETURNED') await receiver('POST', `/v1/referrals/${id}/return`, { reasons: '不属于本单位管辖' });
      if (stage === 'ACCEPTED' || stage === 'ANSWERED') await receiver('POST', `/v1/referrals/${id}/accept`, {});
      if (stage === 'ANSWERED') await receiver('POST', `/v1/referrals/${id}/result`, { result: '已立案侦查' });
      return id;
    };
    const caseTeams = caseTeamFixtures(office, as('unitCo'), as('unitOther'));
    const submission = async (stage: SubmissionStage, clue = false) => {
      const body = clue ? { ...submissionBody, kind: 'CLUE' } : submissionBody;
      const id = (await as('observer')('POST', '/v1/submissions', body)).id as string;
      if (stage !== 'SUBMITTED') await office('POST', `/v1/submissions/${id}/task`, submissionTask);
      if (stage === 'ANSWERED') await office('POST', `/v1/submissions/${id}/answer`, { answer: '已督促整改到位' });
      return id;
    };
    let views = 0;
    let attachmentId: Promise<string> | undefined;
    ctx = {
      taskId,
      task,
      ownCalendar,
      bulletin,
      meetings,
      inspections,
      appraisals,
      cycle,
      plan,
      accountabilityCase,
      notification,
      referral,
      caseTeams,
      rotation,
      submission,
      view: async () => (await office('POST', '/v1/views', { name: `视图 ${++views}`, filter: { light: 'RED' } })).id,
      delivery: () => deadDelivery(t.db.pool, PEOPLE.unitLead),
      absence: async () => (await office('POST', '/v1/absences', absenceBody())).id,
      attachment: async () => {
        attachmentId ??= (async () => {
          const { body, headers } = multipart(samplePdf, '督办通知.pdf');
          const up = await clients.office('POST', `/v1/tasks/${taskId}/attachments`, body, headers);
          if (up.status !== 201) throw new Error(`preparing: an attachment answered ${up.status}`);
          return up.body.id as string;
        })();
        return attachmentId;
      },
      rules: async () => {
        const inForce = (await office('GET', RULES)).version as number;
        if (inForce > 0) return inForce;
        return (await office('POST', RULES, { baseVersion: 0, reason: '首版', content: { types: [] } })).version;
      },
      scoringModel: async () => {
        const inForce = (await office('GET', SCORING)).version as number;
        if (inForce > 0) return inForce;
        return (await office('POST', SCORING, { baseVersion: 0, reason: '首版', content: SCORING_CONTENT })).version;
      },
      organisationVersion: async () => (await office('GET', ORGANISATION)).version as number,
      ruleVersion: async (path, content) => {
        const inForce = (await office('GET', `/v1${path}`)).version as number;
        if (inForce > 0) return inForce;
        return (await office('POST', `/v1${path}`, { baseVersion: 0, reason: '首版', content })).version;
      },
    };
  }, 120_000);

  afterAll(() => t?.stop(), 60_000);

  it('has a row for every route the API mounts, and none for a route it does not', () => {
    const mounted = v1Routes({ log: pino({ level: 'silent' }), taskPolicies: new Map() } as unknown as AppDeps).map(
      (r) => `${r.method.toUpperCase()} /v1${r.path}`,
    );

    expect(Object.keys(TABLE).sort()).toEqual(mounted.sort());
  });

  const cases = Object.entries(TABLE).flatMap(([route, row]) =>
    (Object.keys(PEOPLE) as Who[]).map((who) => [route, who, row.expect[who]] as const),
  );

  it.each(cases)('%s as %s answers %i', async (route, who, status) => {
    const { method, path, body, headers } = await TABLE[route]!.request(ctx);
    const requestId = `authz-${++requests}-${who}`;

    const res = await clients[who](method, path, body, { ...headers, 'x-request-id': requestId });

    expect(res.status).toBe(status);
    if (method !== 'GET' && !READS_BY_POST.has(route)) mutations.push({ requestId, status });
    if (status !== 404 || !route.includes(':id')) return;
    // What the caller may not see answers exactly as a missing object of the same shape does.
    const reference = missingIdIn(route, path);
    const missingPath = (await TABLE[route]!.missing?.(ctx)) ?? reference.path;
    const missingRequestId = `${requestId}-missing`;
    const missing = await clients[who](method, missingPath, body, { ...headers, 'x-request-id': missingRequestId });
    const missingId = missingPath === reference.path ? reference.missingId : missingIdIn(route, missingPath).id;
    expect(comparableAnswer(res, reference.id)).toEqual(comparableAnswer(missing, missingId));
    if (method !== 'GET') mutations.push({ requestId: missingRequestId, status: 404 });
  });

  const objectRoutes = Object.keys(TABLE).filter((route) => route.includes(':id'));

  // Another organisation's office, and the office of the city the district reports to (whose grant is the roll-up).
  const outsiders = () => ({ elsewhere, city });
  const outsiderCases = objectRoutes.flatMap((route) =>
    (['elsewhere', 'city'] as const).map((outsider) => [route, outsider] as const),
  );

  it.each(outsiderCases)('%s answers the office of %s as it answers a missing id', async (route, outsider) => {
    const { method, path, body, headers } = await TABLE[route]!.request(ctx);
    const requestId = `authz-${outsider}-${++requests}`;
    const call = outsiders()[outsider];

    const res = await call(method, path, body, { ...headers, 'x-request-id': requestId });
    const reference = missingIdIn(route, path);
    const missing = await call(method, reference.path, body, { ...headers, 'x-request-id': `${requestId}-missing` });

    expect(res.status).toBe(404);
    expect(comparableAnswer(res, reference.id)).toEqual(comparableAnswer(missing, reference.missingId));
    if (method !== 'GET')
      mutations.push({ requestId, status: 404 }, { requestId: `${requestId}-missing`, status: 404 });
  });

  it("lists none of the district's objects to the city's office, which reads the district in its roll-up only", async () => {
    const lists = ['/v1/tasks', '/v1/meetings', '/v1/inspections', '/v1/cases', '/v1/cycles', '/v1/bulletins'];

    const counts = await Promise.all(lists.map(async (p) => [p, (await city('GET', p)).body.items.length]));
    const rollup = await city('GET', '/v1/rollup');

    expect(counts).toEqual(lists.map((p) => [p, 0]));
    expect(rollup.body.items.map((i: { id: string }) => i.id)).toEqual(['district']);
  });

  /**
   * The administrator alone (ADMIN without OFFICE): she edits the organisation, so she reads it — its units and people,
   * a unit with its names, its versions, their diff and its export — and has her own inbox and notice settings, as
   * everyone; nothing of the procedure, the office's rules or a merge (which moves tasks by the office's reassignment).
   */
  it('lets the administrator alone read and edit the organisation, and nothing else', async () => {
    const answered: string[] = [];
    const as = async (method: string, path: string, body?: unknown) => {
      const requestId = `authz-admin-alone-${++requests}`;
      const res = await administrator(method, path, body, { 'x-request-id': requestId });
      answered.push(`${method} ${path}: ${res.status}`);
      if (method !== 'GET') mutations.push({ requestId, status: res.status });
      return res;
    };
    const inForce = async () => (await clients.office('GET', ORGANISATION)).body.version as number;
    const unit = {
      id: 'town-admin-alone',
      name: '管理员测试街道',
      kind: 'TOWN',
      head: 'p-admin-alone',
      leader: 'p-chen-lixin',
    };
    const head = { id: 'p-admin-alone', name: '测试', unit: unit.id, roles: ['UNIT'] };
    const taskId = ctx.taskId;

    await as('GET', '/v1/units');
    await as('GET', '/v1/people');
    await as('GET', '/v1/inbox');
    await as('GET', '/v1/me/notice-preferences');
    await as('GET', '/v1/units/town-dongguan');
    await as('POST', '/v1/units', { unit, people: [head], reason: '授权测试' });
    // The organisation before her unit was added (version 1 when hers was the first edit).
    const before = (await inForce()) - 1;
    await as('PATCH', `/v1/units/${unit.id}`, { name: '管理员测试街道办事处', reason: '授权测试' });
    await as('POST', '/v1/people', {
      id: 'p-admin-alone-2',
      name: '新人',
      unit: unit.id,
      roles: ['UNIT'],
      reason: '授权测试',
    });
    await as('PATCH', '/v1/people/p-admin-alone-2', { title: '科员', reason: '授权测试' });
    await as('POST', '/v1/people/p-admin-alone-2/deactivate', { reason: '授权测试' });
    await as('POST', `/v1/units/${unit.id}/retire`, { reason: '授权测试' });
    const now = await inForce();
    await as('GET', ORGANISATION);
    await as('GET', `${ORGANISATION}/export`);
    await as('GET', `${ORGANISATION}/versions/${before}`);
    await as('GET', `${ORGANISATION}/diff?from=${before}&to=${now}`);
    await as('POST', `${ORGANISATION}/versions/${before}/restore`, { baseVersion: now, reason: '授权测试' });
    // Not hers: a merge, the office's rules and lists, a task.
    await as('POST', '/v1/units/town-xicheng/merge', { intoUnitId: 'town-dongguan', reason: '授权测试' });
    await as('GET', RULES);
    await as('GET', '/v1/tasks');
    await as('POST', '/v1/tasks', taskBody);
    await as('GET', `/v1/tasks/${taskId}`);
    await as('GET', '/v1/audit');

    expect(answered).toEqual([
      'GET /v1/units: 200',
      'GET /v1/people: 200',
      'GET /v1/inbox: 200',
      'GET /v1/me/notice-preferences: 200',
      'GET /v1/units/town-dongguan: 200',
      'POST /v1/units: 201',
      `PATCH /v1/units/${unit.id}: 200`,
      'POST /v1/people: 201',
      'PATCH /v1/people/p-admin-alone-2: 200',
      'POST /v1/people/p-admin-alone-2/deactivate: 200',
      `POST /v1/units/${unit.id}/retire: 200`,
      `GET ${ORGANISATION}: 200`,
      `GET ${ORGANISATION}/export: 200`,
      `GET ${ORGANISATION}/versions/${before}: 200`,
      `GET ${ORGANISATION}/diff?from=${before}&to=${now}: 200`,
      `POST ${ORGANISATION}/versions/${before}/restore: 201`,
      'POST /v1/units/town-xicheng/merge: 403',
      `GET ${RULES}: 403`,
      'GET /v1/tasks: 403',
      'POST /v1/tasks: 403',
      `GET /v1/tasks/${taskId}: 404`,
      'GET /v1/audit: 403',
    ]);
  });

  it('left an audit row for every mutation it attempted, done or refused', async () => {
    const { rows } = await t.db.pool.query<{ request_id: string; outcome: string }>(
      'SELECT request_id, outcome FROM audit_log WHERE request_id = ANY($1)',
      [mutations.map((m) => m.requestId)],
    );
    const outcomes = new Map(rows.map((r) => [r.request_id, r.outcome]));

    const missing = mutations.filter((m) => outcomes.get(m.requestId) !== (m.status < 300 ? 'DONE' : 'REFUSED'));
    expect(missing).toEqual([]);
  });

  it('lists to each caller only the tasks in its scope', async () => {
    await eventually(async () => ((await clients.office('GET', '/v1/tasks')).body.total > 0 ? true : undefined));
    const totals = Object.fromEntries(
      await Promise.all(
        (Object.keys(PEOPLE) as Who[])
          .filter((w) => !(OUTSIDE as readonly string[]).includes(w))
          .map(async (who) => [who, (await clients[who]('GET', '/v1/tasks?limit=200')).body.total as number]),
      ),
    );
    const office = totals.office as number;

    expect(totals.group).toBe(office);
    expect(totals.unitOther).toBeLessThan(office);
    expect(totals.leaderOther).toBe(0);
    expect(totals.unitCo).toBeGreaterThan(0);
  });
});
