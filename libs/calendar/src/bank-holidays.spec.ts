import { DateTime } from 'luxon';
import { bankHolidaysByRule, ONE_OFF_EXTRAS, ONE_OFF_MOVES } from './bank-holiday-rules';
import { EnglandAndWalesBankHolidays, shippedBankHolidayList, type BankHolidayEvent } from './bank-holidays';

const events = shippedBankHolidayList()['england-and-wales'].events;
const holidays = new EnglandAndWalesBankHolidays();

describe('the shipped official England and Wales bank holiday list (R-TIME)', () => {
  it('still covers at least the next 12 months: run `npm run calendar:refresh` when this fails', () => {
    const needed = DateTime.now().setZone('Europe/London').plus({ months: 12 }).toISODate() as string;
    expect(holidays.listedUntil >= needed).toBe(true);
  });

  it('is well formed: ISO dates, in order, no duplicates, in the GOV.UK shape', () => {
    const dates = events.map((event) => event.date);
    for (const event of events) {
      expect(event.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(DateTime.fromISO(event.date).isValid).toBe(true);
      expect(typeof event.title).toBe('string');
      expect(typeof event.notes).toBe('string');
    }
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
    expect(shippedBankHolidayList()['england-and-wales'].division).toBe('england-and-wales');
  });

  it('never has a bank holiday at a weekend', () => {
    for (const event of events) expect(DateTime.fromISO(event.date).weekday).toBeLessThanOrEqual(5);
  });

  it.each(Array.from(new Set(events.map((e) => Number(e.date.slice(0, 4))))))(
    'agrees with the statutory rules and the recorded one-offs in %i',
    (year) => {
      const listed = holidays.holidaysIn(year);
      expect(listed).toEqual(bankHolidaysByRule(year).map((holiday) => holiday.date));
    },
  );

  it('holds the one-off changes: VE Day 2020, the Platinum Jubilee, the State Funeral, the Coronation', () => {
    for (const date of [...Object.values(ONE_OFF_MOVES), ...ONE_OFF_EXTRAS]) expect(holidays.isBankHoliday(date)).toBe(true);
    for (const moved of Object.keys(ONE_OFF_MOVES)) expect(holidays.isBankHoliday(moved)).toBe(false);
  });

  it('marks substitute days: Boxing Day 2026 on Monday 28th, Christmas and Boxing Day 2027 on 27th and 28th', () => {
    const substitutes = events.filter((event: BankHolidayEvent) => event.notes === 'Substitute day').map((event) => event.date);
    expect(substitutes).toEqual(expect.arrayContaining(['2026-12-28', '2027-12-27', '2027-12-28', '2028-01-03']));
    expect(holidays.isBankHoliday('2026-12-26')).toBe(false); // Saturday: the holiday is the Monday
  });

  it('knows Easter: Good Friday and Easter Monday 2027 are 26 and 29 March', () => {
    expect(holidays.isBankHoliday('2027-03-26')).toBe(true);
    expect(holidays.isBankHoliday('2027-03-29')).toBe(true);
    expect(holidays.isBankHoliday('2027-03-28')).toBe(false); // Easter Sunday is a Sunday, not a bank holiday
  });

  it('falls back to the statutory rules beyond the list', () => {
    const beyond = holidays.lastListedYear + 1;
    expect(holidays.holidaysIn(beyond)).toEqual(bankHolidaysByRule(beyond).map((h) => h.date));
    expect(holidays.holidaysIn(beyond)).toHaveLength(8);
  });

  it('refuses an empty list', () => {
    expect(() => new EnglandAndWalesBankHolidays([])).toThrow('empty');
  });
});
