import type { components } from '../../../../../clients/typescript/src/api-schema';

/** What the task-policy rules routes answer (督办规则, issue 22), aliases onto the generated types. */
type Schemas = components['schemas'];
export type TaskType = Schemas['TaskType'];
export type TaskPolicyVersion = Schemas['TaskPolicyVersion'];
export type VersionEntry = Omit<TaskPolicyVersion, 'content'>;

/** GET /v1/rules/task-policies: the version in force (0: none published), its content and every version. */
export interface TaskPolicyRules {
  version: number;
  content: { types: TaskType[] };
  versions: VersionEntry[];
}

/** One change between two contents: a type added or removed, or one field changed, as a sentence. */
export interface PolicyChange {
  type: string;
  field: string | null;
  change: 'ADDED' | 'REMOVED' | 'CHANGED';
  text: string;
}

/** A running task a draft would change (preview): what would change for it, and which timers would fall due at once. */
export interface AffectedTask {
  taskId: string;
  title: string;
  type: string;
  leadUnitId: string;
  leadUnitName: string;
  state: string;
  dueDate: string | null;
  changes: string[];
  firesAtOnce: string[];
}

/** POST /v1/rules/task-policies/preview: what publishing the draft would change (`tasks` lists at most 200). */
export interface PolicyPreview {
  basedOn: number;
  changes: PolicyChange[];
  tasks: AffectedTask[];
  total: number;
}

/** Whom a published version applies to: new tasks only, or the running ones too (their timers re-armed). */
export type ApplyTo = 'NEW_ONLY' | 'ALSO_RUNNING';

/** The 201 answer of publish and restore: the new version, and how many running tasks were told. */
export type Published = TaskPolicyVersion & { apply?: ApplyTo; appliedTo?: number };
