import { chineseDate, type PrintDocument } from './document';

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

/** The urging slip (督办单) of one urging as a print-ready document: a red title, its number and a form. */
export function urgingSlipDocument(s: UrgingSlip): PrintDocument {
  const by = !s.dueDate
    ? '按要求尽快办理'
    : s.overdueDays > 0
      ? `已超过工作时限（${chineseDate(s.dueDate)}）${s.overdueDays}个工作日，请立即办理并报送办理情况`
      : `请于${chineseDate(s.dueDate)}前办结并报送办理情况`;
  const since =
    s.dueDate && s.overdueDays > 0
      ? `${chineseDate(s.assignedOn)}交办；工作时限${chineseDate(s.dueDate)}已届满`
      : `${chineseDate(s.assignedOn)}交办`;
  const kind = KIND_LABEL[s.kind] + (s.named && s.kind !== 'SUPERVISION_NAMED' ? '（挂牌督办事项）' : '');
  return {
    orgName: s.orgName,
    title: '督办单',
    redTitle: true,
    number: `编号：${s.number}`,
    date: s.issuedOn,
    blocks: [
      {
        kind: 'form',
        rows: [
          { label: '督办类别', value: kind },
          ...(s.instruction ? [{ label: '任务来源', value: s.instruction }] : []),
          {
            label: '督办对象',
            value: `${s.unitName}${GAP}主要负责人：${s.headName ?? '—'}${GAP}分管领导：${s.leaderName ?? '—'}`,
          },
          { label: '督办事项', value: s.title },
          { label: '工作要求', value: s.requirements },
          { label: '完成标准', value: s.standard },
          { label: '交办时间', value: since },
          { label: '办理时限', value: by },
          { label: '督办内容', value: s.text, tall: true },
        ],
      },
      { kind: 'signature', lines: ['协调办公室（盖章）', chineseDate(s.issuedOn)] },
    ],
  };
}
