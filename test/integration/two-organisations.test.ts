import ExcelJS from 'exceljs';
import { shippedScoringModels } from '../../activities/assessment';
import { contentOfModel } from '../../config/scoring-model-rules';
import { loadAccountability } from '../../config/accountability';
import { contentOfAccountability } from '../../config/accountability-rules';
import { shippedProcedureDefaults } from '../../config/procedure-defaults';
import { readPdf } from '../support/pdf';
import { createHash } from 'node:crypto';
import pino from 'pino';
import YAML from 'yaml';
import type { AppDeps } from '../../api/deps';
import { v1Routes } from '../../api/routes';
import { parseOrganisationFile } from '../../db/org-file';
import { loadOrganisation } from '../../db/queries/load-organisation';
import { ADMINISTRATOR_ALONE, exampleWithAdministratorAlone } from '../support/administrator-alone';
import { issueToken } from '../../db/queries/tokens';
import { assignEarlier } from '../support/assigned-earlier';
import { apiClient, eventually } from '../support/http';
import { deadDelivery } from '../support/dead-delivery';
import { comparableAnswer, missingIdIn } from '../support/missing-id';
import { onePlanBody } from '../support/task-bodies';
import { multipart } from '../support/attachments';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * Two organisations side by side on one deployment (DOMAIN.md "The organisation": nothing of one is visible to
 * another): the example district (A) and its mirror image (B), the same units and people under other ids and
 * names, generated here. Both get the same data through the API; then every GET route, as every role of each,
 * must carry nothing of the other (ids, unit and person names, titles), lists must count only their own, and the
 * other's objects must answer as missing ids.
 */
type Key = 'A' | 'B';
interface Org {
  key: Key;
  orgId: string;
  /** The id in this organisation of the example organisation's `id`. */
  id: (exampleId: string) => string;
  /** A word in every title this organisation's data is given, and in every name of B. */
  marker: string;
}
const ORGS: Record<Key, Org> = {
  A: { key: 'A', orgId: 'district', id: (x) => x, marker: '甲区' },
  B: { key: 'B', orgId: 'yq-district', id: (x) => `yq-${x}`, marker: '乙区' },
};
const other = (key: Key): Key => (key === 'A' ? 'B' : 'A');

/** The roles the authorisation test acts as, by their person in the example organisation. */
const ROLES = {
  office: 'p-huang-min',
  unitLead: 'p-lu-shuigen', // head of village-hekou, the lead unit of the tasks
  unitCo: 'p-xie-hua', // head of town-dongguan, their co-organising unit
  unitOther: 'p-han-bing', // head of town-xicheng, on no task
  leaderOwn: 'p-fang-liang', // responsible leader of village-hekou
  leaderOther: 'p-shi-jia', // responsible leader of another village
  group: 'p-li-jianguo', // leadership group
  observer: 'p-bai-xue', // external supervisor
  // The administrator alone (ADMIN, not of the office), added to both: reads the organisation and its versions.
  admin: ADMINISTRATOR_ALONE,
} as const;
type Role = keyof typeof ROLES;
const roles = Object.keys(ROLES) as Role[];

type Client = ReturnType<typeof apiClient>;
type Call = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface ExampleFile {
  organisation: { id: string; name: string; timeZone?: string };
  zones: { id: string; name: string }[];
  units: Record<string, unknown>[];
  people: Record<string, unknown>[];
}

/** Organisation B: the example file with every id prefixed `yq-` and every name prefixed 乙区. */
function mirrorFile(example: ExampleFile): string {
  const { id } = ORGS.B;
  const name = (n: unknown) => `${ORGS.B.marker}${String(n)}`;
  const ids = (o: Record<string, unknown>, fields: string[]) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, fields.includes(k) && typeof v === 'string' ? id(v) : v]));
  return YAML.stringify({
    organisation: { ...example.organisation, id: ORGS.B.orgId, name: name(example.organisation.name) },
    zones: example.zones.map((z) => ({ id: id(z.id), name: name(z.name) })),
    units: example.units.map((u) => ({ ...ids(u, ['id', 'parent', 'zone', 'head', 'leader']), name: name(u.name) })),
    people: example.people.map((p) => ({
      ...ids(p, ['id', 'unit']),
      name: name(p.name),
      ...(isRecord(p.network) && { network: ids(p.network, ['area']) }),
    })),
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const YEAR = new Date().getUTCFullYear();
/** A local date (Asia/Shanghai) `days` from today. */
const localDay = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** What one organisation was given, by the ids the API answered. */
interface Data {
  tasks: string[];
  cycleNext: string;
  cyclePast: string;
  meetings: string[];
  inspection: string;
  accountabilityCase: string;
  /** A case team of zone-1: unitCo's head confirmed on its first seat (`member`), town-xicheng asked on the second. */
  caseTeam: { id: string; member: string; asked: string };
  bulletin: string;
  notification: string;
  /** A referral (移送) from the office to its police unit. */
  referral: string;
  /** The rotation plan (轮训) of the year after next: village-hekou's window confirmed, town-dongguan's pending. */
  rotation: string;
  /** The office's saved view (保存的视图), named with the organisation's marker. */
  view: string;
  /** The observer's submission (反映) about town-dongguan, awaiting the office's triage. */
  submission: string;
  /** A conduct appraisal (行风评议) of the past year's cycle, the observer invited. */
  appraisal: string;
  /** A notice to unitOther's head by SMS whose number was refused: on the office's dead-letter list. */
  delivery: string;
  /** An absence of an office staff member (请假与代理), entered by the office, its reason with the marker. */
  absence: string;
  /** A text file (佐证材料) the lead unit attached to the second task, naming the organisation: its id and hash. */
  attachment: { id: string; sha256: string };
  /** Files the lead unit gave with its self-check (its part of the round) and its statement on the case. */
  ownerFiles: string[];
}

/** The ids an organisation's data will have, where they can be known before it has any (for filters naming them). */
const planned = (o: Org): Data => ({
  tasks: ['t-000000000001', 't-000000000002', 't-000000000003', 't-000000000004'],
  cycleNext: `${o.orgId}-${YEAR + 1}`,
  cyclePast: `${o.orgId}-${YEAR - 1}`,
  meetings: [`${o.orgId}-${YEAR - 1}-a1`, `${o.orgId}-${YEAR - 1}-a2`],
  inspection: `${o.orgId}-${YEAR - 1}-x1`,
  accountabilityCase: 'c-000000000001',
  caseTeam: { id: 'ct-000000000001', member: 'ct-000000000001-s1', asked: 'ct-000000000001-s2' },
  bulletin: 'b-000000000001',
  notification: 'n_000000000000000000000001',
  referral: 'r-000000000001',
  rotation: `${o.orgId}-${YEAR + 2}`,
  view: 'v-000000000001',
  submission: 's-000000000001',
  appraisal: 'a-000000000001',
  delivery: 'nd_000000000000000000000001',
  absence: 'ab-000000000001',
  attachment: { id: 'att-00000000000000000000000000000001', sha256: '0'.repeat(64) },
  ownerFiles: ['att-00000000000000000000000000000002', 'att-00000000000000000000000000000003'],
});

/** A rotation window's first day (the first of the month after next) and last day (two months on). */
const rotationStart = (() => {
  const now = new Date(Date.now() + 8 * 3_600_000);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 1)).toISOString().slice(0, 10);
})();
const rotationEnd = new Date(Date.UTC(Number(rotationStart.slice(0, 4)), Number(rotationStart.slice(5, 7)) + 1, 0))
  .toISOString()
  .slice(0, 10);

/**
 * Gives organisation `o` its data through the API, as its own people; the same for both. `lapsed` assigns a task
 * as its office would have a month ago (the API refuses a time limit already past), answering its id.
 */
/** The first Monday of March of `year` (a local day off in each organisation's own table). */
function firstMondayOfMarch(year: number): string {
  const weekday = new Date(Date.UTC(year, 2, 1)).getUTCDay();
  return `${year}-03-${String(1 + ((8 - weekday) % 7)).padStart(2, '0')}`;
}

