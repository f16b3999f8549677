import type { TaskState, TaskStatus, TrafficLight } from './messages';
import { isWorking, ladderOf, localDateOf, type Schedule } from './rules';

/**
 * What a new policy does to one running task (issue 22, "impact preview" and "applying to running work"): the timers
 * still ahead of it that move, and what falls due at once. Pure: the office's preview and the task's timeline entry
 * say the same sentences. Nothing behind the task is touched: a rung it reached, a reminder already sent.
 */
export interface PolicyImpact {
  /** Each timer ahead of the task that moves, in a sentence (Chinese). */
  changes: string[];
  /** What falls due the moment the policy applies (a rung, the sign-for limit, the yellow light). */
  firesAtOnce: string[];
}

/** What the impact reads of the task: its state, the rung and light it has, and what raises its ladder. */
export type ImpactTask = Pick<TaskStatus, 'state' | 'rung' | 'light' | 'instruction' | 'supervision'>;

const LEVEL = { 1: '一级督办（逾期催办）', 2: '二级督办', 3: '三级督办' } as const;
const LIGHT: Record<TrafficLight, string> = {
  GREEN: '绿灯',
  YELLOW: '黄灯',
  RED: '红灯',
  NONE: '无',
  PAUSED: '中止计时',
};

/** A limit ending at 24:00 of its day, as the timeline writes deadlines: 「2027-03-06 24时」. */
const endOfDay = (iso: string) => `${localDateOf(Date.parse(iso) - 1)} 24时`;
/** A reminder at 09:00 of its day. */
const morningOf = (iso: string) => `${localDateOf(Date.parse(iso))} 9时`;

const moved = (what: string, before: string, after: string) => `${what}由${before}改为${after}`;

/** The instants of `schedule` still ahead at `now`. */
const ahead = (instants: string[], now: number) => instants.filter((at) => Date.parse(at) > now);

export function policyImpact(task: ImpactTask, before: Schedule, after: Schedule, now: number): PolicyImpact {
  const changes: string[] = [];
  const fired: string[] = [];
  if (!isWorking(task.state as TaskState)) return { changes, firesAtOnce: fired };
  // While the clock stands still (挂账) nothing falls due; the timers move again when it runs.

  if (task.state === 'ASSIGNED' && before.signForBy !== after.signForBy) {
    changes.push(moved('签收时限', endOfDay(before.signForBy), endOfDay(after.signForBy)));
    if (Date.parse(after.signForBy) <= now && Date.parse(before.signForBy) > now) fired.push('立即超过签收时限');
  }

  const remindersBefore = ahead(
    before.reminders.map((r) => r.at),
    now,
  );
  const remindersAfter = ahead(
    after.reminders.map((r) => r.at),
    now,
  );
  if (remindersBefore.join() !== remindersAfter.join()) {
    const list = (xs: string[]) => (xs.length ? xs.map(morningOf).join('、') : '无');
    changes.push(moved('尚未发送的到期提醒', list(remindersBefore), list(remindersAfter)));
  }

  if (before.yellowAt !== after.yellowAt && (Date.parse(before.yellowAt) > now || Date.parse(after.yellowAt) > now)) {
    changes.push(moved('黄灯预警时间', endOfDay(before.yellowAt), endOfDay(after.yellowAt)));
    const dueAhead = Date.parse(after.dueAt) > now;
    if (task.light === 'GREEN' && dueAhead && Date.parse(after.yellowAt) <= now)
      fired.push(`指示灯立即由${LIGHT.GREEN}变为${LIGHT.YELLOW}`);
    if (task.light === 'YELLOW' && dueAhead && Date.parse(after.yellowAt) > now && Date.parse(before.yellowAt) <= now)
      changes.push(`指示灯恢复为${LIGHT.GREEN}（进度报告逾期或序时进度滞后的仍为${LIGHT.YELLOW}）`);
  }

  if (task.state !== 'ASSIGNED' && before.progressDueAt !== after.progressDueAt) {
    const when = (at: string | null) => (at ? endOfDay(at) : '不要求定期报告');
    changes.push(moved('下次进度报告时限', when(before.progressDueAt), when(after.progressDueAt)));
    if (after.progressDueAt && Date.parse(after.progressDueAt) <= now && task.light === 'GREEN')
      fired.push('立即视为未按时报告进度（黄灯）');
  }

  const status = task as TaskStatus;
  const ladderBefore = new Map(ladderOf(status, before).map((r) => [r.rung, r.at]));
  for (const rung of ladderOf(status, after)) {
    if (rung.rung <= task.rung) continue;
    const was = ladderBefore.get(rung.rung);
    if (was === undefined || was === rung.at) continue;
    const at = new Date(rung.at).toISOString();
    changes.push(moved(`${LEVEL[rung.rung]}时间`, endOfDay(new Date(was).toISOString()), endOfDay(at)));
    if (rung.at <= now && was > now) fired.push(`立即进入${LEVEL[rung.rung]}`);
  }
  return { changes, firesAtOnce: task.light === 'PAUSED' ? [] : fired };
}

/**
 * The timeline entry of a version applied to a running task: the version and why, what changed in its type, then
 * what moved for the task and what falls due at once.
 */
export function policyChangedText(
  change: { version: number; reason: string; changes: string[] },
  impact: PolicyImpact,
): string {
  const head = `督办规则调整为第${change.version}版（${change.reason}）`;
  const rules = change.changes.length ? `：${change.changes.join('；')}` : '';
  const timers = impact.changes.length
    ? `。本任务${impact.changes.join('；')}`
    : '。本任务尚未到期的提醒和督办时间不变';
  const atOnce = impact.firesAtOnce.length ? `；按新规则${impact.firesAtOnce.join('，')}` : '';
  return `${head}${rules}${timers}${atOnce}。`;
}
