import { DateTime } from 'luxon';
import { EnglandAndWalesBankHolidays } from './bank-holidays';

/** Every local time of the platform is Europe/London; every stored time is a UTC instant (R-TIME). */
export const LONDON = 'Europe/London';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

/**
 * England and Wales working days and Europe/London ↔ UTC conversions (R-TIME).
 *
 * Dates are ISO calendar dates ("YYYY-MM-DD") as read on a clock in England; instants are UTC
 * `Date`s. A working day is a weekday that is not a bank holiday. Bank holidays come from the
 * shipped official GOV.UK list for the years it covers (`coversUntil`) and from the statutory
 * rules beyond it, which cannot know a future one-off (a jubilee, a state funeral): the list is
 * kept at least 12 months ahead by `npm run calendar:refresh` and a test that fails otherwise.
 */
export class WorkingDayCalendar {
  constructor(private readonly holidays = new EnglandAndWalesBankHolidays()) {}

  /** The last date the official list speaks for; later dates use the statutory rules. */
  get coversUntil(): string {
    return this.holidays.listedUntil;
  }

  isBankHoliday(date: string): boolean {
    return this.holidays.isBankHoliday(calendarDate(date).toISODate() as string);
  }

  isWorkingDay(date: string): boolean {
    const day = calendarDate(date);
    return day.weekday <= 5 && !this.holidays.isBankHoliday(day.toISODate() as string);
  }

  /** The date n working days after (n < 0: before) a date; the date itself need not be a working day. */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n)) throw new RangeError(`${n} is not a whole number of working days`);
    let day = calendarDate(date);
    const step = n < 0 ? -1 : 1;
    for (let remaining = Math.abs(n); remaining > 0;) {
      day = day.plus({ days: step });
      if (this.isWorkingDay(day.toISODate() as string)) remaining -= 1;
    }
    return day.toISODate() as string;
  }

  /** The Europe/London date of an instant. */
  localDate(instant: Date): string {
    return DateTime.fromJSDate(instant, { zone: LONDON }).toISODate() as string;
  }

  /**
   * The UTC instant of a Europe/London wall-clock time ("HH:mm" or "HH:mm:ss") on a date.
   * At the spring change (last Sunday of March) 01:00–01:59 do not exist on the clock: such a time
   * is read an hour later, in BST (01:30 → 02:30 BST = 01:30 UTC). At the autumn change (last
   * Sunday of October) 01:00–01:59 happen twice: the first, BST, reading is taken, the earlier instant.
   */
  toInstant(date: string, time: string): Date {
    if (!LOCAL_TIME.test(time)) throw new RangeError(`${time} is not a time of day (HH:mm)`);
    const [hour, minute, second = 0] = time.split(':').map(Number);
    const day = calendarDate(date);
    const reading = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute, second }, { zone: LONDON });
    return firstOccurrence(reading).toJSDate();
  }

  /** The Europe/London wall-clock reading of an instant, with its UTC offset ("2026-10-25T01:30:00.000+01:00"). */
  toLocal(instant: Date): string {
    return DateTime.fromJSDate(instant, { zone: LONDON }).toISO() as string;
  }

  /** 00:00 Europe/London on a date (R-NOTDAY: "before the day" ends here). */
  startOfLocalDay(date: string): Date {
    return calendarDate(date).setZone(LONDON, { keepLocalTime: true }).startOf('day').toJSDate();
  }

  /** 23:59:59 Europe/London on the nth working day after a date; n = 0 is the date itself (R-POST-3). */
  endOfNthWorkingDayAfter(date: string, n: number): Date {
    const day = n === 0 ? date : this.addWorkingDays(date, n);
    return this.toInstant(day, '23:59:59');
  }
}

/** Of a wall-clock time the clock shows twice (the autumn change), the earlier instant: explicit, not left to luxon. */
function firstOccurrence(reading: DateTime): DateTime {
  const hourBefore = reading.minus({ hours: 1 }); // elapsed time, not wall-clock arithmetic
  const sameWallClock = hourBefore.toFormat('yyyy-MM-dd HH:mm:ss') === reading.toFormat('yyyy-MM-dd HH:mm:ss');
  return sameWallClock ? hourBefore : reading;
}

function calendarDate(date: string): DateTime {
  const day = DateTime.fromISO(date, { zone: 'utc' });
  if (!ISO_DATE.test(date) || !day.isValid) throw new RangeError(`${date} is not a date (YYYY-MM-DD)`);
  return day;
}