async function populate(
  o: Org,
  as: Record<Role, Call>,
  lapsed: (body: Record<string, unknown>) => Promise<string>,
): Promise<Data> {
  const { id, marker } = o;
  // Three weeks overdue: it climbs to L3 at once, telling the leaders and the leadership group.
  const escalated = await lapsed({
    title: `${marker}整改信访反映问题`,
    leadUnitId: id('town-xicheng'),
    leaderId: id('p-zhao-zhiqiang'),
    requirements: '按要求落实',
    standard: '形成台账',
    dueDate: localDay(-21),
  });
  // Its L3 referral opens an accountability case: waited for here, so that case is older than the office's own in
  // both organisations (the lists order cases by age, and B must answer as A does).
  await eventually(async () => ((await as.office('GET', `/v1/tasks/${escalated}`)).rung === 3 ? true : undefined));
  await eventually(async () =>
    ((await as.office('GET', '/v1/cases?limit=200')).items as { source: { taskId?: string } }[]).some(
      (c) => c.source.taskId === escalated,
    )
      ? true
      : undefined,
  );
  const task = (n: number) =>
    as.office('POST', '/v1/tasks', {
      title: `${marker}村级小微权力清单落实情况整改（${n}）`,
      leadUnitId: id('village-hekou'),
      coUnitIds: [id('town-dongguan')],
      leaderId: id('p-zhao-zhiqiang'),
      requirements: `对照${marker}清单逐项整改`,
      standard: '整改台账经镇纪委审核',
      dueDate: `${YEAR + 1}-05-${27 + n}`,
    });
  // Each with its own time limit: lists order by it, and tasks of one limit by their (random) ids.
  const [assigned, signed, submitted] = (await Promise.all([1, 2, 3].map(task))).map((t) => t.id as string) as [
    string,
    string,
    string,
  ];
  await as.office('POST', `/v1/tasks/${assigned}/comments`, { text: `${marker}请加快进度` });
  await as.office('POST', `/v1/tasks/${assigned}/urgings`, { text: `${marker}请于本周内报送进展` });
  for (const t of [signed, submitted]) await as.unitLead('POST', `/v1/tasks/${t}/sign`, {});
  await as.unitLead('POST', `/v1/tasks/${signed}/progress`, { text: `${marker}已完成摸底` });
  await as.unitCo('POST', `/v1/tasks/${submitted}/co-report`, { text: `${marker}协办完成` });
  await as.unitLead('POST', `/v1/tasks/${submitted}/submit`, { summary: `${marker}整改完成` });

  const cycleNext = (await as.office('POST', '/v1/cycles', { year: YEAR + 1 })).id as string;
  await as.office('PUT', `/v1/cycles/${cycleNext}/plan`, {
    year: YEAR + 1,
    goals: [
      {
        id: 'duty',
        title: `${marker}压实主体责任`,
        tasks: [
          {
            key: 'pledges',
            title: `${marker}签订党风廉政建设责任书`,
            leadUnit: id('dept-finance'),
            leader: id('p-wu-haitao'),
            requirements: '逐级签订责任书',
            standard: '签订率100%',
            dueDate: `${YEAR + 1}-03-31`,
          },
        ],
      },
    ],
  });

  const cyclePast = (await as.office('POST', '/v1/cycles', { year: YEAR - 1 })).id as string;
  const meeting = async (title: string, ahead: number) =>
    (
      await as.office('POST', `/v1/cycles/${cyclePast}/meetings`, {
        title: `${marker}${title}`,
        place: `${marker}纪委监委三楼会议室`,
        at: new Date(Date.now() + ahead).toISOString(),
        confirmBy: new Date(Date.now() + ahead - 1_000).toISOString(),
      })
    ).id as string;
  const noticed = await meeting('专题联席会议', 3_600_000);
  const held = await meeting('专题联席会议（已召开）', 5_000);
  const inspection = (
    await as.office('POST', `/v1/cycles/${cyclePast}/inspections`, {
      title: `${marker}作风建设专项检查`,
      unitIds: [id('village-hekou'), id('town-dongguan')],
      checklist: [`${marker}落实中央八项规定精神情况`],
      selfCheckDueDate: localDay(7),
      findingsDueDate: localDay(21),
      observerIds: [id('p-bai-xue')],
    })
  ).id as string;
  // The same bytes in both organisations (one hash), named with the marker.
  const give = async (at: string, name: string) => {
    const { body, headers } = multipart(Buffer.from('自查及说明材料\n', 'utf8'), `${marker}${name}`);
    return (await as.unitLead('POST', at, body, headers)).id as string;
  };
  const selfCheckFile = await give(
    `/v1/inspections/${inspection}/units/${id('village-hekou')}/attachments`,
    '自查.txt',
  );
  await as.unitLead('POST', `/v1/inspections/${inspection}/self-check`, {
    report: `${marker}逐项自查`,
    attachmentIds: [selfCheckFile],
  });
  const accountabilityCase = (
    await as.office('POST', '/v1/cases', { unitId: id('village-hekou'), reason: `${marker}履职不力` })
  ).id as string;
  const statementFile = await give(`/v1/cases/${accountabilityCase}/attachments`, '说明.txt');
  await as.unitLead('POST', `/v1/cases/${accountabilityCase}/statement`, {
    text: `${marker}情况说明`,
    attachmentIds: [statementFile],
  });
  // Decided, so that its decision (问责决定书) prints, naming what only this organisation may read.
  await as.office('POST', `/v1/cases/${accountabilityCase}/decision`, { measure: 'TALK', basis: `${marker}依据` });
  const referral = (
    await as.office('POST', '/v1/referrals', {
      receiverUnitId: id('enf-police'),
      title: `${marker}某所长涉嫌挪用公款问题`,
      parties: `${marker}张某`,
      summary: `${marker}审查调查中发现`,
    })
  ).id as string;
  const team = await as.office('POST', '/v1/case-teams', {
    zoneId: id('zone-1'),
    caseRef: `${marker}（${YEAR}）纪协1号`,
    skills: [{ skill: `${marker}财务审计`, count: 2 }],
    startDate: localDay(0),
    endDate: localDay(30),
    concernedUnitIds: [id('town-nanhu')],
    units: [{ unitId: id('town-dongguan') }, { unitId: id('town-xicheng') }],
  });
  const [member, asked] = (team.secondments as { id: string }[]).map((x) => x.id) as [string, string];
  await as.unitCo('POST', `/v1/secondments/${member}/nominate`, { personId: id('p-xie-hua') });
  await as.office('POST', `/v1/secondments/${member}/confirm`, {});
  const bulletin = (await as.office('POST', '/v1/bulletins', { from: localDay(-30), to: localDay(0) })).id as string;
  await as.office('PUT', `/v1/units/${id('town-dongguan')}/webhook`, {
    url: `https://hooks.example.org/heli-${o.orgId}`,
  });
  await as.office('PUT', '/v1/cycle-schedule', { month: 12, day: 20 });
  // Its own working-day table of next year, with a local day off of its own (a Monday in March).
  await as.office('PUT', `/v1/calendar/${YEAR + 1}`, {
    year: YEAR + 1,
    source: `${marker}${YEAR + 1}年工作日安排`,
    holidays: [{ date: firstMondayOfMarch(YEAR + 1), name: `${marker}区庆` }],
    workdays: [],
  });
  // Two versions of its own task types (issue 22): none, then a type of its own.
  await as.office('POST', '/v1/rules/task-policies', { baseVersion: 0, reason: '首版', content: { types: [] } });
  await as.office('POST', '/v1/rules/task-policies', {
    baseVersion: 1,
    reason: '增设汛期督查',
    content: { types: [{ type: 'FLOOD_SEASON', name: `${marker}汛期督查` }] },
  });
  // Two versions of the organisation itself (issue 22): as loaded, then a title changed by its administrator.
  await as.office('PATCH', `/v1/people/${id('p-zhang-wei')}`, { title: `${marker}副主任`, reason: '职务调整' });
  await eventually(async () => ((await as.office('GET', `/v1/meetings/${held}`)).state === 'HELD' ? true : undefined));
  await as.office('POST', `/v1/cycles/${cyclePast}/assessment`, {});
  await as.office('POST', `/v1/cycles/${cyclePast}/assessment/adjustments`, {
    unitId: id('town-dongguan'),
    delta: 1.5,
    reason: `${marker}测试调整`,
  });
  await as.office('POST', `/v1/cycles/${cyclePast}/assessment/publish`);
  // Two versions of its scoring model (issue 22), and last year scored again with the second.
  const model = contentOfModel(shippedScoringModels().default);
  await as.office('POST', '/v1/rules/scoring-model', { baseVersion: 0, reason: '首版', content: model });
  await as.office('POST', '/v1/rules/scoring-model', {
    baseVersion: 1,
    reason: `${marker}调整模型`,
    content: { ...model, name: `${marker}考核模型` },
  });
  // Two versions of its notice templates (issue 22): none overridden, then its own reminder.
  await as.office('POST', '/v1/rules/notice-templates', { baseVersion: 0, reason: '首版', content: { templates: [] } });
  await as.office('POST', '/v1/rules/notice-templates', {
    baseVersion: 1,
    reason: `${marker}改写到期提醒`,
    content: {
      templates: [{ kind: 'REMINDER', title: `${marker}{任务名称}`, body: '{工作时限}前办结「{任务名称}」' }],
    },
  });
  await as.office('POST', `/v1/cycles/${cyclePast}/assessment/recompute`, {
    modelVersion: 2,
    reason: `${marker}按新模型测算`,
  });
  // Two versions of its accountability policy and of its procedures' defaults (issue 22), the second its own.
  const policy = contentOfAccountability(loadAccountability());
  const defaults = shippedProcedureDefaults();
  const ownMeasure = { code: 'PUBLIC_APOLOGY', name: `${marker}责令公开道歉` };
  for (const [kind, content, own] of [
    ['accountability', policy, { ...policy, measures: [...policy.measures, ownMeasure] }],
    ['procedure-defaults', defaults, { ...defaults, meeting: { ...defaults.meeting, place: `${marker}会议室` } }],
  ] as const) {
    await as.office('POST', `/v1/rules/${kind}`, { baseVersion: 0, reason: '首版', content });
    await as.office('POST', `/v1/rules/${kind}`, { baseVersion: 1, reason: `${marker}调整`, content: own });
  }
  const rotation = (
    await as.office('POST', '/v1/rotations', {
      year: YEAR + 2,
      windows: [
        { personId: id('p-lu-shuigen'), unitId: id('village-hekou'), start: rotationStart, end: rotationEnd },
        { personId: id('p-yu-hong'), unitId: id('town-dongguan'), start: rotationStart, end: rotationEnd },
      ],
    })
  ).id as string;
  await as.unitLead('POST', `/v1/rotations/${rotation}/confirm`, { windowId: 'w1' });
  const submission = (
    await as.observer('POST', '/v1/submissions', {
      kind: 'PROBLEM',
      subjectUnitId: id('town-dongguan'),
      what: `${marker}便民服务中心窗口人员上班时间离岗`,
      where: `${marker}便民服务中心`,
      happenedOn: localDay(-3),
    })
  ).id as string;
  const appraisal = (
    await as.office('POST', `/v1/cycles/${cyclePast}/appraisals`, {
      title: `${marker}政风行风评议`,
      unitIds: [id('village-hekou'), id('town-dongguan')],
      memberIds: [id('p-bai-xue')],
      workingDays: 5,
    })
  ).id as string;
  await as.observer('POST', `/v1/inspections/${inspection}/observe`, {
    unitId: id('town-dongguan'),
    text: `${marker}窗口午间无人值守`,
  });
  const upload = multipart(Buffer.from(`${marker}村级小微权力清单整改台账\n`, 'utf8'), `${marker}整改台账.txt`);
  const attached = await as.unitLead('POST', `/v1/tasks/${signed}/attachments`, upload.body, upload.headers);
  const notification = await eventually(async () => {
    const inbox = await as.unitLead('GET', '/v1/inbox');
    return (inbox.items as { id: string }[])[0]?.id;
  });
  return {
    tasks: [assigned, signed, submitted, escalated],
    cycleNext,
    cyclePast,
    meetings: [noticed, held],
    inspection,
    accountabilityCase,
    caseTeam: { id: team.id as string, member, asked },
    bulletin,
    notification,
    referral,
    rotation,
    view: (await as.office('POST', '/v1/views', { name: `${marker}我的绿灯任务`, filter: { light: 'GREEN' } }))
      .id as string,
    submission,
    appraisal,
    delivery: '', // a delivery is written by the dispatcher's world, not through the API: the caller adds it
    absence: (
      await as.office('POST', '/v1/absences', {
        personId: id('p-zhang-wei'),
        deputyId: id('p-yang-fan'),
        from: localDay(30),
        to: localDay(32),
        reason: `${marker}外出学习`,
      })
    ).id as string,
    attachment: { id: attached.id as string, sha256: attached.sha256 as string },
    ownerFiles: [selfCheckFile, statementFile],
  };
}

