import type { TaskPolicy } from '../procedures/task/messages';
import type { TaskPolicies } from './task-policy';

/** One change between two versions of an organisation's task types: a type added or removed, or one field changed. */
export interface PolicyChange {
  type: string;
  /** The field's path in the type, e.g. `escalation.l2AfterWorkingDays`; null for a type added or removed. */
  field: string | null;
  change: 'ADDED' | 'REMOVED' | 'CHANGED';
  before: unknown;
  after: unknown;
  /** The change as the office reads it, e.g. 「任务类型“整改落实”的二级督办时点由期限后3个工作日改为5个工作日」. */
  text: string;
}

const days = (n: unknown) => `${String(n)}个工作日`;
const RUNGS: Record<string, string> = { '1': '一级督办', '2': '二级督办', '3': '三级督办' };
const DECIDERS: Record<string, string> = { OFFICE: '组织协调室', LEADER: '分管领导' };

/** Each field the office edits: its name in Chinese, and how a value of it reads. */
const FIELDS: Record<string, { label: string; value: (v: unknown) => string }> = {
  name: { label: '名称', value: (v) => `“${String(v)}”` },
  signForWorkingDays: { label: '签收时限', value: days },
  remindWorkingDaysBefore: {
    label: '到期提醒',
    value: (v) => (Array.isArray(v) && v.length > 0 ? `期限前${v.join('、')}个工作日` : '不提醒'),
  },
  yellowWithinWorkingDays: { label: '黄灯时点', value: (v) => `期限前${days(v)}` },
  progressEveryWorkingDays: { label: '进展反馈周期', value: (v) => (v === null ? '不要求' : `每${days(v)}`) },
  'escalation.l2AfterWorkingDays': { label: '二级督办时点', value: (v) => `期限后${days(v)}` },
  'escalation.l3AfterWorkingDays': { label: '三级督办时点', value: (v) => `期限后${days(v)}` },
  extensionDecidedBy: { label: '延期审批人', value: (v) => DECIDERS[String(v)] ?? String(v) },
  'pause.defaultWorkingDays': { label: '默认挂账期限', value: days },
  'pause.maxWorkingDays': { label: '最长挂账期限', value: days },
  'severityStartRung.DISTRICT': { label: '区级领导批示件的起始级别', value: (v) => RUNGS[String(v)] ?? String(v) },
  'severityStartRung.MUNICIPAL': { label: '市级领导批示件的起始级别', value: (v) => RUNGS[String(v)] ?? String(v) },
  'severityStartRung.PROVINCIAL': { label: '省级领导批示件的起始级别', value: (v) => RUNGS[String(v)] ?? String(v) },
  requireEvidence: { label: '报结须附佐证材料', value: (v) => (v === true ? '是' : '否') },
};

/** The value of a field path (`escalation.l2AfterWorkingDays`) in a policy; undefined when absent. */
function valueAt(policy: TaskPolicy, field: string): unknown {
  return field.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], policy);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** 「由期限后3个工作日改为5个工作日」: the new value without the words the old one begins with too. */
function fromTo(a: string, b: string): string {
  const shared = ['期限后', '期限前', '每'].find((w) => a.startsWith(w) && b.startsWith(w)) ?? '';
  return `由${a}改为${b.slice(shared.length)}`;
}

/**
 * What changed from one version of an organisation's own task types to another, type by type (in the order they are
 * listed, added ones last) and field by field. A type removed from the organisation's own falls back to the
 * deployment's type of the same name, when there is one, and the sentence says so.
 */
export function diffTaskPolicies(from: TaskPolicy[], to: TaskPolicy[], deployment: TaskPolicies): PolicyChange[] {
  const before = new Map(from.map((t) => [t.type, t]));
  const after = new Map(to.map((t) => [t.type, t]));
  const changes: PolicyChange[] = [];
  for (const old of from) {
    const now = after.get(old.type);
    if (!now) {
      const fallback = deployment.has(old.type) ? '，改用部署的默认规则' : '';
      const text = `删除任务类型“${old.name}”（${old.type}）${fallback}`;
      changes.push({ type: old.type, field: null, change: 'REMOVED', before: old, after: null, text });
      continue;
    }
    for (const [field, { label, value }] of Object.entries(FIELDS)) {
      const [a, b] = [valueAt(old, field), valueAt(now, field)];
      if (same(a, b)) continue;
      const text = `任务类型“${old.name}”的${label}${fromTo(value(a), value(b))}`;
      changes.push({ type: old.type, field, change: 'CHANGED', before: a ?? null, after: b ?? null, text });
    }
  }
  for (const added of to.filter((t) => !before.has(t.type))) {
    const replaces = deployment.has(added.type) ? '，取代部署的同名类型' : '';
    const text = `新增任务类型“${added.name}”（${added.type}）${replaces}`;
    changes.push({ type: added.type, field: null, change: 'ADDED', before: null, after: added, text });
  }
  return changes;
}
