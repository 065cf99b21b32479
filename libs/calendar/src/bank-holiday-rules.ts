import { DateTime } from 'luxon';

/**
 * England and Wales bank holidays by the rules of the Banking and Financial Dealings Act 1971 and
 * the royal proclamations that fix them: New Year's Day, Good Friday, Easter Monday, the early May,
 * spring and summer Mondays, Christmas Day and Boxing Day, each moved to the next free weekday when
 * it falls at a weekend. Used only beyond the end of the shipped official list, and to check it.
 */
export const ONE_OFF_MOVES: Readonly<Record<string, string>> = {
  '2020-05-04': '2020-05-08', // early May moved for VE Day's 75th anniversary
  '2022-05-30': '2022-06-02', // spring moved for the Platinum Jubilee
};
export const ONE_OFF_EXTRAS: ReadonlySet<string> = new Set(['2022-06-03', '2022-09-19', '2023-05-08']);

export function easterSunday(year: number): DateTime {
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

export interface RuleHoliday {
  date: string;
  title: string;
  substitute: boolean;
}

/** The year's bank holidays by the rules, one-offs included, in date order. */
export function bankHolidaysByRule(year: number): RuleHoliday[] {
  const taken = new Map<string, RuleHoliday>();
  const add = (day: DateTime, title: string, substitute = false) => {
    const date = day.toISODate() as string;
    taken.set(date, { date, title, substitute });
  };
  // Substitute days: a holiday at a weekend moves to the next weekday not already a holiday.
  const addWithSubstitute = (day: DateTime, title: string) => {
    let candidate = day;
    while (candidate.weekday > 5 || taken.has(candidate.toISODate() as string)) candidate = candidate.plus({ days: 1 });
    add(candidate, title, candidate.toISODate() !== day.toISODate());
  };
  addWithSubstitute(DateTime.utc(year, 1, 1), 'New Year’s Day');
  const easter = easterSunday(year);
  add(easter.minus({ days: 2 }), 'Good Friday');
  add(easter.plus({ days: 1 }), 'Easter Monday');
  const mondays: [DateTime, string][] = [
    [firstMonday(year, 5), 'Early May bank holiday'],
    [lastMonday(year, 5), 'Spring bank holiday'],
    [lastMonday(year, 8), 'Summer bank holiday'],
  ];
  for (const [day, title] of mondays) {
    const iso = day.toISODate() as string;
    add(DateTime.fromISO(ONE_OFF_MOVES[iso] ?? iso, { zone: 'utc' }), title);
  }
  addWithSubstitute(DateTime.utc(year, 12, 25), 'Christmas Day');
  addWithSubstitute(DateTime.utc(year, 12, 26), 'Boxing Day');
  for (const extra of ONE_OFF_EXTRAS)
    if (extra.startsWith(`${year}-`)) add(DateTime.fromISO(extra, { zone: 'utc' }), 'Additional bank holiday');
  return [...taken.values()].sort((x, y) => x.date.localeCompare(y.date));
}
