import { InvalidArgumentError } from 'commander';

/**
 * Parsers for option and argument values: each refusal states what is allowed, and commander turns it into a
 * usage error (exit 2) naming the option, e.g. “--days 须为 1 到 3650 之间的整数，而不是“0””.
 */
export function wholeNumber(min: number, max: number, what = '整数'): (text: string) => number {
  return (text) => {
    const n = Number(text.trim());
    if (!/^[+-]?\d+$/.test(text.trim()) || n < min || n > max) {
      throw new InvalidArgumentError(`须为 ${min} 到 ${max} 之间的${what}`);
    }
    return n;
  };
}

/** A year of an annual cycle. */
export const year = wholeNumber(2000, 2100, '年份（如 2027）');

/** `--year-offset`: the cycle opened is that of the run's year, or the next. */
export function zeroOrOne(text: string): number {
  if (text.trim() !== '0' && text.trim() !== '1') throw new InvalidArgumentError('须为 0 或 1');
  return Number(text.trim());
}

/** A month and day, MM-DD (whether that day exists every year is the use case's rule). */
export function monthDay(text: string): string {
  if (!/^\d{2}-\d{2}$/.test(text)) throw new InvalidArgumentError('须为 MM-DD 格式的月日，如 01-31');
  return text;
}

/** An id or a text that must not be empty or blank. */
export function nonBlank(text: string): string {
  if (text.trim() === '') throw new InvalidArgumentError('不能为空');
  return text;
}
