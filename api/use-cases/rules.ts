import { policyProblems, type TaskPolicyFields } from '../../config/task-policy';
import { diffTaskPolicies } from '../../config/task-policy-diff';
import { readOwnTaskPolicies } from '../../db/queries/organisation-read';
import type { TaskPolicy } from '../../procedures/task/messages';
import type { Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { said, type FieldProblem } from '../errors';
import { ruleVersionsOf, type RuleEdit } from './rule-kinds';

/** A version's content: the organisation's own task types, as its file's `taskPolicies` lists them. */
export interface TaskPolicyContent {
  types: TaskPolicy[];
}

const taskPolicies = ruleVersionsOf<TaskPolicyContent, 'task-policies'>({
  kind: 'task-policies',
  name: { ...said('任务类型规则', 'The task types'), plural: true },
  inForce: async (db, orgId) => ({ types: await readOwnTaskPolicies(db, orgId) }),
});

/**
 * The task types in force (the newest version; version 0: none published yet, the organisation file's as loaded)
 * and every version, newest first.
 */
export const readTaskPolicyRules = (deps: AppDeps, caller: Caller) => taskPolicies.read(deps, caller);

/** One version of the task types, with its content; 404 when the organisation has no such version. */
export const readTaskPolicyVersion = (deps: AppDeps, caller: Caller, n: number) =>
  taskPolicies.readVersion(deps, caller, n);

/** What changed from version `from` to version `to`, type by type and field by field, each change in a sentence. */
export async function diffTaskPolicyVersions(deps: AppDeps, caller: Caller, from: number, to: number) {
  const [a, b] = await taskPolicies.twoVersions(deps, caller, from, to);
  return { from, to, changes: diffTaskPolicies(a.content.types, b.content.types, deps.taskPolicies) };
}

/** What the types of a well-shaped content do not mean together, each field named under `body.content`. */
function contentProblems(content: { types: TaskPolicyFields[] }): FieldProblem[] {
  const at = (i: number, path: (string | number)[]) =>
    `body.content.types[${i}]${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;
  return content.types.flatMap((policy, i) => {
    const first = content.types.findIndex((t) => t.type === policy.type);
    const twice: FieldProblem[] =
      first === i
        ? []
        : [
            {
              field: at(i, ['type']),
              message: said(`任务类型代码重复（与第${first + 1}项相同）`, `lists the type of item ${first + 1} again`),
            },
          ];
    return [...twice, ...policyProblems(policy).map((p) => ({ field: at(i, p.path), message: p.message }))];
  });
}

/**
 * The office publishes a new version of its task types: new tasks follow it at once, running ones keep the policy
 * they started with. 422 names every field whose meaning is wrong (a duplicate type, L3 not after L2...).
 */
export const publishTaskPolicies = (
  deps: AppDeps,
  caller: Caller,
  edit: RuleEdit<TaskPolicyContent> & { content: { types: TaskPolicyFields[] } },
) => taskPolicies.publish(deps, caller, edit, () => contentProblems(edit.content));

/** The office restores version `n`: its content becomes a new version (nothing is ever rewritten). */
export const restoreTaskPolicies = (
  deps: AppDeps,
  caller: Caller,
  n: number,
  edit: { baseVersion: number; reason: string },
) => taskPolicies.restore(deps, caller, n, edit);
