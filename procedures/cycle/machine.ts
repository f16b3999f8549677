import { byRole, defineProcedure, nonBlank, refuseWhen } from '../kernel/machine';
import * as c from './messages';
import type { CyclePhase, CycleStatus } from './messages';

/**
 * The annual cycle (年度周期) as a state machine, DOMAIN.md "The annual cycle": the office submits and revises the
 * plan until the leadership group approves its newest version; the office calls ad-hoc meetings and may close the
 * cycle, but not while the plan is being decomposed.
 */
export interface CycleMachine {
  status: CycleStatus;
}

export const PHASE_LABEL: Record<CyclePhase, string> = {
  PLANNING: '计划编制中',
  DECOMPOSING: '任务分解中',
  RUNNING: '推进落实中',
  YEAR_END: '年终考核中',
  CLOSED: '已结束',
};

const phase = (m: CycleMachine) => m.status.phase;

export const cycleProcedure = defineProcedure({
  kind: 'cycles',
  states: ['PLANNING', 'DECOMPOSING', 'RUNNING', 'YEAR_END', 'CLOSED'],
  stateOf: phase,
  actions: {
    planSubmitted: {
      update: c.planSubmitted,
      from: ['PLANNING'],
      by: ['OFFICE'],
      guards: [
        byRole('OFFICE', '年度工作计划由组织协调室提交'),
        refuseWhen(
          'WRONG_STATE',
          ({ state }) => phase(state) !== 'PLANNING',
          ({ state }) => `年度工作计划已经审定（${PHASE_LABEL[phase(state)]}），不能再修改`,
        ),
        refuseWhen(
          'INVALID',
          ({ state, input }: { state: CycleMachine; input: c.PlanSubmittedInput }) =>
            input.version <= (state.status.planVersion ?? 0),
          ({ state }) => `已有更新的计划版本（第${state.status.planVersion}版）`,
        ),
      ],
    },
    approvePlan: {
      update: c.approvePlan,
      from: ['PLANNING'],
      by: ['GROUP'],
      guards: [
        byRole('GROUP', '年度工作计划由领导小组审定'),
        refuseWhen(
          'WRONG_STATE',
          ({ state }) => phase(state) !== 'PLANNING',
          ({ state }) => `年度工作计划已经审定（${PHASE_LABEL[phase(state)]}）`,
        ),
        refuseWhen('NOT_READY', ({ state }) => state.status.planVersion === null, '组织协调室尚未提交年度工作计划'),
        refuseWhen(
          'WRONG_STATE',
          ({ state, input }: { state: CycleMachine; input: c.ApprovePlanInput }) =>
            input.version !== state.status.planVersion,
          ({ state }) => `审定的不是最新版本：最新为第${state.status.planVersion}版，请查看后再审定`,
        ),
      ],
    },
    callMeeting: {
      update: c.callMeeting,
      from: ['PLANNING', 'DECOMPOSING', 'RUNNING', 'YEAR_END'],
      by: ['OFFICE'],
      guards: [
        byRole('OFFICE', '联席会议由组织协调室召集'),
        refuseWhen('WRONG_STATE', ({ state }) => phase(state) === 'CLOSED', '年度周期已结束，不能再召集会议'),
        nonBlank((i: c.CallMeetingInput) => i.title, '会议名称'),
        nonBlank((i: c.CallMeetingInput) => i.place, '会议地点'),
        refuseWhen(
          'INVALID',
          ({ input, now }: { input: c.CallMeetingInput; now: number }) => !(Date.parse(input.at) > now),
          '会议时间须晚于现在',
        ),
        refuseWhen(
          'INVALID',
          ({ input, now }: { input: c.CallMeetingInput; now: number }) =>
            !(Date.parse(input.confirmBy) > now && Date.parse(input.confirmBy) <= Date.parse(input.at)),
          '参会确认时限须晚于现在、不晚于会议时间',
        ),
      ],
    },
    closeCycle: {
      update: c.closeCycle,
      from: ['PLANNING', 'RUNNING', 'YEAR_END'],
      by: ['OFFICE'],
      guards: [
        byRole('OFFICE', '年度周期由组织协调室结束'),
        refuseWhen('WRONG_STATE', ({ state }) => phase(state) === 'CLOSED', '年度周期已经结束'),
        refuseWhen(
          'WRONG_STATE',
          ({ state }) => phase(state) === 'DECOMPOSING',
          '年度计划任务正在分解交办，完成后才能结束',
        ),
        nonBlank((i: c.CloseCycleInput) => i.reason, '结束理由'),
      ],
    },
  },
});
