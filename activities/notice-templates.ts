import { fillTemplate, parseTemplate } from '../render/notice-template';
import * as texts from './notification-texts';
import { due, formatDate, list, PROVISIONAL_NOTE, sentence, type NotificationText } from './notification-texts';

/**
 * The task notices whose text the office may edit (issue 22, rule kind `notice-templates`): for each, its name, the
 * variables a template may use, those it must show, and its default template, which writes exactly what the built-in
 * text function writes (test/unit/notice-templates.test.ts holds them equal). Pure: rendering happens in the activity
 * that records the step (activities/task-step.ts), with the organisation's version in force read in that same
 * transaction, so a workflow never reads a template and a replay never renders one again.
 *
 * Variables are named in Chinese (`{工作时限}`): the office writes the template in Chinese and reads it as the
 * notice will read; the API lists each with a label saying what it holds and an example.
 */
interface TemplateKind<I> {
  /** The notice's name as the office knows it. */
  name: string;
  variables: readonly Variable[];
  /** What a template of this kind must show (in its title or body): without it the notice does not do its job. */
  required: readonly Variable[];
  title: string;
  body: string;
  /** The built-in text (what the default writes); used while no version overrides the kind. */
  text: (i: I) => NotificationText;
  /** Each variable's value for one notice. */
  values: (i: NoInfer<I>) => Partial<Record<Variable, string>>;
  /** A notice of the kind as the preview shows it without a task. */
  sample: NoInfer<I>;
}

/** Every variable a template may use, with what it holds (for the editor). */
export const VARIABLE_LABELS = {
  任务名称: '任务的标题',
  工作时限: '工作时限，如“2027年1月29日”；暂定的另注“（暂定）”',
  暂定说明: '工作时限暂定（所涉年度的官方工作日历尚未发布）时说明将如何核定的一句话；否则为空',
  牵头单位: '牵头单位的名称',
  协办单位: '协办单位的名称，以顿号分隔；没有协办单位时为空',
  任务要求: '任务要求，句末带句号；未填写时为空',
  落实标准: '落实标准，句末带句号；未填写时为空',
  签收时限: '签收时限的工作日数，如“1”',
  交办日期: '交办的日期',
  剩余工作日: '距工作时限的工作日数，如“3”',
  反馈日期: '应反馈工作进展的日期',
  节点日期: '序时进度节点的日期',
  节点要求: '该节点应达到的进度；未填写时为空',
  分管领导: '分管领导的姓名；未登记时为空',
  逾期情况: '用于标题：如“逾期3个工作日”，工作时限当日为“已超过工作时限”',
  逾期说明: '用于正文：如“现已逾期3个工作日”，工作时限当日为“现已超过工作时限”',
  提级原因: '提级督办的原因：“挂牌督办事项”“领导批示件”；按级升级时为空',
  督办经过: '此前的督办经过，如“经催办”“经催办并报请分管领导某某督促后”；提级督办时为空',
  报结日期: '报结的日期',
  质量评定: '办结时的质量评定，如“优秀”',
  复核意见: '办结时的复核意见，句末带句号；没有时为空',
  退回理由: '退回理由，多条时编号列出，句末带句号',
  新工作时限: '调整后的工作时限；暂定的另注“（暂定）”',
  原工作时限: '调整前的工作时限',
  申请延至: '申请延至的日期',
  申请理由: '申请的理由，句末带句号',
  目前进展: '申请时报告的目前进展，句末带句号；没有时为空',
  不予批准理由: '不予批准的理由；没有时为空',
  延期理由: '组织协调室决定延期的理由；没有时为空',
  督办意见: '组织协调室的督办意见',
  撤销理由: '撤销的理由，句末带句号',
} as const;

export type Variable = keyof typeof VARIABLE_LABELS;

const kind = <I>(k: TemplateKind<I>) => k;
/**
 * The assignment's input, and what only a template states: the built-in assignment notice never stated the task's
 * requirements and standard (the activity gave it none), so its default does not either, and an office's template may.
 */
type AssignedInput = Parameters<typeof texts.taskAssignedText>[0] & {
  facts?: { requirements?: string; standard?: string };
};
const q = '「{任务名称}」';
/** Sample facts of a task, as the preview shows a notice without a task. */
const TASK = { taskTitle: '开展节日期间作风建设专项检查', dueDate: '2027-01-29', provisional: false };
const LATE = { ...TASK, unitName: '××街道', overdueWorkingDays: 3, leaderName: '×××' };