/** Paths filtering by the other organisation's ids, of the row last evaluated: their lists must be empty. */
const acrossPaths = new Set<string>();
const across = (p: string) => (acrossPaths.add(p), p);

/**
 * Every GET route the API mounts, with the paths that read it for one organisation (its own objects, lists with
 * and without filters, and a search for the other organisation's marker word). A new GET route fails the coverage
 * test until it has a row here.
 */
/** The reads of a kind of the office's rules (issue 22) whose two versions each organisation published. */
const ruleKindReads = (kind: string): Record<string, () => string[]> => ({
  [`GET /v1/rules/${kind}`]: () => [`/v1/rules/${kind}`],
  [`GET /v1/rules/${kind}/versions/:n`]: () => [`/v1/rules/${kind}/versions/1`, `/v1/rules/${kind}/versions/2`],
  [`GET /v1/rules/${kind}/diff`]: () => [`/v1/rules/${kind}/diff?from=1&to=2`],
});

const READS: Record<string, (o: Org, d: Data, theirs: { o: Org; d: Data }) => string[]> = {
  'GET /v1/units': (o, _d, x) => [
    '/v1/units?limit=200',
    '/v1/units?kind=TOWN',
    `/v1/units?zone=${o.id('zone-1')}`,
    across(`/v1/units?zone=${x.o.id('zone-1')}`),
  ],
  'GET /v1/people': (o, _d, x) => [
    '/v1/people?limit=200',
    `/v1/people?unit=${o.id('office')}`,
    across(`/v1/people?unit=${x.o.id('office')}`),
  ],
  'GET /v1/me': () => ['/v1/me'],
  'GET /v1/tasks': (o, d, x) => [
    '/v1/tasks?limit=200',
    `/v1/tasks?q=${encodeURIComponent(ORGS[other(o.key)].marker)}`,
    `/v1/tasks?q=${encodeURIComponent(o.marker)}`,
    `/v1/tasks?q=${encodeURIComponent('村级小微权力')}`,
    `/v1/tasks?unit=${o.id('town-dongguan')}`,
    `/v1/tasks?leadUnit=${o.id('village-hekou')}`,
    `/v1/tasks?leader=${o.id('p-zhao-zhiqiang')}`,
    '/v1/tasks?state=SIGNED',
    '/v1/tasks?light=GREEN',
    '/v1/tasks?overdue=false',
    `/v1/tasks?cycle=${d.cycleNext}`,
    `/v1/tasks?dueMonth=${YEAR + 1}-05`,
    '/v1/tasks?sort=urgency&order=desc',
    // Filters naming the other organisation's units, leader and cycle.
    across(`/v1/tasks?unit=${x.o.id('town-dongguan')}`),
    across(`/v1/tasks?leadUnit=${x.o.id('village-hekou')}`),
    across(`/v1/tasks?leader=${x.o.id('p-zhao-zhiqiang')}`),
    across(`/v1/tasks?cycle=${x.d.cycleNext}`),
  ],
  'GET /v1/tasks/:id': (_o, d) => d.tasks.map((t) => `/v1/tasks/${t}`),
  // The first task's urging (its third step, after the assignment and a comment).
  'GET /v1/tasks/:id/urgings/:step/slip': (_o, d) => [`/v1/tasks/${d.tasks[0]}/urgings/3-urged/slip`],
  'GET /v1/tasks/:id/urgings/:step/slip.pdf': (_o, d) => [`/v1/tasks/${d.tasks[0]}/urgings/3-urged/slip.pdf`],
  'GET /v1/task-types': () => ['/v1/task-types'],
  'GET /v1/audit': (o, _d, x) => [
    '/v1/audit?limit=200',
    '/v1/audit?objectType=task&limit=200',
    `/v1/audit?actorId=${o.id('p-huang-min')}&limit=200`,
    across(`/v1/audit?actorId=${x.o.id('p-huang-min')}&limit=200`),
    across(`/v1/audit?objectId=${x.d.tasks[2]}&limit=200`),
  ],
  // Each organisation's own table of next year; this year's is the national one both follow (compared below).
  'GET /v1/calendar/:year': () => [`/v1/calendar/${YEAR + 1}`, `/v1/calendar/${YEAR}`],
  'GET /v1/rules/task-policies': () => ['/v1/rules/task-policies'],
  'GET /v1/rules/task-policies/versions/:n': () => [
    '/v1/rules/task-policies/versions/1',
    '/v1/rules/task-policies/versions/2',
  ],
  'GET /v1/rules/task-policies/diff': () => ['/v1/rules/task-policies/diff?from=1&to=2'],
  'GET /v1/units/:id': (o) => [`/v1/units/${o.id('town-dongguan')}`],
  'GET /v1/rules/organisation': () => ['/v1/rules/organisation'],
  'GET /v1/rules/organisation/export': () => ['/v1/rules/organisation/export'],
  'GET /v1/rules/organisation/versions/:n': () => [
    '/v1/rules/organisation/versions/1',
    '/v1/rules/organisation/versions/2',
  ],
  'GET /v1/rules/organisation/diff': () => ['/v1/rules/organisation/diff?from=1&to=2'],
  'GET /v1/rules/scoring-model': () => ['/v1/rules/scoring-model'],
  'GET /v1/rules/scoring-model/versions/:n': () => [
    '/v1/rules/scoring-model/versions/1',
    '/v1/rules/scoring-model/versions/2',
  ],
  'GET /v1/rules/scoring-model/diff': () => ['/v1/rules/scoring-model/diff?from=1&to=2'],
  'GET /v1/rules/notice-templates': () => ['/v1/rules/notice-templates'],
  'GET /v1/rules/notice-templates/versions/:n': () => [
    '/v1/rules/notice-templates/versions/1',
    '/v1/rules/notice-templates/versions/2',
  ],
  'GET /v1/rules/notice-templates/diff': () => ['/v1/rules/notice-templates/diff?from=1&to=2'],
  ...ruleKindReads('accountability'),
  ...ruleKindReads('procedure-defaults'),
  'GET /v1/inbox': () => ['/v1/inbox?limit=200', '/v1/inbox?unread=true'],
  'GET /v1/units/:id/webhook': (o) => [`/v1/units/${o.id('town-dongguan')}/webhook`],
  'GET /v1/bulletins': () => ['/v1/bulletins?limit=200'],
  'GET /v1/bulletins/:id': (_o, d) => [`/v1/bulletins/${d.bulletin}`],
  'GET /v1/bulletins/:id/html': (_o, d) => [`/v1/bulletins/${d.bulletin}/html`],
  'GET /v1/bulletins/:id/csv': (_o, d) => [`/v1/bulletins/${d.bulletin}/csv`],
  'GET /v1/bulletins/:id/pdf': (_o, d) => [`/v1/bulletins/${d.bulletin}/pdf`],
  'GET /v1/cycle-schedule': () => ['/v1/cycle-schedule'],
  'GET /v1/cycles': () => ['/v1/cycles'],
  'GET /v1/cycles/:id': (_o, d) => [`/v1/cycles/${d.cycleNext}`, `/v1/cycles/${d.cyclePast}`],
  'GET /v1/cycles/:id/plan': (_o, d) => [`/v1/cycles/${d.cycleNext}/plan`, `/v1/cycles/${d.cycleNext}/plan?version=1`],
  'GET /v1/cycles/:id/board': (_o, d) => [
    `/v1/cycles/${d.cycleNext}/board`,
    `/v1/cycles/${d.cyclePast}/board?by=month`,
  ],
  'GET /v1/overview': () => ['/v1/overview'],
  'GET /v1/meetings': (_o, d, x) => [
    '/v1/meetings?limit=200',
    `/v1/meetings?cycleId=${d.cyclePast}`,
    across(`/v1/meetings?cycleId=${x.d.cyclePast}`),
  ],
  'GET /v1/meetings/:id': (_o, d) => d.meetings.map((m) => `/v1/meetings/${m}`),
  'GET /v1/inspections': (_o, d, x) => [
    '/v1/inspections?limit=200',
    `/v1/inspections?cycleId=${d.cyclePast}`,
    across(`/v1/inspections?cycleId=${x.d.cyclePast}`),
  ],
  'GET /v1/inspections/:id': (_o, d) => [`/v1/inspections/${d.inspection}`],
  'GET /v1/inspections/:id/report': (_o, d) => [`/v1/inspections/${d.inspection}/report`],
  'GET /v1/scoring-models': () => ['/v1/scoring-models'],
  'GET /v1/cycles/:id/assessment': (_o, d) => [`/v1/cycles/${d.cyclePast}/assessment`],
  'GET /v1/cycles/:id/assessment/units/:unitId': (o, d) => [
    `/v1/cycles/${d.cyclePast}/assessment/units/${o.id('town-dongguan')}`,
  ],
  'GET /v1/cycles/:id/assessment/units/:unitId/sheet': (o, d) => [
    `/v1/cycles/${d.cyclePast}/assessment/units/${o.id('town-dongguan')}/sheet`,
  ],
  'GET /v1/cycles/:id/assessment/units/:unitId/sheet.pdf': (o, d) => [
    `/v1/cycles/${d.cyclePast}/assessment/units/${o.id('town-dongguan')}/sheet.pdf`,
  ],
  'GET /v1/cycles/:id/assessment/report': (_o, d) => [`/v1/cycles/${d.cyclePast}/assessment/report`],
  'GET /v1/cycles/:id/assessment/report.pdf': (_o, d) => [`/v1/cycles/${d.cyclePast}/assessment/report.pdf`],
  'GET /v1/cycles/:id/assessment.csv': (_o, d) => [`/v1/cycles/${d.cyclePast}/assessment.csv`],
  'GET /v1/cycles/:id/assessment/recomputations': (_o, d) => [`/v1/cycles/${d.cyclePast}/assessment/recomputations`],
  'GET /v1/cycles/:id/assessment.xlsx': (_o, d) => [`/v1/cycles/${d.cyclePast}/assessment.xlsx`],
  'GET /v1/cases': (o, d, x) => [
    '/v1/cases?limit=200',
    `/v1/cases?unitId=${o.id('village-hekou')}`,
    `/v1/cases?leaderId=${o.id('p-fang-liang')}`,
    `/v1/cases?cycleId=${d.cyclePast}`,
    '/v1/cases?state=EXPLAINED',
    across(`/v1/cases?unitId=${x.o.id('village-hekou')}`),
    across(`/v1/cases?leaderId=${x.o.id('p-fang-liang')}`),
    across(`/v1/cases?cycleId=${x.d.cyclePast}`),
  ],
  'GET /v1/cases/:id': (_o, d) => [`/v1/cases/${d.accountabilityCase}`],
  'GET /v1/cases/:id/decision-document': (_o, d) => [`/v1/cases/${d.accountabilityCase}/decision-document`],
  'GET /v1/cases/:id/decision-document.pdf': (_o, d) => [`/v1/cases/${d.accountabilityCase}/decision-document.pdf`],
  'GET /v1/accountability-measures': () => ['/v1/accountability-measures'],
  'GET /v1/referrals': (o, _d, x) => [
    '/v1/referrals?limit=200',
    `/v1/referrals?unitId=${o.id('enf-police')}`,
    '/v1/referrals?state=SENT',
    across(`/v1/referrals?unitId=${x.o.id('enf-police')}`),
  ],
  'GET /v1/referrals/:id': (_o, d) => [`/v1/referrals/${d.referral}`],
  'GET /v1/case-teams': (o, _d, x) => [
    '/v1/case-teams?limit=200',
    `/v1/case-teams?zoneId=${o.id('zone-1')}`,
    across(`/v1/case-teams?zoneId=${x.o.id('zone-1')}`),
  ],
  'GET /v1/case-teams/:id': (_o, d) => [`/v1/case-teams/${d.caseTeam.id}`],
  'GET /v1/secondments': (o, d, x) => [
    '/v1/secondments?limit=200',
    `/v1/secondments?teamId=${d.caseTeam.id}`,
    `/v1/secondments?unitId=${o.id('town-xicheng')}`,
    across(`/v1/secondments?teamId=${x.d.caseTeam.id}`),
    across(`/v1/secondments?unitId=${x.o.id('town-xicheng')}`),
  ],
  'GET /v1/secondments/:id': (_o, d) => [`/v1/secondments/${d.caseTeam.member}`, `/v1/secondments/${d.caseTeam.asked}`],
  'GET /v1/rotations': () => ['/v1/rotations?limit=200', `/v1/rotations?year=${YEAR + 2}`],
  'GET /v1/rotations/:id': (_o, d) => [`/v1/rotations/${d.rotation}`],
  'GET /v1/people/:id/rotation-record': (o) => [`/v1/people/${o.id('p-lu-shuigen')}/rotation-record`],
  'GET /v1/network/members': () => ['/v1/network/members', '/v1/network/members?level=VILLAGE'],
  'GET /v1/network/members/:id': (o) => [`/v1/network/members/${o.id('p-tang-li')}`],
  'GET /v1/network/activity': () => ['/v1/network/activity'],
  'GET /v1/deliveries': () => ['/v1/deliveries', '/v1/deliveries?state=DEAD'],
  'GET /v1/me/notice-preferences': () => ['/v1/me/notice-preferences'],
  'GET /v1/submissions': () => ['/v1/submissions', '/v1/submissions?unanswered=true'],
  'GET /v1/submissions/:id': (_o, d) => [`/v1/submissions/${d.submission}`],
  'GET /v1/appraisals': () => ['/v1/appraisals'],
  'GET /v1/appraisals/:id': (_o, d) => [`/v1/appraisals/${d.appraisal}`],
  'GET /v1/network/activity.xlsx': () => ['/v1/network/activity.xlsx'],
  // Saved views: each person's own; another organisation's view is a missing one, applied or read.
  'GET /v1/views': (_o, d, x) => ['/v1/views', `/v1/tasks?view=${d.view}`, across(`/v1/tasks?view=${x.d.view}`)],
  'GET /v1/views/:id': (_o, d) => [`/v1/views/${d.view}`],
  'GET /v1/absences': () => ['/v1/absences', '/v1/absences?all=true'],
  'GET /v1/absences/:id': (_o, d) => [`/v1/absences/${d.absence}`],
  'GET /v1/tasks/:id/attachments': (_o, d) => [`/v1/tasks/${d.tasks[1]}/attachments`],
  'GET /v1/attachments/:id': (_o, d) => [
    `/v1/attachments/${d.attachment.id}`,
    ...d.ownerFiles.map((f) => `/v1/attachments/${f}`),
  ],
  'GET /v1/inspections/:id/units/:unitId/attachments': (o, d) => [
    `/v1/inspections/${d.inspection}/units/${o.id('village-hekou')}/attachments`,
  ],
  'GET /v1/cases/:id/attachments': (_o, d) => [`/v1/cases/${d.accountabilityCase}/attachments`],
};
/** A mutation of one organisation's object (`d`, of `owner`), with the body a person of `caller` would send. */
type Mutation = (
  d: Data,
  owner: Org,
  caller: Org,
) => { method: string; path: string; body?: unknown; headers?: Record<string, string> };
const onTask =
  (verb: string, body: unknown): Mutation =>
  (d) => ({ method: 'POST', path: `/v1/tasks/${d.tasks[1]}/${verb}`, body });
