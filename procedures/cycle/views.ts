/**
 * What the API shows of a cycle's tasks (the office's board, the coming deadlines) and of a bulletin's counts: shared
 * by the read model's queries and the web workspace. Types only, importing nothing: the web workspace imports them.
 */

/** The columns of the office's board: the plan's goals, or the months of the tasks' time limits. */
export type BoardAxis = 'goal' | 'month';

/** One cell of the board: a lead unit's tasks under one goal (or due in one month). */
export interface BoardCell {
  unitId: string;
  /** The goal id, or the month `YYYY-MM`; null: tasks added during the year (no goal) or without a date. */
  column: string | null;
  total: number;
  /** Not yet accepted or cancelled. */
  open: number;
  red: number;
  yellow: number;
  green: number;
  /** The worst light of the open tasks (RED > YELLOW > GREEN); NONE when every task is closed. */
  worst: 'RED' | 'YELLOW' | 'GREEN' | 'NONE';
  /** The highest escalation rung reached by an open task. */
  maxRung: number;
  /** Milestones (序时进度) missed by the open tasks: the cell's lag. */
  milestonesMissed: number;
}

/** An open task of a cycle whose deadline comes next. */
export interface UpcomingDeadline {
  id: string;
  title: string;
  leadUnitId: string;
  dueDate: string | null;
  light: string;
  rung: number;
}

/** Counts of one unit's tasks (or the organisation's) as a bulletin's summary shows them. */
export interface BulletinTotals {
  /** Tasks led (cancelled ones are not counted). */
  led: number;
  /** Accepted (办结). */
  completed: number;
  /** Accepted without late working days. */
  completedOnTime: number;
  /** completed / led; null when nothing was led. */
  completionRate: number | null;
  /** completedOnTime / completed; null when nothing was completed. */
  onTimeRate: number | null;
  /** The state now: open (assigned, signed, in progress) and past their deadline at `asOf` (目前仍逾期). */
  openOverdue: number;
  /**
   * What happened in the period: tasks that climbed each rung of the escalation ladder then (本期发生), from the
   * escalation history, by the lead unit at the time; a rung since reset (a return for rework) still counts.
   */
  escalations: { l1: number; l2: number; l3: number };
}
