import type { TaskPolicy } from '../task/messages';

/** A version of the task types applied to running tasks (issue 22): what each changed type's tasks are told. */
export interface PolicyRolloutInput {
  orgId: string;
  version: number;
  reason: string;
  /** The office member who published it. */
  by: string;
  types: { type: string; policy: TaskPolicy; changes: string[] }[];
  /** Carried across continue-as-new: the last task told, and how many were. */
  after?: string;
  told?: number;
}

/** The workflow id of a version's rollout: one per organisation and version, however often the publish is retried. */
export const policyRolloutWorkflowId = (orgId: string, version: number): string =>
  `rules:${orgId}:task-policies:${version}`;
