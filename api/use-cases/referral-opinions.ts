import * as rm from '../../procedures/referral/messages';
import { auditRefusal, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, said } from '../errors';
import { FIELD } from '../field-texts';
import type { Action } from '../policy';
import { actOn, REFERRAL, visible } from './instances';
import { answerOf } from './referrals';
import { checkAssignment, checkTimeLimit } from './tasks';
import { taskPoliciesOf } from './task-policies';

export interface OpinionBody {
  facts?: string;
  evidence?: string;
  nature?: string;
  text: string;
  task?: {
    title: string;
    leadUnitId: string;
    coUnitIds: string[];
    leaderId: string;
    requirements: string;
    standard: string;
    dueDate?: string;
    workingDays?: number;
  };
}

/**
 * The office records a coordination opinion (协调意见); one with a task becomes a supervised task of type
 * COORDINATION_OPINION, its four-in-place checked like a task's (422 naming the field).
 */
export async function recordReferralOpinion(deps: AppDeps, caller: Caller, id: string, body: OpinionBody) {
  const action: Action = 'referral.opinion';
  const found = await visible(deps, caller, REFERRAL, id, action);
  let task: rm.OpinionTask | undefined;
  if (body.task) {
    const t = body.task;
    const policy = (await taskPoliciesOf(deps, found.orgId)).get('COORDINATION_OPINION');
    try {
      if (!policy) {
        throw new AppError(
          'no-task-type',
          500,
          said(
            '未配置“协调意见落实”任务类型（COORDINATION_OPINION）',
            'The task type COORDINATION_OPINION is not configured',
          ),
        );
      }
      if ((t.dueDate === undefined) === (t.workingDays === undefined)) {
        throw new AppError(
          'invalid-time-limit',
          422,
          said('协调意见的落实时限须为日期或工作日数，二者选一', 'Give exactly one of dueDate and workingDays'),
          [{ field: 'body.task.dueDate', message: FIELD.oneTimeLimit }],
        );
      }
      checkTimeLimit(t, new Date(), 'body.task');
      await checkAssignment(deps, found.orgId, t, 'body.task');
    } catch (err) {
      if (err instanceof AppError) await auditRefusal(deps, caller, action, { type: 'referral', id }, err.message);
      throw err;
    }
    task = {
      title: t.title,
      leadUnitId: t.leadUnitId,
      coUnitIds: t.coUnitIds,
      leaderId: t.leaderId,
      requirements: t.requirements,
      standard: t.standard,
      limit: t.dueDate ? { kind: 'DATE', date: t.dueDate } : { kind: 'WORKING_DAYS', days: t.workingDays ?? 1 },
      policy: policy!,
    };
  }
  const args = {
    facts: body.facts ?? '',
    evidence: body.evidence ?? '',
    nature: body.nature ?? '',
    text: body.text,
    ...(task ? { task } : {}),
  };
  return answerOf(await actOn(deps, caller, REFERRAL, found, action, rm.recordOpinion, args));
}
