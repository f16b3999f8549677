/** What the /v1 API answers, as far as the pages read it (the OpenAPI document at /openapi.json is the whole). */

export type Light = 'GREEN' | 'YELLOW' | 'RED' | 'NONE';

export interface TimelineEntry {
  step: string;
  kind: string;
  message: string;
  actorId: string | null;
  at: string;
}

export interface Task {
  id: string;
  workflowId: string;
  cycleId: string | null;
  type: string;
  typeName: string;
  title: string;
  leadUnitId: string;
  coUnitIds: string[];
  leaderId: string;
  requirements: string;
  standard: string;
  dueDate: string | null;
  originalDueDate: string | null;
  provisional: boolean;
  state: string;
  light: Light;
  rung: number;
  remainingWorkingDays: number | null;
  signedAt: string | null;
  lastProgressAt: string | null;
  submittedAt: string | null;
  acceptedAt: string | null;
  rating: string | null;
  lateWorkingDays: number;
  urgings: number;
  returns: number;
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
