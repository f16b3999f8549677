import { policyProblems, type TaskPolicyFields } from '../../config/task-policy';
import { diffTaskPolicies } from '../../config/task-policy-diff';
import { readOwnTaskPolicies } from '../../db/queries/organisation-read';
import { appendRuleVersion, listRuleVersions, readRuleVersion } from '../../db/queries/rule-versions';
import type { TaskPolicy } from '../../procedures/task/messages';
import { auditingRefusals, authorise, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, said, type FieldProblem } from '../errors';

/** A version's content: the organisation's own task types, as its file's `taskPolicies` lists them. */
export interface TaskPolicyContent {
  types: TaskPolicy[];
}

const KIND = 'task-policies' as const;
const REF = { type: 'rules', id: KIND };

const authoriseRules = (deps: AppDeps, caller: Caller, action: 'rules.read' | 'rules.publish' | 'rules.restore') =>
  authorise(deps, caller, action, { type: 'organisation', orgId: caller.identity.orgId }, REF);

const noSuchVersion = (n: number) =>
  AppError.notFound(said(`任务类型规则没有第${n}版`, `The task types have no version ${n}`));

async function versionOf(deps: AppDeps, caller: Caller, n: number) {
  const found = await readRuleVersion<TaskPolicyContent>(deps.db, caller.identity.orgId, KIND, n);
  if (!found) throw noSuchVersion(n);
  return found;
}

/**
 * The task types in force (the newest version; version 0: none published yet, the organisation file's as loaded)
 * and every version, newest first.
 */
export async function readTaskPolicyRules(deps: AppDeps, caller: Caller) {
  await authoriseRules(deps, caller, 'rules.read');
  const { orgId } = caller.identity;
  const versions = await listRuleVersions(deps.db, orgId, KIND);
  // The content of the very version listed as in force, even when another is published meanwhile.
  const newest = versions[0] && (await readRuleVersion<TaskPolicyContent>(deps.db, orgId, KIND, versions[0].version));
  const types = newest ? newest.content.types : await readOwnTaskPolicies(deps.db, orgId);
  return { kind: KIND, version: newest ? newest.version : 0, content: { types }, versions };
}

/** One version of the task types, with its content; 404 when the organisation has no such version. */
export async function readTaskPolicyVersion(deps: AppDeps, caller: Caller, n: number) {
  await authoriseRules(deps, caller, 'rules.read');
  return versionOf(deps, caller, n);
}

/** What changed from version `from` to version `to`, type by type and field by field, each change in a sentence. */
export async function diffTaskPolicyVersions(deps: AppDeps, caller: Caller, from: number, to: number) {
  await authoriseRules(deps, caller, 'rules.read');
  const [a, b] = [await versionOf(deps, caller, from), await versionOf(deps, caller, to)];
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

interface Publish {
  baseVersion: number;
  reason: string;
  content: TaskPolicyContent;
}

/** Adds a version with `content`; 409 when `baseVersion` is not the newest any more. */
async function publish(deps: AppDeps, caller: Caller, edit: Publish, restoredFrom?: number) {
  const { orgId, personId, roles, credentialId } = caller.identity;
  const action = restoredFrom === undefined ? 'rules.publish' : 'rules.restore';
  const audit = { action, actorRoles: roles, tokenId: credentialId, requestId: caller.requestId };
  const added = await appendRuleVersion(
    deps.db,
    { orgId, kind: KIND, authorId: personId, audit, restoredFrom, ...edit },
    async (client) => ({ types: await readOwnTaskPolicies(client, orgId) }),
  );
  if (added === 'STALE') {
    const newest = (await listRuleVersions(deps.db, orgId, KIND))[0]?.version ?? 0;
    throw AppError.conflict(
      said(
        `任务类型规则已有新版本：现行为第${newest}版，本次修改基于第${edit.baseVersion}版，请基于现行版本重新修改`,
        `The task types changed meanwhile: version ${newest} is in force, this edit is based on version ${edit.baseVersion}`,
      ),
    );
  }
  return versionOf(deps, caller, added.version);
}

/**
 * The office publishes a new version of its task types: new tasks follow it at once, running ones keep the policy
 * they started with. 422 names every field whose meaning is wrong (a duplicate type, L3 not after L2...).
 */
export async function publishTaskPolicies(
  deps: AppDeps,
  caller: Caller,
  edit: Publish & { content: { types: TaskPolicyFields[] } },
) {
  await authoriseRules(deps, caller, 'rules.publish');
  return auditingRefusals(deps, caller, 'rules.publish', REF, async () => {
    const problems = contentProblems(edit.content);
    if (problems.length > 0) {
      const text = said('任务类型规则不符合要求', 'The task types break a rule');
      throw new AppError('invalid-rules', 422, text, problems);
    }
    return publish(deps, caller, edit);
  });
}

/** The office restores version `n`: its content becomes a new version (nothing is ever rewritten). */
export async function restoreTaskPolicies(
  deps: AppDeps,
  caller: Caller,
  n: number,
  edit: { baseVersion: number; reason: string },
) {
  await authoriseRules(deps, caller, 'rules.restore');
  return auditingRefusals(deps, caller, 'rules.restore', REF, async () => {
    const restored = await versionOf(deps, caller, n);
    return publish(deps, caller, { ...edit, content: restored.content }, n);
  });
}
