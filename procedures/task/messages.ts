import { defineQuery, defineSignal, defineUpdate } from '../kernel/definitions';
import type { AttachedFile } from '../kernel/files';
import type { SubTaskView } from './cascade';
import type { TaskAssignment } from './views';
import type { Schedule } from './rules';
import type { Milestone, MilestonePlan, SetMilestonesInput } from './milestones';

/**
 * States of a supervised task (DOMAIN.md "The supervised task"): assigned (交办) → signed for (签收) → in
 * progress (办理) → submitted (报结) → accepted (办结); returned work goes back to in progress. Cancelled (撤销)
 * ends it early. Lateness is not a state: it is the light and the escalation rung.
 */
export type TaskState = 'ASSIGNED' | 'SIGNED' | 'IN_PROGRESS' | 'SUBMITTED' | 'ACCEPTED' | 'CANCELLED';
/** PAUSED: the office approved a pause (挂账/中止计时); no reminder, light change or rung until it resumes. */
export type TrafficLight = 'GREEN' | 'YELLOW' | 'RED' | 'NONE' | 'PAUSED';
export type QualityRating = 'EXCELLENT' | 'GOOD' | 'FAIR' | 'POOR';

/** Who asked for an action, carried into the workflow so its activity can audit it completely. */
export interface Actor {
  personId: string;
  roles: string[];
  /** The unit the person belongs to: the workflow checks it against the task's units. */
  unitId: string;
  /** The token (or identity-provider credential) the request carried. */
  credentialId: string;
  requestId: string;
  /**
   * The deputy who acts for this person while they are away (请假与代理): guards decide on the person, the
   * timeline and the audit log name the deputy.
   */
  deputyId?: string;
}

/** The supervision policy of a task type (config/task-policies.yaml); offsets in working days. */
export interface TaskPolicy {
  type: string;
  name: string;
  signForWorkingDays: number;
  remindWorkingDaysBefore: number[];
  yellowWithinWorkingDays: number;
  progressEveryWorkingDays: number | null;
  escalation: { l2AfterWorkingDays: number; l3AfterWorkingDays: number };
  extensionDecidedBy: 'OFFICE' | 'LEADER';
  /**
   * Pause (挂账): the limit the office grants when it names none, and the most it may grant, in working days. Absent in
   * the policy of a task assigned before pauses existed: `PAUSE_DEFAULTS` then.
   */
  pause?: { defaultWorkingDays: number; maxWorkingDays: number };
  /**
   * 批示件: the rung a leader's written instruction of each severity starts the ladder at, at the deadline. Absent in
   * the policy of a task assigned before severities existed: `SEVERITY_START_RUNG` then.
   */
  severityStartRung?: Record<InstructionSeverity, 1 | 2 | 3>;
  /**
   * A submission (报结) carries at least one file (佐证材料) unless the office waived it for the task. Absent or false by
   * default: the rules against formalism (基层减负) ask for no paperwork the work does not need.
   */
  requireEvidence?: boolean;
}

/**
 * The severity of a leader's written instruction (批示件), by the instructing leader's level: a district leader's
 * (区领导批示), a municipal leader's (市领导批示), a provincial or higher leader's (省级及以上领导批示).
 */
export type InstructionSeverity = 'DISTRICT' | 'MUNICIPAL' | 'PROVINCIAL';
export const INSTRUCTION_SEVERITIES: readonly InstructionSeverity[] = ['DISTRICT', 'MUNICIPAL', 'PROVINCIAL'];
/** The defaults (README "批示件"): an instruction starts one rung up (二级督办 at the deadline), a provincial one at 三级督办. */
export const SEVERITY_START_RUNG = { DISTRICT: 2, MUNICIPAL: 2, PROVINCIAL: 3 } as const;

/** The leader's written instruction (批示件) a task was created from, as the office recorded it. */
export interface Instruction {
  severity: InstructionSeverity;
  /** Who gave it (批示领导), e.g. 「区委书记」. */
  by: string;
  /** What it says (批示内容), when recorded. */
  text?: string;
}

/**
 * Named supervision (挂牌督办) as it stands: marked by the office at creation or later, lifted (摘牌) by it, with who
 * did the last of these and why. Every rung that falls due within a period of it goes one level higher.
 */
