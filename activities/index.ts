import type { Pool } from 'pg';
import type { HeliMetrics } from '../config/heli-metrics';
import { recordTaskEvent, type TaskEvent } from '../db/queries/tasks';
import { createAppraisalActivities } from './appraisals';
import { createAssessmentActivities } from './assessment';
import { createCaseActivities } from './cases';
import { createCaseTeamActivities } from './case-teams';
import { createCycleActivities } from './cycles';
import { createInspectionActivities } from './inspections';
import { createMeetingActivities } from './meetings';
import { createRotationActivities } from './rotations';
import { createNotificationActivities } from './notifications';
import { createNoticeDeliveryActivities, type NoticeDeliveryDeps } from './notice-delivery';
import { createReferralActivities } from './referrals';
import { createSubmissionActivities } from './submissions';
import { notifyTaskEvent, type TaskEventNotice } from './task-events';
import { measureLateness, planPause, planResume, planTaskTimers, type PlanInput } from './task-schedule';
import { recordTaskSteps, type TaskStepInput } from './task-step';
import { runningTasksOfTypes } from '../db/queries/running-tasks';
import type { WebhookTargetOptions } from './webhook-target';

export interface ActivityDeps {
  db: Pool;
  /** Outbound HTTP for webhooks; tests pass their own. */
  fetch?: typeof fetch;
  /** Escalations and webhook deliveries are counted here; absent in tests that do not look. */
  metrics?: HeliMetrics;
  /** Where webhooks may go (WEBHOOK_ALLOWED_RANGES); absent: public addresses only. */
  webhookTargets?: WebhookTargetOptions;
  /** E-mail, SMS and group robots (NOTICE_CHANNELS_FILE); absent: the delivery activities refuse, none is started. */
  notices?: Omit<NoticeDeliveryDeps, 'db'>;
}

const RUNG = /^ESCALATION_(L[123])$/;

/**
 * Builds the activities from their dependencies: the worker passes real ones, tests real or fake ones.
 * Every write is keyed by workflow id + step, so a retried or replayed activity never writes twice.
 */
export function createActivities({ db, fetch, metrics, webhookTargets, notices }: ActivityDeps) {
  const notifications = createNotificationActivities({ db, fetch, metrics, webhookTargets });
  /** Writes the steps in one transaction; each rung counted only when first written, never on a retry or replay. */
  const recordSteps = async (inputs: TaskStepInput[]): Promise<void> => {
    const isNew = await recordTaskSteps(db, inputs);
    inputs.forEach((input, i) => {
      const rung = RUNG.exec(input.entry.kind)?.[1];
      if (isNew[i] && rung) metrics?.escalations.inc({ rung });
    });
  };
  return {
    ...notifications,
    ...createCycleActivities(db),
    ...createMeetingActivities(db),
    ...createAssessmentActivities(db),
    ...createCaseActivities(db),
    ...createCaseTeamActivities(db),
    ...createInspectionActivities(db),
    ...createReferralActivities(db),
    ...createRotationActivities(db),
    ...createAppraisalActivities(db),
    ...createSubmissionActivities(db),
    ...createNoticeDeliveryActivities({ config: () => undefined, ...notices, db }),
    planTaskTimers: (p: PlanInput) => planTaskTimers(db, p),
    measureLateness: (p: { orgId: string; dueDate: string; at: string }) => measureLateness(db, p),
    /** The end of a pause's limit on the working-day calendar (挂账). */
    planPause: (p: Parameters<typeof planPause>[1]) => planPause(db, p),
    /** The paused working days and the deadline moved by them, when the clock runs again. */
    planResume: (p: Parameters<typeof planResume>[1]) => planResume(db, p),
    async recordTaskEvent(e: TaskEvent): Promise<void> {
      const isNew = await recordTaskEvent(db, e);
      // Counted only when the step was first written, so a retried or replayed activity does not count twice.
      const rung = RUNG.exec(e.entry.kind)?.[1];
      if (isNew && rung) metrics?.escalations.inc({ rung });
    },
    notifyTaskEvent: (n: TaskEventNotice) => notifyTaskEvent(db, notifications, n),
    /** A task step in one transaction, notices and outbox included; run as a local activity. */
    recordTaskStep: (input: TaskStepInput) => recordSteps([input]),
    /** Steps that happen together (one timer's), in one transaction; run as a local activity. */
    recordTaskSteps: (inputs: TaskStepInput[]) => recordSteps(inputs),
    /** A page of the running tasks a version of the task types is applied to (taskPolicyRollout). */
    runningTasksOfTypes: (p: Parameters<typeof runningTasksOfTypes>[1]) => runningTasksOfTypes(db, p),
  };
}

export type Activities = ReturnType<typeof createActivities>;
