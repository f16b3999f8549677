import { said, type Said } from '../kernel/said';
import type { TaskState, TrafficLight } from './messages';
import { isOpen } from './rules';

/**
 * Cascade (三级联动), issue 20 item 6: the pure rules. A town's task can be split into sub-tasks for its villages
 * (communities), each a supervised task of its own whose deadline is not later than the parent's; the parent's light
 * rolls up from them and the parent may be submitted only when they are done (or the office recorded an override).
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
 * The sub-task's id: deterministic from the parent's and the village's — one sub-task per village and parent — so a
 * retried request starts no second workflow, it finds the first.
 */
export function subTaskId(parentTaskId: string, unitId: string): string {
  const readable = `${parentTaskId}-${unitId}`;
  if (readable.length <= 64) return readable;
  // An id is at most 64 characters: a long unit id is replaced by its FNV-1a hash.
  let h = 0x811c9dc5;
  for (const c of unitId) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return `${parentTaskId}-${h.toString(16).padStart(8, '0')}`;
}

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
): Record<string, Said> {
  const problems: Record<string, Said> = {};
  const seen = new Set<string>();
  requests.forEach((r, i) => {
    const at = `body.subtasks[${i}]`;
    const unit = units.get(r.unitId);
    if (!unit || !unit.active || unit.kind !== 'VILLAGE' || unit.parentId !== leadUnitId) {
      problems[`${at}.unitId`] = said(
        '只能分解到本单位所辖的村（社区）',
        'only a village or community under the lead unit',
      );
    } else if (seen.has(r.unitId) || existingUnitIds.has(r.unitId)) {
      problems[`${at}.unitId`] = said(
        '该村（社区）已有本任务的子任务',
        'this village has a sub-task of the task already',
      );
    }
    seen.add(r.unitId);
    if (r.dueDate > parentDueDate) {
      problems[`${at}.dueDate`] = said(
        `子任务办结时限不得晚于主任务（${parentDueDate}）`,
        `not later than the parent task's time limit (${parentDueDate})`,
      );
    } else if (r.dueDate < today) {
      problems[`${at}.dueDate`] = said('子任务办结时限不得早于今天', `not before today (${today})`);
    }
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
