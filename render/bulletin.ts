import type { Bulletin, BulletinStats } from '../db/queries/bulletins';
import type { AnnualContent } from '../db/queries/annual-report';
import { distributionChart, periodsChart, trendChart, type PeriodFigures } from './charts';
import { localDate } from '../procedures/time/working-days';
import { chineseDate, documentHtml, type Block, type PrintDocument } from './document';

/** What a bulletin needs to be rendered: its stored row (the generated time as a Date or an ISO string). */
export type RenderableBulletin = Omit<Bulletin, 'generatedAt'> & { generatedAt: Date | string };

const isWholeMonth = (from: string, to: string) => {
  if (from.slice(0, 7) !== to.slice(0, 7) || !from.endsWith('-01')) return false;
  const [y, m] = to.split('-').map(Number);
  return Number(to.slice(8)) === new Date(Date.UTC(y ?? 0, m ?? 1, 0)).getUTCDate();
};

/**
 * The period as a bulletin names it: 「2026年11月」 for a whole month, 「2026年度」 for a whole year, otherwise
 * 「2026年10月8日至2026年11月30日」.
 */
export function periodLabel(from: string, to: string): string {
  if (from.slice(0, 4) === to.slice(0, 4) && from.endsWith('-01-01') && to.endsWith('-12-31')) {
    return `${Number(from.slice(0, 4))}年度`;
  }
  if (isWholeMonth(from, to)) return `${Number(from.slice(0, 4))}年${Number(from.slice(5, 7))}月`;
  return from === to ? chineseDate(from) : `${chineseDate(from)}至${chineseDate(to)}`;
}

/** The default title: 「合溪区党风廉政建设责任落实情况通报（2026年11月）」, from the organisation's name and the period. */
export function defaultBulletinTitle(orgName: string, from: string, to: string): string {
  const district = orgName.replace(/(纪委监委|纪委|监委)$/, '') || orgName;
  return `${district}党风廉政建设责任落实情况通报（${periodLabel(from, to)}）`;
}

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

const dateOf = (value: Date | string) =>
  new Date(value).toLocaleDateString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  });

/**
 * Table columns, shared by the HTML table and the CSV file. The escalation columns count what happened in the period
 * (本期), the overdue column the state when the bulletin was generated (目前): labelled so, never to be confused.
 */
const COLUMNS: [string, (s: BulletinStats) => string | number][] = [
  ['牵头任务数', (s) => s.led],
  ['已办结', (s) => s.completed],
  ['按期办结', (s) => s.completedOnTime],
  ['办结率', (s) => percent(s.completionRate)],
  ['按期办结率', (s) => percent(s.onTimeRate)],
  ['目前仍逾期未办结', (s) => s.openOverdue],
  ['本期发生一级督办（催办）', (s) => s.escalations.l1],
  ['本期发生二级督办', (s) => s.escalations.l2],
  ['本期发生三级督办', (s) => s.escalations.l3],
  ['延期获批', (s) => s.extensionsApproved],
  ['延期未获批', (s) => s.extensionsDenied],
  ['退回次数', (s) => s.returns],
];

function overviewParagraph(b: RenderableBulletin): string {
  const t = b.content.totals;
  const base = `截至${dateOf(b.content.asOf)}，全区纳入督办的任务共${t.led}项，已办结${t.completed}项，办结率${percent(
    t.completionRate,
  )}；其中按期办结${t.completedOnTime}项，按期办结率${percent(t.onTimeRate)}。`;
  const overdue = t.openOverdue > 0 ? `目前仍逾期未办结${t.openOverdue}项。` : '目前无逾期未办结事项。';
  const ladder = `本期发生逾期升级督办：一级督办（催办）${t.escalations.l1}项、二级督办${t.escalations.l2}项、三级督办${t.escalations.l3}项；`;
  const changes = `批准延期${t.extensionsApproved}次、不予延期${t.extensionsDenied}次，退回重办${t.returns}次。`;
  return base + overdue + ladder + changes;
}

const p = (text: string): Block => ({ kind: 'paragraph', text });
const h = (text: string): Block => ({ kind: 'heading', text });
const table = (head: string[], rows: (string | number)[][], total?: (string | number)[], widths?: number[]): Block => ({
  kind: 'table',
  head,
  rows: rows.map((r) => r.map(String)),
  ...(total ? { total: total.map(String) } : {}),
  ...(widths ? { widths } : {}),
});

