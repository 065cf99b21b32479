import { isOnOrAfterConferenceDay, londonDate } from './conference-day';

describe('R-NOTDAY: the conference day is a London day', () => {
  it('takes the date in Europe/London, summer time included', () => {
    expect(londonDate(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01'); // 00:30 BST
    expect(londonDate(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31'); // GMT
  });

  it('flags a share at or after 00:00 London on the conference date, not the evening before', () => {
    const start = new Date('2026-07-01T09:00:00Z');
    expect(isOnOrAfterConferenceDay(new Date('2026-06-30T22:59:00Z'), start)).toBe(false); // 23:59 BST the day before
    expect(isOnOrAfterConferenceDay(new Date('2026-06-30T23:00:00Z'), start)).toBe(true); // 00:00 BST on the day
    expect(isOnOrAfterConferenceDay(new Date('2026-07-02T10:00:00Z'), start)).toBe(true);
  });
});
