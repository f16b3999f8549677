import type { components, operations } from '../../../../../clients/typescript/src/api-schema';

/** Where the office's rules are read and edited (issue 22), one kind each. */
export const TASK_POLICIES = '/v1/rules/task-policies';
export const SCORING_MODEL = '/v1/rules/scoring-model';
export const ACCOUNTABILITY = '/v1/rules/accountability';
export const PROCEDURE_DEFAULTS = '/v1/rules/procedure-defaults';
export const NOTICE_TEMPLATES = '/v1/rules/notice-templates';

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

/** What the versions' part of a rules page needs: the version in force (0: none published) and every version. */
export interface RuleVersions {
  version: number;
  versions: VersionEntry[];
}
/**
 * A 201 of publish or restore, of any kind: the new version; a task policy's and a scoring model's also say whom it
 * applies to and how many running tasks or cycles were told.
 */
export type PublishedVersion = { version: number; apply?: ApplyTo | ModelApplyTo; appliedTo?: number };

/** What every editor of the rules is given: the rules it starts from, and what to tell the page. */
export interface RuleEditorProps<R> {
  /** The version in force when the editing began: the draft's start and its `baseVersion`. */
  rules: R;
  onPublished: (published: PublishedVersion) => void;
  /** Starts again from the version now in force (after a 409). */
  onRestart: () => void;
}

/** GET /v1/rules/scoring-model: the scoring model in force (0: none published, the default) and every version. */
export type ScoringModelRules = Answer<'getV1RulesScoringModel', 200>;
export type ScoringModelContent = ScoringModelRules['content'];
export type ScoringIndicator = ScoringModelContent['indicators'][number];
/** POST /v1/rules/scoring-model/preview: the draft's changes and, per cycle, which units' scores and ranks would move. */
export type ScoringModelPreview = Answer<'postV1RulesScoringModelPreview', 200>;
/** One cycle of a scoring model's preview: its model, its assessment, whether applying would reach it, its units. */
export type CycleImpact = ScoringModelPreview['cycles'][number];
export type UnitImpact = CycleImpact['units'][number];
/** The 201 answer of the scoring model's publish and restore: the new version and the running cycles told. */
export type ModelPublished = Schemas['ScoringModelPublished'];
/** Whom a scoring model applies to: cycles opened afterwards only, or the running ones too. */
export type ModelApplyTo = ModelPublished['apply'];

/** GET /v1/calendar/{year}: the working-day table the organisation follows (its own, or the national one). */
export type CalendarYear = Answer<'getV1CalendarYear', 200>;
/** POST /v1/calendar/{year}/preview: the running tasks a table would move (`tasks` lists at most 200). */
export type CalendarPreview = Answer<'postV1CalendarYearPreview', 200>;
/** PUT /v1/calendar/{year}: the table loaded, and how many running tasks were told to recompute their deadlines. */
export type CalendarLoaded = Answer<'putV1CalendarYear', 200>;

/** GET /v1/rules/accountability: the accountability policy in force (0: the deployment's file as loaded), every version. */
export type AccountabilityRules = Answer<'getV1RulesAccountability', 200>;
export type AccountabilityContent = AccountabilityRules['content'];
export type Measure = AccountabilityContent['measures'][number];
/** GET /v1/rules/procedure-defaults: the meetings' and rounds' defaults in force (0: the code's own), every version. */
export type ProcedureDefaultsRules = Answer<'getV1RulesProcedureDefaults', 200>;
export type ProcedureDefaultsContent = ProcedureDefaultsRules['content'];
/** GET /v1/rules/notice-templates: the templates in force (0: none rewritten), every version, and every notice. */
export type NoticeTemplateRules = Answer<'getV1RulesNoticeTemplates', 200>;
/** The templates the office rewrote; a notice left out keeps its built-in text. */
export type NoticeTemplatesContent = NoticeTemplateRules['content'];
/** One notice the office may word: its name, its variables (with what each holds), those it must show, its default. */
export type NoticeCatalogueEntry = NoticeTemplateRules['catalogue'][number];
export type NoticeKind = NoticeCatalogueEntry['kind'];
/** POST /v1/rules/notice-templates/preview: the draft's notices written out, with sample values or a task's facts. */
export type NoticeTemplatesPreview = Answer<'postV1RulesNoticeTemplatesPreview', 200>;
