import type { TaskMachine } from './machine';
import { milestoneDueSteps } from './milestone-steps';
import type { RaisedBy, TimerEvent } from './rules';
import { refreshLight, type TaskStep } from './steps';

/**
 * What each timer of the supervised task changes and records (DOMAIN.md "Reminders", "Traffic light",
 * "Escalation ladder"). Pure, like the actions' effects; what a timer does outside the task (the L1 copy to the
 * leader, the L3 referral to the cycle) the workflow adds.
 */
export function timerSteps(t: TaskMachine, event: TimerEvent, now: number): TaskStep[] {
  const due = t.status.dueDate ?? '';
  switch (event.kind) {
    case 'SIGN_FOR_LIMIT':
      t.status.urgings += 1;
      return [{ kind: 'SIGN_FOR_OVERDUE', message: `超过签收时限仍未签收，已催办牵头单位`, details: { dueDate: due } }];
    case 'REMINDER':
      return [
        {
          kind: 'REMINDER',
          message: `提醒：距工作时限（${due}）还有${event.daysBefore}个工作日`,
          details: { daysBefore: event.daysBefore, dueDate: due },
        },
      ];
    case 'YELLOW':
      refreshLight(t, now);
      return [{ kind: 'LIGHT_YELLOW', message: `临近工作时限（${due}），亮黄灯`, details: { dueDate: due } }];
    case 'PROGRESS_DUE':
      t.progressMissing = true;
      t.progressAnchor = new Date(event.at).toISOString();
      refreshLight(t, now);
      t.replan = true;
      return [{ kind: 'PROGRESS_MISSING', message: '未按要求报送进展情况，请及时反馈', details: { dueDate: due } }];
    case 'MILESTONE':
      return milestoneDueSteps(t, event.milestoneId, now);
    case 'PAUSE_LIMIT':
      // The resumption needs the calendar: the workflow counts the paused days and records it (`resumeSteps`).
      return [];
    case 'RUNG': {
      t.status.rung = event.rung;
      refreshLight(t, now);
      // The first urging of a lapse: at the deadline, whichever level a 批示件 or named supervision starts it at.
      if (event.rung === 1 || event.point === 1) t.status.urgings += 1;
      const { l2AfterWorkingDays, l3AfterWorkingDays } = t.policy.escalation;
      const lapse = {
        1: `已超过工作时限（${due}）仍未报结`,
        2: `逾期${l2AfterWorkingDays}个工作日仍未报结`,
        3: `逾期${l3AfterWorkingDays}个工作日仍未报结`,
      }[event.point];
      const raised = raisedText(event.raisedBy, event.point, event.rung);
      const message = {
        1: `${lapse}，亮红灯，向牵头单位主要负责人发出逾期催办（一级督办）`,
        2: `${lapse}${raised}，提请分管领导督办（二级督办）`,
        3: `${lapse}${raised}，报领导小组并在通报中点名，移送责任追究（三级督办）`,
      }[event.rung];
      const details = {
        dueDate: due,
        ...(event.rung !== event.point ? { point: event.point, raisedBy: event.raisedBy } : {}),
      };
      return [{ kind: `ESCALATION_L${event.rung}`, message, rung: event.rung, details }];
    }
  }
}

/** 「（挂牌督办事项，提级督办）」: why a rung went higher than its place in the schedule; nothing when it did not. */
function raisedText(raisedBy: readonly RaisedBy[], point: number, rung: number): string {
  if (rung === point) return '';
  const why = raisedBy.map((r) => ({ INSTRUCTION: '领导批示件', NAMED: '挂牌督办事项' })[r]).join('、');
  return `（${why}，提级督办）`;
}