/** A task's facts as every notice's values start from. */
const task = (i: texts.TaskRef) => ({ 任务名称: i.taskTitle, 工作时限: due(i) });
const stripped = (s: string | undefined) => (s ? s.replace(/[。]$/, '') : '');
const rungOf = (i: Parameters<typeof texts.escalationL2Text>[0]) => ({
  ...task(i),
  牵头单位: i.unitName,
  分管领导: i.leaderName ?? '',
  逾期情况: i.overdueWorkingDays > 0 ? `逾期${i.overdueWorkingDays}个工作日` : '已超过工作时限',
  逾期说明: i.overdueWorkingDays > 0 ? `现已逾期${i.overdueWorkingDays}个工作日` : '现已超过工作时限',
  提级原因: i.raisedAs ?? '',
});
const assigned = (i: AssignedInput) => ({
  ...task(i),
  暂定说明: i.provisional ? PROVISIONAL_NOTE : '',
  任务要求: i.facts?.requirements ? sentence(i.facts.requirements) : '',
  落实标准: i.facts?.standard ? sentence(i.facts.standard) : '',
  签收时限: String(i.signForWorkingDays ?? 1),
});
const ASSIGNED_TAIL =
  '工作时限：{工作时限}。{暂定说明}请于{签收时限}个工作日内签收，按要求抓好落实并定期反馈工作进展。';
const ASSIGNED_SAMPLE = {
  ...TASK,
  facts: { requirements: '对公车使用、公款吃喝开展检查', standard: '形成检查报告' },
  signForWorkingDays: 1,
  leadUnitName: '××街道',
  coUnitNames: ['××镇', '××局'],
};
const DEADLINE: Variable[] = ['任务名称', '工作时限'];

