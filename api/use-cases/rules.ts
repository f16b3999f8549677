import {
  policyProblems,
  withOrganisationPolicies,
  type TaskPolicies,
  type TaskPolicyFields,
} from '../../config/task-policy';
import { diffTaskPolicies } from '../../config/task-policy-diff';
import { readWorkingCalendar } from '../../db/queries/calendar';
import { readOwnTaskPolicies } from '../../db/queries/organisation-read';
import { countRunningTasksOfTypes, runningTaskFacts } from '../../db/queries/running-tasks';
import type { RuleVersion } from '../../db/queries/rule-versions';
import { policyRolloutWorkflowId, type PolicyRolloutInput } from '../../procedures/rules/messages';
import type { TaskPolicy } from '../../procedures/task/messages';
import type { Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { said, type FieldProblem } from '../errors';
import { contentField, ruleVersionsOf, type RuleEdit } from './rule-kinds';
import { PREVIEW_TASKS, runningTaskImpact, yearsOf } from './running-impact';

/** A version's content: the organisation's own task types, as its file's `taskPolicies` lists them. */
export interface TaskPolicyContent {
  types: TaskPolicy[];
}

const taskPolicies = ruleVersionsOf<TaskPolicyContent, 'task-policies'>({
  kind: 'task-policies',
  name: { ...said('任务类型规则', 'The task types'), plural: true },
  inForce: async (db, orgId) => ({ types: await readOwnTaskPolicies(db, orgId) }),
  // What is published or previewed is a draft the route parsed with every field (`taskPolicyFields`).
  problems: (content) => contentProblems(content as { types: TaskPolicyFields[] }),
  diff: (from, to, deps) => diffTaskPolicies(from.types, to.types, deps.taskPolicies),
});

/**
 * The task types in force (the newest version; version 0: none published yet, the organisation file's as loaded)
 * and every version, newest first.
 */
export const readTaskPolicyRules = taskPolicies.read;

/** One version of the task types, with its content; 404 when the organisation has no such version. */
export const readTaskPolicyVersion = taskPolicies.readVersion;

/** What changed from version `from` to version `to`, type by type and field by field, each change in a sentence. */
export const diffTaskPolicyVersions = taskPolicies.diff;

/** What the types of a well-shaped content do not mean together, each field named under `body.content`. */
function contentProblems(content: { types: TaskPolicyFields[] }): FieldProblem[] {
  return content.types.flatMap((policy, i) => {
    const first = content.types.findIndex((t) => t.type === policy.type);
    const twice: FieldProblem[] =
      first === i
        ? []
        : [
            {
              field: contentField(['types', i, 'type']),
              message: said(`任务类型代码重复（与第${first + 1}项相同）`, `lists the type of item ${first + 1} again`),
            },
          ];
    return [
      ...twice,
      ...policyProblems(policy).map((p) => ({ field: contentField(['types', i, ...p.path]), message: p.message })),
    ];
  });
}

/** Whether a published version applies to new tasks only (the default) or to running ones too. */
export type ApplyTo = 'NEW_ONLY' | 'ALSO_RUNNING';

/** A type whose policy in force differs between two sets of the organisation's task types, with what changed. */
interface ChangedType {
  type: string;
  before: TaskPolicy;
  after: TaskPolicy;
  /** Each change of the type in a sentence, field by field. */
  changes: string[];
}

/**
 * The types whose policy in force (the deployment's, each replaced by the organisation's own) changes from `from`
 * to `to`. A type that no longer exists at all is not among them: its running tasks keep the policy they have.
 */
function changedTypes(deployment: TaskPolicies, from: TaskPolicy[], to: TaskPolicy[]): ChangedType[] {
  const [before, after] = [withOrganisationPolicies(deployment, from), withOrganisationPolicies(deployment, to)];
  return [...after.values()].flatMap((policy) => {
    const old = before.get(policy.type);
    if (!old) return [];
    const changes = diffTaskPolicies([old], [policy], new Map()).map((c) => c.text);
    return changes.length > 0 ? [{ type: policy.type, before: old, after: policy, changes }] : [];
  });
}

/**
 * Starts the rollout that tells every running task of the changed types its new policy (taskPolicyRollout); answers
 * how many running tasks it concerns as the version is published. One rollout per version: a retried request joins it.
 */
async function applyToRunningTasks(
  deps: AppDeps,
  caller: Caller,
  version: number,
  reason: string,
  changed: ChangedType[],
): Promise<number> {
  const { orgId, personId } = caller.identity;
  const types = changed.map(({ type, after, changes }) => ({ type, policy: after, changes }));
  const input: PolicyRolloutInput = { orgId, version, reason, by: personId, types };
  await deps.temporal.workflow.start('taskPolicyRollout', {
    taskQueue: deps.taskQueue,
    workflowId: policyRolloutWorkflowId(orgId, version),
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  return countRunningTasksOfTypes(
    deps.db,
    orgId,
    changed.map((c) => c.type),
  );
}

/** What applying a published version does: to new tasks only, or to running ones too (`applyToRunningTasks`). */
const applying = (deps: AppDeps, caller: Caller, apply: ApplyTo, reason: string) => ({
  applyTo: apply,
  async after(published: RuleVersion<TaskPolicyContent>, previous: TaskPolicyContent) {
    const changed = changedTypes(deps.taskPolicies, previous.types, published.content.types);
    const appliedTo =
      apply === 'ALSO_RUNNING' && changed.length > 0
        ? await applyToRunningTasks(deps, caller, published.version, reason, changed)
        : 0;
    return { apply, appliedTo };
  },
});

/**
 * The office publishes a new version of its task types: new tasks follow it at once; running ones keep the policy
 * they started with, unless `apply` is ALSO_RUNNING: each then takes its type's new policy, its timers ahead moved
 * and its timeline told (nothing it recorded is rewritten). 422 names every field whose meaning is wrong.
 */
export const publishTaskPolicies = (
  deps: AppDeps,
  caller: Caller,
  {
    apply = 'NEW_ONLY',
    ...edit
  }: RuleEdit<TaskPolicyContent> & { content: { types: TaskPolicyFields[] }; apply?: ApplyTo },
) => taskPolicies.publish(deps, caller, edit, applying(deps, caller, apply, edit.reason));

/** The office restores version `n`: its content becomes a new version (nothing is ever rewritten), applied as said. */
export const restoreTaskPolicies = (
  deps: AppDeps,
  caller: Caller,
  n: number,
  { apply = 'NEW_ONLY', ...edit }: { baseVersion: number; reason: string; apply?: ApplyTo },
) => taskPolicies.restore(deps, caller, n, edit, applying(deps, caller, apply, edit.reason));

/**
 * What a draft of the task types would do if published (draft → preview → publish): what changes, type by type, and
 * for each running task of a changed type, were it applied to running tasks, which of its timers ahead would move and
 * what would fall due at once. Nothing is stored.
 */
export async function previewTaskPolicies(
  deps: AppDeps,
  caller: Caller,
  draft: { content: { types: TaskPolicyFields[] } },
) {
  const inForce = await taskPolicies.read(deps, caller);
  await taskPolicies.refuseNonsense(deps, caller, draft.content as TaskPolicyContent);
  const { orgId } = caller.identity;
  const changes = diffTaskPolicies(inForce.content.types, draft.content.types, deps.taskPolicies);
  const changed = changedTypes(deps.taskPolicies, inForce.content.types, draft.content.types);
  const types = changed.map((c) => c.type);
  const at = new Date().toISOString();
  if (types.length === 0) return { basedOn: inForce.version, changes, tasks: [], total: 0, at };
  const [total, facts] = await Promise.all([
    countRunningTasksOfTypes(deps.db, orgId, types),
    runningTaskFacts(deps.db, orgId, types, PREVIEW_TASKS),
  ]);
  const byType = new Map(changed.map((c) => [c.type, c]));
  const calendar = facts.length > 0 ? await readWorkingCalendar(deps.db, orgId, ...yearsOf(facts)) : undefined;
  const tasks = facts.map((t) => {
    const type = byType.get(t.type)!;
    const own = t.policy ?? type.before;
    return runningTaskImpact(
      t,
      { calendar: calendar!, policy: own },
      { calendar: calendar!, policy: type.after },
      Date.parse(at),
    );
  });
  return { basedOn: inForce.version, changes, tasks, total, at };
}
