import { readWorkingCalendar } from '../../db/queries/calendar';
import * as sm from '../../procedures/submission/messages';
import * as m from '../../procedures/task/messages';
import * as wd from '../../procedures/time/working-days';
import { taskInput } from '../support/task-harness';
import { actor, createSubmissionHarness } from '../support/submission-harness';
import { eventually } from '../support/http';
import { useHarness } from '../support/use-harness';

const office = (req: string) => actor('p-yang-fan', 'office', ['OFFICE'], req);
const DONGGUAN = actor('p-xie-hua', 'town-dongguan', ['UNIT'], 'req-dongguan');
const OFFICE_STAFF = ['p-huang-min', 'p-yang-fan', 'p-zhang-wei'];
const OFFICE_HEAD = ['p-huang-min'];

describe('the submission workflow', () => {
  const h = useHarness(createSubmissionHarness);

  /** 24:00 of the N-th working day after the day of `from` (Asia/Shanghai). */
  async function workingDay(from: string, days: number): Promise<string> {
    const day = wd.localDate(new Date(from));
    const year = Number(day.slice(0, 4));
    const cal = await readWorkingCalendar(h.db.pool, 'district', year - 1, year + 1);
    return wd.localInstant(wd.addWorkingDays(cal, day, days), 24).toISOString();
  }

  /** The people told of a step kind, once its notices are written (a status moves before its step is recorded). */
  const notifiedOf = (submissionId: string, kind: string, expected: string[]) =>
    eventually(async () => {
      const people = await h.notified(submissionId, kind);
      return people.length >= expected.length ? people : undefined;
    });

  it('reminds the office before the triage deadline, urges its staff at it and tells the office head later', async () => {
    const { handle, submissionId } = await h.start();
    const s = await handle.query(sm.getSubmissionStatus);
    expect(s.state).toBe('SUBMITTED');
    expect(s.triageDueAt).toBe(await workingDay(s.submittedAt!, 5));
    expect(s.triageRemindAt).toBe(await workingDay(s.submittedAt!, 4));
    expect(s.triageHeadAt).toBe(await workingDay(s.triageDueAt!, 2));
    expect(await notifiedOf(submissionId, 'SUBMISSION_RECEIVED', [...OFFICE_STAFF, 'p-bai-xue'].sort())).toEqual(
      [...OFFICE_STAFF, 'p-bai-xue'].sort(),
    );

    const reminded = await h.skipTo(s.triageRemindAt!, handle, (x) => x.triageRemindedAt !== null);
    expect(reminded.triageOverdueAt).toBeNull();
    expect(await notifiedOf(submissionId, 'SUBMISSION_TRIAGE_REMINDER', OFFICE_STAFF)).toEqual(OFFICE_STAFF);

    const urged = await h.skipTo(s.triageDueAt!, handle, (x) => x.triageOverdueAt !== null);
    expect(urged.triageOverdueAt).toBe(s.triageDueAt);
    expect(urged.triageEscalatedAt).toBeNull();
    expect(await notifiedOf(submissionId, 'SUBMISSION_TRIAGE_OVERDUE', OFFICE_STAFF)).toEqual(OFFICE_STAFF);

    const escalated = await h.skipTo(s.triageHeadAt!, handle, (x) => x.triageEscalatedAt !== null);
    expect(escalated.triageEscalatedAt).toBe(s.triageHeadAt);
    expect(await notifiedOf(submissionId, 'SUBMISSION_TRIAGE_ESCALATED', OFFICE_HEAD)).toEqual(OFFICE_HEAD);

    // Triaged late: recorded as late; the member hears at once and rates; the workflow ends.
    const replied = await handle.executeUpdate(sm.replySubmission, {
      args: [{ actor: office('req-reply'), answer: '经核实，已责成东关街道加强窗口管理' }],
    });
    expect(replied).toMatchObject({ state: 'ANSWERED', triageAction: 'REPLY', triageLate: true, answerLate: false });
    expect(await notifiedOf(submissionId, 'SUBMISSION_ANSWERED', ['p-bai-xue'])).toEqual(['p-bai-xue']);
    const member = actor('p-bai-xue', 'office', ['OBSERVER'], 'req-rate');
    await handle.executeUpdate(sm.rateSubmission, { args: [{ actor: member, rating: 4, comment: '答复及时' }] });
    // Rated once, the submission is done: its workflow ends (a second rating is refused by the API, 409).
    const done = await handle.result();
    expect(done).toMatchObject({ state: 'ANSWERED', rating: 4, ratingComment: '答复及时' });
    expect((await h.timeline(submissionId)).map((e) => e.kind)).toEqual([
      'SUBMITTED',
      'TRIAGE_REMINDED',
      'TRIAGE_OVERDUE',
      'TRIAGE_ESCALATED',
      'REPLIED',
      'RATED',
    ]);
  });

  it('escalates a lapsed answer deadline to the office and its head; an accepted task tells the member', async () => {
    const { handle, submissionId } = await h.start();
    const task = taskInput(h.policies, new Date(await h.now()).toISOString(), {
      title: '规范便民服务中心窗口管理',
      actor: office('req-task'),
      createdBy: 'p-yang-fan',
    });
    const tasked = await handle.executeUpdate(sm.taskSubmission, { args: [{ actor: office('req-task'), task }] });
    expect(tasked).toMatchObject({ state: 'TASKED', triageAction: 'TASK', taskId: task.taskId, triageLate: false });
    expect(tasked.answerDueAt).toBe(await workingDay(tasked.triagedAt!, 15));
    expect(await notifiedOf(submissionId, 'SUBMISSION_TASKED', ['p-bai-xue'])).toEqual(['p-bai-xue']);

    // The task is the unit's as any other: nothing in its row or timeline names the member or the submission.
    const taskHandle = h.client.workflow.getHandle(m.taskWorkflowId(task.taskId));
    await taskHandle.executeUpdate(m.signFor, { args: [{ actor: DONGGUAN }] });
    const { rows } = await h.db.pool.query(`SELECT row_to_json(t)::text AS row FROM tasks t WHERE id = $1`, [
      task.taskId,
    ]);
    const { rows: steps } = await h.db.pool.query(`SELECT message, actor_id FROM task_timeline WHERE task_id = $1`, [
      task.taskId,
    ]);
    const taskText = JSON.stringify([rows, steps]);
    expect(taskText).not.toMatch(/p-bai-xue|白雪|s-[0-9a-f]{10}|反映/);

    const lapsed = await h.skipTo(tasked.answerDueAt!, handle, (x) => x.answerOverdueAt !== null);
    expect(lapsed.answerOverdueAt).toBe(tasked.answerDueAt);
    expect(await notifiedOf(submissionId, 'SUBMISSION_ANSWER_OVERDUE', OFFICE_STAFF)).toEqual(OFFICE_STAFF);

    await handle.executeUpdate(sm.answerSubmission, {
      args: [{ actor: office('req-answer'), answer: '东关街道已调整窗口排班并公开监督电话' }],
    });
    expect((await handle.query(sm.getSubmissionStatus)).answerLate).toBe(true);

    await taskHandle.executeUpdate(m.submitTask, { args: [{ actor: DONGGUAN, summary: '已调整排班' }] });
    await taskHandle.executeUpdate(m.acceptTask, { args: [{ actor: office('req-accept'), rating: 'GOOD' }] });
    const told = await h.queryUntil(handle, (x) => x.taskDoneAt !== null);
    expect(told.taskDoneAt).not.toBeNull();
    expect(await notifiedOf(submissionId, 'SUBMISSION_TASK_DONE', ['p-bai-xue'])).toEqual(['p-bai-xue']);
    expect((await h.timeline(submissionId)).map((e) => e.kind)).toEqual([
      'SUBMITTED',
      'TASKED',
      'ANSWER_OVERDUE',
      'ANSWERED',
      'TASK_DONE',
    ]);
  });

  it('merges a later submission into an earlier one: both members are told, the merged one follows the answer', async () => {
    const earlier = await h.start();
    const later = await h.start({
      submittedBy: actor('p-kong-deming', 'office', ['OBSERVER'], 'req-kong'),
      what: '东关街道便民服务中心午间无人值守',
    });
    const merged = await later.handle.executeUpdate(sm.mergeSubmission, {
      args: [{ actor: office('req-merge'), intoId: earlier.submissionId }],
    });
    expect(merged).toMatchObject({ state: 'MERGED', mergedInto: earlier.submissionId });
    expect(await notifiedOf(later.submissionId, 'SUBMISSION_MERGED', ['p-kong-deming'])).toEqual(['p-kong-deming']);
    const joined = await h.queryUntil(earlier.handle, (x) => x.mergedIds.length === 1);
    expect(joined.mergedIds).toEqual([later.submissionId]);
    expect(await notifiedOf(earlier.submissionId, 'SUBMISSION_MERGED', ['p-bai-xue'])).toEqual(['p-bai-xue']);

    await earlier.handle.executeUpdate(sm.replySubmission, {
      args: [{ actor: office('req-reply-merged'), answer: '已督促东关街道落实窗口值守制度' }],
    });
    const followed = await h.queryUntil(later.handle, (x) => x.state === 'ANSWERED');
    expect(followed.answer).toBe('已督促东关街道落实窗口值守制度');
    expect(await notifiedOf(later.submissionId, 'SUBMISSION_ANSWERED', ['p-kong-deming'])).toEqual(['p-kong-deming']);
    expect(await notifiedOf(earlier.submissionId, 'SUBMISSION_ANSWERED', ['p-bai-xue'])).toEqual(['p-bai-xue']);
  });
});
