import { DateTime } from 'luxon';
import { EnglandAndWalesBankHolidays } from './bank-holidays';
import { WorkingDayCalendar } from './working-day-calendar';

const calendar = new WorkingDayCalendar();

describe('WorkingDayCalendar: England and Wales working days (R-TIME)', () => {
  it('covers the shipped list until its last year, then the statutory rules (12 months ahead at least)', () => {
    expect(calendar.coversUntil).toBe('2028-12-31');
    const needed = DateTime.now().setZone('Europe/London').plus({ months: 12 }).toISODate() as string;
    expect(calendar.coversUntil >= needed).toBe(true);
    expect(calendar.isBankHoliday('2029-12-25')).toBe(true); // beyond the list: by rule
  });

  it('skips the weekend: Friday + 1 is Monday, Monday − 1 is Friday, a Saturday is not a working day', () => {
    expect(calendar.addWorkingDays('2026-11-27', 1)).toBe('2026-11-30');
    expect(calendar.addWorkingDays('2026-11-30', -1)).toBe('2026-11-27');
    expect(calendar.isWorkingDay('2026-11-28')).toBe(false);
    expect(calendar.isWorkingDay('2026-11-30')).toBe(true);
  });

  it('skips Christmas 2026 and Boxing Day moved from Saturday to Monday 28th (substitute day)', () => {
    expect(calendar.isWorkingDay('2026-12-25')).toBe(false);
    expect(calendar.isBankHoliday('2026-12-26')).toBe(false); // Saturday: weekend, the holiday is the Monday
    expect(calendar.isBankHoliday('2026-12-28')).toBe(true);
    // Wed 23 + 5: Thu 24, Tue 29, Wed 30, Thu 31 Dec, (Fri 1 Jan New Year) Mon 4 Jan.
    expect(calendar.addWorkingDays('2026-12-23', 5)).toBe('2027-01-04');
  });

  it('skips Christmas 2027 at the weekend: both substitute days, Mon 27 and Tue 28 December', () => {
    expect(calendar.addWorkingDays('2027-12-24', 1)).toBe('2027-12-29');
    expect(calendar.addWorkingDays('2027-12-29', -1)).toBe('2027-12-24');
  });

  it('skips New Year 2028 moved from Saturday to Monday 3 January (substitute day)', () => {
    expect(calendar.addWorkingDays('2027-12-31', 1)).toBe('2028-01-04');
  });

  it('skips Easter: Good Friday 26 and Easter Monday 29 March 2027; Good Friday 14 and Easter Monday 17 April 2028', () => {
    expect(calendar.addWorkingDays('2027-03-25', 1)).toBe('2027-03-30');
    expect(calendar.addWorkingDays('2028-04-13', 1)).toBe('2028-04-18');
    expect(calendar.addWorkingDays('2028-04-18', -1)).toBe('2028-04-13');
  });

  it('counts from a non-working day and adds nothing for 0', () => {
    expect(calendar.addWorkingDays('2026-12-26', 0)).toBe('2026-12-26');
    expect(calendar.addWorkingDays('2026-12-26', 1)).toBe('2026-12-29');
  });

  it('refuses what is not a date or a whole number of days', () => {
    expect(() => calendar.addWorkingDays('2026-13-01', 1)).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('23/12/2026')).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-12-23', 1.5)).toThrow(RangeError);
  });

  it('uses the list it is given (a one-off the rules cannot know)', () => {
    const withExtra = new WorkingDayCalendar(
      new EnglandAndWalesBankHolidays([{ title: 'Additional bank holiday', date: '2027-06-04', notes: '', bunting: true }]),
    );
    expect(withExtra.isWorkingDay('2027-06-04')).toBe(false);
    expect(calendar.isWorkingDay('2027-06-04')).toBe(true);
  });
});

