import { chineseDate, type PrintDocument } from './document';

/** What the accountability decision (问责决定书) of a decided case says. */
export interface CaseDecision {
  orgName: string;
  caseId: string;
  unitName: string;
  /** The responsible leader the case named when it was opened; null when it named none. */
  leaderName: string | null;
  /** Why the case was opened, as its notice said it (procedures/case/texts.ts `sourceText`). */
  reason: string;
  /** How it came to the office (督办升级移送, 考核评价结果移送, 组织协调室立案). */
  sourceLabel: string;
  /** The local date the case was opened. */
  openedOn: string;
  /** The statement (说明情况): when it came and whether late; null when the office decided without it. */
  statement: { on: string; late: boolean; text: string } | null;
  measureCode: string;
  measureName: string;
  basis: string;
  /** The people the decision names. */
  persons: string[];
  /** The local date of the decision. */
  decidedOn: string;
}

/** The measure that takes no action (不予追究): its decision says so rather than imposing it. */
const NO_ACTION = 'NO_ACTION';

/**
 * The accountability decision (问责决定书; 处理决定书 when no action is taken) as a print-ready document: a red title and the case's number, the facts
 * (why the case was opened, the unit's statement or its absence), the decision with its basis, and the signature.
 */
export function caseDecisionDocument(d: CaseDecision): PrintDocument {
  const facts =
    `${d.reason}。${d.orgName}于${chineseDate(d.openedOn)}启动责任追究程序，通知${d.unitName}及其分管领导书面说明情况。` +
    (d.statement
      ? `${d.unitName}于${chineseDate(d.statement.on)}作出书面说明${d.statement.late ? '（超过说明期限）' : ''}。`
      : `${d.unitName}未在规定期限内作出书面说明。`);
  const named = d.persons.length > 0 ? `，涉及人员：${d.persons.join('、')}` : '';
  // The basis is the office's own text (the facts and the rule applied, often several sentences): a paragraph of
  // its own after the decision, not a clause inside it.
  const decision =
    d.measureCode === NO_ACTION
      ? `经研究，决定对${d.unitName}不予追究责任${named}。`
      : `经研究，决定对${d.unitName}予以${d.measureName}${named}。`;
  const follow =
    d.measureCode === NO_ACTION
      ? `请${d.unitName}举一反三，压实党风廉政建设责任，确保各项任务按期保质完成。`
      : `请${d.unitName}深刻汲取教训，认真整改，并将整改落实情况书面报组织协调室。`;
  return {
    orgName: d.orgName,
    // No action taken is a decision (处理决定), not accountability imposed (问责).
    title: d.measureCode === NO_ACTION ? '处理决定书' : '问责决定书',
    redTitle: true,
    number: `案件编号：${d.caseId}`,
    date: d.decidedOn,
    blocks: [
      { kind: 'paragraph', text: `${d.unitName}：`, flush: true },
      { kind: 'paragraph', text: facts },
      ...(d.statement ? [{ kind: 'paragraph' as const, text: `说明情况：${d.statement.text}` }] : []),
      { kind: 'paragraph', text: decision },
      { kind: 'paragraph', text: `处理依据：${d.basis}` },
      { kind: 'paragraph', text: follow },
      {
        kind: 'form',
        rows: [
          { label: '被追究单位', value: d.unitName },
          ...(d.leaderName ? [{ label: '分管领导', value: d.leaderName }] : []),
          { label: '启动方式', value: d.sourceLabel },
          { label: '处理措施', value: d.measureName },
          { label: '处理依据', value: d.basis },
          ...(d.persons.length > 0 ? [{ label: '涉及人员', value: d.persons.join('、') }] : []),
        ],
      },
      { kind: 'signature', lines: [d.orgName, chineseDate(d.decidedOn)] },
    ],
  };
}
