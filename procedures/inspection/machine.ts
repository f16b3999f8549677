import { withFilesOn } from '../kernel/files';
import { byRole, defineProcedure, nonBlank, refuse, refuseWhen, type Guard, type Step } from '../kernel/machine';
import type { Recipient } from '../kernel/recipients';
import type { Actor, TaskInput } from '../task/messages';
import * as im from './messages';
import type { InspectionInput, InspectionReport, InspectionStatus } from './messages';
import { personRef, unitRef } from '../kernel/named-refs';
import { clip, countSeverities, dateText, severityText } from './texts';

/** A step the round records: the kernel's step with the unit it names, who reads it, its notice and report. */
export type InspectionStep = Step & {
  unitId?: string;
  /** Who reads the timeline entry: everyone, the unit it names, or the office only. */
  scope?: 'ALL' | 'UNIT' | 'OFFICE';
  notice?: { title: string; body: string; recipients: Recipient[] };
  /** For a timer's step: the instant it was due. */
  at?: string;
  report?: InspectionReport;
};

/**
 * The inspection round (检查督办) as a state machine, DOMAIN.md "The annual cycle" step 4: units in scope file their
 * self-check once (a second time only to replace it before the deadline); the office records each unit's findings
 * once, until it closes the findings.
 */
export interface InspectionMachine {
  status: InspectionStatus;
  input: InspectionInput;
  /** False until the notice is in the read model. */
  recorded: boolean;
}

type G<I> = Guard<InspectionMachine, I>;
const unitOf = (m: InspectionMachine, unitId: string) => m.status.units.find((u) => u.unitId === unitId);
const notYet = (text: string): G<{ actor: Actor }> => refuseWhen('NOT_READY', ({ state }) => !state.recorded, text);
const pastSelfCheckDue = (m: InspectionMachine, now: number) => now >= Date.parse(m.status.selfCheckDueAt!);

const selfCheckOnceAfterDue: G<im.FileSelfCheckInput> = ({ state, actor, now }) => {
  if (!pastSelfCheckDue(state, now)) return null;
  const filed = unitOf(state, actor.unitId)?.selfCheck;
  if (filed === 'FILED') return refuse('WRONG_STATE', '自查报告已按时报送，报送截止后不能修改');
  if (filed === 'LATE') return refuse('WRONG_STATE', '自查报告已补报，不能重复报送');
  return null;
};

const findingsWellFormed: G<im.RecordFindingsInput> = ({ input }) => {
  for (const f of input.findings) {
    if (!(f.severity in im.SEVERITY_LABEL)) return refuse('INVALID', '问题严重程度须为一般、较重或严重');
    if (!f.description || !f.description.trim()) return refuse('INVALID', '问题描述不能为空');
    if (!f.requirement || !f.requirement.trim()) return refuse('INVALID', '整改要求不能为空');
    if ((f.dueDate === undefined) === (f.workingDays === undefined)) {
      return refuse('INVALID', '整改时限须为日期或工作日数，二者选一');
    }
  }
  return null;
};