const post =
  (at: (d: Data) => string, body?: (caller: Org) => unknown): Mutation =>
  (d, _owner, caller) => ({ method: 'POST', path: at(d), body: body?.(caller) });
const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** Every mutation the API mounts on an object named in its path, as another organisation's caller sends it. */
const MUTATIONS: Record<string, Mutation> = {
  'POST /v1/tasks/:id/sign': onTask('sign', {}),
  'POST /v1/tasks/:id/progress': onTask('progress', { text: '已完成摸底' }),
  'POST /v1/tasks/:id/co-report': onTask('co-report', { text: '已配合完成' }),
  'POST /v1/tasks/:id/co-report-override': onTask('co-report-override', { reason: '协办单位已口头反馈' }),
  'POST /v1/tasks/:id/submit': onTask('submit', { summary: '整改完成' }),
  'POST /v1/tasks/:id/accept': onTask('accept', { rating: 'GOOD' }),
  'POST /v1/tasks/:id/return': onTask('return', { reasons: '台账不全', newDueDate: `${YEAR + 1}-06-30` }),
  'POST /v1/tasks/:id/extension': onTask('extension', {
    reason: '需补充调查',
    proposedDate: `${YEAR + 1}-06-30`,
    progress: '过半',
  }),
  'POST /v1/tasks/:id/extension-decision': onTask('extension-decision', { approve: true }),
  'POST /v1/tasks/:id/cancel': onTask('cancel', { reason: '测试撤销' }),
  'POST /v1/tasks/:id/reassign': (d, _owner, caller) =>
    onTask('reassign', {
      leadUnitId: caller.id('town-xicheng'),
      coUnitIds: [],
      leaderId: caller.id('p-zhao-zhiqiang'),
      reason: '职责调整',
    })(d, _owner, caller),
  'POST /v1/tasks/:id/comments': onTask('comments', { text: '请加快进度' }),
  'POST /v1/tasks/:id/urgings': onTask('urgings', { text: '请加快进度' }),
  'POST /v1/tasks/:id/attachments': (d) => ({
    method: 'POST',
    path: `/v1/tasks/${d.tasks[1]}/attachments`,
    ...multipart(Buffer.from('整改台账\n', 'utf8'), '台账.txt'),
  }),
  'POST /v1/inspections/:id/units/:unitId/attachments': (d, owner) => ({
    method: 'POST',
    path: `/v1/inspections/${d.inspection}/units/${owner.id('village-hekou')}/attachments`,
    ...multipart(Buffer.from('自查材料\n', 'utf8'), '自查.txt'),
  }),
  'POST /v1/cases/:id/attachments': (d) => ({
    method: 'POST',
    path: `/v1/cases/${d.accountabilityCase}/attachments`,
    ...multipart(Buffer.from('说明材料\n', 'utf8'), '说明.txt'),
  }),
  'POST /v1/tasks/:id/office-extension': onTask('office-extension', {
    newDueDate: '2028-12-31',
    reason: '经研究同意延期',
  }),
  'POST /v1/tasks/:id/subtasks': onTask('subtasks', { subtasks: [{ unitId: 'village-hekou', dueDate: '2028-12-31' }] }),
  'POST /v1/tasks/:id/subtask-override': onTask('subtask-override', { reason: '先行报结' }),
  'POST /v1/tasks/:id/supervision': onTask('supervision', { named: true, reason: '群众反映强烈' }),
  'POST /v1/tasks/:id/evidence-waiver': onTask('evidence-waiver', { reason: '已实地核验' }),
  'POST /v1/inbox/:id/read': post((d) => `/v1/inbox/${d.notification}/read`),
  'PUT /v1/units/:id/webhook': (_d, owner) => ({
    method: 'PUT',
    path: `/v1/units/${owner.id('town-dongguan')}/webhook`,
    body: { url: 'https://hooks.example.org/elsewhere' },
  }),
  'DELETE /v1/units/:id/webhook': (_d, owner) => ({
    method: 'DELETE',
    path: `/v1/units/${owner.id('town-dongguan')}/webhook`,
  }),
  'PUT /v1/cycles/:id/plan': (d, _owner, caller) => ({
    method: 'PUT',
    path: `/v1/cycles/${d.cycleNext}/plan`,
    body: onePlanBody(YEAR + 1, caller.id),
  }),
  'POST /v1/cycles/:id/plan/approve': post(
    (d) => `/v1/cycles/${d.cycleNext}/plan/approve`,
    () => ({ version: 1 }),
  ),
  'POST /v1/cycles/:id/close': post(
    (d) => `/v1/cycles/${d.cyclePast}/close`,
    () => ({ reason: '测试结束' }),
  ),
  'POST /v1/cycles/:id/meetings': post(
    (d) => `/v1/cycles/${d.cyclePast}/meetings`,
    () => ({ title: '临时联席会议', place: '会议室', at: later(1), confirmBy: later(0.5) }),
  ),
  'POST /v1/meetings/:id/attendance': post(
    (d) => `/v1/meetings/${d.meetings[0]}/attendance`,
    () => ({ attending: true }),
  ),
  'POST /v1/meetings/:id/minutes': post(
    (d) => `/v1/meetings/${d.meetings[1]}/minutes`,
    () => ({ minutes: '会议通报了督办工作情况。', resolutions: [] }),
  ),
  'POST /v1/meetings/:id/cancel': post(
    (d) => `/v1/meetings/${d.meetings[0]}/cancel`,
    () => ({ reason: '议题已另行研究' }),
  ),
  'POST /v1/cycles/:id/inspections': post(
    (d) => `/v1/cycles/${d.cyclePast}/inspections`,
    (caller) => ({
      title: '作风建设专项检查',
      unitIds: [caller.id('village-hekou')],
      checklist: ['落实中央八项规定精神情况'],
      selfCheckDueDate: localDay(7),
      findingsDueDate: localDay(21),
    }),
  ),
  'POST /v1/inspections/:id/self-check': post(
    (d) => `/v1/inspections/${d.inspection}/self-check`,
    () => ({ report: '对照检查内容逐项自查。' }),
  ),
  'POST /v1/inspections/:id/findings': post(
    (d) => `/v1/inspections/${d.inspection}/findings`,
    (caller) => ({ unitId: caller.id('village-hekou'), findings: [] }),
  ),
  'POST /v1/inspections/:id/close-findings': post((d) => `/v1/inspections/${d.inspection}/close-findings`),
  'POST /v1/cycles/:id/assessment': post(
    (d) => `/v1/cycles/${d.cyclePast}/assessment`,
    () => ({}),
  ),
  'POST /v1/cycles/:id/assessment/adjustments': post(
    (d) => `/v1/cycles/${d.cyclePast}/assessment/adjustments`,
    (caller) => ({ unitId: caller.id('town-dongguan'), delta: 1.5, reason: '测试调整' }),
  ),
  'POST /v1/cycles/:id/assessment/publish': post((d) => `/v1/cycles/${d.cyclePast}/assessment/publish`),
  'POST /v1/cycles/:id/assessment/recompute': post(
    (d) => `/v1/cycles/${d.cyclePast}/assessment/recompute`,
    () => ({ modelVersion: 0, reason: '测试重算' }),
  ),
  'POST /v1/cases/:id/statement': post(
    (d) => `/v1/cases/${d.accountabilityCase}/statement`,
    () => ({ text: '情况说明' }),
  ),
  'POST /v1/cases/:id/decision': post(
    (d) => `/v1/cases/${d.accountabilityCase}/decision`,
    () => ({ measure: 'TALK', basis: '责任追究有关规定' }),
  ),
  'POST /v1/referrals/:id/accept': post(
    (d) => `/v1/referrals/${d.referral}/accept`,
    () => ({}),
  ),
  'POST /v1/referrals/:id/result': post(
    (d) => `/v1/referrals/${d.referral}/result`,
    () => ({ result: '已立案侦查' }),
  ),
  'POST /v1/referrals/:id/return': post(
    (d) => `/v1/referrals/${d.referral}/return`,
    () => ({ reasons: '不属于本单位管辖' }),
  ),
  'POST /v1/referrals/:id/decision': post(
    (d) => `/v1/referrals/${d.referral}/decision`,
    () => ({ decision: 'CLOSE', note: '终结' }),
  ),
  'POST /v1/referrals/:id/opinions': post(
    (d) => `/v1/referrals/${d.referral}/opinions`,
    () => ({ facts: '事实清楚', text: '依法处理' }),
  ),
  'POST /v1/referrals/:id/access': post(
    (d) => `/v1/referrals/${d.referral}/access`,
    (caller) => ({ personIds: [caller.id('p-lu-shuigen')], reason: '配合核查' }),
  ),
  'POST /v1/referrals/:id/close': post(
    (d) => `/v1/referrals/${d.referral}/close`,
    () => ({}),
  ),
  'POST /v1/case-teams/:id/extend': post(
    (d) => `/v1/case-teams/${d.caseTeam.id}/extend`,
    () => ({ endDate: `${YEAR + 1}-12-31`, reason: '案情复杂' }),
  ),
  'POST /v1/case-teams/:id/release': post(
    (d) => `/v1/case-teams/${d.caseTeam.id}/release`,
    () => ({ reason: '案件已移送' }),
  ),
  'POST /v1/secondments/:id/nominate': post(
    (d) => `/v1/secondments/${d.caseTeam.asked}/nominate`,
    (caller) => ({ personId: caller.id('p-han-bing') }),
  ),
  'POST /v1/secondments/:id/confirm': post(
    (d) => `/v1/secondments/${d.caseTeam.asked}/confirm`,
    () => ({}),
  ),
  'POST /v1/secondments/:id/reject': post(
    (d) => `/v1/secondments/${d.caseTeam.asked}/reject`,
    () => ({ reason: '不符合要求' }),
  ),
  'POST /v1/secondments/:id/declare-conflict': post(
    (d) => `/v1/secondments/${d.caseTeam.member}/declare-conflict`,
    () => ({ reason: '与被审查人系同学' }),
  ),
  'POST /v1/rotations/:id/confirm': post(
    (d) => `/v1/rotations/${d.rotation}/confirm`,
    () => ({ windowId: 'w2' }),
  ),
  'POST /v1/rotations/:id/swap': post(
    (d) => `/v1/rotations/${d.rotation}/swap`,
    () => ({ windowId: 'w2', reason: '换届' }),
  ),
  'POST /v1/rotations/:id/swap-decision': post(
    (d) => `/v1/rotations/${d.rotation}/swap-decision`,
    () => ({ windowId: 'w2', approve: true }),
  ),
  'POST /v1/rotations/:id/early-end': post(
    (d) => `/v1/rotations/${d.rotation}/early-end`,
    () => ({ windowId: 'w2', reason: '病休' }),
  ),
  'POST /v1/network/members/:id/renew': (_d, owner) => ({
    method: 'POST',
    path: `/v1/network/members/${owner.id('p-tang-li')}/renew`,
    body: { termTo: '2040-12-31', reason: '续聘' },
  }),
  'POST /v1/network/members/:id/retire': (_d, owner) => ({
    method: 'POST',
    path: `/v1/network/members/${owner.id('p-tang-li')}/retire`,
    body: { reason: '工作调动' },
  }),
  'POST /v1/tasks/:id/pause': onTask('pause', { category: 'COURT', reason: '待法院判决' }),
  'POST /v1/tasks/:id/pause-decision': onTask('pause-decision', { approve: true }),
  'POST /v1/tasks/:id/resume': onTask('resume', {}),
  'POST /v1/tasks/:id/refuse': (d, _owner, caller) =>
    onTask('refuse', { responsibleUnitId: caller.id('town-xicheng'), reason: '不属本单位职责' })(d, _owner, caller),
  'POST /v1/tasks/:id/handler': (d, _owner, caller) =>
    onTask('handler', { handlerId: caller.id('p-lu-shuigen') })(d, _owner, caller),
  'POST /v1/tasks/:id/refusal-ruling': onTask('refusal-ruling', { ruling: 'INSIST', reason: '属地管理' }),
  'POST /v1/tasks/:id/milestones': onTask('milestones', { milestones: [] }),
  'POST /v1/submissions/:id/reply': post(
    (d) => `/v1/submissions/${d.submission}/reply`,
    () => ({ answer: '已核实' }),
  ),
  'POST /v1/submissions/:id/task': post(
    (d) => `/v1/submissions/${d.submission}/task`,
    (caller) => ({
      title: '规范窗口工作纪律',
      leaderId: caller.id('p-wang-hongmei'),
      requirements: '核查在岗情况',
      standard: '形成整改报告',
      workingDays: 10,
    }),
  ),
  'POST /v1/submissions/:id/refer': post(
    (d) => `/v1/submissions/${d.submission}/refer`,
    (caller) => ({ receiverUnitId: caller.id('enf-police'), title: '线索移送', parties: '某某', summary: '经核' }),
  ),
  'POST /v1/submissions/:id/merge': post(
    (d) => `/v1/submissions/${d.submission}/merge`,
    () => ({ intoId: 's-000000000009' }),
  ),
  'POST /v1/submissions/:id/close': post(
    (d) => `/v1/submissions/${d.submission}/close`,
    () => ({ reason: '另案处理' }),
  ),
  'POST /v1/submissions/:id/answer': post(
    (d) => `/v1/submissions/${d.submission}/answer`,
    () => ({ answer: '已整改' }),
  ),
  'POST /v1/submissions/:id/rate': post(
    (d) => `/v1/submissions/${d.submission}/rate`,
    () => ({ rating: 4 }),
  ),
  'POST /v1/cycles/:id/appraisals': post(
    (d) => `/v1/cycles/${d.cyclePast}/appraisals`,
    (caller) => ({
      title: '评议',
      unitIds: [caller.id('town-dongguan')],
      memberIds: [caller.id('p-bai-xue')],
      workingDays: 5,
    }),
  ),
  'POST /v1/appraisals/:id/members': post(
    (d) => `/v1/appraisals/${d.appraisal}/members`,
    (caller) => ({ memberIds: [caller.id('p-kong-deming')] }),
  ),
  'POST /v1/appraisals/:id/ratings': post(
    (d) => `/v1/appraisals/${d.appraisal}/ratings`,
    (caller) => ({ ratings: [{ unitId: caller.id('town-dongguan'), rating: 'SATISFIED' }] }),
  ),
  'POST /v1/appraisals/:id/close': post(
    (d) => `/v1/appraisals/${d.appraisal}/close`,
    () => ({}),
  ),
  'POST /v1/inspections/:id/observers': post(
    (d) => `/v1/inspections/${d.inspection}/observers`,
    (caller) => ({ personIds: [caller.id('p-kong-deming')] }),
  ),
  'POST /v1/inspections/:id/observe': post(
    (d) => `/v1/inspections/${d.inspection}/observe`,
    (caller) => ({ unitId: caller.id('town-dongguan'), text: '窗口无人' }),
  ),
  'POST /v1/deliveries/:id/retry': post(
    (d) => `/v1/deliveries/${d.delivery}/retry`,
    () => ({}),
  ),
  'PATCH /v1/views/:id': (d) => ({ method: 'PATCH', path: `/v1/views/${d.view}`, body: { name: '改名' } }),
  'DELETE /v1/views/:id': (d) => ({ method: 'DELETE', path: `/v1/views/${d.view}` }),
  'PATCH /v1/units/:id': (_d, owner) => ({
    method: 'PATCH',
    path: `/v1/units/${owner.id('dept-womens-federation')}`,
    body: { name: '改名', reason: '机构改革' },
  }),
  'POST /v1/units/:id/retire': (_d, owner) => ({
    method: 'POST',
    path: `/v1/units/${owner.id('dept-womens-federation')}/retire`,
    body: { reason: '机构改革' },
  }),
  'PATCH /v1/people/:id': (_d, owner) => ({
    method: 'PATCH',
    path: `/v1/people/${owner.id('p-zhang-wei')}`,
    body: { title: '改任', reason: '职务调整' },
  }),
  'POST /v1/people/:id/deactivate': (_d, owner) => ({
    method: 'POST',
    path: `/v1/people/${owner.id('p-zhang-wei')}/deactivate`,
    body: { reason: '调离' },
  }),
  'POST /v1/units/:id/merge': (_d, owner, caller) => ({
    method: 'POST',
    path: `/v1/units/${owner.id('dept-womens-federation')}/merge`,
    body: { intoUnitId: caller.id('dept-trade-union'), reason: '机构改革' },
  }),
  'POST /v1/absences/:id/cancel': post(
    (d) => `/v1/absences/${d.absence}/cancel`,
    () => ({}),
  ),
};
/** Mutations on a path parameter that names no organisation's object. */
const NOT_AN_OBJECT: Record<string, string> = {
  'PUT /v1/calendar/:year': "a year names no organisation's object: each office loads its own organisation's table",
  'DELETE /v1/calendar/:year': "a year names no organisation's object: each office drops its own organisation's table",
  'POST /v1/calendar/:year/preview':
    "a year names no organisation's object: each office previews a table against its own organisation's tasks",
  'POST /v1/rules/task-policies/versions/:n/restore':
    "a version number names no organisation's object: each office restores its own organisation's versions " +
    '(another’s are missing to it: test/integration/rules.test.ts)',
  'POST /v1/rules/organisation/versions/:n/restore':
    "a version number names no organisation's object: the administrator restores its own organisation's versions, " +
    'numbered from 1 in each organisation',
  'POST /v1/rules/scoring-model/versions/:n/restore':
    "a version number names no organisation's object: each office restores its own organisation's versions " +
    '(another’s are missing to it: test/integration/scoring-model-rules.test.ts)',
  'POST /v1/rules/notice-templates/versions/:n/restore':
    "a version number names no organisation's object: each office restores its own organisation's versions " +
    '(another’s are missing to it: test/integration/notice-template-rules.test.ts)',
  'POST /v1/rules/accountability/versions/:n/restore':
    "a version number names no organisation's object: each office restores its own organisation's versions",
  'POST /v1/rules/procedure-defaults/versions/:n/restore':
    "a version number names no organisation's object: each office restores its own organisation's versions",
};

