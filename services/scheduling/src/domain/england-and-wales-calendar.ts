import { DateTime } from 'luxon';
import type { WorkingCalendar } from './working-calendar';

const ZONE = 'Europe/London';

/**
 * England and Wales bank holidays by the rules of the Banking and Financial Dealings Act 1971 and
 * the royal proclamations that fix them: New Year's Day, Good Friday, Easter Monday, the early May,
 * spring and summer Mondays, Christmas Day and Boxing Day, each moved to the next free weekday
 * when it falls at a weekend. One-off changes are listed; the official list (gov.uk) agrees.
 *
 * Stand-in until @cpc/calendar (the shipped official list with its refresh command) is complete:
 * the rules give every future year, where a snapshot runs out.
 */
const MOVED: Record<string, string> = {
  '2020-05-04': '2020-05-08', // early May moved for VE Day's 75th anniversary
  '2022-05-30': '2022-06-02', // spring moved for the Platinum Jubilee
};
const EXTRA = new Set(['2022-06-03', '2022-09-19', '2023-05-08']); // Platinum Jubilee, State Funeral, Coronation

function easterSunday(year: number): DateTime {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.utc(year, month, day);
}

function firstMonday(year: number, month: number): DateTime {
  const first = DateTime.utc(year, month, 1);
  return first.plus({ days: (8 - first.weekday) % 7 });
}

function lastMonday(year: number, month: number): DateTime {
  const last = DateTime.utc(year, month, 1).endOf('month').startOf('day');
  return last.minus({ days: (last.weekday + 6) % 7 });
}

export function bankHolidaysOf(year: number): string[] {
  const taken = new Set<string>();
  const add = (day: DateTime) => taken.add(day.toISODate() as string);
  // Substitute days: a holiday at a weekend moves to the next weekday not already a holiday.
  const addWithSubstitute = (day: DateTime) => {
    let candidate = day;
    while (candidate.weekday > 5 || taken.has(candidate.toISODate() as string)) candidate = candidate.plus({ days: 1 });
    add(candidate);
  };
  addWithSubstitute(DateTime.utc(year, 1, 1));
  const easter = easterSunday(year);
  add(easter.minus({ days: 2 }));
  add(easter.plus({ days: 1 }));
  for (const day of [firstMonday(year, 5), lastMonday(year, 5), lastMonday(year, 8)]) {
    const iso = day.toISODate() as string;
    taken.add(MOVED[iso] ?? iso);
  }
  addWithSubstitute(DateTime.utc(year, 12, 25));
  addWithSubstitute(DateTime.utc(year, 12, 26));
  for (const extra of EXTRA) if (extra.startsWith(`${year}-`)) taken.add(extra);
  return [...taken].sort();
}

export class EnglandAndWalesCalendar implements WorkingCalendar {
  private readonly holidays = new Map<number, Set<string>>();

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
    return day.weekday <= 5 && !this.holidaysOf(day.year).has(date);
  }

  private holidaysOf(year: number): Set<string> {
    let holidays = this.holidays.get(year);
    if (!holidays) {
      holidays = new Set(bankHolidaysOf(year));
      this.holidays.set(year, holidays);
    }
    return holidays;
  }

  private localDay(date: string): DateTime {
    const day = DateTime.fromISO(date, { zone: ZONE });
    if (!day.isValid) throw new RangeError(`${date} is not a date`);
    return day;
  }
}
