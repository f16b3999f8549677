import {
  appendRuleVersion,
  listRuleVersions,
  readRuleVersion,
  type RuleKind,
  type RuleVersion,
} from '../../db/queries/rule-versions';
import type { Queryable } from '../../db/transaction';
import { auditingRefusals, authorise, type Caller } from '../authorise';
import type { Action } from '../policy';
import type { AppDeps } from '../deps';
import { AppError, said, type FieldProblem, type Said } from '../errors';

/** What one kind of the office's rules (issue 22) needs beside what every kind shares. */
export interface RuleKindDefinition<C, K extends RuleKind> {
  kind: K;
  /** Its name in a sentence: `said('任务类型规则', 'The task types')`; `plural` for English's "have". */
  name: Said & { plural?: boolean };
  /** The content in force: the newest version's, or (none published: version 0) what the deployment gives. */
  inForce: (db: Queryable, orgId: string, deps: AppDeps) => Promise<C>;
  /** What a well-shaped content means nonsense by, each field named under `body.content` (422 when any). */
  problems: (content: C, deps: AppDeps, orgId: string) => FieldProblem[] | Promise<FieldProblem[]>;
  /** What changed from one content to another, each change with its sentence (`text`). */
  diff: (from: C, to: C, deps: AppDeps) => unknown[];
  /** Who reads its versions and their diff, when not the office alone (`rules.read`): the organisation's. */
  readAction?: Action;
}

/** A problem's path under the content, as a field of the request: `['measures', 2, 'code']` → `body.content.measures[2].code`. */
export const contentField = (path: readonly (string | number)[]): string =>
  `body.content${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;

export interface RuleEdit<C> {
  baseVersion: number;
  reason: string;
  content: C;
}

/**
 * What follows a published version, for a kind that acts on it (task policies applied to running tasks): `applyTo`
 * goes into the audit row, and `after` (given the version and the content it replaced) adds to the answer.
 */
export interface RuleFollowUp<C, X> {
  applyTo?: string;
  after: (published: RuleVersion<C>, previous: C) => Promise<X>;
}

/**
 * The versions of one kind of rule, as every kind has them: read (in force, with every version), one version,
 * two versions to compare, publish (an edit based on the version in force: 409 otherwise; 422 with every problem of
 * its meaning) and restore. Office only (`rules.*`; a kind may name who else reads it, `readAction`); another
 * organisation's versions do not exist for a caller.
 */
export function ruleVersionsOf<C, K extends RuleKind>(def: RuleKindDefinition<C, K>) {
  const { kind, name } = def;
  const ref = { type: 'rules', id: kind };
  const authoriseRules = (deps: AppDeps, caller: Caller, action: Action) =>
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
  async function append<X extends object>(
    deps: AppDeps,
    caller: Caller,
    edit: RuleEdit<C>,
    restoredFrom: number | undefined,
    follow: RuleFollowUp<C, X> | undefined,
  ): Promise<RuleVersion<C> & X> {
    const { orgId, personId, roles, credentialId } = caller.identity;
    const action = restoredFrom === undefined ? 'rules.publish' : 'rules.restore';
    const audit = { action, actorRoles: roles, tokenId: credentialId, requestId: caller.requestId };
    let previous: C | undefined;
    const added = await appendRuleVersion(
      deps.db,
      { orgId, kind, authorId: personId, audit, restoredFrom, applyTo: follow?.applyTo, ...edit },
      async (client) => (previous = await def.inForce(client, orgId, deps)),
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
    const published = await versionOf(deps, caller, added.version);
    // Without a follow-up, X is the empty object: the version alone is the answer.
    return follow
      ? { ...published, ...(await follow.after(published, previous as C)) }
      : (published as RuleVersion<C> & X);
  }

  /** 422 naming every field of `content` whose meaning is wrong, as publishing says it; nothing when none is. */
  async function refuseNonsense(deps: AppDeps, caller: Caller, content: C): Promise<void> {
    const found = await def.problems(content, deps, caller.identity.orgId);
    if (found.length > 0) {
      const text = said(`${name.zh}不符合要求`, `${name.en} ${name.plural ? 'break' : 'breaks'} a rule`);
      throw new AppError('invalid-rules', 422, text, found);
    }
  }

  return {
    /** The rule in force (version 0: none published yet) and every version, newest first. */
    async read(deps: AppDeps, caller: Caller) {
      await authoriseRules(deps, caller, def.readAction ?? 'rules.read');
      const { orgId } = caller.identity;
      const versions = await listRuleVersions(deps.db, orgId, kind);
      // The content of the very version listed as in force, even when another is published meanwhile.
      const newest = versions[0] && (await readRuleVersion<C>(deps.db, orgId, kind, versions[0].version));
      const content = newest ? newest.content : await def.inForce(deps.db, orgId, deps);
      return { kind, version: newest ? newest.version : 0, content, versions };
    },

    /** One version with its content; 404 when the organisation has no such version. */
    async readVersion(deps: AppDeps, caller: Caller, n: number) {
      await authoriseRules(deps, caller, def.readAction ?? 'rules.read');
      return versionOf(deps, caller, n);
    },

    /** What changed from version `from` to version `to`, each change in a sentence; 404 for either missing. */
    async diff(deps: AppDeps, caller: Caller, from: number, to: number) {
      await authoriseRules(deps, caller, def.readAction ?? 'rules.read');
      const [a, b] = [await versionOf(deps, caller, from), await versionOf(deps, caller, to)];
      return { from, to, changes: def.diff(a.content, b.content, deps) };
    },

    refuseNonsense,

    /** Publishes `edit` unless the kind's `problems` names any: then 422 with all of them, audited. */
    async publish<X extends object = object>(
      deps: AppDeps,
      caller: Caller,
      edit: RuleEdit<C>,
      follow?: RuleFollowUp<C, X>,
    ) {
      await authoriseRules(deps, caller, 'rules.publish');
      return auditingRefusals(deps, caller, 'rules.publish', ref, async () => {
        await refuseNonsense(deps, caller, edit.content);
        return append(deps, caller, edit, undefined, follow);
      });
    },

    /** Restores version `n`: its content becomes a new version (nothing is ever rewritten). */
    async restore<X extends object = object>(
      deps: AppDeps,
      caller: Caller,
      n: number,
      edit: { baseVersion: number; reason: string },
      follow?: RuleFollowUp<C, X>,
    ) {
      await authoriseRules(deps, caller, 'rules.restore');
      return auditingRefusals(deps, caller, 'rules.restore', ref, async () => {
        const restored = await versionOf(deps, caller, n);
        return append(deps, caller, { ...edit, content: restored.content }, n, follow);
      });
    },
  };
}