export interface Supervision {
  named: boolean;
  by: string;
  reason: string;
  /** Each period under named supervision, oldest first; the last is open (no `until`) while marked. */
  periods: { since: string; until?: string }[];
}

/** DOMAIN.md "Pause": 20 working days unless the office says otherwise, never more than 60. */
export const PAUSE_DEFAULTS = { defaultWorkingDays: 20, maxWorkingDays: 60 } as const;

/** Why the clock should stop (挂账事由): waiting on a higher authority, a court, a budget, or something else named. */
export type PauseCategory = 'HIGHER_AUTHORITY' | 'COURT' | 'BUDGET' | 'OTHER';
export const PAUSE_CATEGORIES: readonly PauseCategory[] = ['HIGHER_AUTHORITY', 'COURT', 'BUDGET', 'OTHER'];

/**
 * One pause of a task, from the unit's request to its resumption. `decision` absent: awaiting the office; APPROVED
 * without `resumedAt`: the clock stands still until `until` (the limit, on the working-day calendar) at the latest.
 */
export interface PauseRecord {
  seq: number;
  category: PauseCategory;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  decision?: 'APPROVED' | 'DENIED';
  decidedBy?: string;
  decidedAt?: string;
  comment?: string;
  limitWorkingDays?: number;
  until?: string;
  resumedAt?: string;
  resumedBy?: string | null;
  /** Working days the clock stood still: the deadline and the timers moved by as many. */
  pausedWorkingDays?: number;
}

/**
 * A refusal (退单) by a unit of a task it believes is not its duty, naming the unit it believes responsible.
 * `ruling` absent: awaiting the office's arbitration (the sign-for clock stands still meanwhile).
 */
export interface RefusalRecord {
  unitId: string;
  proposedUnitId: string;
  reason: string;
  refusedBy: string;
  refusedAt: string;
  ruling?: 'REASSIGN' | 'INSIST';
  ruledBy?: string;
  ruledAt?: string;
  rulingReason?: string;
}

/** The time limit (工作时限): a local date (ends 24:00 Asia/Shanghai), or N working days from assignment. */
export type TimeLimit = { kind: 'DATE'; date: string } | { kind: 'WORKING_DAYS'; days: number };

/** The four-in-place (四到位) of a task and its policy, as it is started. */
export interface TaskInput extends TaskAssignment {
  taskId: string;
  /** Cascade (三级联动): the task this one is a village's sub-task of; it is told each step's state and light. */
  parentTaskId?: string;
  /** The parent's lead unit (a town or department): it sees the sub-task as it sees its own tasks. */
  parentLeadUnitId?: string;
  orgId: string;
  limit: TimeLimit;
  policy: TaskPolicy;
  /** When the office assigned it (the API's clock); working-day limits count from this day. */
  assignedAt: string;
  cycleId: string | null;
  /** The plan goal (目标) the task serves, for tasks decomposed from an annual plan. */
  goalId?: string | null;
  createdBy: string;
  /** The office member who assigned it; `createdBy` is their person id. */
  actor: Actor;
  /**
   * The task's first timers, when its starter worked them out already (a cycle's decomposition does, a batch at a
   * time on one reading of the calendar): the task then starts without asking for them.
   */
  schedule?: Schedule;
  /**
   * Imported by the office (补录): a task assigned before Heli, whose limit may have passed already. A lapse before
   * the import is never escalated; limits set afterwards (an extension, a return) are supervised as usual.
   */
  historical?: boolean;
  /** Milestones (序时进度) set at creation, in the office's order; the workflow numbers them by date. */
  milestones?: MilestonePlan[];
  /** Created from a leader's written instruction (批示件): its severity starts the ladder higher. */
  instruction?: Instruction;
  /** Marked for named supervision (挂牌督办) from the start, with the office's reason. */
  namedSupervision?: { reason: string };
}

export interface ExtensionRequest {
  seq: number;
  requestedBy: string;
  reason: string;
  proposedDate: string;
  progress: string;
  requestedAt: string;
}