/** GET routes read by a caller no role of an organisation is; each named with its reason. */
const SPECIAL_CALLER: Record<string, string> = {
  'GET /v1/rollup': 'the city roll-up is read by a higher level over the districts under it, not by a district role',
};

/** The ids of an organisation's objects, in one order. */
const objectIdsOf = (d: Data) => [
  ...d.tasks,
  d.cycleNext,
  d.cyclePast,
  ...d.meetings,
  d.inspection,
  d.accountabilityCase,
  d.caseTeam.id,
  d.caseTeam.member,
  d.caseTeam.asked,
  d.bulletin,
  d.rotation,
  d.notification,
  d.referral,
  d.view,
  d.submission,
  d.appraisal,
  d.delivery,
  d.absence,
  d.attachment.id,
  d.attachment.sha256,
  ...d.ownerFiles,
];

/** Views that differ between two organisations given the same data, each with why. */
const NOT_MIRRORED: Record<string, string> = {
  'GET /v1/audit': 'row ids and request ids are the deployment’s sequence',
  'GET /v1/inbox': 'notices follow in the order the workflows sent them, and name meeting times to the minute',
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How a PDF's text begins when read (`readAnswer`). */
const PDF_TEXT = '%PDF text\n';

/**
 * An answer read as text: a workbook's cells and sheet names; a PDF's text as a reader finds it; a printable page
 * with each chart reduced to its texts (where a chart places a bar depends on how long the names beside it are, and
 * B's are longer); any other body as sent.
 */
async function readAnswer(res: Response): Promise<string> {
  const type = res.headers.get('content-type') ?? '';
  if (type === 'application/pdf')
    return PDF_TEXT + (await readPdf(Buffer.from(await res.arrayBuffer()))).pages.join('\n');
  if (type.startsWith('text/html')) {
    return (await res.text()).replace(/<svg[\s\S]*?<\/svg>/g, (svg) =>
      [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join('|'),
    );
  }
  if (!type.includes('spreadsheetml')) return res.text();
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  const cells: string[] = [];
  book.eachSheet((sheet) => {
    cells.push(sheet.name);
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
  });
  return cells.join('\n');
}

describe('two organisations on one deployment see nothing of each other', () => {
  let t: TestStack;
  const clients = {} as Record<Key, Record<Role, Client>>;
  const tokens = {} as Record<Key, Record<Role, string>>;
  const data = {} as Record<Key, Data>;
  /** What of each organisation must not appear in the other's views. */
  const markers = {} as Record<Key, RegExp[]>;
  /** A's list totals, per role and path, read before B had any data. */
  const totalsBefore = new Map<string, number>();

  const person = (key: Key, role: Role) => ORGS[key].id(ROLES[role]);
  /** The paths of a READS row for organisation `key`. */
  const pathsOf = (paths: (typeof READS)[string], key: Key) =>
    paths(ORGS[key], data[key], { o: ORGS[other(key)], d: data[other(key)] ?? planned(ORGS[other(key)]) });
  const read = async (key: Key, role: Role, p: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${t.stack.apiUrl}${p}`, {
      headers: { authorization: `Bearer ${tokens[key][role]}`, ...headers },
    });
    return { status: res.status, text: await readAnswer(res) };
  };
  const listTotals = async (key: Key) => {
    const totals = new Map<string, number>();
    for (const role of roles)
      for (const [route, paths] of Object.entries(READS))
        for (const [i, p] of pathsOf(paths, key).entries()) {
          if (route.includes(':') || route === 'GET /v1/audit') continue;
          const res = await clients[key][role]('GET', p);
          if (res.status === 200 && typeof res.body.total === 'number')
            totals.set(`${role} ${route} #${i}`, res.body.total);
        }
    return totals;
  };

  beforeAll(async () => {
    t = await startTestStack({ RATE_LIMIT_PER_MINUTE: '100000' });
    // A is the example with an administrator alone, loaded again as the stack loads a changed file; B mirrors it.
    const exampleFile = exampleWithAdministratorAlone();
    await loadOrganisation(
      t.db.pool,
      parseOrganisationFile(exampleFile, 'district.yaml'),
      createHash('sha256').update(exampleFile).digest('hex'),
      'system:start',
    );
    const example = YAML.parse(exampleFile) as ExampleFile;
    const mirror = mirrorFile(example);
    await loadOrganisation(
      t.db.pool,
      parseOrganisationFile(mirror, 'yq-district.yaml'),
      createHash('sha256').update(mirror).digest('hex'),
      'system:start', // as the stack loads A's file
    );
    for (const key of ['A', 'B'] as Key[]) {
      tokens[key] = {} as Record<Role, string>;
      clients[key] = {} as Record<Role, Client>;
      for (const role of roles) {
        tokens[key][role] = (await issueToken(t.db.pool, person(key, role))).token;
        clients[key][role] = apiClient(t.stack.apiUrl, tokens[key][role]);
      }
    }
    const callsOf = (key: Key) =>
      Object.fromEntries(
        roles.map((role) => [
          role,
          async (method: string, p: string, body?: unknown, headers?: Record<string, string>) => {
            const res = await clients[key][role](method, p, body, headers);
            if (res.status >= 300)
              throw new Error(`preparing ${key}: ${method} ${p} as ${role}: ${res.status} ${res.text}`);
            return res.body;
          },
        ]),
      ) as Record<Role, Call>;

    /** Waits until the workflows have sent every notice of what was done (no new one for a second). */
    const settled = async () => {
      let last: string | undefined;
      await eventually(async () => {
        await new Promise((r) => setTimeout(r, 1_000));
        const { rows } = await t.db.pool.query(
          'SELECT (SELECT count(*) FROM notifications) AS n, (SELECT count(*) FROM webhook_events) AS w',
        );
        const now = JSON.stringify(rows[0]);
        const same = now === last;
        last = now;
        return same ? true : undefined;
      }, 30_000);
    };

    const lapsed = (key: Key) => (body: Record<string, unknown>) => assignEarlier(t, body, 30, person(key, 'office'));
    data.A = {
      ...(await populate(ORGS.A, callsOf('A'), lapsed('A'))),
      delivery: await deadDelivery(t.db.pool, 'p-han-bing'),
    };
    await settled();
    for (const [k, v] of await listTotals('A')) totalsBefore.set(k, v);
    data.B = {
      ...(await populate(ORGS.B, callsOf('B'), lapsed('B'))),
      delivery: await deadDelivery(t.db.pool, ORGS.B.id('p-han-bing')),
    };
    await settled();

    // A's ids (its own and those with a hyphen: `office` or `group` are words of any answer), names and planted
    // titles; a name or id of A inside one of B's (乙区黄敏, yq-village-hekou) is B's.
    const idOf = (id: string) => new RegExp(`(?<![a-z0-9-])${escape(id)}(?![a-z0-9-])`);
    const exampleIds = [
      example.organisation.id,
      ...example.zones.map((z) => z.id),
      ...example.units.map((u) => String(u.id)),
      ...example.people.map((p) => String(p.id)),
    ].filter((id) => id.includes('-') || id === example.organisation.id);
    const exampleNames = [
      example.organisation.name,
      ...example.zones.map((z) => z.name),
      ...example.units.map((u) => String(u.name)),
      ...example.people.map((p) => String(p.name)),
    ];
    markers.A = [
      new RegExp(ORGS.A.marker),
      ...exampleIds.map(idOf),
      ...exampleNames.map((n) => new RegExp(`(?<!${ORGS.B.marker})${escape(n)}`)),
      ...objectIdsOf(data.A).map(idOf),
    ];
    markers.B = [new RegExp(ORGS.B.marker), /yq-/, ...objectIdsOf(data.B).map(idOf)];
  }, 180_000);

  afterAll(() => t?.stop(), 60_000);

  const mounted = () =>
    v1Routes({ log: pino({ level: 'silent' }), taskPolicies: new Map() } as unknown as AppDeps).map(
      (r) => `${r.method.toUpperCase()} /v1${r.path}`,
    );

  it('reads every GET route the API mounts, and no route it does not', () => {
    const gets = mounted().filter((route) => route.startsWith('GET ') && !(route in SPECIAL_CALLER));

    expect(Object.keys(READS).sort()).toEqual(gets.sort());
  });

  it('tries every mutation the API mounts on a named object, and no route it does not', () => {
    const onObjects = mounted().filter((r) => !r.startsWith('GET ') && r.includes('/:') && !(r in NOT_AN_OBJECT));

    expect(Object.keys(MUTATIONS).sort()).toEqual(onObjects.sort());
  });

  it('gave the two organisations distinct workflow ids', async () => {
    const { rows } = await t.db.pool.query<{ workflow_id: string; orgs: string[] }>(
      `SELECT workflow_id, array_agg(DISTINCT org_id) AS orgs FROM (
         SELECT workflow_id, org_id FROM tasks UNION ALL SELECT workflow_id, org_id FROM cycles
         UNION ALL SELECT workflow_id, org_id FROM meetings UNION ALL SELECT workflow_id, org_id FROM inspection_rounds
         UNION ALL SELECT workflow_id, org_id FROM notifications
       ) w GROUP BY workflow_id`,
    );
    const byOrg = (orgId: string) => rows.filter((r) => r.orgs.includes(orgId)).map((r) => r.workflow_id);

    expect(rows.filter((r) => r.orgs.length > 1)).toEqual([]);
    expect(byOrg('district').length).toBeGreaterThan(8);
    expect(byOrg('yq-district').length).toBe(byOrg('district').length);
  });

  it("addresses each organisation's notices and escalations to its own people and units only", async () => {
    const notices = await t.db.pool.query(
      `SELECT n.id, n.org_id, p.org_id AS person_org, t.org_id AS task_org
         FROM notifications n JOIN people p ON p.id = n.person_id LEFT JOIN tasks t ON t.id = n.task_id
        WHERE p.org_id <> n.org_id OR t.org_id <> n.org_id`,
    );
    const deliveries = await t.db.pool.query(
      `SELECT e.id, u.org_id AS unit_org, w.org_id AS workflow_org, e.payload
         FROM webhook_events e JOIN units u ON u.id = e.unit_id
         JOIN (SELECT workflow_id, org_id FROM tasks UNION ALL SELECT workflow_id, org_id FROM cycles
               UNION ALL SELECT workflow_id, org_id FROM meetings
               UNION ALL SELECT workflow_id, org_id FROM inspection_rounds) w ON w.workflow_id = e.workflow_id
        WHERE u.org_id <> w.org_id OR (e.payload->>'taskId') NOT IN (SELECT id FROM tasks WHERE org_id = u.org_id)`,
    );
    const escalations = await t.db.pool.query<{ org_id: string; n: string; crossing: string }>(
      `SELECT e.org_id, count(*) AS n, count(*) FILTER (WHERE t.org_id <> e.org_id OR u.org_id <> e.org_id) AS crossing
         FROM task_escalations e JOIN tasks t ON t.id = e.task_id JOIN units u ON u.id = e.unit_id
        GROUP BY e.org_id ORDER BY e.org_id`,
    );
    const counts = await t.db.pool.query<{ org_id: string; n: string }>(
      `SELECT org_id, count(*) AS n FROM notifications GROUP BY org_id ORDER BY org_id`,
    );
    const sent = await t.db.pool.query<{ org_id: string; n: string }>(
      `SELECT u.org_id, count(*) AS n FROM webhook_events e JOIN units u ON u.id = e.unit_id GROUP BY u.org_id`,
    );

    expect(notices.rows).toEqual([]);
    expect(escalations.rows).toEqual([
      { org_id: 'district', n: escalations.rows[0]?.n, crossing: '0' },
      { org_id: 'yq-district', n: escalations.rows[0]?.n, crossing: '0' },
    ]);
    expect(Number(escalations.rows[0]?.n)).toBeGreaterThan(0);
    expect(deliveries.rows).toEqual([]);
    expect(counts.rows.map((r) => r.org_id)).toEqual(['district', 'yq-district']);
    expect(sent.rows.map((r) => r.org_id).sort()).toEqual(['district', 'yq-district']);
  });

  describe.each(['A', 'B'] as Key[])('as each role of %s', (key) => {
    it.each(roles)('no GET route shows %s anything of the other organisation', async (role) => {
      const leaks: string[] = [];
      const answered = new Map<string, number>();
      const ownSeen = new Set<string>();
      for (const [route, paths] of Object.entries(READS)) {
        acrossPaths.clear();
        const all = pathsOf(paths, key);
        const crossing = new Set(acrossPaths);
        for (const p of all) {
          const res = await read(key, role, p);
          if (res.status >= 500) leaks.push(`${p}: ${res.status}`);
          if (res.status === 200) answered.set(route, (answered.get(route) ?? 0) + 1);
          if (markers[key].some((m) => m.test(res.text))) ownSeen.add(route);
          // A refusal may name the ids the caller gave in the query (not the search words): its input, not data.
          const given = [...new URL(p, 'http://x').searchParams.entries()].filter(([k]) => k !== 'q');
          const text = res.status < 400 ? res.text : given.reduce((s, [, v]) => s.split(v).join('{given}'), res.text);
          const found = markers[other(key)].filter((m) => m.test(text));
          if (crossing.has(p) && res.status === 200 && JSON.parse(res.text).items.length !== 0)
            leaks.push(`${p}: ${JSON.parse(res.text).items.length} items`);
          if (found.length > 0) leaks.push(`${p} (${res.status}): ${found.map(String).join(' ')}`);
        }
      }

      expect(leaks).toEqual([]);
      if (role === 'office') {
        // The office reads every route: no row scans a refusal only.
        const unread = Object.keys(READS).filter((r) => !answered.has(r));
        expect(unread).toEqual([]);
        // The markers find what they look for: the office's own data shows in every view but the fixed lists.
        // and a person's own notice preferences, which hold nothing of the organisation's.
        const fixed = [
          '/v1/task-types',
          '/v1/scoring-models',
          '/v1/accountability-measures',
          '/v1/me/notice-preferences',
        ];
        const blind = Object.keys(READS).filter((r) => !ownSeen.has(r) && !fixed.some((f) => r.endsWith(f)));
        expect(blind).toEqual([]);
      }
    });

    it.each(roles)("answers %s the other organisation's objects as missing ids", async (role) => {
      const mismatches: unknown[] = [];
      for (const [route, paths] of Object.entries(READS)) {
        if (!route.includes(':id')) continue;
        for (const p of pathsOf(paths, other(key))) {
          const reference = missingIdIn(route, p);
          const res = await clients[key][role]('GET', p, undefined, { 'x-request-id': 'two-orgs-1' });
          const missing = await clients[key][role]('GET', reference.path, undefined, { 'x-request-id': 'two-orgs-2' });
          const seen = comparableAnswer(res, reference.id);
          const expected = comparableAnswer(missing, reference.missingId);
          if (res.status !== 404 || JSON.stringify(seen) !== JSON.stringify(expected))
            mismatches.push({ path: p, seen, expected });
        }
      }

      expect(mismatches).toEqual([]);
    });
  });

  it.each(['A', 'B'] as Key[])(
    "answers each role of %s a mutation of the other organisation's objects as a missing id, and records the attempt in its own audit log",
    async (key) => {
      const mismatches: unknown[] = [];
      let n = 0;
      for (const role of roles)
        for (const [route, mutation] of Object.entries(MUTATIONS)) {
          const { method, path: p, body, headers } = mutation(data[other(key)], ORGS[other(key)], ORGS[key]);
          const reference = missingIdIn(route, p);
          const requestId = `two-orgs-${key}-${(n += 1)}`;
          const res = await clients[key][role](method, p, body, { ...headers, 'x-request-id': requestId });
          const missing = await clients[key][role](method, reference.path, body, {
            ...headers,
            'x-request-id': `${requestId}-m`,
          });
          const seen = comparableAnswer(res, reference.id);
          const expected = comparableAnswer(missing, reference.missingId);
          if (res.status !== 404 || JSON.stringify(seen) !== JSON.stringify(expected))
            mismatches.push({ role, method, path: p, seen, expected });
        }

      expect(mismatches).toEqual([]);
      const { rows } = await t.db.pool.query<{ org_id: string | null; outcome: string; n: string }>(
        `SELECT org_id, outcome, count(*) AS n FROM audit_log WHERE request_id LIKE $1 GROUP BY org_id, outcome`,
        [`two-orgs-${key}-%`],
      );
      expect(rows).toEqual([
        { org_id: ORGS[key].orgId, outcome: 'REFUSED', n: String(2 * roles.length * Object.keys(MUTATIONS).length) },
      ]);
    },
  );

  it('refuses in a body the units and people of the other organisation as it refuses ids that do not exist', async () => {
    const [A, B] = [ORGS.A, ORGS.B];
    const d = data.B;
    const taskBody = (lead: string, co: string, leader: string) => ({
      title: '乙区跨区交办测试',
      leadUnitId: lead,
      coUnitIds: [co],
      leaderId: leader,
      requirements: '逐项整改',
      standard: '整改到位',
      dueDate: `${YEAR + 1}-05-31`,
    });
    const plan = (leadUnit: string, leader: string) => ({
      year: YEAR + 1,
      goals: [
        {
          id: 'duty',
          title: '乙区压实主体责任',
          tasks: [
            {
              key: 'pledges',
              title: '乙区签订责任书',
              leadUnit,
              leader,
              requirements: '逐级签订',
              standard: '签订率100%',
              dueDate: `${YEAR + 1}-03-31`,
            },
          ],
        },
      ],
    });
    /** Requests of B's office naming `id` where B's own would be; `id` is A's, or a made-up id of its shape. */
    const attempts: Record<string, (id: (x: string) => string) => [string, string, unknown]> = {
      'task lead unit': (id) => [
        'POST',
        '/v1/tasks',
        taskBody(id('village-hekou'), B.id('town-dongguan'), B.id('p-zhao-zhiqiang')),
      ],
      'task co-organising unit': (id) => [
        'POST',
        '/v1/tasks',
        taskBody(B.id('village-hekou'), id('town-dongguan'), B.id('p-zhao-zhiqiang')),
      ],
      'task leader': (id) => [
        'POST',
        '/v1/tasks',
        taskBody(B.id('village-hekou'), B.id('town-dongguan'), id('p-zhao-zhiqiang')),
      ],
      'reassigned lead unit': (id) => [
        'POST',
        `/v1/tasks/${d.tasks[1]}/reassign`,
        { leadUnitId: id('town-xicheng'), coUnitIds: [], leaderId: B.id('p-zhao-zhiqiang'), reason: '职责调整' },
      ],
      'case unit': (id) => ['POST', '/v1/cases', { unitId: id('village-hekou'), reason: '乙区履职不力' }],
      'case team unit asked': (id) => [
        'POST',
        '/v1/case-teams',
        {
          zoneId: B.id('zone-1'),
          caseRef: '乙区跨区办案组',
          skills: [{ skill: '财务审计', count: 1 }],
          startDate: localDay(0),
          endDate: localDay(30),
          units: [{ unitId: id('town-dongguan') }],
        },
      ],
      'case team unit concerned': (id) => [
        'POST',
        '/v1/case-teams',
        {
          zoneId: B.id('zone-1'),
          caseRef: '乙区跨区办案组',
          skills: [{ skill: '财务审计', count: 1 }],
          startDate: localDay(0),
          endDate: localDay(30),
          concernedUnitIds: [id('town-nanhu')],
        },
      ],
      'inspected unit': (id) => [
        'POST',
        `/v1/cycles/${d.cyclePast}/inspections`,
        {
          title: '乙区跨区检查',
          unitIds: [id('village-hekou')],
          checklist: ['落实情况'],
          selfCheckDueDate: localDay(7),
          findingsDueDate: localDay(21),
        },
      ],
      'findings unit': (id) => [
        'POST',
        `/v1/inspections/${d.inspection}/findings`,
        { unitId: id('village-hekou'), findings: [] },
      ],
      'adjusted unit': (id) => [
        'POST',
        `/v1/cycles/${d.cyclePast}/assessment/adjustments`,
        { unitId: id('town-dongguan'), delta: 1, reason: '测试调整' },
      ],
      'plan lead unit': (id) => [
        'PUT',
        `/v1/cycles/${d.cycleNext}/plan`,
        plan(id('dept-finance'), B.id('p-wu-haitao')),
      ],
      'plan leader': (id) => ['PUT', `/v1/cycles/${d.cycleNext}/plan`, plan(B.id('dept-finance'), id('p-wu-haitao'))],
    };
    // A made-up id: the example id with its last letter changed, as missingIdIn does.
    const madeUp = (x: string) => `${x.slice(0, -1)}${x.endsWith('q') ? 'z' : 'q'}`;
    const differ: unknown[] = [];
    for (const [what, attempt] of Object.entries(attempts)) {
      const [method, p, body] = attempt(A.id);
      const [, , missingBody] = attempt(madeUp);
      const res = await clients.B.office(method, p, body);
      const missing = await clients.B.office(method, p, missingBody);
      const ids = JSON.stringify(body).match(/"((?:village|town|dept|p)-[a-z-]+)"/g) ?? [];
      const named = ids.map((q) => q.slice(1, -1)).find((x) => !x.startsWith('yq-'))!;
      const seen = {
        status: res.status,
        text: res.text
          .split(named)
          .join('{id}')
          .replace(/"requestId":"[^"]+"/, ''),
      };
      const expected = {
        status: missing.status,
        text: missing.text
          .split(madeUp(named))
          .join('{id}')
          .replace(/"requestId":"[^"]+"/, ''),
      };
      if (res.status < 400 || res.status >= 500 || JSON.stringify(seen) !== JSON.stringify(expected))
        differ.push({ what, seen, expected });
    }

    expect(differ).toEqual([]);
    const { rows } = await t.db.pool.query(
      `SELECT 'task' AS kind, t.id FROM tasks t JOIN units u ON u.id = t.lead_unit_id OR u.id = ANY (t.co_unit_ids)
        WHERE u.org_id <> t.org_id
       UNION ALL SELECT 'task leader', t.id FROM tasks t JOIN people p ON p.id = t.leader_id WHERE p.org_id <> t.org_id
       UNION ALL SELECT 'case', c.id FROM accountability_cases c JOIN units u ON u.id = c.unit_id WHERE u.org_id <> c.org_id
       UNION ALL SELECT 'inspection', r.id FROM inspection_rounds r JOIN inspection_units i ON i.round_id = r.id
         JOIN units u ON u.id = i.unit_id WHERE u.org_id <> r.org_id`,
    );
    expect(rows).toEqual([]);
  });

  it("records every person's request in their own organisation's audit log, and every done step in its object's", async () => {
    const { rows } = await t.db.pool.query(
      `SELECT a.id, a.org_id, a.actor_id, a.action, a.object_type, a.object_id, a.outcome FROM audit_log a
         LEFT JOIN people p ON p.id = a.actor_id
         LEFT JOIN (SELECT 'task' AS type, id, org_id FROM tasks UNION ALL SELECT 'cycle', id, org_id FROM cycles
                    UNION ALL SELECT 'meeting', id, org_id FROM meetings
                    UNION ALL SELECT 'inspection', id, org_id FROM inspection_rounds
                    UNION ALL SELECT 'case', id, org_id FROM accountability_cases) o
           ON o.type = a.object_type AND o.id = a.object_id AND a.outcome = 'DONE'
        WHERE a.org_id IS DISTINCT FROM p.org_id AND p.id IS NOT NULL OR a.org_id IS DISTINCT FROM o.org_id AND o.id IS NOT NULL`,
    );
    const { rows: both } = await t.db.pool.query<{ org_id: string }>(
      `SELECT DISTINCT org_id FROM audit_log WHERE outcome = 'DONE' AND org_id IS NOT NULL ORDER BY org_id`,
    );

    expect(rows).toEqual([]);
    expect(both.map((r) => r.org_id)).toEqual(['district', 'yq-district']);
  });

  it("counts in A's lists what A had before B's data, and B counts the same of its mirror image", async () => {
    const after = await listTotals('A');
    const mirrored = await listTotals('B');

    expect(Object.fromEntries(after)).toEqual(Object.fromEntries(totalsBefore));
    expect(after.size).toBeGreaterThan(50);
    expect(Object.fromEntries(mirrored)).toEqual(Object.fromEntries(after));
  });

  it.each(roles)(
    'answers %s of B what it answers the same role of A, mirrored (and the same notices)',
    async (role) => {
      // B's ids and names are A's with yq- and 乙区 before them; its objects' ids are listed in the same order.
      const pairs = objectIdsOf(data.B).map((id, i) => [id, objectIdsOf(data.A)[i]!] as const);
      const normal = (text: string, own: Data) =>
        pairs
          .reduce((s, [b, a]) => s.split(own === data.B ? b : a).join(`{${a}}`), text)
          .replace(/yq-/g, '')
          .replace(/[甲乙]区/g, '')
          .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})/g, '{time}')
          // Meeting times, set a few seconds from now when each organisation's meetings were called.
          .replace(/\d{1,2}月\d{1,2}日\d{1,2}:\d{2}/g, '{minute}')
          .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '{uuid}')
          // Notification ids (hashes of workflow ids) and serial row ids.
          .replace(/n_[0-9a-f]{24}/g, '{notification}')
          .replace(/"id":"\d+"/g, '"id":"{serial}"');
      const differ: unknown[] = [];
      const notices = async (key: Key) =>
        ((await clients[key][role]('GET', '/v1/inbox?limit=200')).body.items as { kind: string; title: string }[])
          .map((n) => `${n.kind} ${normal(n.title, data[key])}`)
          .sort();
      expect(await notices('B')).toEqual(await notices('A'));
      for (const [route, paths] of Object.entries(READS)) {
        if (route in NOT_MIRRORED) continue;
        const pathsA = pathsOf(paths, 'A');
        const pathsB = pathsOf(paths, 'B');
        for (const [i, p] of pathsA.entries()) {
          const a = await read('A', role, p);
          const b = await read('B', role, pathsB[i]!);
          // A PDF's lines wrap and its pages break where its names' lengths make them: its words are its printable
          // page's, compared as such, so of a PDF only that it is one is compared here.
          const mirrored = (text: string) => (text.startsWith(PDF_TEXT) ? PDF_TEXT : text);
          const [na, nb] = [normal(mirrored(a.text), data.A), normal(mirrored(b.text), data.B)];
          if (a.status !== b.status || na !== nb) {
            const at = [...na].findIndex((c, k) => c !== nb[k]);
            differ.push({
              path: p,
              a: na.slice(Math.max(0, at - 200), at + 200),
              b: nb.slice(Math.max(0, at - 200), at + 200),
            });
          }
        }
      }

      expect(differ).toEqual([]);
    },
  );

  it("finds by a search for the other organisation's word nothing, and by its own word its own four tasks", async () => {
    for (const key of ['A', 'B'] as Key[]) {
      const theirs = await clients[key].office('GET', `/v1/tasks?q=${encodeURIComponent(ORGS[other(key)].marker)}`);
      const mine = await clients[key].office('GET', `/v1/tasks?q=${encodeURIComponent(ORGS[key].marker)}`);

      expect([theirs.status, theirs.body.total]).toEqual([200, 0]);
      expect([mine.status, mine.body.total]).toEqual([200, 4]);
    }
  });

  it("answers a web session of B as missing ids on A's objects, and shows it nothing of A", async () => {
    const signIn = await fetch(`${t.stack.apiUrl}/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: tokens.B.office }),
    });
    expect(signIn.status).toBe(201);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const asCookie = async (p: string) => {
      const res = await fetch(`${t.stack.apiUrl}${p}`, { headers: { cookie } });
      return { status: res.status, text: await readAnswer(res) };
    };

    const objects = [
      `/v1/tasks/${data.A.tasks[0]}`,
      `/v1/cycles/${data.A.cyclePast}`,
      `/v1/meetings/${data.A.meetings[0]}`,
      `/v1/inspections/${data.A.inspection}`,
      `/v1/cases/${data.A.accountabilityCase}`,
      `/v1/bulletins/${data.A.bulletin}/csv`,
    ];
    const statuses = await Promise.all(objects.map(async (p) => (await asCookie(p)).status));
    const views = await Promise.all(['/auth/session', '/v1/tasks?limit=200', '/v1/overview'].map(asCookie));

    expect(statuses).toEqual(objects.map(() => 404));
    expect(views.map((v) => v.status)).toEqual([200, 200, 200]);
    for (const v of views) expect(markers.A.filter((m) => m.test(v.text))).toEqual([]);
  });

  it('answers both organisations the national table of a year neither has a table of its own for', async () => {
    const a = await read('A', 'office', `/v1/calendar/${YEAR}`);
    const b = await read('B', 'office', `/v1/calendar/${YEAR}`);

    expect(a.status).toBe(200);
    expect(JSON.parse(a.text).scope).toBe('NATIONAL');
    expect(b).toEqual(a);
  });
});
