import { allHandlersFinished, condition, getExternalWorkflowHandle, setHandler } from '@temporalio/workflow';
import type { Recipient } from '../procedures/kernel/recipients';
import {
  submissionProcedure,
  submittedStatus,
  takeAnswer,
  takeRating,
  takeTriage,
  type SubmissionMachine,
} from '../procedures/submission/machine';
import * as sm from '../procedures/submission/messages';
import type { SubmissionInput, SubmissionNotice, SubmissionStatus } from '../procedures/submission/messages';
import * as texts from '../procedures/submission/texts';
import { referralWorkflowId } from '../procedures/referral/messages';
import { taskWorkflowId, type Actor, type TaskStatus } from '../procedures/task/messages';
import { registerActions } from './kernel/actions';
import { activities as acts, serveStatus, startChildOnce, watchCalendar, workflowClock } from './kernel/instance';
import { climbLadder, dueInstant, type Rung } from './kernel/timers';

/** The audit action of each step of a submission. */
const ACTION: Record<string, string> = {
  SUBMITTED: 'submission.create',
  REPLIED: 'submission.reply',
  TASKED: 'submission.task',
  REFERRED: 'submission.refer',
  MERGED: 'submission.merge',
  MERGED_IN: 'submission.merge',
  CLOSED: 'submission.close',
  ANSWERED: 'submission.answer',
  FOLLOWED: 'submission.answer',
  TASK_DONE: 'submission.taskDone',
  RATED: 'submission.rate',
  TRIAGE_REMINDED: 'submission.remind',
  TRIAGE_OVERDUE: 'submission.urge',
  TRIAGE_ESCALATED: 'submission.escalate',
  ANSWER_OVERDUE: 'submission.urge',
  CALENDAR_CHANGED: 'submission.recompute',
};

/**
 * A submission (反映) of a supervision network member, issue 19 parts 2–4. The office is told and triages it by the
 * policy's N-th working day: a reminder before the deadline, L1 to the office's staff at it, L2 to the office head K
 * working days later. A reply answers at once; a task (started here as a child through the task-creation path, with
 * nothing of the submitter) or a referral of a clue owes the member an answer by the M-th working day after triage,
 * and a lapse goes to the office and its head. The task's end reaches this workflow durably as its child's completion
 * (Temporal records it in this history): an accepted task tells the member. A merged submission follows the outcome
 * of the one it joined, which signals it. The member rates the answer once; the workflow ends then (or on a close).
 */