/** Everything the workflow knows of a task: the query's answer and the read model's source. */
export interface TaskStatus {
  taskId: string;
  state: TaskState;
  light: TrafficLight;
  leadUnitId: string;
  coUnitIds: string[];
  leaderId: string;
  /** The deadline in force (an approved extension or a return moves it) and the one first set. */
  dueDate: string | undefined;
  originalDueDate: string | undefined;
  dueAt: string | undefined;
  /** True while a date lies in a year whose official calendar is not loaded yet. */
  provisional: boolean;
  /** Highest escalation rung reached for the deadline in force: 0 none, 1–3 L1–L3. */
  rung: 0 | 1 | 2 | 3;
  signedAt: string | null;
  lastProgressAt: string | null;
  submittedAt: string | null;
  acceptedAt: string | null;
  rating: QualityRating | null;
  /** Working days between the deadline and submission, counted from the deadline not moved by a return. */
  lateWorkingDays: number;
  coUnitReports: Record<string, string>;
  coUnitGateOverridden: boolean;
  pendingExtension: ExtensionRequest | null;
  extensionsApproved: number;
  extensionsDenied: number;
  returns: number;
  urgings: number;
  /** Every pause asked for, decided and resumed (挂账), oldest first. */
  pauses: PauseRecord[];
  /** Working days the clock stood still over all pauses: excluded from lateness and from the score. */
  pausedWorkingDays: number;
  /** Every refusal (退单) and the office's ruling on it, oldest first. */
  refusals: RefusalRecord[];
  /**
   * The person each unit named to handle the task (承办人), by unit: their notices go to the handler with the unit's
   * head. Absent on a status recorded before handlers existed.
   */
  handlers?: Record<string, string>;
  /** Cascade (三级联动): the sub-tasks as they last told, by creation; absent on a task never split. */
  subtasks?: SubTaskView[];
  /** The office let the lead unit submit before its villages' sub-tasks were done (recorded with its reason). */
  subtasksOverridden?: boolean;
  /** Milestones (序时进度), planned against actual, in date order; absent on a task recorded before they existed. */
  milestones?: Milestone[];
  /** 批示件: the instruction and the rung its severity starts the ladder at (its policy's, when assigned). */
  instruction?: Instruction & { startRung: 1 | 2 | 3 };
  /** 挂牌督办: absent on a task never marked. */
  supervision?: Supervision;
  /** The office let the lead unit submit without the evidence the type requires: who, when and why. */
  evidenceWaived?: { by: string; at: string; reason: string };
  /** Monotonic: the read model keeps the highest version it has seen, so replays never regress it. */
  version: number;
}

/** A file given with an action (佐证材料): uploaded to the task beforehand, bound to the step that records it. */
export type { AttachedFile };

export interface ActionInput {
  actor: Actor;
  /**
   * Files given with the action (progress, co-unit reports, submission, extension and pause requests, comments): the
   * API checked each is the caller's own upload to this task and not yet given with another step.
   */
  attachments?: AttachedFile[];
}
export type SignForInput = ActionInput;
export interface ReportProgressInput extends ActionInput {
  text: string;
  percent?: number;
  /** The milestone (序时进度) the report answers: reported by its day, it is met. */
  milestoneId?: string;
}
export interface CoUnitReportInput extends ActionInput {
  text: string;
}
export interface SubmitInput extends ActionInput {
  summary: string;
}
export interface AcceptInput extends ActionInput {
  rating: QualityRating;
  comment?: string;
}
export interface ReturnInput extends ActionInput {
  reasons: string;
  newDueDate?: string;
}
export interface RequestExtensionInput extends ActionInput {
  reason: string;
  proposedDate: string;
  progress: string;
}
export interface DecideExtensionInput extends ActionInput {
  approve: boolean;
  comment?: string;
}
export interface CancelTaskInput extends ActionInput {
  reason: string;
}
export interface ReassignInput extends ActionInput {
  leadUnitId: string;
  coUnitIds: string[];
  leaderId: string;
  reason: string;
}
export interface CommentInput extends ActionInput {
  text: string;
}
export interface OverrideCoUnitsInput extends ActionInput {
  reason: string;
}