function unitTable(b: RenderableBulletin): Block {
  return table(
    ['序号', '单位', ...COLUMNS.map(([name]) => name)],
    b.content.units.map((u, i) => [i + 1, u.unitName, ...COLUMNS.map(([, value]) => value(u))]),
    ['', '合计', ...COLUMNS.map(([, value]) => value(b.content.totals))],
    // The unit's name wider than the figures.
    [0.7, 2, ...COLUMNS.map(() => 1)],
  );
}

const RUNG_LABEL = ['未启动', '一级', '二级', '三级'];

function overdueSection(b: RenderableBulletin): Block[] {
  if (b.content.overdue.length === 0) return [p('本期无逾期未办结事项。')];
  return [
    p(
      `截至通报时，以下${b.content.overdue.length}项任务已超过工作时限仍未办结，请责任单位抓紧办理，并向组织协调室说明情况：`,
    ),
    table(
      ['序号', '任务', '牵头单位', '工作时限', '督办级别'],
      b.content.overdue.map((t, i) => [
        i + 1,
        t.title,
        t.unitName,
        t.dueDate ? chineseDate(t.dueDate) : '—',
        RUNG_LABEL[t.rung] ?? `${t.rung}级`,
      ]),
    ),
  ];
}

function escalationSection(b: RenderableBulletin): Block[] {
  const t = b.content.totals.escalations;
  const summary = p(
    `本期发生逾期升级督办：一级督办（催办）${t.l1}项、二级督办（报分管领导）${t.l2}项、三级督办（报领导小组）${t.l3}项` +
      '（按任务计，含此后已报结、退回重办或延期的任务）。',
  );
  if (b.content.namedAtL3.length === 0) return [summary, p('本期无进入三级督办的单位。')];
  return [
    summary,
    p('以下单位的任务本期进入或目前仍处于三级督办，现予点名通报，并移送责任追究程序：'),
    {
      kind: 'list',
      items: b.content.namedAtL3.map((u) => `${u.unitName}：${u.tasks.map((task) => `「${task.title}」`).join('、')}`),
    },
    p('被点名通报的单位要认真剖析原因，限期整改到位，并将整改情况书面报组织协调室。'),
  ];
}

const PAUSE_LABEL: Record<string, string> = {
  HIGHER_AUTHORITY: '等待上级机关意见',
  COURT: '等待司法程序',
  BUDGET: '等待预算资金',
  OTHER: '其他客观原因',
};

/** Milestones (序时进度): said only when the period had any; met and missed per lead unit. */
function milestonesSection(b: RenderableBulletin): Block[] {
  const ms = b.content.milestones;
  if (!ms || ms.met + ms.missed === 0) return [];
  return [
    p(`本期到期的序时进度节点${ms.met + ms.missed}个，按期完成${ms.met}个，未按期完成${ms.missed}个：`),
    table(
      ['序号', '牵头单位', '按期完成', '未按期完成'],
      ms.byUnit.map((u, i) => [i + 1, u.unitName, u.met, u.missed]),
    ),
  ];
}

/** Urgings by hand (人工督促): said only when the period had any; how many per lead unit. */
function urgingsSection(b: RenderableBulletin): Block[] {
  const u = b.content.urgings;
  if (!u || u.urged === 0) return [];
  const units = u.byUnit.map((x) => `${x.unitName}${x.urged}次`).join('、');
  return [p(`本期组织协调室对督办任务人工督促${u.urged}次，涉及牵头单位：${units}。`)];
}

/** Refusals (退单): said only when the period had any; per unit that refused, with the rulings. */
function refusalsSection(b: RenderableBulletin): Block[] {
  const r = b.content.refusals;
  if (!r || r.refused === 0) return [];
  return [
    p(
      `本期申请退单${r.refused}项，经组织协调室裁定维持原承办单位${r.insisted}项、改派${r.reassigned}项，待裁定${r.pending}项：`,
    ),
    table(
      ['序号', '退单单位', '退单', '维持原承办', '改派', '待裁定'],
      r.byUnit.map((x, i) => [i + 1, x.unitName, x.refused, x.insisted, x.reassigned, x.pending]),
    ),
  ];
}

/** Whether the units read their notices (通知阅读): said only when the period had any; units with unread ones named. */
function noticeReadingSection(b: RenderableBulletin): Block[] {
  const r = b.content.noticeReading;
  if (!r || r.received === 0) return [];
  const slow = r.byUnit.filter((u) => u.unreadOverADay > 0);
  const named =
    slow.length === 0
      ? '各单位均及时阅知。'
      : `以下单位有超过一天未阅知的通知，请督促承办人员及时查阅、按要求办理：${slow
          .map((u) => `${u.unitName}（${u.unreadOverADay}条）`)
          .join('、')}。`;
  return [p(`本期向各单位发送督办通知${r.received}条，已阅知${r.read}条。${named}`)];
}