export const inspectionProcedure = defineProcedure({
  kind: 'inspections',
  states: ['SELF_CHECK', 'INSPECTING', 'RECTIFYING', 'CLOSED'],
  stateOf: (m: InspectionMachine) => m.status.state,
  actions: {
    fileSelfCheck: {
      update: im.fileSelfCheck,
      from: ['SELF_CHECK', 'INSPECTING', 'RECTIFYING'],
      by: ['UNIT'],
      guards: [
        notYet('检查通知正在发出，请稍后再报送'),
        byRole('UNIT', '自查报告由被检查单位报送'),
        refuseWhen(
          'NOT_ALLOWED',
          ({ state, actor }) => !unitOf(state, actor.unitId),
          '本单位不在本轮检查范围内，无需报送自查报告',
        ),
        refuseWhen('WRONG_STATE', ({ state }) => state.status.state === 'CLOSED', '本轮检查已结束，不再受理自查报告'),
        selfCheckOnceAfterDue,
        nonBlank((i: im.FileSelfCheckInput) => i.report, '自查报告'),
      ],
    },
    recordFindings: {
      update: im.recordFindings,
      from: ['SELF_CHECK', 'INSPECTING'],
      by: ['OFFICE'],
      guards: [
        notYet('检查通知正在发出，请稍后再录入'),
        byRole('OFFICE', '检查发现问题由组织协调室录入'),
        refuseWhen(
          'WRONG_STATE',
          ({ state }) => !!state.status.findingsClosedAt,
          '本轮检查的问题录入已经结束，不能再录入',
        ),
        refuseWhen(
          'INVALID',
          ({ state, input }: { state: InspectionMachine; input: im.RecordFindingsInput }) =>
            !unitOf(state, input.unitId),
          '该单位不在本轮检查范围内',
        ),
        ({ state, input }: { state: InspectionMachine; input: im.RecordFindingsInput }) => {
          const unit = unitOf(state, input.unitId)!;
          return !!unit.findingsRecordedAt && refuse('WRONG_STATE', `${unit.unitName}的检查结果已录入，不能重复录入`);
        },
        refuseWhen(
          'INVALID',
          ({ input }: { input: im.RecordFindingsInput }) => input.findings.length > im.MAX_FINDINGS_PER_UNIT,
          `一个单位一次录入的问题不超过${im.MAX_FINDINGS_PER_UNIT}个`,
        ),
        nonBlank((i: im.RecordFindingsInput) => i.leaderId, '分管领导'),
        findingsWellFormed,
      ],
    },
    inviteObservers: {
      update: im.inviteObservers,
      from: ['SELF_CHECK', 'INSPECTING', 'RECTIFYING'],
      by: ['OFFICE'],
      guards: [
        notYet('检查通知正在发出，请稍后再邀请'),
        byRole('OFFICE', '监督员由组织协调室邀请'),
        refuseWhen('WRONG_STATE', ({ state }) => state.status.state === 'CLOSED', '本轮检查已结束，不能再邀请监督员'),
        refuseWhen(
          'INVALID',
          ({ input }: { input: im.InviteObserversInput }) => input.personIds.length === 0,
          '请至少邀请一名监督员',
        ),
      ],
    },
    observe: {
      update: im.observe,
      from: ['SELF_CHECK', 'INSPECTING', 'RECTIFYING'],
      by: ['OBSERVER'],
      guards: [
        notYet('检查通知正在发出，请稍后再提出'),
        byRole('OBSERVER', '观察意见由受邀的监督员提出'),
        refuseWhen(
          'NOT_ALLOWED',
          ({ state, actor }) => !(state.status.observers ?? []).some((o) => o.personId === actor.personId),
          '您未受邀参加本轮检查',
        ),
        refuseWhen('WRONG_STATE', ({ state }) => state.status.state === 'CLOSED', '本轮检查已结束，不再受理观察意见'),
        refuseWhen(
          'INVALID',
          ({ state, input }: { state: InspectionMachine; input: im.ObserveInput }) => !unitOf(state, input.unitId),
          '该单位不在本轮检查范围内',
        ),
        nonBlank((i: im.ObserveInput) => i.text, '观察意见'),
      ],
    },
    closeFindings: {
      update: im.closeFindings,
      from: ['SELF_CHECK', 'INSPECTING'],
      by: ['OFFICE'],
      guards: [
        notYet('检查通知正在发出，请稍后再办理'),
        byRole('OFFICE', '问题录入由组织协调室结束'),
        refuseWhen('WRONG_STATE', ({ state }) => !!state.status.findingsClosedAt, '本轮检查的问题录入已经结束'),
      ],
    },
  },
});

/** A unit files (or, before the deadline, replaces) its self-check report. */
export function selfCheckStep(
  m: InspectionMachine,
  { actor, report, attachments }: im.FileSelfCheckInput,
  now: number,
): InspectionStep {
  const unit = unitOf(m, actor.unitId)!;
  const late = pastSelfCheckDue(m, now);
  const replaced = unit.selfCheck === 'FILED';
  unit.selfCheck = late ? 'LATE' : 'FILED';
  unit.report = report.trim();
  unit.filedBy = actor.personId;
  unit.filedAt = new Date(now).toISOString();
  const note = late ? '（逾期补报）' : replaced ? '（重新报送，以此为准）' : '';
  const step: InspectionStep = {
    kind: 'SELF_CHECK_FILED',
    message: `${unit.unitName}报送自查报告${note}`,
    actor,
    action: 'inspection.selfCheck',
    payload: { unitId: unit.unitId, late },
    unitId: unit.unitId,
  };
  return withFilesOn(step, attachments);
}