export const NOTICE_TEMPLATE_KINDS = {
  TASK_ASSIGNED_LEAD: kind<AssignedInput>({
    name: '交办（致牵头单位）',
    variables: ['任务名称', '牵头单位', '协办单位', '任务要求', '落实标准', '工作时限', '暂定说明', '签收时限'],
    required: [...DEADLINE, '签收时限'],
    title: '【交办】{任务名称}',
    body: `现将${q}交由你单位牵头办理[，协办单位：{协办单位}]。${ASSIGNED_TAIL}`,
    text: (i) => texts.taskAssignedText({ ...i, role: 'LEAD' }),
    values: (i) => ({ ...assigned(i), 牵头单位: i.leadUnitName ?? '你单位', 协办单位: list(i.coUnitNames ?? []) }),
    sample: ASSIGNED_SAMPLE,
  }),
  TASK_ASSIGNED_CO: kind<AssignedInput>({
    name: '交办（致协办单位）',
    variables: ['任务名称', '牵头单位', '任务要求', '落实标准', '工作时限', '暂定说明', '签收时限'],
    required: [...DEADLINE, '牵头单位', '签收时限'],
    title: '【交办】{任务名称}',
    body:
      `现将${q}交由{牵头单位}牵头办理，你单位为协办单位，请积极配合，并及时向牵头单位报送承办情况。` + ASSIGNED_TAIL,
    text: (i) => texts.taskAssignedText({ ...i, role: 'CO' }),
    values: (i) => ({ ...assigned(i), 牵头单位: i.leadUnitName ?? '牵头单位' }),
    sample: ASSIGNED_SAMPLE,
  }),
  SIGN_FOR_OVERDUE: kind({
    name: '签收超时',
    variables: ['任务名称', '交办日期', '工作时限'],
    required: DEADLINE,
    title: '【签收超时】{任务名称}',
    body: `${q}已于{交办日期}交办，你单位至今未签收，已超过签收时限。请立即签收并组织办理，工作时限为{工作时限}。`,
    text: texts.signForOverdueText,
    values: (i) => ({ ...task(i), 交办日期: formatDate(i.assignedDate) }),
    sample: { ...TASK, assignedDate: '2027-01-04' },
  }),
  REMINDER: kind({
    name: '到期提醒',
    variables: ['任务名称', '工作时限', '剩余工作日'],
    required: DEADLINE,
    title: '【到期提醒】{任务名称}距工作时限还有{剩余工作日}个工作日',
    body:
      `${q}的工作时限为{工作时限}，距工作时限还有{剩余工作日}个工作日。` +
      '请抓紧推进落实，按时报结；确需延期的，请在工作时限届满前提出延期申请。',
    text: texts.reminderBeforeDeadlineText,
    values: (i) => ({ ...task(i), 剩余工作日: String(i.workingDaysLeft) }),
    sample: { ...TASK, workingDaysLeft: 3 },
  }),
  PROGRESS_MISSING: kind({
    name: '进展反馈提醒',
    variables: ['任务名称', '反馈日期', '工作时限'],
    required: DEADLINE,
    title: '【进展反馈提醒】{任务名称}',
    body:
      `按照督办要求，你单位应于{反馈日期}前反馈${q}的工作进展，目前尚未收到。` +
      '该任务已亮黄灯，请尽快报送进展情况。工作时限为{工作时限}。',
    text: texts.progressReportMissingText,
    values: (i) => ({ ...task(i), 反馈日期: formatDate(i.reportDueDate) }),
    sample: { ...TASK, reportDueDate: '2027-01-15' },
  }),
  MILESTONE_MISSED: kind({
    name: '序时进度提醒',
    variables: ['任务名称', '节点日期', '节点要求', '工作时限'],
    required: ['任务名称', '节点日期'],
    title: '【序时进度提醒】{任务名称}',
    body:
      `${q}的序时进度节点（{节点日期}[：{节点要求}]）已到期，目前尚未收到你单位的完成情况，该任务已亮黄灯。` +
      '请抓紧推进，并在进展反馈中注明该节点的完成情况。工作时限为{工作时限}。',
    text: texts.milestoneMissedText,
    values: (i) => ({ ...task(i), 节点日期: formatDate(i.milestoneDate), 节点要求: i.expected }),
    sample: { ...TASK, milestoneDate: '2027-01-15', expected: '完成全面排查' },
  }),
  ESCALATION_L1: kind({
    name: '逾期催办（一级督办）',
    variables: ['任务名称', '牵头单位', '工作时限'],
    required: DEADLINE,
    title: '【逾期催办】{任务名称}',
    body:
      `{牵头单位}牵头承办的${q}工作时限为{工作时限}，至今未报结，已逾期，亮红灯。` +
      '现予催办，请单位主要负责人督促落实，尽快办结报结，并说明逾期原因。逾期仍未报结的，将按规定升级督办。',
    text: texts.overdueL1Text,
    values: (i) => ({ ...task(i), 牵头单位: i.unitName ?? '你单位' }),
    sample: { ...TASK, unitName: '××街道' },
  }),
  ESCALATION_L2: kind({
    name: '升级督办（二级督办，报分管领导）',
    variables: ['任务名称', '牵头单位', '分管领导', '工作时限', '逾期情况', '逾期说明', '督办经过', '提级原因'],
    required: [...DEADLINE, '牵头单位'],
    title: '【升级督办】{牵头单位}承办任务{逾期情况}',
    body:
      `[{分管领导}同志：]由您分管的{牵头单位}牵头承办的${q}，工作时限为{工作时限}，{逾期说明}，{督办经过}仍未报结。` +
      '[该任务为{提级原因}，按规定提级督办。]按照督办升级规定，现报请您督促该单位限期办结。',
    text: texts.escalationL2Text,
    values: (i) => ({ ...rungOf(i), 督办经过: i.raisedAs ? '' : '经催办' }),
    sample: LATE,
  }),
  ESCALATION_L3: kind({
    name: '升级督办（三级督办，报领导小组）',
    variables: ['任务名称', '牵头单位', '分管领导', '工作时限', '逾期情况', '逾期说明', '督办经过', '提级原因'],
    required: [...DEADLINE, '牵头单位'],
    title: '【升级督办·报领导小组】{牵头单位}承办任务{逾期情况}',
    body:
      `{牵头单位}牵头承办的${q}，工作时限为{工作时限}，{逾期说明}，{督办经过}仍未报结。` +
      '[该任务为{提级原因}，按规定提级督办。]按照督办升级规定，现报领导小组，该单位将在下期情况通报中予以通报，' +
      '并移送责任追究（问责移送）。',
    text: texts.escalationL3Text,
    values: (i) => ({
      ...rungOf(i),
      督办经过: i.raisedAs ? '' : `经催办并报请分管领导${i.leaderName ?? ''}督促后`,
    }),
    sample: { ...LATE, overdueWorkingDays: 10 },
  }),
  SUBMITTED: kind({
    name: '报结（致组织协调室）',
    variables: ['任务名称', '牵头单位', '报结日期', '工作时限'],
    required: ['任务名称', '牵头单位'],
    title: `【报结】{牵头单位}报结${q}`,
    body: `{牵头单位}已于{报结日期}报结${q}（工作时限：{工作时限}）。请对照落实标准及时复核，作出办结或退回决定。`,
    text: texts.submittedText,
    values: (i) => ({ ...task(i), 牵头单位: i.unitName, 报结日期: formatDate(i.submittedDate) }),
    sample: { ...TASK, unitName: '××街道', submittedDate: '2027-01-20' },
  }),
  ACCEPTED: kind({
    name: '办结',
    variables: ['任务名称', '质量评定', '复核意见'],
    required: ['任务名称', '质量评定'],
    title: '【办结】{任务名称}',
    body: `你单位报结的${q}经复核，符合落实标准，予以办结，质量评定为“{质量评定}”。[复核意见：{复核意见}]`,
    text: texts.acceptedText,
    values: (i) => ({ ...task(i), 质量评定: i.rating, 复核意见: i.comment ? sentence(i.comment) : '' }),
    sample: { ...TASK, rating: '优秀' },
  }),
  RETURNED: kind({
    name: '退回',
    variables: ['任务名称', '退回理由', '新工作时限'],
    required: ['任务名称', '退回理由', '新工作时限'],
    title: '【退回】{任务名称}',
    body:
      `你单位报结的${q}经复核未达到落实标准，现予退回。退回理由：{退回理由}` +
      '请按要求整改后重新报结，工作时限为{新工作时限}。',
    text: texts.returnedText,
    values: (i) => ({ ...task(i), 退回理由: texts.reasonsOf(i.reasons), 新工作时限: due(i, i.newDueDate) }),
    sample: { ...TASK, reasons: ['检查报告缺少问题清单'], newDueDate: '2027-02-10' },
  }),
  EXTENSION_REQUESTED: kind({
    name: '延期申请（致审批人）',
    variables: ['任务名称', '牵头单位', '工作时限', '申请延至', '申请理由', '目前进展'],
    required: ['任务名称', '牵头单位', '申请延至', '申请理由'],
    title: `【延期申请】{牵头单位}申请延期办理${q}`,
    body:
      `{牵头单位}申请将${q}的工作时限由{工作时限}延至{申请延至}。申请理由：{申请理由}[目前进展：{目前进展}]` +
      '请在原工作时限届满前审核决定。',
    text: texts.extensionRequestedText,
    values: (i) => ({
      ...task(i),
      牵头单位: i.unitName,
      申请延至: formatDate(i.proposedDate),
      申请理由: sentence(i.reason),
      目前进展: i.progress ? sentence(i.progress) : '',
    }),
    sample: { ...TASK, unitName: '××街道', proposedDate: '2027-02-26', reason: '需补充调查取证' },
  }),
  EXTENSION_APPROVED: kind({
    name: '延期已批准',
    variables: ['任务名称', '原工作时限', '新工作时限'],
    required: ['任务名称', '新工作时限'],
    title: '【延期已批准】{任务名称}',
    body:
      `你单位关于${q}的延期申请已批准，工作时限由{原工作时限}调整为{新工作时限}，提醒和督办时间相应顺延。` +
      '请按新的工作时限抓好落实。',
    text: texts.extensionApprovedText,
    values: (i) => ({ ...task(i), 原工作时限: formatDate(i.dueDate), 新工作时限: due(i, i.newDueDate) }),
    sample: { ...TASK, newDueDate: '2027-02-26' },
  }),
  EXTENSION_DENIED: kind({
    name: '延期未批准',
    variables: ['任务名称', '不予批准理由', '工作时限'],
    required: DEADLINE,
    title: '【延期未批准】{任务名称}',
    body:
      `你单位关于${q}的延期申请未予批准[，理由：{不予批准理由}]。` +
      '工作时限仍为{工作时限}，逾期的自原工作时限起计算，请抓紧办理。',
    text: texts.extensionDeniedText,
    values: (i) => ({ ...task(i), 不予批准理由: stripped(i.reason) }),
    sample: { ...TASK, reason: '现有时限内可以完成' },
  }),
  EXTENDED: kind({
    name: '工作时限已延期（组织协调室决定）',
    variables: ['任务名称', '原工作时限', '新工作时限', '延期理由'],
    required: ['任务名称', '新工作时限'],
    title: '【工作时限已延期】{任务名称}',
    body:
      `经组织协调室研究，${q}的工作时限由{原工作时限}调整为{新工作时限}[，理由：{延期理由}]，` +
      '提醒和督办时间相应顺延。请按新的工作时限抓好落实。',
    text: texts.officeExtendedText,
    values: (i) => ({
      ...task(i),
      原工作时限: formatDate(i.dueDate),
      新工作时限: due(i, i.newDueDate),
      延期理由: stripped(i.reason),
    }),
    sample: { ...TASK, newDueDate: '2027-02-26', reason: '上级部署调整' },
  }),
  URGED: kind({
    name: '督办（组织协调室催办）',
    variables: ['任务名称', '牵头单位', '工作时限', '督办意见'],
    required: ['任务名称', '督办意见'],
    title: '【督办】{任务名称}',
    body: `请{牵头单位}抓紧办理${q}（工作时限：{工作时限}）。督办意见：{督办意见}`,
    text: texts.urgedText,
    values: (i) => ({ ...task(i), 牵头单位: i.unitName, 督办意见: i.text }),
    sample: { ...TASK, unitName: '××街道', text: '请于本周内报送进展' },
  }),
  CANCELLED: kind({
    name: '撤销',
    variables: ['任务名称', '撤销理由'],
    required: ['任务名称', '撤销理由'],
    title: '【撤销】{任务名称}',
    body: `${q}已由组织协调室撤销，撤销理由：{撤销理由}相关单位无需继续办理。`,
    text: texts.cancelledText,
    values: (i) => ({ ...task(i), 撤销理由: sentence(i.reason) }),
    sample: { ...TASK, reason: '任务已由上级统一部署' },
  }),
} as const;

