import * as im from './messages';
import type { InspectionReport } from './messages';

/** 2027-03-19 → 3月19日 */
export const dateText = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
export const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** {SERIOUS: 1, MAJOR: 0, MINOR: 2} → 严重1个、一般2个 */
export const severityText = (counts: Record<im.Severity, number>) =>
  (['SERIOUS', 'MAJOR', 'MINOR'] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => `${im.SEVERITY_LABEL[s]}${counts[s]}个`)
    .join('、');

export const countSeverities = (findings: { severity: im.Severity }[]) => {
  const counts: Record<im.Severity, number> = { SERIOUS: 0, MAJOR: 0, MINOR: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
};

/** The round's report as the office and the leadership group read it in their inbox. */
export function reportText(r: InspectionReport): string {
  const sc = r.selfChecks;
  const rc = r.rectifications;
  const lines = [
    `检查单位${r.units}个。自查报告：按时报送${sc.onTime}个，逾期补报${sc.late}个${sc.lateUnits.length ? `（${sc.lateUnits.join('、')}）` : ''}，未报送${sc.missing}个${sc.missingUnits.length ? `（${sc.missingUnits.join('、')}）` : ''}。`,
    `发现问题${r.findings.total}个${r.findings.total ? `（${severityText(r.findings.bySeverity)}）` : ''}。`,
    ...r.findings.byUnit.map((u) => `  ${u.unitName}：${u.total}个`),
    `整改任务${rc.total}项：按期办结${rc.acceptedOnTime}项，逾期办结${rc.acceptedLate}项，升级督办（三级）${rc.escalated}项，撤销${rc.cancelled}项。`,
    ...rc.escalatedTasks.map((t) => `  升级督办：${t.unitName}「${t.title}」（任务编号${t.taskId}）`),
  ];
  return lines.join('\n');
}
