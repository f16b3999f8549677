import type { TaskState, TrafficLight } from './messages';
import { isOpen } from './rules';

/**
 * Cascade (三级联动), issue 20 item 6: the pure rules. A town's task can be split into sub-tasks for its villages
 * (communities), each a supervised task of its own whose deadline is not later than the parent's; the parent's light
 * rolls up from them and the parent may be submitted only when they are done (or the office recorded an override).
 * Not yet wired into the workflow, the routes or the read model: these functions are what that wiring will call.
 */

/** What the parent knows of one sub-task (sent by the sub-task when its state or light changes). */
export interface SubTaskView {
  id: string;
  unitId: string;
  state: TaskState;
  light: TrafficLight;
  dueDate: string;
}

/** One requested sub-task (`POST /v1/tasks/{id}/subtasks`), after the body's own zod validation. */
export interface SubTaskRequest {
  unitId: string;
  /** The local due date (YYYY-MM-DD) worked out from `dueDate` or `workingDays`. */
  dueDate: string;
}

/** The unit facts the validation needs. */
export interface UnitFacts {
  id: string;
  kind: string;
  parentId: string | null;
  active: boolean;
}

/**
 * The sub-task's workflow id: deterministic from the parent's and the position among all of the parent's sub-tasks
 * (1-based), so a retried request starts no second workflow.
 */
export const subTaskId = (parentTaskId: string, n: number): string => `${parentTaskId}.${n}`;

/**
 * Field problems of a sub-task request (path → Chinese message), empty when it may be made. Each unit must be an
 * active VILLAGE whose parent is the lead unit of the parent task, named once; each due date not before today and
 * not later than the parent's deadline in force.
 */
export function subTaskProblems(
  requests: readonly SubTaskRequest[],
  units: ReadonlyMap<string, UnitFacts>,
  leadUnitId: string,
  parentDueDate: string,
  today: string,
  existingUnitIds: ReadonlySet<string> = new Set(),
): Record<string, string> {
  const problems: Record<string, string> = {};
  const seen = new Set<string>();
  requests.forEach((r, i) => {
    const at = `body.subtasks[${i}]`;
    const unit = units.get(r.unitId);
    if (!unit || !unit.active || unit.kind !== 'VILLAGE' || unit.parentId !== leadUnitId) {
      problems[`${at}.unitId`] = '只能分解到本单位所辖的村（社区）';
    } else if (seen.has(r.unitId) || existingUnitIds.has(r.unitId)) {
      problems[`${at}.unitId`] = '该村（社区）已有本任务的子任务';
    }
    seen.add(r.unitId);
    if (r.dueDate > parentDueDate) problems[`${at}.dueDate`] = `子任务办结时限不得晚于主任务（${parentDueDate}）`;
    else if (r.dueDate < today) problems[`${at}.dueDate`] = '子任务办结时限不得早于今天';
  });
  return problems;
}

const RANK: Record<TrafficLight, number> = { NONE: 0, PAUSED: 0, GREEN: 1, YELLOW: 2, RED: 3 };

/**
 * The parent's light with its sub-tasks rolled up: the worse of its own and its open sub-tasks', except that a sub-task
 * never makes the parent red — a red (late) village sub-task makes the parent YELLOW, since the parent itself is not
 * late. A closed parent, or one paused (挂账), keeps its own light.
 */
export function rolledUpLight(own: TrafficLight, subtasks: readonly SubTaskView[]): TrafficLight {
  if (own === 'NONE' || own === 'PAUSED') return own;
  const worstSub = subtasks
    .filter((s) => isOpen(s.state) && s.state !== 'SUBMITTED')
    .reduce((w, s) => Math.max(w, Math.min(RANK[s.light], RANK.YELLOW)), 0);
  return worstSub > RANK[own] ? 'YELLOW' : own;
}

/** The sub-tasks still open (not accepted or cancelled): they hold up the parent's submission. */
export const openSubTasks = (subtasks: readonly SubTaskView[]): SubTaskView[] =>
  subtasks.filter((s) => isOpen(s.state));

/**
 * Why the parent may not be submitted yet (the 409's reason), or null when it may: some sub-task is open and the office
 * recorded no override (`subtask-override`).
 */
export function submitBlockedReason(
  subtasks: readonly SubTaskView[],
  overridden: boolean,
  unitName: (unitId: string) => string = (id) => id,
): string | null {
  if (overridden) return null;
  const open = openSubTasks(subtasks);
  if (open.length === 0) return null;
  return `子任务尚未办结：${open.map((s) => `${unitName(s.unitId)}（${s.id}）`).join('、')}`;
}
