import { EnglandAndWalesBankHolidays } from '@cpc/calendar';
import type { ConferenceKind } from '@cpc/contracts';
import { DateTime } from 'luxon';

const ZONE = 'Europe/London';
const holidays = new EnglandAndWalesBankHolidays();

/** Warnings (not refusals) when national timescales are missed; carried in the response and the event. */
export const TimescaleWarnings = {
  icpcLate: 'ICPC_AFTER_15_WORKING_DAYS',
  firstReviewLate: 'RCPC_AFTER_3_MONTHS',
  reviewLate: 'RCPC_AFTER_6_MONTHS',
} as const;

/** England and Wales working days (R-TIME): no weekends, no bank holidays. */
export function isWorkingDay(date: DateTime): boolean {
  return date.weekday <= 5 && !holidays.isBankHoliday(date.toISODate() as string);
}

/** The local date `n` working days after the local date of `instant`. */
export function workingDaysAfter(instant: Date, n: number): string {
  let day = DateTime.fromJSDate(instant, { zone: ZONE }).startOf('day');
  for (let remaining = n; remaining > 0;) {
    day = day.plus({ days: 1 });
    if (isWorkingDay(day)) remaining -= 1;
  }
  return day.toISODate() as string;
}

function localDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: ZONE }).toISODate() as string;
}

export interface TimescaleFacts {
  kind: ConferenceKind;
  scheduledStart: Date;
  strategyDiscussionAt?: Date | null;
  previous?: { kind: ConferenceKind; scheduledStart: Date } | null;
}

/**
 * National timescales (DOMAIN.md, warn do not block): an ICPC within 15 working days of the strategy
 * discussion; the first RCPC within 3 months of the ICPC, later ones within 6 months of the previous.
 */
export function timescaleWarnings(facts: TimescaleFacts): string[] {
  const date = localDate(facts.scheduledStart);
  if (facts.kind === 'ICPC' && facts.strategyDiscussionAt) {
    return date > workingDaysAfter(facts.strategyDiscussionAt, 15) ? [TimescaleWarnings.icpcLate] : [];
  }
  if (facts.kind === 'RCPC' && facts.previous) {
    const first = facts.previous.kind === 'ICPC';
    const limit = DateTime.fromJSDate(facts.previous.scheduledStart, { zone: ZONE })
      .plus({ months: first ? 3 : 6 })
      .toISODate() as string;
    if (date > limit) return [first ? TimescaleWarnings.firstReviewLate : TimescaleWarnings.reviewLate];
  }
  return [];
}
