/**
 * What the API shows of an inspection round's units: shared by the workflow's status and the web workspace.
 * Types only, importing nothing: the web workspace imports them.
 */

/** PENDING: not filed yet; FILED: filed by the deadline; LATE: filed after it (补报). */
export type SelfCheckStatus = 'PENDING' | 'FILED' | 'LATE';

/** One inspected unit and its self-check (自查). */
export interface InspectedUnitView {
  unitId: string;
  unitName: string;
  selfCheck: SelfCheckStatus;
  report: string | null;
  filedAt: string | null;
  /** When the unit head was urged (催办) for a missing self-check, and when its leader was told (escalated). */
  urgedAt: string | null;
  escalatedAt: string | null;
  /** When the office recorded this unit's findings (possibly none). */
  findingsRecordedAt: string | null;
}
