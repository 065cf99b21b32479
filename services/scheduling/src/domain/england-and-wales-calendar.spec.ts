import { bankHolidaysOf, EnglandAndWalesCalendar } from './england-and-wales-calendar';

const calendar = new EnglandAndWalesCalendar();

describe('England and Wales working days (R-TIME)', () => {
  it.each([
    [2025, ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26']],
    [2026, ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']],
    [2027, ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28']],
    [2028, ['2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26']],
    [
      2022,
      [
        '2022-01-03',
        '2022-04-15',
        '2022-04-18',
        '2022-05-02',
        '2022-06-02',
        '2022-06-03',
        '2022-08-29',
        '2022-09-19',
        '2022-12-26',
        '2022-12-27',
      ],
    ],
  ])('knows the bank holidays of %i as gov.uk lists them (substitute days included)', (year, expected) => {
    expect(bankHolidaysOf(year)).toEqual(expected);
  });

  it('skips the weekend', () => {
    expect(calendar.addWorkingDays('2026-11-27', 1)).toBe('2026-11-30'); // Friday + 1 = Monday
    expect(calendar.addWorkingDays('2026-11-30', -1)).toBe('2026-11-27');
  });

  it('skips Christmas, Boxing Day moved to Monday 28th (substitute) and New Year', () => {
    // Wed 23 Dec 2026 + 5: Thu 24, Tue 29, Wed 30, Thu 31, Mon 4 Jan.
    expect(calendar.addWorkingDays('2026-12-23', 5)).toBe('2027-01-04');
    expect(calendar.isWorkingDay('2026-12-28')).toBe(false);
  });

  it('skips Good Friday and Easter Monday', () => {
    // Thu 25 Mar 2027 + 1: Fri 26 (Good Friday) and Mon 29 (Easter Monday) are holidays.
    expect(calendar.addWorkingDays('2027-03-25', 1)).toBe('2027-03-30');
  });

  it('skips the substitute days of a Christmas at the weekend and a New Year on Saturday', () => {
    expect(calendar.addWorkingDays('2027-12-24', 1)).toBe('2027-12-29');
    expect(calendar.addWorkingDays('2027-12-31', 1)).toBe('2028-01-04');
  });

  it('adds nothing for 0 and counts from a non-working day to the next working days', () => {
    expect(calendar.addWorkingDays('2026-12-26', 0)).toBe('2026-12-26');
    expect(calendar.addWorkingDays('2026-12-26', 1)).toBe('2026-12-29');
  });

  it('reads dates and local midnight in Europe/London in winter and in summer', () => {
    expect(calendar.localDate(new Date('2026-06-09T23:30:00Z'))).toBe('2026-06-10'); // 00:30 BST
    expect(calendar.startOfLocalDay('2026-06-10').toISOString()).toBe('2026-06-09T23:00:00.000Z');
    expect(calendar.startOfLocalDay('2026-12-10').toISOString()).toBe('2026-12-10T00:00:00.000Z');
  });

  it('ends the nth working day at 23:59:59 local time, on either side of a clock change', () => {
    expect(calendar.endOfNthWorkingDayAfter('2026-12-23', 5).toISOString()).toBe('2027-01-04T23:59:59.000Z');
    // Thu 25 Mar 2027 + 2 working days = Wed 31 Mar, after the clocks went forward on 28 Mar: BST.
    expect(calendar.endOfNthWorkingDayAfter('2027-03-25', 2).toISOString()).toBe('2027-03-31T22:59:59.000Z');
    // Thu 22 Oct 2026 + 2 = Mon 26 Oct, after the clocks went back on 25 Oct: GMT.
    expect(calendar.endOfNthWorkingDayAfter('2026-10-22', 2).toISOString()).toBe('2026-10-26T23:59:59.000Z');
  });

  it('refuses what is not a date', () => {
    expect(() => calendar.addWorkingDays('2026-13-01', 1)).toThrow(RangeError);
  });
});
