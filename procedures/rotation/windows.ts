import type { RotationPolicy } from './messages';

/*
 * The rules of a rotation window (轮训时段), pure: its length in whole calendar months, its start not in the past, and
 * no two windows of one person overlapping. The API checks a plan with them (422 naming each field); the machine
 * checks a swap's proposal with them.
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const isDate = (d: string): boolean =>
  DATE.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

/** The date `n` calendar months after `date`, clamped to the month's last day (1月31日 + 1 month = 2月28日). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

export const nextDay = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** A window's problem with its dates, in Chinese, or null: 2..6 calendar months, from today on. */
export function windowDatesProblem(
  w: { start: string; end: string },
  today: string,
  policy: Pick<RotationPolicy, 'minMonths' | 'maxMonths'>,
): { field: 'start' | 'end'; text: string } | null {
  if (!isDate(w.start)) return { field: 'start', text: '开始日期格式应为 YYYY-MM-DD' };
  if (!isDate(w.end)) return { field: 'end', text: '结束日期格式应为 YYYY-MM-DD' };
  if (w.start < today) return { field: 'start', text: `开始日期（${w.start}）已过` };
  const after = nextDay(w.end);
  if (after < addMonths(w.start, policy.minMonths) || after > addMonths(w.start, policy.maxMonths)) {
    return {
      field: 'end',
      text: `轮训时段应为${policy.minMonths}至${policy.maxMonths}个月（${w.start}至${w.end}不符）`,
    };
  }
  return null;
}

/** Whether two windows share a day. */
export const overlaps = (a: { start: string; end: string }, b: { start: string; end: string }): boolean =>
  a.start <= b.end && b.start <= a.end;
