import type { RegularMeeting } from '../../procedures/cycle/messages';
import { localText } from '../../procedures/meeting/steps';
import {
  isProvisional,
  isWorkingDay,
  localDate,
  workingDaysBetween,
  type WorkingCalendar,
} from '../../procedures/time/working-days';
import { said, type FieldProblem } from '../errors';

/** The times of an ad-hoc meeting as the office gives them (ISO instants with their UTC offset). */
export interface MeetingTimes {
  at: string;
  confirmBy: string;
}

/** Something unusual about a call that the office may well mean (a weekend meeting): said, and the call goes ahead. */
export interface MeetingWarning {
  field: string;
  message: string;
}

/** What the judgement needs besides the times: the clock, the working-day calendar and the cycle's regular meetings. */
export interface MeetingContext {
  now: number;
  cal: WorkingCalendar;
  /** The cycle's year: a meeting may fall in it or in the next (the year-end steps), never later. */
  year: number;
  regular: RegularMeeting[];
  /** How close (in working days) to a regular meeting an ad-hoc one counts as off the cadence: its notice period. */
  nearWorkingDays: number;
}

/** Office hours (Asia/Shanghai) within which a meeting is expected to begin. */
const OFFICE_HOURS = { from: 8 * 60, to: 18 * 60 };
const WEEKDAY = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
/** The offsets that say the instant plainly: Beijing time, or UTC as machines write it. */
const PLAIN_OFFSETS = new Set(['+08:00', '+0800', 'Z', 'z', '+00:00']);

const offsetOf = (instant: string) => /(Z|z|[+-]\d{2}:?\d{2})$/.exec(instant)?.[1] ?? '';
/** The local day an instant belongs to; an end-of-day deadline (24:00) belongs to the day it ends. */
const dayOf = (ms: number, endOfDay = false) => localDate(new Date(endOfDay ? ms - 1 : ms));
const minutesOfDay = (ms: number) => Math.floor(((ms + 8 * 3_600_000) % 86_400_000) / 60_000);
const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** Why a local date is not a working day: a statutory holiday, or the weekend. */
function dayOff(cal: WorkingCalendar, date: string): string | undefined {
  if (isWorkingDay(cal, date)) return undefined;
  if (cal.overrides.get(date) === 'HOLIDAY') return `${monthDay(date)}为法定节假日`;
  return `${monthDay(date)}为${WEEKDAY[new Date(`${date}T00:00:00Z`).getUTCDay()]}`;
}

/**
 * Refusals (422, every one at once) for times that cannot be right — a meeting or deadline in the past, a deadline after
 * the meeting, a meeting beyond the year after the cycle's — and warnings for what is merely unusual (DOMAIN.md "Time",
 * Asia/Shanghai): a day off, an hour outside office hours, an offset other than Beijing time's, a year without its
 * official calendar, the same few days as a regular meeting of the cycle. Pure, for the API and its tests.
 */
export function judgeMeetingTimes(
  t: MeetingTimes,
  ctx: MeetingContext,
): { problems: FieldProblem[]; warnings: MeetingWarning[] } {
  const problems: FieldProblem[] = [];
  const warnings: MeetingWarning[] = [];
  const at = Date.parse(t.at);
  const confirmBy = Date.parse(t.confirmBy);
  if (!(at > ctx.now)) {
    problems.push({ field: 'body.at', message: said('会议时间须晚于现在', 'must be in the future') });
  } else if (Number(dayOf(at).slice(0, 4)) > ctx.year + 1) {
    problems.push({
      field: 'body.at',
      message: said(
        `会议时间须在${ctx.year}年度周期内（最迟至次年年底）`,
        `must fall in ${ctx.year} or ${ctx.year + 1}`,
      ),
    });
  }
  if (!(confirmBy > ctx.now)) {
    problems.push({ field: 'body.confirmBy', message: said('参会确认时限须晚于现在', 'must be in the future') });
  } else if (confirmBy > at) {
    problems.push({
      field: 'body.confirmBy',
      message: said('参会确认时限不得晚于会议时间', 'must not be after the meeting'),
    });
  }
  if (problems.length > 0) return { problems, warnings };

  const day = dayOf(at);
  const offset = offsetOf(t.at);
  if (!PLAIN_OFFSETS.has(offset)) {
    warnings.push({
      field: 'body.at',
      message: `会议时间按UTC${offset}给出，折合北京时间为${localText(t.at)}，请核对`,
    });
  }
  const off = dayOff(ctx.cal, day);
  if (off) warnings.push({ field: 'body.at', message: `会议日期${off}，不是工作日` });
  const minute = minutesOfDay(at);
  if (minute < OFFICE_HOURS.from || minute >= OFFICE_HOURS.to) {
    warnings.push({ field: 'body.at', message: `会议时间${localText(t.at)}不在工作时间（8:00—18:00）内` });
  }
  if (Number(day.slice(0, 4)) !== ctx.year) {
    warnings.push({ field: 'body.at', message: `会议日期不在${ctx.year}年度内` });
  }
  if (isProvisional(ctx.cal, day)) {
    warnings.push({
      field: 'body.at',
      message: `${day.slice(0, 4)}年官方工作日历尚未发布，会议日期是否为工作日暂按周一至周五判断`,
    });
  }
  const near = ctx.regular.find((r) => {
    const regularDay = dayOf(Date.parse(r.at));
    const [from, to] = regularDay < day ? [regularDay, day] : [day, regularDay];
    return workingDaysBetween(ctx.cal, from, to) < ctx.nearWorkingDays;
  });
  if (near) {
    const nearDay = dayOf(Date.parse(near.at));
    const when = nearDay === day ? '同日' : `前后${ctx.nearWorkingDays}个工作日内`;
    warnings.push({
      field: 'body.at',
      message: `与定期联席会议「${near.title}」（${localText(near.at)}）${when}召开，可考虑合并召开`,
    });
  }
  const confirmDayOff = dayOff(ctx.cal, dayOf(confirmBy, true));
  if (confirmDayOff) {
    warnings.push({ field: 'body.confirmBy', message: `参会确认时限所在的${confirmDayOff}，不是工作日` });
  }
  return { problems, warnings };
}
