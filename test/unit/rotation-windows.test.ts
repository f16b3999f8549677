import { loadCollaboration } from '../../config/collaboration';
import { addMonths, isDate, nextDay, overlaps, windowDatesProblem } from '../../procedures/rotation/windows';

const policy = { minMonths: 2, maxMonths: 6 };
const TODAY = '2027-01-10';

describe('the rules of a rotation window (轮训时段)', () => {
  it('counts calendar months, clamping to the month’s last day', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2027-11-15', 3)).toBe('2028-02-15');
    expect(nextDay('2027-12-31')).toBe('2028-01-01');
    expect(isDate('2027-02-29')).toBe(false);
    expect(isDate('2028-02-29')).toBe(true);
  });

  it('accepts 2 to 6 whole months from today on, and says what is wrong otherwise', () => {
    expect(windowDatesProblem({ start: '2027-03-01', end: '2027-04-30' }, TODAY, policy)).toBeNull();
    expect(windowDatesProblem({ start: '2027-03-01', end: '2027-08-31' }, TODAY, policy)).toBeNull();
    expect(windowDatesProblem({ start: '2027-03-01', end: '2027-04-29' }, TODAY, policy)).toEqual({
      field: 'end',
      text: '轮训时段应为2至6个月（2027-03-01至2027-04-29不符）',
    });
    expect(windowDatesProblem({ start: '2027-03-01', end: '2027-09-01' }, TODAY, policy)?.field).toBe('end');
    expect(windowDatesProblem({ start: '2027-01-09', end: '2027-03-08' }, TODAY, policy)).toEqual({
      field: 'start',
      text: '开始日期（2027-01-09）已过',
    });
    expect(windowDatesProblem({ start: '2027-01-10', end: '2027-03-09' }, TODAY, policy)).toBeNull();
    expect(windowDatesProblem({ start: '2027-3-1', end: '2027-04-30' }, TODAY, policy)?.field).toBe('start');
  });

  it('finds two windows sharing a day', () => {
    const a = { start: '2027-03-01', end: '2027-04-30' };
    expect(overlaps(a, { start: '2027-04-30', end: '2027-06-30' })).toBe(true);
    expect(overlaps(a, { start: '2027-05-01', end: '2027-06-30' })).toBe(false);
  });

  it('ships a rotation policy of 2 to 6 months', () => {
    expect(loadCollaboration().rotation).toEqual({
      minMonths: 2,
      maxMonths: 6,
      confirmWorkingDays: 5,
      escalateAfterWorkingDays: 3,
    });
  });
});
