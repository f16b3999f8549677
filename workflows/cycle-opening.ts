import {
  SearchAttributeType,
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdReusePolicy,
  defineSearchAttributeKey,
} from '@temporalio/common';
import { ParentClosePolicy, patched, proxyActivities, startChild, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  cycleIdOf,
  cycleWorkflowId,
  defaultCycleSettings,
  SCHEDULE_SETTINGS_IN_FORCE,
  type CycleInput,
  type CycleOpeningInput,
} from '../procedures/cycle/messages';

export interface CycleOpeningResult {
  cycleId: string;
  year: number;
  /** The instant the year was taken from: when the run was scheduled (ISO). */
  scheduledAt: string;
  /** False when the cycle was open already (opened by the office, or by an earlier run of the schedule). */
  created: boolean;
}

const acts = proxyActivities<Pick<Activities, 'currentScoringModel' | 'cycleSettingsInForce'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Asia/Shanghai has kept UTC+8 without daylight saving since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Set by Temporal on every workflow a schedule starts: the time the run was due, not when it ran. */
const scheduledStartTime = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

/**
 * Started by the yearly Temporal Schedule: opens the organisation's annual cycle (DOMAIN.md "The annual cycle") as
 * the child `cycle:<org>-<year>`. A schedule appends its time to the ids it starts, so it cannot start the cycle
 * itself; this short workflow gives it the one id per organisation and year. The year comes from the time the run
 * was scheduled (a run caught up after an outage still opens the right year), else from workflow time. A cycle
 * that exists (open or closed) is left alone: the same year is never opened twice.
 */
export async function openCycleOnSchedule(input: CycleOpeningInput): Promise<CycleOpeningResult> {
  const due = workflowInfo().typedSearchAttributes.get(scheduledStartTime) ?? new Date(Date.now());
  const year = new Date(due.getTime() + SHANGHAI_OFFSET_MS).getUTCFullYear() + input.yearOffset;
  const scheduledAt = due.toISOString();
  const cycleId = cycleIdOf(input.orgId, year);
  const planDue = input.overrides?.planDueMonthDay;
  // A cycle is assessed with the model in force when it opens (the organisation's version, else the default of
  // config/scoring-models.yaml), as when the office opens it; runs started before this change keep the built-in
  // default they started the cycle with. (An activity's arguments are not part of the replayed history.)
  const scoringModel = patched('schedule-uses-default-model') ? await acts.currentScoringModel(input.orgId) : undefined;
  // The calendar of meetings and rounds and the assessment's threshold of the office's rules in force (issue 22), as
  // when the office opens it; runs started before this change keep the built-in defaults.
  const inForce = patched(SCHEDULE_SETTINGS_IN_FORCE) ? await acts.cycleSettingsInForce({ orgId: input.orgId }) : {};
  const cycle: CycleInput = {
    cycleId,
    orgId: input.orgId,
    year,
    settings: {
      ...defaultCycleSettings(year),
      ...inForce,
      ...(planDue ? { planDueDate: `${year}-${planDue}` } : {}),
      ...(scoringModel ? { scoringModel } : {}),
    },
    openedBy: null,
  };
  try {
    await startChild('annualCycle', {
      workflowId: cycleWorkflowId(cycleId),
      args: [cycle],
      // The cycle lives its year; this workflow ends as soon as it has started it.
      parentClosePolicy: ParentClosePolicy.ABANDON,
      // A closed cycle keeps its id: the year is not opened a second time.
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { cycleId, year, scheduledAt, created: false };
    throw err;
  }
  return { cycleId, year, scheduledAt, created: true };
}
