import { appendRuleVersion, listRuleVersions, readRuleVersion, type RuleKind } from '../../db/queries/rule-versions';
import type { Queryable } from '../../db/transaction';
import { auditingRefusals, authorise, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, said, type FieldProblem, type Said } from '../errors';

/** What one kind of the office's rules (issue 22) needs beside what every kind shares. */
export interface RuleKindDefinition<C, K extends RuleKind> {
  kind: K;
  /** Its name in a sentence: `said('任务类型规则', 'The task types')`; `plural` for English's "have". */
  name: Said & { plural?: boolean };
  /** The content in force: the newest version's, or (none published: version 0) what the deployment gives. */
  inForce: (db: Queryable, orgId: string) => Promise<C>;
}

export interface RuleEdit<C> {
  baseVersion: number;
  reason: string;
  content: C;
}

type RuleAction = 'rules.read' | 'rules.publish' | 'rules.restore';

/**
 * The versions of one kind of rule, as every kind has them: read (in force, with every version), one version,
 * two versions to compare, publish (an edit based on the version in force: 409 otherwise; 422 with every problem of
 * its meaning) and restore. Office only (`rules.*`); another organisation's versions do not exist for a caller.
 */
export function ruleVersionsOf<C, K extends RuleKind>(def: RuleKindDefinition<C, K>) {
  const { kind, name } = def;
  const ref = { type: 'rules', id: kind };
  const authoriseRules = (deps: AppDeps, caller: Caller, action: RuleAction) =>
    authorise(deps, caller, action, { type: 'organisation', orgId: caller.identity.orgId }, ref);

  async function versionOf(deps: AppDeps, caller: Caller, n: number) {
    const found = await readRuleVersion<C>(deps.db, caller.identity.orgId, kind, n);
    if (!found) {
      const has = name.plural ? 'have' : 'has';
      throw AppError.notFound(said(`${name.zh}没有第${n}版`, `${name.en} ${has} no version ${n}`));
    }
    return found;
  }

  /** Adds a version with the edit's content; 409 when `baseVersion` is not the newest any more. */
  async function append(deps: AppDeps, caller: Caller, edit: RuleEdit<C>, restoredFrom?: number) {
    const { orgId, personId, roles, credentialId } = caller.identity;
    const action = restoredFrom === undefined ? 'rules.publish' : 'rules.restore';
    const audit = { action, actorRoles: roles, tokenId: credentialId, requestId: caller.requestId };
    const added = await appendRuleVersion(
      deps.db,
      { orgId, kind, authorId: personId, audit, restoredFrom, ...edit },
      (client) => def.inForce(client, orgId),
    );
    if (added === 'STALE') {
      const newest = (await listRuleVersions(deps.db, orgId, kind))[0]?.version ?? 0;
      throw AppError.conflict(
        said(
          `${name.zh}已有新版本：现行为第${newest}版，本次修改基于第${edit.baseVersion}版，请基于现行版本重新修改`,
          `${name.en} changed meanwhile: version ${newest} is in force, this edit is based on version ${edit.baseVersion}`,
        ),
      );
    }
    return versionOf(deps, caller, added.version);
  }

  return {
    /** The rule in force (version 0: none published yet) and every version, newest first. */
    async read(deps: AppDeps, caller: Caller) {
      await authoriseRules(deps, caller, 'rules.read');
      const { orgId } = caller.identity;
      const versions = await listRuleVersions(deps.db, orgId, kind);
      // The content of the very version listed as in force, even when another is published meanwhile.
      const newest = versions[0] && (await readRuleVersion<C>(deps.db, orgId, kind, versions[0].version));
      const content = newest ? newest.content : await def.inForce(deps.db, orgId);
      return { kind, version: newest ? newest.version : 0, content, versions };
    },

    /** One version with its content; 404 when the organisation has no such version. */
    async readVersion(deps: AppDeps, caller: Caller, n: number) {
      await authoriseRules(deps, caller, 'rules.read');
      return versionOf(deps, caller, n);
    },

    /** Versions `from` and `to`, for a diff; 404 for either missing. */
    async twoVersions(deps: AppDeps, caller: Caller, from: number, to: number) {
      await authoriseRules(deps, caller, 'rules.read');
      return [await versionOf(deps, caller, from), await versionOf(deps, caller, to)] as const;
    },

    /** Publishes `edit` unless `problems` (of its meaning) names any: then 422 with all of them, audited. */
    async publish(deps: AppDeps, caller: Caller, edit: RuleEdit<C>, problems: (content: C) => FieldProblem[]) {
      await authoriseRules(deps, caller, 'rules.publish');
      return auditingRefusals(deps, caller, 'rules.publish', ref, async () => {
        const found = problems(edit.content);
        if (found.length > 0) {
          const text = said(`${name.zh}不符合要求`, `${name.en} ${name.plural ? 'break' : 'breaks'} a rule`);
          throw new AppError('invalid-rules', 422, text, found);
        }
        return append(deps, caller, edit);
      });
    },

    /** Restores version `n`: its content becomes a new version (nothing is ever rewritten). */
    async restore(deps: AppDeps, caller: Caller, n: number, edit: { baseVersion: number; reason: string }) {
      await authoriseRules(deps, caller, 'rules.restore');
      return auditingRefusals(deps, caller, 'rules.restore', ref, async () => {
        const restored = await versionOf(deps, caller, n);
        return append(deps, caller, { ...edit, content: restored.content }, n);
      });
    },
  };
}