export interface RequestPauseInput extends ActionInput {
  category: PauseCategory;
  reason: string;
}
export interface DecidePauseInput extends ActionInput {
  approve: boolean;
  /** Working days; the policy's default when absent. */
  limitWorkingDays?: number;
  /** Required when refusing: why. */
  comment?: string;
}
export interface ResumeInput extends ActionInput {
  comment?: string;
}
export interface RefuseTaskInput extends ActionInput {
  /** The unit the refusing unit believes responsible. */
  proposedUnitId: string;
  reason: string;
}
/** A unit of the task names the person of theirs who handles it (承办人), or another in their place. */
export interface NameHandlerInput extends ActionInput {
  handlerId: string;
}
/** The office urges an open task by hand (督办/催办): a text to the lead unit, and to its leader if asked. */
export interface UrgeInput extends ActionInput {
  text: string;
  /** Copy the urging to the task's responsible leader too (抄送分管领导). */
  toLeader?: boolean;
}
/** The office itself sets a later time limit (延期, issue 20 item 7): moved like an approved extension. */
export interface ExtendTaskInput extends ActionInput {
  newDueDate: string;
  reason: string;
}
/** The office lets the lead unit submit while village sub-tasks (三级联动) are still open. */
export interface OverrideSubtasksInput extends ActionInput {
  reason: string;
}
/** The office lets the lead unit submit without evidence although the task's type requires it (免予提交佐证材料). */
export interface WaiveEvidenceInput extends ActionInput {
  reason: string;
}
/** The office marks the task for named supervision (挂牌督办), or lifts it (摘牌), with its reason. */
export interface SuperviseInput extends ActionInput {
  named: boolean;
  reason: string;
}
export interface ArbitrateRefusalInput extends ActionInput {
  ruling: 'REASSIGN' | 'INSIST';
  reason: string;
  /** For REASSIGN: the new lead unit (the one the refusal named by default), co-units and leader (unchanged by default). */
  leadUnitId?: string;
  coUnitIds?: string[];
  leaderId?: string;
}

export const getTaskStatus = defineQuery<TaskStatus>('getTaskStatus');
/**
 * Completes once the task is in the read model. Sent with the start (update-with-start), it lets the API
 * answer 201 only when the task can already be read back.
 */
export const taskRecorded = defineUpdate<TaskStatus>('taskRecorded');
export const signFor = defineUpdate<TaskStatus, [SignForInput]>('signFor');
export const reportProgress = defineUpdate<TaskStatus, [ReportProgressInput]>('reportProgress');
export const coUnitReport = defineUpdate<TaskStatus, [CoUnitReportInput]>('coUnitReport');
export const submitTask = defineUpdate<TaskStatus, [SubmitInput]>('submitTask');
export const acceptTask = defineUpdate<TaskStatus, [AcceptInput]>('acceptTask');
export const returnTask = defineUpdate<TaskStatus, [ReturnInput]>('returnTask');
export const requestExtension = defineUpdate<TaskStatus, [RequestExtensionInput]>('requestExtension');
export const decideExtension = defineUpdate<TaskStatus, [DecideExtensionInput]>('decideExtension');
/** The office withdraws a task (撤销). Rejected once the task is closed. */
export const cancelTask = defineUpdate<TaskStatus, [CancelTaskInput]>('cancelTask');
export const reassignTask = defineUpdate<TaskStatus, [ReassignInput]>('reassignTask');
export const commentOnTask = defineUpdate<TaskStatus, [CommentInput]>('commentOnTask');
export const overrideCoUnitGate = defineUpdate<TaskStatus, [OverrideCoUnitsInput]>('overrideCoUnitGate');
/** The lead unit asks to stop the clock (挂账/中止计时) for a reason outside its control. */
export const requestPause = defineUpdate<TaskStatus, [RequestPauseInput]>('requestPause');
/** The office approves the pause with a limit in working days, or refuses it with a reason. */
export const decidePause = defineUpdate<TaskStatus, [DecidePauseInput]>('decidePause');
/** The clock runs again, on the office's word or the unit's: deadline and timers move by the paused working days. */
export const resumeTask = defineUpdate<TaskStatus, [ResumeInput]>('resumeTask');
/** Within the sign-for limit the lead unit refuses the task (退单), naming the unit it believes responsible. */
export const refuseTask = defineUpdate<TaskStatus, [RefuseTaskInput]>('refuseTask');
/** The office arbitrates a refusal: reassign the task (it moves with its history) or insist (it stands). */
export const arbitrateRefusal = defineUpdate<TaskStatus, [ArbitrateRefusalInput]>('arbitrateRefusal');
/** The lead unit or a co-organising unit names its handler of the task (承办人); a later naming replaces it. */
export const nameHandler = defineUpdate<TaskStatus, [NameHandlerInput]>('nameHandler');
/** The office sets the task's milestones (序时进度) from now on; those met or judged stay. */
export const setMilestones = defineUpdate<TaskStatus, [SetMilestonesInput]>('setMilestones');
/** The office urges the task by hand (督办/催办); refused on a closed task. */
export const urgeTask = defineUpdate<TaskStatus, [UrgeInput]>('urgeTask');
/** The office itself extends the time limit (延期); every timer moves as with an approved extension. */
export const extendTask = defineUpdate<TaskStatus, [ExtendTaskInput]>('extendTask');
/** The office lets the lead unit submit before the villages' sub-tasks are done (三级联动), with a reason. */
export const overrideSubtasks = defineUpdate<TaskStatus, [OverrideSubtasksInput]>('overrideSubtasks');
/** The office marks the task for named supervision (挂牌督办) or lifts it (摘牌): later rungs go one level higher. */
export const superviseTask = defineUpdate<TaskStatus, [SuperviseInput]>('superviseTask');
export const waiveEvidence = defineUpdate<TaskStatus, [WaiveEvidenceInput]>('waiveEvidence');
/** A new official calendar table was loaded: recompute the deadline (if provisional) and every timer. */
export const calendarChanged = defineSignal<[{ year: number }]>('calendarChanged');

