import { policyImpact, type ImpactTask } from '../../procedures/task/policy-impact';
import type { Schedule } from '../../procedures/task/rules';

/** 24:00 of a local (UTC+8) date, and 09:00 of one, as instants. */
const end = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000).toISOString();
const nine = (date: string) => new Date(`${date}T09:00:00+08:00`).toISOString();

/** A task due 2027-03-10: sign-for by 03-01, reminders 03-05 and 03-09, yellow from the end of 03-05, L2/L3. */
const before: Schedule = {
  dueDate: '2027-03-10',
  dueAt: end('2027-03-10'),
  provisional: false,
  signForBy: end('2027-03-01'),
  reminders: [
    { daysBefore: 3, at: nine('2027-03-05') },
    { daysBefore: 1, at: nine('2027-03-09') },
  ],
  yellowAt: end('2027-03-05'),
  progressDueAt: null,
  rungs: [
    { rung: 1, at: end('2027-03-10') },
    { rung: 2, at: end('2027-03-15') },
    { rung: 3, at: end('2027-03-24') },
  ],
};
const signed: ImpactTask = { state: 'SIGNED', rung: 0, light: 'GREEN' };
const at = (iso: string) => Date.parse(iso);

describe('what a new policy does to a running task', () => {
  it('names each timer ahead that moves, and nothing that stays', () => {
    const after: Schedule = {
      ...before,
      rungs: [before.rungs[0]!, { rung: 2, at: end('2027-03-11') }, before.rungs[2]!],
    };

    expect(policyImpact(signed, before, after, at('2027-03-02T00:00:00Z'))).toEqual({
      changes: ['二级督办时间由2027-03-15 24时改为2027-03-11 24时'],
      firesAtOnce: [],
    });
    expect(policyImpact(signed, before, before, at('2027-03-02T00:00:00Z'))).toEqual({ changes: [], firesAtOnce: [] });
  });

  it('leaves out a rung the task reached and a reminder already sent; reaches at once a rung put in the past', () => {
    const after: Schedule = {
      ...before,
      reminders: [{ daysBefore: 5, at: nine('2027-03-03') }, ...before.reminders],
      rungs: [before.rungs[0]!, { rung: 2, at: end('2027-03-11') }, { rung: 3, at: end('2027-03-18') }],
    };
    const lapsed: ImpactTask = { state: 'IN_PROGRESS', rung: 1, light: 'RED' };

    const impact = policyImpact(lapsed, before, after, at(end('2027-03-12')));

    expect(impact.changes).toEqual([
      '二级督办时间由2027-03-15 24时改为2027-03-11 24时',
      '三级督办时间由2027-03-24 24时改为2027-03-18 24时',
    ]);
    expect(impact.firesAtOnce).toEqual(['立即进入二级督办']);
  });

  it('tells the sign-for limit, the reminders and the yellow light of a task not yet signed', () => {
    const after: Schedule = {
      ...before,
      signForBy: end('2027-02-26'),
      reminders: [{ daysBefore: 5, at: nine('2027-03-03') }],
      yellowAt: end('2027-02-26'),
    };

    const impact = policyImpact({ ...signed, state: 'ASSIGNED' }, before, after, at('2027-02-27T00:00:00Z'));

    expect(impact.changes).toEqual([
      '签收时限由2027-03-01 24时改为2027-02-26 24时',
      '尚未发送的到期提醒由2027-03-05 9时、2027-03-09 9时改为2027-03-03 9时',
      '黄灯预警时间由2027-03-05 24时改为2027-02-26 24时',
    ]);
    expect(impact.firesAtOnce).toEqual(['立即超过签收时限', '指示灯立即由绿灯变为黄灯']);
  });

  it('moves nothing for a submitted task, and nothing falls due while the clock stands still (挂账)', () => {
    const after: Schedule = {
      ...before,
      rungs: [before.rungs[0]!, { rung: 2, at: end('2027-03-11') }, before.rungs[2]!],
    };
    const now = at(end('2027-03-12'));

    expect(policyImpact({ ...signed, state: 'SUBMITTED' }, before, after, now)).toEqual({
      changes: [],
      firesAtOnce: [],
    });
    const paused = policyImpact({ state: 'IN_PROGRESS', rung: 1, light: 'PAUSED' }, before, after, now);
    expect(paused).toEqual({ changes: ['二级督办时间由2027-03-15 24时改为2027-03-11 24时'], firesAtOnce: [] });
  });

  it('raises the ladder of a 批示件 as the task does: its first rung at L2', () => {
    const after: Schedule = {
      ...before,
      rungs: [before.rungs[0]!, { rung: 2, at: end('2027-03-11') }, before.rungs[2]!],
    };
    const instructed: ImpactTask = {
      ...signed,
      instruction: { severity: 'DISTRICT', by: '区委书记', startRung: 2 },
    };

    // L2 at the deadline, L3 at the second point: the one that moves.
    expect(policyImpact(instructed, before, after, at('2027-03-02T00:00:00Z')).changes).toEqual([
      '三级督办时间由2027-03-15 24时改为2027-03-11 24时',
    ]);
  });
});