/** A unit's findings, each a rectification task (整改) of the unit that the workflow then starts. */
export function findingsEffect(
  m: InspectionMachine,
  { actor, unitId, findings, leaderId, policy, attachments }: im.RecordFindingsInput,
  now: number,
): { step: InspectionStep; tasks: TaskInput[] } {
  const { input, status } = m;
  const unit = unitOf(m, unitId)!;
  const at = new Date(now).toISOString();
  unit.findingsRecordedAt = at;
  const tasks: TaskInput[] = findings.map((f, i) => ({
    taskId: im.rectificationTaskId(input.roundId, unitId, i + 1),
    orgId: input.orgId,
    title: `【整改】${unit.unitName}：${clip(f.description.trim(), 60)}`,
    leadUnitId: unitId,
    coUnitIds: [],
    leaderId,
    requirements: `${f.requirement.trim()}\n（${input.title}发现问题，${im.SEVERITY_LABEL[f.severity]}：${f.description.trim()}）`,
    standard: '问题整改到位，整改情况报告及佐证材料经组织协调室复核销号',
    limit: f.dueDate ? { kind: 'DATE', date: f.dueDate } : { kind: 'WORKING_DAYS', days: f.workingDays ?? 1 },
    policy,
    assignedAt: at,
    cycleId: input.cycleId,
    createdBy: actor.personId,
    actor,
  }));
  findings.forEach((f, i) => {
    status.findings.push({
      unitId,
      seq: i + 1,
      severity: f.severity,
      description: f.description.trim(),
      requirement: f.requirement.trim(),
      taskId: tasks[i]!.taskId,
      recordedBy: actor.personId,
      recordedAt: at,
    });
  });
  const list = findings
    .map(
      (f, i) => `${i + 1}. [${im.SEVERITY_LABEL[f.severity]}] ${f.description.trim()}（整改任务${tasks[i]!.taskId}）`,
    )
    .join('\n');
  const ref = `（检查编号${input.roundId}）`;
  return {
    tasks,
    step: withFilesOn<InspectionStep>(
      {
        kind: 'FINDINGS_RECORDED',
        message:
          findings.length === 0
            ? `录入${unit.unitName}检查结果：未发现问题`
            : `录入${unit.unitName}检查发现问题${findings.length}个（${severityText(countSeverities(findings))}），逐项交办整改`,
        actor,
        action: 'inspection.findings',
        payload: { unitId, findings, leaderId },
        unitId,
        notice: {
          title: `【检查反馈】${input.title}`,
          body:
            findings.length === 0
              ? `${input.title}对贵单位的检查未发现问题${ref}。`
              : `${input.title}对贵单位检查发现问题${findings.length}个，已逐项作为整改任务交办，请按整改要求和时限落实：\n${list}`,
          recipients: [{ kind: 'UNIT', unitId }],
        },
      },
      attachments,
    ),
  };
}

/** Members of the supervision network invited into the round (at its definition or while it runs). */
export function observersInvitedStep(
  m: InspectionMachine,
  actor: Actor | null,
  personIds: string[],
  at: string,
): InspectionStep {
  const observers = (m.status.observers ??= []);
  const added = [...new Set(personIds)].filter((p) => !observers.some((o) => o.personId === p));
  for (const personId of added) observers.push({ personId, invitedBy: actor?.personId ?? null, invitedAt: at });
  const units = m.status.units.map((u) => u.unitName).join('、');
  return {
    kind: 'OBSERVERS_INVITED',
    message: added.length ? `邀请监督员${added.map(personRef).join('、')}参加本轮检查` : '所邀监督员均已参加本轮检查',
    actor: actor ?? undefined,
    action: actor ? 'inspection.invite' : undefined,
    payload: { personIds: added },
    scope: 'OFFICE',
    notice: added.length
      ? {
          title: `【邀请参加检查】${m.input.title}`,
          body:
            `诚邀您参加${m.input.title}（检查编号${m.input.roundId}）。检查单位：${units}；` +
            `自查报告${dateText(m.input.selfCheckDueDate)}前报送，检查至${dateText(m.input.findingsDueDate)}。` +
            `您可在工作台查看本轮检查内容，并就检查单位提出观察意见。`,
          recipients: added.map((personId): Recipient => ({ kind: 'PERSON', personId })),
        }
      : undefined,
  };
}

/**
 * An invited member's observation about one unit: on the office's timeline with the member's name; the unit reads the
 * observation in the round's details without it (the timeline entry is the office's, not the unit's).
 */
export function observedStep(
  m: InspectionMachine,
  { actor, unitId, text }: im.ObserveInput,
  now: number,
): InspectionStep {
  const observations = (m.status.observations ??= []);
  const at = new Date(now).toISOString();
  const seq = observations.length + 1;
  observations.push({ seq, unitId, personId: actor.personId, text: text.trim(), at });
  return {
    kind: 'OBSERVED',
    message: `监督员${personRef(actor.personId)}就${unitRef(unitId)}提出观察意见：${clip(text.trim(), 80)}`,
    actor,
    action: 'inspection.observe',
    payload: { unitId, seq },
    scope: 'OFFICE',
    notice: {
      title: `【监督员观察意见】${m.input.title}`,
      body: `监督员就${unitRef(unitId)}提出观察意见（检查编号${m.input.roundId}）：${text.trim()}`,
      recipients: [{ kind: 'OFFICE', orgId: m.input.orgId }],
    },
  };
}

/** The findings are closed, by the office or at their due date: the round rectifies from here. */
export function findingsClosedStep(m: InspectionMachine, actor: Actor | null, at: string): InspectionStep {
  const { status } = m;
  status.findingsClosedAt = at;
  if (status.state !== 'CLOSED') status.state = 'RECTIFYING';
  const missing = status.units.filter((u) => !u.findingsRecordedAt).length;
  const how = actor ? '组织协调室结束问题录入' : '问题录入时限已到，录入结束';
  return {
    kind: 'FINDINGS_CLOSED',
    message:
      `${how}：共发现问题${status.findings.length}个，交办整改任务${status.findings.length}项` +
      (missing > 0 ? `；${missing}个单位未录入检查结果` : ''),
    actor: actor ?? undefined,
    action: actor ? 'inspection.closeFindings' : undefined,
    scope: 'OFFICE',
    at,
  };
}