/** Paused tasks (挂账): said only when the period had any; how many, how long, why. */
function pausedSection(b: RenderableBulletin): Block[] {
  const paused = b.content.paused;
  if (!paused || paused.tasks === 0) return [];
  const reasons = paused.byCategory.map((c) => `${PAUSE_LABEL[c.category] ?? c.category}${c.pauses}项`).join('、');
  return [
    p(
      `本期经批准中止计时（挂账）的任务${paused.tasks}项，已恢复计时的累计中止${paused.workingDays}个工作日，事由：${reasons}。` +
        '中止计时期间不计入办理时限，不作逾期认定：',
    ),
    table(
      ['序号', '任务', '牵头单位', '事由', '中止计时'],
      paused.items.map((x, i) => [
        i + 1,
        x.title,
        x.unitName,
        `${PAUSE_LABEL[x.category] ?? x.category}：${x.reason}`,
        x.pausedWorkingDays === null ? '中止计时中' : `${x.pausedWorkingDays}个工作日`,
      ]),
    ),
  ];
}

/** Case collaboration by unit (协同办案): counts and timeliness only, never a case, a title or a person. */
function collaborationSection(b: RenderableBulletin): Block[] {
  const units = b.content.collaboration ?? [];
  if (units.length === 0) return [p('本期无到期的移送反馈、抽调答复和轮训确认事项。')];
  const cell = (due: number, onTime: number) => (due === 0 ? '—' : `${onTime}/${due}`);
  const late = units.filter(
    (u) =>
      u.referralsOnTime < u.referralsDue ||
      u.secondmentsOnTime < u.secondmentsDue ||
      u.rotationsOnTime < u.rotationsDue,
  );
  return [
    p('本期到期的移送反馈（受理反馈、处理结果反馈）、抽调答复和轮训确认情况如下（按期数/应办数）：'),
    table(
      ['序号', '单位', '移送反馈', '抽调答复', '轮训确认'],
      units.map((u, i) => [
        i + 1,
        u.unitName,
        cell(u.referralsDue, u.referralsOnTime),
        cell(u.secondmentsDue, u.secondmentsOnTime),
        cell(u.rotationsDue, u.rotationsOnTime),
      ]),
    ),
    p(
      late.length === 0
        ? '各单位均按期反馈、答复。'
        : `以下单位未按期反馈或答复，请认真落实协同办案工作要求：${late.map((u) => u.unitName).join('、')}。`,
    ),
  ];
}