/**
 * The office published a version of the task types and chose to apply it to running tasks too (issue 22): the task
 * takes the new policy of its type, its timers still ahead are planned again, and its timeline says what moved.
 */
export interface AppliedPolicy {
  /** The version of the organisation's task types (rule_versions). */
  version: number;
  policy: TaskPolicy;
  reason: string;
  /** The office member who published it. */
  by: string;
  /** What changed in the task's type, each in a sentence (config/task-policy-diff.ts). */
  changes: string[];
}
export const policyChanged = defineSignal<[AppliedPolicy]>('policyChanged');

/** Deterministic workflow id of a task: one workflow per task, whoever starts it and however often. */
export const taskWorkflowId = (taskId: string): string => `task:${taskId}`;
/**
 * Cascade (三级联动): a sub-task tells its parent its state and light whenever it records a step; the parent keeps the
 * latest per sub-task and rolls its light up from them.
 */
export const subTaskChanged = defineSignal<[SubTaskView]>('subTaskChanged');

/** Every kind of step a task workflow records in its timeline. */
export type TaskEventKind =
  | 'ASSIGNED'
  | 'SIGNED'
  | 'PROGRESS'
  | 'CO_UNIT_REPORT'
  | 'CO_UNIT_OVERRIDE'
  | 'SUBMITTED'
  | 'ACCEPTED'
  | 'RETURNED'
  | 'EXTENSION_REQUESTED'
  | 'EXTENSION_APPROVED'
  | 'EXTENSION_DENIED'
  | 'CANCELLED'
  | 'REASSIGNED'
  | 'COMMENT'
  | 'SIGN_FOR_OVERDUE'
  | 'REMINDER'
  | 'LIGHT_YELLOW'
  | 'LIGHT_CHANGED'
  | 'PROGRESS_MISSING'
  | 'ESCALATION_L1'
  | 'L1_LEADER_COPY'
  | 'ESCALATION_L2'
  | 'ESCALATION_L3'
  /** The L3 referral's case exists: the timeline names it. */
  | 'REFERRED'
  | 'CALENDAR_CHANGED'
  /** A version of the task types the office applied to running tasks moved this task's timers. */
  | 'POLICY_CHANGED'
  | 'PAUSE_REQUESTED'
  | 'PAUSE_APPROVED'
  | 'PAUSE_DENIED'
  | 'RESUMED'
  | 'REFUSED'
  | 'REFUSAL_INSISTED'
  | 'REFUSAL_REASSIGNED'
  | 'HANDLER_NAMED'
  | 'URGED'
  /** The office itself set a later time limit. */
  | 'EXTENDED'
  /** 挂牌督办 marked, and lifted (摘牌). */
  /** The office let the lead unit submit before its villages' sub-tasks were done. */
  | 'SUBTASK_OVERRIDE'
  | 'SUPERVISION_NAMED'
  | 'SUPERVISION_LIFTED'
  | 'MILESTONES_SET'
  | 'MILESTONE_MET'
  | 'MILESTONE_MISSED'
  | 'MILESTONE_WAIVED'
  /** The office let the lead unit submit without the evidence its type requires. */
  | 'EVIDENCE_WAIVED';
