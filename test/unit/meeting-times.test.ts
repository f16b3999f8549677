import { judgeMeetingTimes, type MeetingContext } from '../../api/use-cases/meeting-times';
import { inLanguage } from '../../api/errors';

const ctx: MeetingContext = {
  now: Date.parse('2027-04-10T02:00:00Z'),
  cal: { years: new Set([2026, 2027]), overrides: new Map([['2027-05-03', 'HOLIDAY']]) },
  year: 2027,
  regular: [
    {
      key: 'r2',
      title: '2027年第二季度联席会议',
      at: '2027-06-21T01:30:00.000Z',
      noticeAt: '2027-06-14T01:00:00.000Z',
      confirmBy: '2027-06-16T16:00:00.000Z',
    },
  ],
  nearWorkingDays: 2,
};
/** Confirmation by the end of Tuesday 13 April (24:00 Beijing time). */
const confirmBy = '2027-04-13T16:00:00Z';
const judge = (at: string, by = confirmBy) => judgeMeetingTimes({ at, confirmBy: by }, ctx);
const messages = (at: string, by = confirmBy) => judge(at, by).warnings.map((w) => `${w.field} ${w.message}`);

describe('an ad-hoc meeting’s times, as the office gives them', () => {
  it('pass without a word on a working day in office hours, in Beijing time or UTC', () => {
    expect(judge('2027-04-14T09:30:00+08:00')).toEqual({ problems: [], warnings: [] });
    expect(judge('2027-04-14T01:30:00Z')).toEqual({ problems: [], warnings: [] });
  });

  it('are refused when they cannot be right: in the past, a deadline after the meeting, years ahead', () => {
    const past = judge('2027-04-09T09:30:00+08:00', '2027-04-08T16:00:00Z').problems;
    expect(past.map((p) => [p.field, inLanguage(p.message, 'zh')])).toEqual([
      ['body.at', '会议时间须晚于现在'],
      ['body.confirmBy', '参会确认时限须晚于现在'],
    ]);
    expect(judge('2027-04-14T09:30:00+08:00', '2027-04-15T01:00:00Z').problems).toEqual([
      { field: 'body.confirmBy', message: { zh: '参会确认时限不得晚于会议时间', en: 'must not be after the meeting' } },
    ]);
    expect(judge('2029-04-16T09:30:00+08:00').problems.map((p) => inLanguage(p.message, 'en'))).toEqual([
      'must fall in 2027 or 2028',
    ]);
  });

  it('warn of an odd offset that puts the meeting at half past midnight on a Saturday', () => {
    expect(messages('2027-04-16T09:30:00-07:00')).toEqual([
      'body.at 会议时间按UTC-07:00给出，折合北京时间为4月17日00:30，请核对',
      'body.at 会议日期4月17日为星期六，不是工作日',
      'body.at 会议时间4月17日00:30不在工作时间（8:00—18:00）内',
    ]);
  });

  it('warn of a statutory holiday, a year without its official calendar, and a deadline on a day off', () => {
    expect(messages('2027-05-03T09:30:00+08:00')).toEqual(['body.at 会议日期5月3日为法定节假日，不是工作日']);
    expect(messages('2028-01-05T09:30:00+08:00')).toEqual([
      'body.at 会议日期不在2027年度内',
      'body.at 2028年官方工作日历尚未发布，会议日期是否为工作日暂按周一至周五判断',
    ]);
    // 24:00 on Saturday 17 April is the end of a day off.
    expect(messages('2027-04-20T09:30:00+08:00', '2027-04-17T16:00:00Z')).toEqual([
      'body.confirmBy 参会确认时限所在的4月17日为星期六，不是工作日',
    ]);
  });

  it('warn of a meeting off the cycle’s cadence: on or just by a regular meeting', () => {
    expect(messages('2027-06-21T15:00:00+08:00', '2027-06-18T16:00:00Z')).toEqual([
      'body.at 与定期联席会议「2027年第二季度联席会议」（6月21日09:30）同日召开，可考虑合并召开',
    ]);
    expect(messages('2027-06-22T09:30:00+08:00', '2027-06-18T16:00:00Z')).toEqual([
      'body.at 与定期联席会议「2027年第二季度联席会议」（6月21日09:30）前后2个工作日内召开，可考虑合并召开',
    ]);
    expect(messages('2027-06-24T09:30:00+08:00', '2027-06-18T16:00:00Z')).toEqual([]);
  });
});