/** The supervision network's submissions (监督网络反映): counts only, never a member, a text or a unit. */
function networkSection(b: RenderableBulletin): Block[] {
  const n = b.content.network;
  if (!n) return [];
  const text =
    n.received === 0
      ? '本期未收到监督网络成员的反映。'
      : `本期收到监督网络成员反映${n.received}件，按期分办${n.triagedOnTime}件、逾期分办${n.triagedLate}件，` +
        `交办督办${n.tasked}件、移送${n.referred}件；已答复反映人${n.answered}件（其中逾期答复${n.answeredLate}件），` +
        `尚未答复${n.unanswered}件（其中已超过期限${n.overdue}件）` +
        (n.averageRating === null ? '。' : `；反映人对答复的平均评价为${n.averageRating}分。`);
  return [
    h('六、监督网络反映办理情况'),
    p(text),
    ...(n.overdue > 0 ? [p('组织协调室要抓紧分办、答复逾期反映，确保件件有回音。')] : []),
  ];
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const fixed = (n: number) => n.toFixed(2);

/**
 * The annual report's own sections (年度通报), numbered on from `first`: the year's assessment (ranks and final scores,
 * the distribution) and its accountability cases in numbers — never a unit, a person or a case of them.
 */
function annualSections(a: AnnualContent, first: number): Block[] {
  const heading = (i: number, text: string) => h(`${NUMERALS[first + i - 1] ?? first + i}、${text}`);
  const scores = a.ranking.map((r) => r.finalScore);
  const assessment: Block[] =
    a.ranking.length === 0
      ? [p('本年度未开展考核评价。')]
      : [
          p(
            `本年度对${a.ranking.length}个单位的党风廉政建设责任制落实情况进行了考核，平均得分${fixed(
              scores.reduce((n, x) => n + x, 0) / scores.length,
            )}分，排名前列的单位：${a.ranking
              .slice(0, 3)
              .map((r) => `${r.unitName}（${fixed(r.finalScore)}分）`)
              .join('、')}。`,
          ),
          table(
            ['排名', '单位', '最终得分'],
            a.ranking.map((r) => [r.rank, r.unitName, fixed(r.finalScore)]),
            undefined,
            [0.8, 4, 1.2],
          ),
          { kind: 'chart', option: distributionChart(scores, '年度考核得分分布') },
        ];
  const c = a.cases;
  const source = c.bySource
    ? [
        c.bySource.L3 > 0 ? `因任务进入三级督办启动${c.bySource.L3}件` : '',
        c.bySource.ASSESSMENT > 0 ? `因考核结果启动${c.bySource.ASSESSMENT}件` : '',
        c.bySource.OFFICE > 0 ? `由组织协调室直接启动${c.bySource.OFFICE}件` : '',
      ].filter(Boolean)
    : [];
  const cases: Block[] =
    c.total === 0
      ? [p('本年度未启动责任追究程序。')]
      : [
          p(
            `本年度启动责任追究程序${c.total}件${source.length > 0 ? `（${source.join('，')}）` : ''}，` +
              `已作出处理决定${c.decided}件` +
              (c.total > c.decided ? `，${c.total - c.decided}件仍在办理。` : '。'),
          ),
          ...(c.byMeasure && c.byMeasure.length > 0
            ? [
                table(
                  ['序号', '处理措施', '件数'],
                  c.byMeasure.map((m, i) => [i + 1, m.name, m.cases]),
                  ['', '合计', c.decided],
                  [0.8, 4, 1.2],
                ),
              ]
            : []),
        ];
  return [heading(0, '年度考核评价情况'), ...assessment, heading(1, '责任追究情况'), ...cases];
}

/** A bulletin's figures as the chart of periods takes them. */
export const figuresOf = (label: string, t: BulletinStats): PeriodFigures => ({
  label,
  completed: t.completed,
  completedOnTime: t.completedOnTime,
  openOverdue: t.openOverdue,
  escalations: t.escalations.l1 + t.escalations.l2 + t.escalations.l3,
});

/**
 * The bulletin as a print-ready document (render/document.ts): every section, and — when earlier bulletins of the
 * organisation are given (oldest first) — the period's picture against theirs as a chart.
 */
export function bulletinDocument(b: RenderableBulletin, earlier: readonly PeriodFigures[] = []): PrintDocument {
  const period = periodLabel(b.periodFrom, b.periodTo);
  const annual = b.content.annual;
  const chart: Block[] = annual
    ? [{ kind: 'chart', option: trendChart(annual.months, '全年逐月办结和逾期情况') }]
    : earlier.length > 0
      ? [
          {
            kind: 'chart',
            option: periodsChart(
              [...earlier, figuresOf(period, b.content.totals)],
              '本期与前几期对比（办结、按期办结与仍逾期为截至各期通报时的累计数）',
            ),
          },
        ]
      : [];
  return {
    orgName: b.content.orgName,
    title: b.title,
    date: localDate(new Date(b.generatedAt)),
    blocks: [
      p(`根据党风廉政建设责任制工作安排，现将${period}督办任务落实情况通报如下：`),
      h('一、总体情况'),
      p(overviewParagraph(b)),
      ...chart,
      h('二、各单位完成情况'),
      unitTable(b),
      h('三、逾期未办结事项'),
      ...overdueSection(b),
      ...pausedSection(b),
      ...milestonesSection(b),
      h('四、升级督办情况'),
      ...escalationSection(b),
      ...urgingsSection(b),
      ...refusalsSection(b),
      ...noticeReadingSection(b),
      h('五、协同办案配合情况'),
      ...collaborationSection(b),
      ...networkSection(b),
      ...(annual ? annualSections(annual, b.content.network ? 7 : 6) : []),
      p('各单位要对照通报查找差距，对已逾期事项明确整改时限，确保各项任务按期保质完成。'),
      { kind: 'signature', lines: [b.content.orgName, dateOf(b.generatedAt)] },
    ],
  };
}

/** The bulletin as a complete, printable Chinese HTML page (A4); every value is escaped. */
export function renderBulletinHtml(b: RenderableBulletin, earlier: readonly PeriodFigures[] = []): string {
  return documentHtml(bulletinDocument(b, earlier));
}

/** One CSV field, quoted when it must be (RFC 4180). */
const csvField = (value: string | number) => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** One row per unit with a Chinese header row; UTF-8 with a byte order mark so Excel reads it, CRLF line ends. */
export function renderBulletinCsv(b: RenderableBulletin): string {
  const header = ['单位编码', '单位', ...COLUMNS.map(([name]) => name)];
  const rows = b.content.units.map((u) => [u.unitId, u.unitName, ...COLUMNS.map(([, value]) => value(u))]);
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
