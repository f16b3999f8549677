import { endOfLocalDay } from '../../activities/deadlines';

describe('date deadlines', () => {
  it('end at 24:00 Asia/Shanghai, which is 16:00 UTC the same day', () => {
    expect(endOfLocalDay('2026-12-31').toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('reject a date that does not exist', () => {
    expect(() => endOfLocalDay('2026-02-30')).toThrow(/not a date/);
    expect(() => endOfLocalDay('tomorrow')).toThrow(/not a date/);
  });
});
