import type { CaseInput, CaseSource } from './messages';

/*
 * The Chinese texts of an accountability case (责任追究), as the office would write them in its notices. Pure: the
 * workflow passes in what it knows.
 */

/** 2027-03-20T16:00:00Z → 3月20日24:00 (Asia/Shanghai, UTC+8): a deadline reads as 24:00 of its last day. */
export function deadlineText(iso: string): string {
  const t = new Date(Date.parse(iso) + 8 * 3_600_000);
  const hh = t.getUTCHours();
  const mi = t.getUTCMinutes();
  if (hh === 0 && mi === 0) {
    const day = new Date(t.getTime() - 86_400_000);
    return `${day.getUTCMonth() + 1}月${day.getUTCDate()}日24:00`;
  }
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日${String(hh).padStart(2, '0')}:${String(mi).padStart(2, '0')}`;
}

const trimEnd = (s: string) => s.trim().replace(/[。；;，,.\s]+$/u, '');

/** Why the case was opened, as the first clause of its notice. */
export function sourceText(source: CaseSource, unitName: string): string {
  switch (source.kind) {
    case 'L3':
      return `${unitName}牵头承办的督办任务（任务编号${source.taskId}）逾期未办结（办结时限${source.dueDate}），已升级至领导小组督办`;
    case 'ASSESSMENT':
      return `${unitName}年度考核得分${source.score}分，低于${source.threshold}分的责任追究线`;
    case 'OFFICE':
      return `经组织协调室核查，${trimEnd(source.reason)}`;
  }
}

export const SOURCE_LABEL: Record<CaseSource['kind'], string> = {
  L3: '督办升级（L3）移送',
  ASSESSMENT: '考核评价结果移送',
  OFFICE: '组织协调室立案',
};

/** The office a unit reports to, where a case's plan (recorded before it named the organisation's) does not say. */
const OFFICE_UNNAMED = '区纪委监委组织协调室';

/** @param officeName the organisation's coordination office, as the case's plan names it (absent in older plans) */
export function openedTexts(input: CaseInput, unitName: string, dueAt: string, officeName = OFFICE_UNNAMED) {
  const ref = `（案件编号${input.caseId}）`;
  return {
    message: `${SOURCE_LABEL[input.source.kind]}，启动责任追究程序，通知${unitName}及其分管领导，限${deadlineText(dueAt)}前书面说明情况`,
    title: `【责任追究】关于${unitName}说明情况的通知`,
    body:
      `${sourceText(input.source, unitName)}。根据党风廉政建设责任追究有关规定，现启动责任追究程序${ref}。` +
      `请${unitName}于${deadlineText(dueAt)}前就有关情况向${officeName}作出书面说明；` +
      `逾期未说明的，将报告分管领导和领导小组。`,
  };
}

export function overdueTexts(caseId: string, unitName: string, dueAt: string, escalateAfter: number) {
  const ref = `（案件编号${caseId}）`;
  return {
    message: `说明情况期限（${deadlineText(dueAt)}）已到，${unitName}未作书面说明，已催办并报告分管领导和领导小组`,
    urge: {
      title: '【催办】请立即报送情况说明',
      body:
        `贵单位应于${deadlineText(dueAt)}前就责任追究有关情况作出书面说明${ref}，至今未报送。请立即报送；` +
        `${escalateAfter}个工作日内仍未说明的，将提请领导小组督办，组织协调室可依规径行作出处理决定。`,
    },
    report: {
      title: `【逾期未说明】${unitName}责任追究案件`,
      body: `${unitName}未在${deadlineText(dueAt)}前就责任追究有关情况作出书面说明${ref}，组织协调室已催办。`,
    },
  };
}

export function recomputedTexts(caseId: string, unitName: string, dueAt: string) {
  return {
    message: `工作日历更新，${unitName}说明情况期限调整为${deadlineText(dueAt)}，催办和提请督办时间已重新计算`,
    notice: {
      title: '【期限调整】情况说明报送期限',
      body: `因工作日历调整，贵单位就责任追究有关情况作出书面说明的期限调整为${deadlineText(dueAt)}（案件编号${caseId}），请按期报送。`,
    },
  };
}

export function escalatedTexts(caseId: string, unitName: string, escalateAfter: number) {
  return {
    message: `说明情况期限届满后${escalateAfter}个工作日，${unitName}仍未说明情况，已报领导小组`,
    title: `【提请督办】${unitName}逾期未说明情况`,
    body:
      `${unitName}在说明情况期限届满${escalateAfter}个工作日后仍未就责任追究有关情况作出书面说明（案件编号${caseId}），` +
      `现报领导小组。组织协调室可在未收到说明的情况下依规作出处理决定。`,
  };
}

export function statementTexts(caseId: string, unitName: string, late: boolean) {
  return {
    message: `${unitName}报送书面说明${late ? '（逾期报送）' : ''}`,
    title: `【待处理】${unitName}已报送情况说明`,
    body: `${unitName}已就责任追究有关情况报送书面说明${late ? '（逾期报送）' : ''}（案件编号${caseId}），请组织协调室研究提出处理意见。`,
  };
}

export function decidedTexts(
  caseId: string,
  unitName: string,
  d: { measureName: string; basis: string; withoutStatement: boolean; personNames: string[] },
) {
  const persons = d.personNames.length > 0 ? `（涉及人员：${d.personNames.join('、')}）` : '';
  const noStatement = d.withoutStatement ? '；该单位逾期未说明情况，依规径行决定' : '';
  return {
    message: `组织协调室作出处理决定：${d.measureName}${persons}。处理依据：${trimEnd(d.basis)}${noStatement}`,
    title: `【处理决定】关于${unitName}的责任追究处理决定`,
    body:
      `经研究，对${unitName}${persons}作出如下处理：${d.measureName}。处理依据：${trimEnd(d.basis)}${noStatement}。` +
      `（案件编号${caseId}）`,
  };
}

export const closedText = (unitName: string, persons: boolean) =>
  `处理决定已送达${unitName}、分管领导${persons ? '、有关人员' : ''}和领导小组，案件办结归档`;
