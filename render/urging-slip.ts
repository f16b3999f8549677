import { escapeHtml } from './bulletin';

/** The timeline kinds that urge a task: by hand (督办) and the ladder's (签收超时, 一、二、三级督办). */
export const URGING_KINDS = [
  'URGED',
  'SUPERVISION_NAMED',
  'SIGN_FOR_OVERDUE',
  'ESCALATION_L1',
  'ESCALATION_L2',
  'ESCALATION_L3',
] as const;

const KIND_LABEL: Record<(typeof URGING_KINDS)[number], string> = {
  URGED: '督办',
  SUPERVISION_NAMED: '挂牌督办',
  SIGN_FOR_OVERDUE: '签收超时催办',
  ESCALATION_L1: '一级督办（催办）',
  ESCALATION_L2: '二级督办',
  ESCALATION_L3: '三级督办',
};

/** What one urging slip (督办单) says. */
export interface UrgingSlip {
  orgName: string;
  /** 编号 */
  number: string;
  kind: (typeof URGING_KINDS)[number];
  unitName: string;
  headName: string | null;
  leaderName: string | null;
  title: string;
  requirements: string;
  standard: string;
  /** The local date the task was assigned. */
  assignedOn: string;
  /** The deadline in force, if any. */
  dueDate: string | null;
  /** Working days overdue (0 while the limit runs). */
  overdueDays: number;
  text: string;
  /** The local date of the urging. */
  issuedOn: string;
  /** Under named supervision (挂牌督办) when printed. */
  named?: boolean;
  /** The leader's written instruction (批示件) the task came from, as the slip names it: 「区委书记批示（市领导批示件）」. */
  instruction?: string;
}

/** How a slip names each severity of 批示件. */
export const SEVERITY_LABEL = {
  DISTRICT: '区领导批示件',
  MUNICIPAL: '市领导批示件',
  PROVINCIAL: '省级及以上领导批示件',
} as const;

/** An ideographic space between the parts of a cell. */
const GAP = '\u3000';

const chineseDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** A printable A4 urging slip (督办单) of one urging, in Chinese, with its own print style and no script. */
export function renderUrgingSlipHtml(s: UrgingSlip): string {
  const e = escapeHtml;
  const by = !s.dueDate
    ? '按要求尽快办理'
    : s.overdueDays > 0
      ? `已超过工作时限（${chineseDate(s.dueDate)}）${s.overdueDays}个工作日，请立即办理并报送办理情况`
      : `请于${chineseDate(s.dueDate)}前办结并报送办理情况`;
  const since =
    s.dueDate && s.overdueDays > 0
      ? `${chineseDate(s.assignedOn)}交办；工作时限${chineseDate(s.dueDate)}已届满`
      : `${chineseDate(s.assignedOn)}交办`;
  const row = (label: string, value: string) => `<tr><th>${label}</th><td>${value}</td></tr>`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>督办单 ${e(s.number)}</title>
<style>
@page { size: A4; margin: 20mm 18mm; }
* { box-sizing: border-box; }
body { margin: 0; color: #000; font: 12pt/1.6 "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC",
  "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; }
.org { text-align: center; font-size: 14pt; margin: 0; }
h1 { text-align: center; font-size: 24pt; letter-spacing: 0.5em; color: #c00; margin: 4mm 0 2mm; }
.number { text-align: right; margin: 0 0 3mm; }
table { width: 100%; border-collapse: collapse; page-break-inside: avoid; }
th, td { border: 1px solid #000; padding: 2mm 3mm; vertical-align: top; text-align: left; }
th { width: 28mm; white-space: nowrap; font-weight: normal; }
td.text { height: 40mm; white-space: pre-wrap; }
.sign { margin-top: 12mm; text-align: right; line-height: 2; }
@media screen { body { max-width: 210mm; margin: 10mm auto; padding: 0 18mm; } }
</style>
</head>
<body>
<p class="org">${e(s.orgName)}</p>
<h1>督办单</h1>
<p class="number">编号：${e(s.number)}</p>
<table>
${row('督办类别', e(KIND_LABEL[s.kind] + (s.named && s.kind !== 'SUPERVISION_NAMED' ? '（挂牌督办事项）' : '')))}
${s.instruction ? row('任务来源', e(s.instruction)) : ''}
${row('督办对象', `${e(s.unitName)}${GAP}主要负责人：${e(s.headName ?? '—')}${GAP}分管领导：${e(s.leaderName ?? '—')}`)}
${row('督办事项', e(s.title))}
${row('工作要求', e(s.requirements))}
${row('完成标准', e(s.standard))}
${row('交办时间', e(since))}
${row('办理时限', e(by))}
<tr><th>督办内容</th><td class="text">${e(s.text)}</td></tr>
</table>
<div class="sign">
<p>协调办公室（盖章）</p>
<p>${e(chineseDate(s.issuedOn))}</p>
</div>
</body>
</html>
`;
}
