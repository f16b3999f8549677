/**
 * A task as its readers see it: the parts the workflow's input, the read model, the API and the web workspace share.
 * Types only, importing nothing: the web workspace imports them too.
 */

/** The four-in-place (四到位) of a task: what is asked, who leads and helps, the leader in charge, the standard. */
export interface TaskAssignment {
  title: string;
  leadUnitId: string;
  coUnitIds: string[];
  leaderId: string;
  requirements: string;
  standard: string;
}

/** A task's course so far, as the read model keeps it and the API shows it. */
export interface TaskCourse {
  signedAt: string | null;
  lastProgressAt: string | null;
  submittedAt: string | null;
  acceptedAt: string | null;
  rating: string | null;
  lateWorkingDays: number;
  urgings: number;
  returns: number;
}

/** One line of a procedure's timeline (履职轨迹). */
export interface TimelineEntry {
  step: string;
  kind: string;
  message: string;
  actorId: string | null;
  at: string;
}
