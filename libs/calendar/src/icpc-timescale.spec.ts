import fc from 'fast-check';
import { ICPC_WORKING_DAYS, icpcLatestDate, icpcWithinTimescale } from './icpc-timescale';
import { WorkingDayCalendar } from './working-day-calendar';

const calendar = new WorkingDayCalendar();

describe('R-CYCLE-ICPC: an ICPC within 15 working days of the strategy discussion', () => {
  it('R-CYCLE-ICPC: a Monday strategy discussion gives three weeks, to the Monday (no holiday between)', () => {
    const strategy = new Date('2026-11-02T10:00:00Z'); // Monday 2 November 2026
    expect(icpcLatestDate(strategy)).toBe('2026-11-23');
    expect(icpcWithinTimescale(strategy, new Date('2026-11-23T16:00:00Z'))).toBe(true);
    expect(icpcWithinTimescale(strategy, new Date('2026-11-24T09:00:00Z'))).toBe(false);
  });

  it('R-CYCLE-ICPC over Christmas 2026: Christmas Day and Boxing Day moved to Monday 28th are skipped', () => {
    // Thu 10 Dec + 15 working days: 11, 14–18, 21–24 Dec (10), 29–31 Dec (13), (1 Jan) 4, 5 Jan (15).
    const strategy = new Date('2026-12-10T15:00:00Z');
    expect(icpcLatestDate(strategy)).toBe('2027-01-05');
    expect(icpcWithinTimescale(strategy, new Date('2027-01-05T10:00:00Z'))).toBe(true);
    expect(icpcWithinTimescale(strategy, new Date('2027-01-06T10:00:00Z'))).toBe(false);
  });

  it('R-CYCLE-ICPC over Easter 2027: Good Friday and Easter Monday are skipped', () => {
    // Mon 15 Mar + 15: 16–19 (4), 22–25 (8), (26 and 29 Mar) 30, 31 Mar, 1, 2 Apr (12), 5, 6, 7 Apr (15).
    expect(icpcLatestDate(new Date('2027-03-15T09:00:00Z'))).toBe('2027-04-07');
  });

  it('R-CYCLE-ICPC: dates are London dates: 23:30 UTC in summer is the next day in London', () => {
    // 23:30 UTC on Sunday 31 May 2026 is 00:30 BST on Monday 1 June: counted from the Monday.
    expect(icpcLatestDate(new Date('2026-05-31T23:30:00Z'))).toBe('2026-06-22');
    // An ICPC at 23:30 UTC on Monday 22 June is on Tuesday 23 June in London: late.
    expect(icpcWithinTimescale(new Date('2026-05-31T23:30:00Z'), new Date('2026-06-22T23:30:00Z'))).toBe(false);
  });

  it('R-CYCLE-ICPC: in time on the day of the discussion, and once late, late on every later day', () => {
    const instant = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 60 * 86_400 }), fc.integer({ min: 0, max: 30 * 86_400 }), (strategy, a, b) => {
        const earlier = new Date(strategy.getTime() + a * 1000);
        const later = new Date(earlier.getTime() + b * 1000);
        expect(icpcWithinTimescale(strategy, strategy)).toBe(true);
        if (!icpcWithinTimescale(strategy, earlier)) expect(icpcWithinTimescale(strategy, later)).toBe(false);
        // The last day allowed is a working day, and at least 15 calendar days (three weeks) after the discussion's date.
        const latest = icpcLatestDate(strategy);
        expect(calendar.isWorkingDay(latest)).toBe(true);
        expect(Date.parse(latest) - Date.parse(calendar.localDate(strategy))).toBeGreaterThanOrEqual(ICPC_WORKING_DAYS * 86_400_000);
      }),
    );
  });
});