export type NoticeTemplateKind = keyof typeof NOTICE_TEMPLATE_KINDS;
export const NOTICE_TEMPLATE_KIND_IDS = Object.keys(NOTICE_TEMPLATE_KINDS) as NoticeTemplateKind[];
type InputOf<K extends NoticeTemplateKind> = Parameters<(typeof NOTICE_TEMPLATE_KINDS)[K]['values']>[0];

/** One template the office wrote, overriding its kind's default. */
export interface NoticeTemplate {
  kind: string;
  title: string;
  body: string;
}

/** The content of a version: the templates the office overrides; a kind left out keeps its default. */
export interface NoticeTemplatesContent {
  templates: NoticeTemplate[];
}

/** Version 0 of every organisation: no template overridden, every notice as built in. */
export const DEFAULT_NOTICE_TEMPLATES: NoticeTemplatesContent = { templates: [] };

/** A notice's values, every variable of its kind there (empty when the notice has none). */
export function valuesOf<K extends NoticeTemplateKind>(kind: K, input: InputOf<K>): Record<string, string> {
  const def = NOTICE_TEMPLATE_KINDS[kind] as unknown as TemplateKind<InputOf<K>>;
  const values: Record<string, string> = Object.fromEntries(def.variables.map((v) => [v, '']));
  return { ...values, ...def.values(input) };
}