describe('WorkingDayCalendar: Europe/London local times stored as UTC instants (R-TIME)', () => {
  it('reads GMT in winter and BST in summer', () => {
    expect(calendar.toInstant('2026-12-10', '10:00').toISOString()).toBe('2026-12-10T10:00:00.000Z');
    expect(calendar.toInstant('2026-06-10', '10:00').toISOString()).toBe('2026-06-10T09:00:00.000Z');
    expect(calendar.localDate(new Date('2026-06-09T23:30:00Z'))).toBe('2026-06-10'); // 00:30 BST
    expect(calendar.localDate(new Date('2026-12-09T23:30:00Z'))).toBe('2026-12-09'); // 23:30 GMT
  });

  describe('spring change, Sunday 28 March 2027: 01:00 GMT becomes 02:00 BST', () => {
    it('00:30 is GMT and 03:00 is BST', () => {
      expect(calendar.toInstant('2027-03-28', '00:30').toISOString()).toBe('2027-03-28T00:30:00.000Z');
      expect(calendar.toInstant('2027-03-28', '03:00').toISOString()).toBe('2027-03-28T02:00:00.000Z');
    });

    it('01:30, which the clock never shows, is read an hour later (02:30 BST = 01:30 UTC)', () => {
      const instant = calendar.toInstant('2027-03-28', '01:30');
      expect(instant.toISOString()).toBe('2027-03-28T01:30:00.000Z');
      expect(calendar.toLocal(instant)).toBe('2027-03-28T02:30:00.000+01:00');
    });

    it('the local day is 23 hours long', () => {
      const hours = (calendar.startOfLocalDay('2027-03-29').getTime() - calendar.startOfLocalDay('2027-03-28').getTime()) / 3_600_000;
      expect(hours).toBe(23);
    });

    it('ends a working-day deadline across the change at 23:59:59 BST', () => {
      // Thu 25 Mar + 2 working days (Good Friday and Easter Monday skipped) = Wed 31 Mar, BST.
      expect(calendar.endOfNthWorkingDayAfter('2027-03-25', 2).toISOString()).toBe('2027-03-31T22:59:59.000Z');
    });
  });

  describe('autumn change, Sunday 25 October 2026: 02:00 BST becomes 01:00 GMT', () => {
    it('00:30 is BST and 02:30 is GMT', () => {
      expect(calendar.toInstant('2026-10-25', '00:30').toISOString()).toBe('2026-10-24T23:30:00.000Z');
      expect(calendar.toInstant('2026-10-25', '02:30').toISOString()).toBe('2026-10-25T02:30:00.000Z');
    });

    it('01:30, which the clock shows twice, is the first (BST) reading: 00:30 UTC', () => {
      expect(calendar.toInstant('2026-10-25', '01:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
      // Both instants read as 01:30 on the clock, and as the same local date.
      expect(calendar.toLocal(new Date('2026-10-25T00:30:00Z'))).toBe('2026-10-25T01:30:00.000+01:00');
      expect(calendar.toLocal(new Date('2026-10-25T01:30:00Z'))).toBe('2026-10-25T01:30:00.000+00:00');
      expect(calendar.localDate(new Date('2026-10-25T01:30:00Z'))).toBe('2026-10-25');
    });

    it('the local day is 25 hours long', () => {
      const hours = (calendar.startOfLocalDay('2026-10-26').getTime() - calendar.startOfLocalDay('2026-10-25').getTime()) / 3_600_000;
      expect(hours).toBe(25);
    });

    it('ends a working-day deadline across the change at 23:59:59 GMT', () => {
      // Thu 22 Oct + 2 = Mon 26 Oct, after the clocks went back.
      expect(calendar.endOfNthWorkingDayAfter('2026-10-22', 2).toISOString()).toBe('2026-10-26T23:59:59.000Z');
    });
  });

  it('starts the local day at midnight GMT or BST', () => {
    expect(calendar.startOfLocalDay('2026-06-10').toISOString()).toBe('2026-06-09T23:00:00.000Z');
    expect(calendar.startOfLocalDay('2026-12-10').toISOString()).toBe('2026-12-10T00:00:00.000Z');
  });

  it('refuses what is not a time of day', () => {
    expect(() => calendar.toInstant('2026-12-10', '24:00')).toThrow(RangeError);
    expect(() => calendar.toInstant('2026-12-10', '9am')).toThrow(RangeError);
  });
});
