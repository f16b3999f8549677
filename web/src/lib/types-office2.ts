/** What the /v1 API answers for meetings, inspections, bulletins, assessments, cases and the audit log. */

import type { BulletinTotals } from '../../../procedures/cycle/views';
import type { InspectedUnitView } from '../../../procedures/inspection/views';
import type { TimelineEntry } from './types';

export type { BulletinTotals };

export interface Cycle {
  id: string;
  year: number;
  phase: string;
}

export interface MeetingSummary {
  id: string;
  cycleId: string;
  kind: 'REGULAR' | 'AD_HOC';
  title: string;
  place: string;
  topics: string[];
  at: string;
  confirmBy: string;
  state: 'NOTICED' | 'HELD' | 'MINUTED' | 'CANCELLED';
  heldAt: string | null;
  minutesDueAt: string | null;
  invitedUnits: number;
}

export interface Attendance {
  unitId: string;
  unitName: string;
  status: 'INVITED' | 'CONFIRMED' | 'DECLINED' | 'ABSENT' | 'PRESENT';
  answer: 'CONFIRMED' | 'DECLINED' | null;
  attendee: string | null;
  reason: string | null;
  answeredAt: string | null;
  urgedAt: string | null;
}

export interface Meeting extends MeetingSummary {
  /** What the reader may do now: the verbs of POST /v1/meetings/{id}/{verb}. */
  actions?: string[];
  attendance: Attendance[];
  agenda: { items: string[]; report: { total: number; byLight: Record<string, number> } } | null;
  minutes: string | null;
  minutedAt: string | null;
  resolutions: { seq: number; title: string; taskId: string; state: string | null }[];
  timeline: TimelineEntry[];
}

export interface InspectionSummary {
  id: string;
  cycleId: string;
  kind: 'REGULAR' | 'AD_HOC';
  title: string;
  checklist: string[];
  selfCheckDueDate: string;
  findingsDueDate: string;
  state: 'SELF_CHECK' | 'INSPECTING' | 'RECTIFYING' | 'CLOSED';
  findingsClosedAt: string | null;
  closedAt: string | null;
}

export type InspectionUnit = InspectedUnitView;

export interface Finding {
  unitId: string;
  seq: number;
  severity: 'MINOR' | 'MAJOR' | 'SERIOUS';
  description: string;
  requirement: string;
  taskId: string;
  recordedAt: string;
  taskState: string | null;
  taskRung: number | null;
  taskDueDate: string | null;
}

export interface Inspection extends Omit<InspectionSummary, 'units'> {
  units: InspectionUnit[];
  findings: Finding[];
  timeline: TimelineEntry[];
}

export interface BulletinSummary {
  id: string;
  cycleId: string | null;
  title: string;
  periodFrom: string;
  periodTo: string;
  generatedAt: string;
  generatedBy: string | null;
  totals: BulletinTotals;
}

export interface Bulletin extends BulletinSummary {
  content: {
    orgName: string;
    asOf: string;
    units: ({ unitId: string; unitName: string } & BulletinTotals)[];
    overdue: { id: string; title: string; unitName: string; dueDate: string | null; rung: number }[];
    namedAtL3: { unitId: string; unitName: string; tasks: { id: string; title: string }[] }[];
  };
}

export interface BreakdownLine {
  indicator: string;
  name: string;
  weight: number;
  points: number;
  formula: string;
}

export interface UnitScore {
  unitId: string;
  unitName: string;
  kind: string;
  breakdown: BreakdownLine[];
  computedScore: number;
  adjustment: number;
  finalScore: number;
  rank: number;
  adjustments: { id: string; delta: number; reason: string; adjustedBy: string; adjustedAt: string }[];
}

export interface Assessment {
  id: string;
  cycleId: string;
  state: 'DRAFT' | 'PUBLISHED';
  model: { id: string; version: number; name: string; base: number };
  cutOff: string;
  revision: number;
  computedAt: string;
  publishedAt: string | null;
  visibility: 'FULL' | 'UNIT';
  ranking: { unitId: string; unitName: string; finalScore: number; rank: number }[];
  scores: UnitScore[];
}

export type CaseState = 'OPEN' | 'STATEMENT_OVERDUE' | 'STATEMENT_RECEIVED' | 'DECIDED' | 'CLOSED';

export interface CaseSummary {
  id: string;
  cycleId: string | null;
  unitId: string;
  unitName: string;
  leaderId: string | null;
  sourceKind: 'L3' | 'ASSESSMENT' | 'OFFICE';
  source: { kind: string; reason?: string; taskId?: string; score?: number; threshold?: number };
  openedAt: string;
  state: CaseState;
  statementDueAt: string;
  statementAt: string | null;
  statementLate: boolean;
  measure: string | null;
  measureName: string | null;
  basis: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decidedWithoutStatement: boolean;
}

export interface Case extends CaseSummary {
  statement: string | null;
  statementBy: string | null;
  timeline: TimelineEntry[];
}

export interface Measures {
  items: { code: string; name: string }[];
  statementWorkingDays: number;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorRoles: string[];
  action: string;
  objectType: string;
  objectId: string | null;
  outcome: 'DONE' | 'REFUSED';
  reason: string | null;
  requestId: string | null;
}