/**
 * The text of one notice: the organisation's template of its kind when `content` overrides it, the built-in text
 * otherwise (exactly what the default template writes).
 */
export function noticeText<K extends NoticeTemplateKind>(
  kind: K,
  input: InputOf<K>,
  content: NoticeTemplatesContent = DEFAULT_NOTICE_TEMPLATES,
): NotificationText {
  const own = content.templates.find((t) => t.kind === kind);
  const def = NOTICE_TEMPLATE_KINDS[kind] as unknown as TemplateKind<InputOf<K>>;
  const [title, body] = own ? [parseTemplate(own.title), parseTemplate(own.body)] : [];
  // A version was checked when published; should one not parse all the same, the notice still goes, as built in.
  if (!title || !body || 'problems' in title || 'problems' in body) return def.text(input);
  const values = valuesOf(kind, input);
  return { title: fillTemplate(title.tokens, values), body: fillTemplate(body.tokens, values) };
}

/** A kind's default template filled in (for the test that holds it equal to the built-in text). */
export function defaultNoticeText<K extends NoticeTemplateKind>(kind: K, input: InputOf<K>): NotificationText {
  const def = NOTICE_TEMPLATE_KINDS[kind];
  return noticeText(kind, input, { templates: [{ kind, title: def.title, body: def.body }] });
}
