/** What the /v1 API answers, as far as the pages read it (the OpenAPI document at /openapi.json is the whole). */

import type { TaskAssignment, TaskCourse, TimelineEntry } from '../../../procedures/task/views';

export type { TimelineEntry };

export type Light = 'GREEN' | 'YELLOW' | 'RED' | 'NONE';

export interface Task extends TaskAssignment, TaskCourse {
  id: string;
  workflowId: string;
  cycleId: string | null;
  type: string;
  typeName: string;
  dueDate: string | null;
  originalDueDate: string | null;
  provisional: boolean;
  state: string;
  light: Light;
  rung: number;
  remainingWorkingDays: number | null;
  extensionDecidedBy: 'OFFICE' | 'LEADER';
  pendingExtension: {
    requestedBy: string;
    reason: string;
    proposedDate: string;
    progress: string;
    requestedAt: string;
  } | null;
  coUnitReports: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  /** In a task's detail: what the reader may do now (the verbs its machine and the policy offer them). */
  actions?: string[];
  timeline?: TimelineEntry[];
}

export interface Unit {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  leaderId: string | null;
  headId: string | null;
}

export interface Person {
  id: string;
  name: string;
  unitId: string;
  title: string;
  roles: string[];
}