export async function submission(input: SubmissionInput): Promise<SubmissionStatus> {
  const { workflowId, now, nowIso } = workflowClock();
  const status = submittedStatus(input.submissionId);
  const machine: SubmissionMachine = { status, input, recorded: false };
  let step = 0;
  let taskEnded: Promise<unknown> | null = null;
  let taskSettled = false;
  let triageRecorded = false;

  const office: Recipient = { kind: 'OFFICE', orgId: input.orgId };
  const member: Recipient = { kind: 'PERSON', personId: input.submittedBy.personId };
  let officeHead: Recipient[] = [];

  async function record(
    kind: string,
    message: string,
    opts: { actor?: Actor | null; payload?: unknown; notices?: SubmissionNotice[]; at?: string } = {},
  ): Promise<void> {
    status.version += 1;
    await acts.recordSubmissionEvent({
      workflowId,
      input,
      status: { ...status, mergedIds: [...status.mergedIds] },
      entry: { step: `${++step}-${kind.toLowerCase()}`, kind, message, at: opts.at ?? nowIso(), actor: opts.actor },
      audit: { action: ACTION[kind] ?? `submission.${kind.toLowerCase()}`, payload: opts.payload ?? {} },
      notices: opts.notices ?? [],
    });
  }
  const toMember = (t: { title: string; body: string }, kind: string): SubmissionNotice => ({
    kind,
    title: t.title,
    body: t.body,
    recipients: [member],
  });

  /** Tells the submissions merged into this one of its outcome (each follows it). */
  async function tellMerged(outcome: sm.Outcome, ids = status.mergedIds): Promise<void> {
    for (const id of ids) {
      try {
        await getExternalWorkflowHandle(sm.submissionWorkflowId(id)).signal(sm.followOutcome, outcome);
      } catch {
        // A merged submission whose workflow has ended has nothing left to follow.
      }
    }
  }

  async function answer(text: string, actor: Actor | null, kind: 'REPLIED' | 'ANSWERED' | 'FOLLOWED') {
    takeAnswer(machine, text, actor?.personId ?? null, now());
    const t = texts.answeredTexts(input, status.answer!);
    await record(kind, t.message, {
      actor,
      payload: { late: status.answerLate },
      notices: [toMember(t, 'SUBMISSION_ANSWERED')],
    });
    await tellMerged({ kind: 'ANSWER', text: status.answer! });
  }

  async function taskDone(): Promise<void> {
    status.taskDoneAt = nowIso();
    const t = texts.taskDoneTexts(input);
    await record('TASK_DONE', t.message, { notices: [toMember(t, 'SUBMISSION_TASK_DONE')] });
    await tellMerged({ kind: 'TASK_DONE', text: '' });
  }

  serveStatus(
    sm.getSubmissionStatus,
    sm.submissionRecorded,
    () => status,
    () => machine.recorded,
  );
  const calendar = watchCalendar();

  const deadlinesFrom = (from: string, workingDays: number) =>
    acts.submissionDeadlines({
      orgId: input.orgId,
      from,
      workingDays,
      remindBeforeWorkingDays: input.policy.remindBeforeWorkingDays,
      headAfterWorkingDays: input.policy.headAfterWorkingDays,
    });

  async function planAnswer(): Promise<void> {
    const d = await deadlinesFrom(status.triagedAt!, input.policy.answerWorkingDays);
    status.answerDueAt = d.dueAt;
    status.answerHeadAt = d.headAt;
  }

  // A later submission joins this one: its member is told and follows this one's outcome.
  const pending: sm.MergedIn[] = [];
  setHandler(sm.mergedIn, (m) => {
    pending.push(m);
  });
  // The outcome of the submission this one was merged into.
  const outcomes: sm.Outcome[] = [];
  setHandler(sm.followOutcome, (o) => {
    outcomes.push(o);
  });

  registerActions(submissionProcedure, {
    state: () => machine,
    now,
    async run(action, actionInput) {
      const actor = actionInput.actor;
      switch (action) {
        case 'replySubmission': {
          takeTriage(machine, 'REPLY', 'ANSWERED', actor, now());
          await answer((actionInput as sm.ReplyInput).answer, actor, 'REPLIED');
          triageRecorded = true;
          break;
        }
        case 'taskSubmission': {
          const { task } = actionInput as sm.ToTaskInput;
          takeTriage(machine, 'TASK', 'TASKED', actor, now());
          status.taskId = task.taskId;
          await planAnswer();
          const t = texts.taskedTexts(input, task.taskId, status.answerDueAt!);
          await record('TASKED', t.message, {
            actor,
            payload: { taskId: task.taskId, late: status.triageLate },
            notices: [toMember(t, 'SUBMISSION_TASKED')],
          });
          const child = await startChildOnce('supervisedTask', taskWorkflowId(task.taskId), task);
          taskEnded = child?.ended ?? Promise.resolve(undefined);
          triageRecorded = true;
          break;
        }
        case 'referSubmission': {
          const { referral } = actionInput as sm.ReferInput;
          takeTriage(machine, 'REFER', 'REFERRED', actor, now());
          status.referralId = referral.referralId;
          await planAnswer();
          const t = texts.referredTexts(input, referral.referralId, status.answerDueAt!);
          await record('REFERRED', t.message, {
            actor,
            payload: { referralId: referral.referralId, late: status.triageLate },
            notices: [toMember(t, 'SUBMISSION_REFERRED')],
          });
          await startChildOnce('referral', referralWorkflowId(referral.referralId), referral);
          triageRecorded = true;
          break;
        }
        case 'mergeSubmission': {
          const m = actionInput as sm.MergeInput;
          takeTriage(machine, 'MERGE', 'MERGED', actor, now());
          status.mergedInto = m.intoId;
          const t = texts.mergedTexts(input, m.intoId);
          await record('MERGED', t.message, {
            actor,
            payload: { intoId: m.intoId, note: m.note?.trim() || null, late: status.triageLate },
            notices: [toMember(t, 'SUBMISSION_MERGED')],
          });
          const joined: sm.MergedIn = { submissionId: input.submissionId, submitterId: input.submittedBy.personId };
          try {
            await getExternalWorkflowHandle(sm.submissionWorkflowId(m.intoId)).signal(sm.mergedIn, joined);
          } catch {
            // The API merges only into a running submission; one that ended since has no outcome left to share.
          }
          triageRecorded = true;
          break;
        }
        case 'closeSubmission': {
          const { reason } = actionInput as sm.CloseInput;
          takeTriage(machine, 'CLOSE', 'CLOSED', actor, now());
          status.closeReason = reason.trim();
          const t = texts.closedTexts(input, status.closeReason);
          await record('CLOSED', t.message, {
            actor,
            payload: { reason: status.closeReason, late: status.triageLate },
            notices: [toMember(t, 'SUBMISSION_CLOSED')],
          });
          await tellMerged({ kind: 'ANSWER', text: status.closeReason });
          triageRecorded = true;
          break;
        }
        case 'answerSubmission': {
          await answer((actionInput as sm.AnswerInput).answer, actor, 'ANSWERED');
          break;
        }
        case 'rateSubmission': {
          const r = actionInput as sm.RateInput;
          takeRating(machine, r, now());
          await record('RATED', texts.ratedText(r.rating, status.ratingComment), {
            actor,
            payload: { rating: r.rating, comment: status.ratingComment },
          });
          break;
        }
      }
      return status;
    },
  });

  // ---- the submission's course ------------------------------------------------------------------------
  const parties = await acts.prepareSubmission({ orgId: input.orgId });
  officeHead = parties.officeUnitId ? [{ kind: 'UNIT_HEAD', unitId: parties.officeUnitId }] : [];
  status.submittedAt = nowIso();
  const triage = await deadlinesFrom(status.submittedAt, input.policy.triageWorkingDays);
  status.triageDueAt = triage.dueAt;
  status.triageRemindAt = triage.remindAt;
  status.triageHeadAt = triage.headAt;
  const sent = texts.submittedTexts(input, triage.dueAt);
  await record('SUBMITTED', sent.message, {
    actor: input.submittedBy,
    payload: { kind: input.kind, subjectUnitId: input.subjectUnitId },
    notices: [
      { kind: 'SUBMISSION_RECEIVED', ...sent.office, recipients: [office] },
      toMember(sent.member, 'SUBMISSION_RECEIVED'),
    ],
  });
  machine.recorded = true;

  // Merges and followed outcomes are taken one at a time, in the order they came, beside the ladders.
  const ended = () => status.state === 'CLOSED' || (status.state === 'ANSWERED' && status.rating !== null);
  let signalsDone = false;
  const signals = (async () => {
    for (;;) {
      await condition(() => pending.length > 0 || outcomes.length > 0 || signalsDone);
      if (pending.length === 0 && outcomes.length === 0) return;
      const joined = pending.shift();
      if (joined) {
        status.mergedIds = [...status.mergedIds, joined.submissionId];
        const t = texts.mergedInTexts(input, joined.submissionId);
        await record('MERGED_IN', t.message, {
          payload: { submissionId: joined.submissionId },
          notices: [toMember(t, 'SUBMISSION_MERGED')],
        });
        if (status.closeReason) await tellMerged({ kind: 'ANSWER', text: status.closeReason }, [joined.submissionId]);
        else if (status.answer) await tellMerged({ kind: 'ANSWER', text: status.answer }, [joined.submissionId]);
        if (status.taskDoneAt) await tellMerged({ kind: 'TASK_DONE', text: '' }, [joined.submissionId]);
        continue;
      }
      const outcome = outcomes.shift()!;
      if (outcome.kind === 'ANSWER' && status.state === 'MERGED') await answer(outcome.text, null, 'FOLLOWED');
      else if (outcome.kind === 'TASK_DONE' && !status.taskDoneAt) await taskDone();
    }
  })();

  async function ladder(rungs: Rung[], settled: () => boolean, replan: () => Promise<void>) {
    await climbLadder(rungs, { now, calendar, settled, replan });
  }

  const remind: Rung = {
    at: () => status.triageRemindAt!,
    async climb() {
      const at = dueInstant(status.triageRemindAt!, now());
      status.triageRemindedAt = at;
      const t = texts.remindTexts(input, status.triageDueAt!);
      await record('TRIAGE_REMINDED', t.message, {
        at,
        payload: { rung: 'REMINDER', dueAt: status.triageDueAt },
        notices: [{ kind: 'SUBMISSION_TRIAGE_REMINDER', title: t.title, body: t.body, recipients: [office] }],
      });
    },
  };
  const l1: Rung = {
    at: () => status.triageDueAt!,
    async climb() {
      const at = dueInstant(status.triageDueAt!, now());
      status.triageOverdueAt = at;
      const t = texts.triageOverdueTexts(input, status.triageDueAt!);
      await record('TRIAGE_OVERDUE', t.message, {
        at,
        payload: { rung: 'L1', dueAt: status.triageDueAt },
        notices: [{ kind: 'SUBMISSION_TRIAGE_OVERDUE', title: t.title, body: t.body, recipients: [office] }],
      });
    },
  };
  const l2: Rung = {
    at: () => status.triageHeadAt!,
    async climb() {
      const at = dueInstant(status.triageHeadAt!, now());
      status.triageEscalatedAt = at;
      const t = texts.triageEscalatedTexts(input, status.triageDueAt!, input.policy.headAfterWorkingDays);
      await record('TRIAGE_ESCALATED', t.message, {
        at,
        payload: { rung: 'L2', dueAt: status.triageDueAt },
        notices: [{ kind: 'SUBMISSION_TRIAGE_ESCALATED', title: t.title, body: t.body, recipients: officeHead }],
      });
    },
  };
  await ladder(
    [remind, l1, l2],
    () => status.state !== 'SUBMITTED',
    async () => {
      const next = await deadlinesFrom(status.submittedAt!, input.policy.triageWorkingDays);
      if (next.dueAt === status.triageDueAt && next.headAt === status.triageHeadAt) return;
      status.triageDueAt = next.dueAt;
      status.triageRemindAt = next.remindAt;
      status.triageHeadAt = next.headAt;
      await record('CALENDAR_CHANGED', texts.recomputedText(next.dueAt), { payload: next });
    },
  );
  // The triage's own step (and a task's or referral's answer deadline) is recorded before the course goes on.
  await condition(() => status.state !== 'SUBMITTED' && triageRecorded);

  // The task's end reaches us as its child's completion: an accepted task tells the member (and the merged ones).
  const watchTask = (async () => {
    await condition(() => taskEnded !== null || status.state !== 'TASKED');
    if (!taskEnded) return;
    const end = (await taskEnded) as TaskStatus | undefined;
    if (end?.state === 'ACCEPTED') await taskDone();
    taskSettled = true;
  })();

  if (status.state === 'TASKED' || status.state === 'REFERRED') {
    const overdue: Rung = {
      at: () => status.answerDueAt!,
      async climb() {
        const at = dueInstant(status.answerDueAt!, now());
        status.answerOverdueAt = at;
        const t = texts.answerOverdueTexts(input, status.answerDueAt!);
        await record('ANSWER_OVERDUE', t.message, {
          at,
          payload: { rung: 'L1', dueAt: status.answerDueAt },
          notices: [
            { kind: 'SUBMISSION_ANSWER_OVERDUE', title: t.title, body: t.body, recipients: [office, ...officeHead] },
          ],
        });
      },
    };
    await ladder(
      [overdue],
      () => status.answer !== null,
      async () => {
        const next = await deadlinesFrom(status.triagedAt!, input.policy.answerWorkingDays);
        if (next.dueAt === status.answerDueAt) return;
        status.answerDueAt = next.dueAt;
        status.answerHeadAt = next.headAt;
        await record('CALENDAR_CHANGED', texts.recomputedText(next.dueAt), { payload: next });
      },
    );
  }
  await condition(() => ended() && (status.taskId === null || taskSettled));
  await watchTask;
  signalsDone = true;
  await signals;
  await condition(allHandlersFinished);
  return status;
}
