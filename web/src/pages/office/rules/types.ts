import type { components, operations } from '../../../../../clients/typescript/src/api-schema';

/** What the task-policy rules routes answer (督办规则, issue 22), aliases onto the generated types. */
type Schemas = components['schemas'];
type Answer<O extends keyof operations, S extends number> =
  operations[O]['responses'] extends Record<S, { content: { 'application/json': infer T } }> ? T : never;

export type TaskType = Schemas['TaskType'];
export type TaskPolicyVersion = Schemas['TaskPolicyVersion'];
export type VersionEntry = Omit<TaskPolicyVersion, 'content'>;
/** GET /v1/rules/task-policies: the version in force (0: none published), its content and every version. */
export type TaskPolicyRules = Answer<'getV1RulesTaskPolicies', 200>;
/** POST /v1/rules/task-policies/preview: what publishing the draft would change (`tasks` lists at most 200). */
export type PolicyPreview = Answer<'postV1RulesTaskPoliciesPreview', 200>;
/** One change between two contents: a type added or removed, or one field changed, as a sentence. */
export type PolicyChange = PolicyPreview['changes'][number];
/** A running task a draft would change: what would change for it, and which timers would fall due at once. */
export type AffectedTask = PolicyPreview['tasks'][number];
/** The 201 answer of publish and restore: the new version, whom it applies to and how many running tasks were told. */
export type Published = Schemas['TaskPolicyPublished'];
/** Whom a published version applies to: new tasks only, or the running ones too (their timers re-armed). */
export type ApplyTo = Published['apply'];
