import { said } from './errors';

/** What is wrong with a field, said the same way by every route that checks it (in Chinese and English). */
export const FIELD = {
  noUnit: said('单位不存在', 'no such unit'),
  notResponsible: said('不是责任单位', 'not a responsible unit'),
  noPerson: said('人员不存在', 'no such person'),
  noCycle: said('年度周期不存在', 'no such cycle'),
  noReferral: said('移送不存在', 'no such referral'),
  noTaskType: said('任务类型不存在', 'no such task type'),
  notLeader: said('不是分管领导', 'not a responsible leader'),
  listedTwice: said('重复列出', 'listed twice'),
  oneTimeLimit: said(
    '工作时限须填写 dueDate（日期）或 workingDays（工作日数），二者选一',
    'give exactly one of dueDate and workingDays',
  ),
  mustBeFuture: said('须为将来的时间', 'must be in the future'),
  leadAlsoCo: said('牵头单位不能同时作为协办单位', 'the lead unit cannot also co-organise'),
  cycleClosed: said('年度周期已经结束', 'the cycle is closed'),
} as const;

/** The detail of a problem whose time limit is given both ways or neither. */
export const ONE_TIME_LIMIT = said(
  '工作时限须为日期或工作日数，二者选一',
  'The time limit is a date or a number of working days: give exactly one of the two',
);

/** The details of a task's refusals (a task body, or a meeting's resolution assigned like one). */
export const TASK_TEXT = {
  unknownParty: said('任务的责任单位或分管领导不存在', 'A unit or the responsible leader of the task does not exist'),
  noTaskType: said('没有这个任务类型', 'There is no such task type'),
  cycleEnded: said('年度周期已经结束', 'The annual cycle has ended'),
  noCycle: said('年度周期不存在', 'There is no such annual cycle'),
} as const;
