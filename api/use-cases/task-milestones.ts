import { readWorkingCalendar } from '../../db/queries/calendar';
import { findTask } from '../../db/queries/task-read';
import {
  milestoneProblems,
  type MilestonePlan,
  type MilestoneProblem,
  type MilestoneProblemCode,
} from '../../procedures/task/milestones';
import { addWorkingDays, localDate } from '../../procedures/time/working-days';
import type { AppDeps } from '../deps';
import { AppError, said, type FieldProblem, type Said } from '../errors';

/**
 * Milestones (序时进度) as the API checks them before the workflow sees them: every problem of the plan, each named by
 * its field, in one 422 (the workflow's guard repeats the checks and refuses with 409 if the task moved meanwhile).
 */

const PROBLEM_TEXT: Record<MilestoneProblemCode, (p: { dueDate?: string | null }) => Said> = {
  TOO_MANY: () => said('每项任务最多设置12个序时进度节点', 'at most 12 milestones on a task'),
  NO_CONTENT: () => said('须写明预期成果或完成比例', 'give the expected result, a percentage or both'),
  BEFORE_TODAY: () => said('不能早于今天', 'must be today or later'),
  AFTER_DUE: ({ dueDate }) =>
    said(`不能晚于工作时限（${dueDate ?? ''}）`, `must not be after the time limit (${dueDate ?? ''})`),
  SAME_DAY: () => said('同一天只能设置一个序时进度节点', 'one milestone a day'),
  NOT_INCREASING: () => said('完成比例应随日期递增', 'percentages must increase with the date'),
};

function fieldOf(p: MilestoneProblem, at: string): string {
  return p.index === null ? at : `${at}[${p.index}].${p.field ?? 'date'}`;
}

/** Throws one 422 naming every problem of the plan; nothing when it is sound. */
export function refuseMilestoneProblems(
  plans: MilestonePlan[],
  context: Parameters<typeof milestoneProblems>[1],
  at: string,
): void {
  const problems = milestoneProblems(plans, context);
  if (problems.length === 0) return;
  const fields: FieldProblem[] = problems.map((p) => ({
    field: fieldOf(p, at),
    message: PROBLEM_TEXT[p.code]({ dueDate: context.dueDate }),
  }));
  throw new AppError(
    'invalid-milestones',
    422,
    said('序时进度节点设置有误', 'The milestones cannot be set as given'),
    fields,
  );
}

/**
 * The milestones of a new task: between today and its time limit (a date, or the working-day limit counted on the
 * organisation's calendar from today, as the workflow will count it).
 */
export async function checkNewTaskMilestones(
  deps: AppDeps,
  orgId: string,
  body: { milestones?: MilestonePlan[]; dueDate?: string; workingDays?: number },
  now: Date,
  at = 'body',
): Promise<void> {
  if (!body.milestones?.length) return;
  const today = localDate(now);
  let dueDate = body.dueDate;
  if (dueDate === undefined && body.workingDays !== undefined) {
    const year = Number(today.slice(0, 4));
    const cal = await readWorkingCalendar(deps.db, orgId, year - 1, year + 2);
    dueDate = addWorkingDays(cal, today, body.workingDays);
  }
  refuseMilestoneProblems(body.milestones, { today, dueDate }, `${at}.milestones`);
}

/** Milestones set again on an open task: those met or judged stay, the plan goes between today and its deadline. */
export async function checkTaskMilestones(deps: AppDeps, taskId: string, plans: MilestonePlan[]): Promise<void> {
  const task = await findTask(deps.db, taskId);
  if (!task) return;
  const kept = (task.milestones ?? []).filter((m) => m.state !== 'PENDING');
  refuseMilestoneProblems(plans, { today: localDate(new Date()), dueDate: task.dueDate, kept }, 'body.milestones');
}
