import { ApplicationFailure } from '@temporalio/activity';

/** Asia/Shanghai has kept UTC+8 without daylight saving since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instant a date deadline ends: 24:00 Asia/Shanghai of that day (DOMAIN.md "Time").
 * Working-day deadlines and the official calendar arrive with the task lifecycle.
 */
export function endOfLocalDay(date: string): Date {
  const m = DATE.exec(date);
  const [y, mo, d] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3])];
  const midnightAfter = Date.UTC(y, mo - 1, d + 1) - SHANGHAI_OFFSET_MS;
  if (!m || new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d || Number.isNaN(midnightAfter)) {
    throw ApplicationFailure.create({ type: 'InvalidDate', message: `not a date: ${date}`, nonRetryable: true });
  }
  return new Date(midnightAfter);
}
