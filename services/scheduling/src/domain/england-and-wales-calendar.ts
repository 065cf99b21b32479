import { DateTime } from 'luxon';
import { EnglandAndWalesBankHolidays } from '@cpc/calendar';
import type { WorkingCalendar } from './working-calendar';

const ZONE = 'Europe/London';

/** The year's bank holidays: the shipped official GOV.UK list, or the statutory rules beyond it (@cpc/calendar). */
export function bankHolidaysOf(year: number, holidays = new EnglandAndWalesBankHolidays()): string[] {
  return holidays.holidaysIn(year);
}

export class EnglandAndWalesCalendar implements WorkingCalendar {
  constructor(private readonly holidays = new EnglandAndWalesBankHolidays()) {}

  localDate(instant: Date): string {
    return DateTime.fromJSDate(instant, { zone: ZONE }).toISODate() as string;
  }

  startOfLocalDay(date: string): Date {
    return this.localDay(date).startOf('day').toJSDate();
  }

  endOfNthWorkingDayAfter(date: string, n: number): Date {
    const day = n === 0 ? date : this.addWorkingDays(date, n);
    return this.localDay(day).set({ hour: 23, minute: 59, second: 59, millisecond: 0 }).toJSDate();
  }

  addWorkingDays(date: string, n: number): string {
    let day = DateTime.fromISO(date, { zone: 'utc' });
    if (!day.isValid) throw new RangeError(`${date} is not a date`);
    const step = n < 0 ? -1 : 1;
    for (let remaining = Math.abs(n); remaining > 0;) {
      day = day.plus({ days: step });
      if (this.isWorkingDay(day.toISODate() as string)) remaining -= 1;
    }
    return day.toISODate() as string;
  }

  isWorkingDay(date: string): boolean {
    const day = DateTime.fromISO(date, { zone: 'utc' });
    return day.weekday <= 5 && !this.holidays.isBankHoliday(date);
  }

  private localDay(date: string): DateTime {
    const day = DateTime.fromISO(date, { zone: ZONE });
    if (!day.isValid) throw new RangeError(`${date} is not a date`);
    return day;
  }
}
