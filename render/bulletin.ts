import type { Bulletin, BulletinStats } from '../db/queries/bulletins';

/** What a bulletin needs to be rendered: its stored row (the generated time as a Date or an ISO string). */
export type RenderableBulletin = Omit<Bulletin, 'generatedAt'> & { generatedAt: Date | string };

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export const escapeHtml = (value: unknown): string => String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const chineseDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

const isWholeMonth = (from: string, to: string) => {
  if (from.slice(0, 7) !== to.slice(0, 7) || !from.endsWith('-01')) return false;
  const [y, m] = to.split('-').map(Number);
  return Number(to.slice(8)) === new Date(Date.UTC(y ?? 0, m ?? 1, 0)).getUTCDate();
};

/** The period as a bulletin names it: 「2026年11月」 for a whole month, otherwise 「2026年10月8日至2026年11月30日」. */
export function periodLabel(from: string, to: string): string {
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

function unitTable(b: RenderableBulletin): string {
  const head = ['序号', '单位', ...COLUMNS.map(([name]) => name)].map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const rows = b.content.units.map(
    (u, i) =>
      `<tr><td>${i + 1}</td><td>${escapeHtml(u.unitName)}</td>${COLUMNS.map(([, value]) => `<td>${escapeHtml(value(u))}</td>`).join('')}</tr>`,
  );
  const total = `<tr class="total"><td></td><td>合计</td>${COLUMNS.map(([, value]) => `<td>${escapeHtml(value(b.content.totals))}</td>`).join('')}</tr>`;
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}${total}</tbody></table>`;
}

const RUNG_LABEL = ['未启动', '一级', '二级', '三级'];

function overdueSection(b: RenderableBulletin): string {
  if (b.content.overdue.length === 0) return '<p>本期无逾期未办结事项。</p>';
  const rows = b.content.overdue.map(
    (t, i) =>
      `<tr><td>${i + 1}</td><td>${escapeHtml(t.title)}</td><td>${escapeHtml(t.unitName)}</td><td>${escapeHtml(
        t.dueDate ? chineseDate(t.dueDate) : '—',
      )}</td><td>${RUNG_LABEL[t.rung] ?? `${t.rung}级`}</td></tr>`,
  );
  return (
    `<p>截至通报时，以下${b.content.overdue.length}项任务已超过工作时限仍未办结，请责任单位抓紧办理，并向组织协调室说明情况：</p>` +
    `<table><thead><tr><th>序号</th><th>任务</th><th>牵头单位</th><th>工作时限</th><th>督办级别</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

function escalationSection(b: RenderableBulletin): string {
  const t = b.content.totals.escalations;
  const summary =
    `<p>本期发生逾期升级督办：一级督办（催办）${t.l1}项、二级督办（报分管领导）${t.l2}项、三级督办（报领导小组）${t.l3}项` +
    '（按任务计，含此后已报结、退回重办或延期的任务）。</p>';
  if (b.content.namedAtL3.length === 0) return `${summary}<p>本期无进入三级督办的单位。</p>`;
  const named = b.content.namedAtL3.map(
    (u) =>
      `<li><strong>${escapeHtml(u.unitName)}</strong>：${u.tasks.map((task) => `「${escapeHtml(task.title)}」`).join('、')}</li>`,
  );
  return (
    `${summary}<p>以下单位的任务本期进入或目前仍处于三级督办，现予点名通报，并移送责任追究程序：</p><ul class="named">${named.join('')}</ul>` +
    '<p>被点名通报的单位要认真剖析原因，限期整改到位，并将整改情况书面报组织协调室。</p>'
  );
}

const PAUSE_LABEL: Record<string, string> = {
  HIGHER_AUTHORITY: '等待上级机关意见',
  COURT: '等待司法程序',
  BUDGET: '等待预算资金',
  OTHER: '其他客观原因',
};

/** Milestones (序时进度): said only when the period had any; met and missed per lead unit. */
function milestonesSection(b: RenderableBulletin): string {
  const ms = b.content.milestones;
  if (!ms || ms.met + ms.missed === 0) return '';
  const rows = ms.byUnit.map(
    (u, i) => `<tr><td>${i + 1}</td><td>${escapeHtml(u.unitName)}</td><td>${u.met}</td><td>${u.missed}</td></tr>`,
  );
  return (
    `<p>本期到期的序时进度节点${ms.met + ms.missed}个，按期完成${ms.met}个，未按期完成${ms.missed}个：</p>` +
    `<table><thead><tr><th>序号</th><th>牵头单位</th><th>按期完成</th><th>未按期完成</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

/** Urgings by hand (人工督促): said only when the period had any; how many per lead unit. */
function urgingsSection(b: RenderableBulletin): string {
  const u = b.content.urgings;
  if (!u || u.urged === 0) return '';
  const units = u.byUnit.map((x) => `${escapeHtml(x.unitName)}${x.urged}次`).join('、');
  return `<p>本期组织协调室对督办任务人工督促${u.urged}次，涉及牵头单位：${units}。</p>`;
}

/** Refusals (退单): said only when the period had any; per unit that refused, with the rulings. */
function refusalsSection(b: RenderableBulletin): string {
  const r = b.content.refusals;
  if (!r || r.refused === 0) return '';
  const rows = r.byUnit.map(
    (x, i) =>
      `<tr><td>${i + 1}</td><td>${escapeHtml(x.unitName)}</td><td>${x.refused}</td><td>${x.insisted}</td><td>${x.reassigned}</td><td>${x.pending}</td></tr>`,
  );
  return (
    `<p>本期申请退单${r.refused}项，经组织协调室裁定维持原承办单位${r.insisted}项、改派${r.reassigned}项，待裁定${r.pending}项：</p>` +
    `<table><thead><tr><th>序号</th><th>退单单位</th><th>退单</th><th>维持原承办</th><th>改派</th><th>待裁定</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

/** Whether the units read their notices (通知阅读): said only when the period had any; units with unread ones named. */
function noticeReadingSection(b: RenderableBulletin): string {
  const r = b.content.noticeReading;
  if (!r || r.received === 0) return '';
  const slow = r.byUnit.filter((u) => u.unreadOverADay > 0);
  const named =
    slow.length === 0
      ? '各单位均及时阅知。'
      : `以下单位有超过一天未阅知的通知，请督促承办人员及时查阅、按要求办理：${slow
          .map((u) => `${escapeHtml(u.unitName)}（${u.unreadOverADay}条）`)
          .join('、')}。`;
  return `<p>本期向各单位发送督办通知${r.received}条，已阅知${r.read}条。${named}</p>`;
}

/** Paused tasks (挂账): said only when the period had any; how many, how long, why. */
function pausedSection(b: RenderableBulletin): string {
  const paused = b.content.paused;
  if (!paused || paused.tasks === 0) return '';
  const reasons = paused.byCategory.map((c) => `${PAUSE_LABEL[c.category] ?? c.category}${c.pauses}项`).join('、');
  const rows = paused.items.map(
    (p, i) =>
      `<tr><td>${i + 1}</td><td>${escapeHtml(p.title)}</td><td>${escapeHtml(p.unitName)}</td><td>${escapeHtml(
        PAUSE_LABEL[p.category] ?? p.category,
      )}：${escapeHtml(p.reason)}</td><td>${p.pausedWorkingDays === null ? '中止计时中' : `${p.pausedWorkingDays}个工作日`}</td></tr>`,
  );
  return (
    `<p>本期经批准中止计时（挂账）的任务${paused.tasks}项，已恢复计时的累计中止${paused.workingDays}个工作日，事由：${reasons}。` +
    '中止计时期间不计入办理时限，不作逾期认定：</p>' +
    `<table><thead><tr><th>序号</th><th>任务</th><th>牵头单位</th><th>事由</th><th>中止计时</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

/** Case collaboration by unit (协同办案): counts and timeliness only, never a case, a title or a person. */
function collaborationSection(b: RenderableBulletin): string {
  const units = b.content.collaboration ?? [];
  if (units.length === 0) return '<p>本期无到期的移送反馈、抽调答复和轮训确认事项。</p>';
  const cell = (due: number, onTime: number) => (due === 0 ? '—' : `${onTime}/${due}`);
  const rows = units.map(
    (u, i) =>
      `<tr><td>${i + 1}</td><td>${escapeHtml(u.unitName)}</td><td>${cell(u.referralsDue, u.referralsOnTime)}</td><td>${cell(
        u.secondmentsDue,
        u.secondmentsOnTime,
      )}</td><td>${cell(u.rotationsDue, u.rotationsOnTime)}</td></tr>`,
  );
  const late = units.filter(
    (u) =>
      u.referralsOnTime < u.referralsDue ||
      u.secondmentsOnTime < u.secondmentsDue ||
      u.rotationsOnTime < u.rotationsDue,
  );
  const lateText =
    late.length === 0
      ? '<p>各单位均按期反馈、答复。</p>'
      : `<p>以下单位未按期反馈或答复，请认真落实协同办案工作要求：${late.map((u) => escapeHtml(u.unitName)).join('、')}。</p>`;
  return (
    '<p>本期到期的移送反馈（受理反馈、处理结果反馈）、抽调答复和轮训确认情况如下（按期数/应办数）：</p>' +
    `<table><thead><tr><th>序号</th><th>单位</th><th>移送反馈</th><th>抽调答复</th><th>轮训确认</th></tr></thead><tbody>${rows.join('')}</tbody></table>` +
    lateText
  );
}

/** The supervision network's submissions (监督网络反映): counts only, never a member, a text or a unit. */
function networkSection(b: RenderableBulletin): string {
  const n = b.content.network;
  if (!n) return '';
  const text =
    n.received === 0
      ? '<p>本期未收到监督网络成员的反映。</p>'
      : `<p>本期收到监督网络成员反映${n.received}件，按期分办${n.triagedOnTime}件、逾期分办${n.triagedLate}件，` +
        `交办督办${n.tasked}件、移送${n.referred}件；已答复反映人${n.answered}件（其中逾期答复${n.answeredLate}件），` +
        `尚未答复${n.unanswered}件（其中已超过期限${n.overdue}件）` +
        (n.averageRating === null ? '。</p>' : `；反映人对答复的平均评价为${n.averageRating}分。</p>`);
  const urge = n.overdue > 0 ? '<p>组织协调室要抓紧分办、答复逾期反映，确保件件有回音。</p>' : '';
  return `<h2>六、监督网络反映办理情况</h2>\n${text}${urge}\n`;
}

const STYLE = `body{font-family:"FangSong","STFangsong","SimSun",serif;max-width:60em;margin:2em auto;line-height:1.8;color:#000}
h1{font-family:"SimHei","STHeiti",sans-serif;text-align:center;font-size:1.6em}h2{font-family:"SimHei","STHeiti",sans-serif;font-size:1.2em}
.meta{text-align:center}table{border-collapse:collapse;width:100%;font-size:.85em}th,td{border:1px solid #000;padding:.2em .4em;text-align:center}
tr.total{font-weight:bold}.named strong{color:#b00}@media print{body{margin:0;max-width:none}}`;

/** The bulletin as a complete, printable Chinese HTML page; every value is escaped. */
export function renderBulletinHtml(b: RenderableBulletin): string {
  const title = escapeHtml(b.title);
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${title}</h1>
<p class="meta">${escapeHtml(b.content.orgName)}&#x3000;${escapeHtml(dateOf(b.generatedAt))}</p>
<p>根据党风廉政建设责任制工作安排，现将${escapeHtml(periodLabel(b.periodFrom, b.periodTo))}督办任务落实情况通报如下：</p>
<h2>一、总体情况</h2>
<p>${escapeHtml(overviewParagraph(b))}</p>
<h2>二、各单位完成情况</h2>
${unitTable(b)}
<h2>三、逾期未办结事项</h2>
${overdueSection(b)}${pausedSection(b)}${milestonesSection(b)}
<h2>四、升级督办情况</h2>
${escalationSection(b)}${urgingsSection(b)}${refusalsSection(b)}${noticeReadingSection(b)}
<h2>五、协同办案配合情况</h2>
${collaborationSection(b)}
${networkSection(b)}<p>各单位要对照通报查找差距，对已逾期事项明确整改时限，确保各项任务按期保质完成。</p>
</body>
</html>
`;
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
