import { WorkingDayCalendar } from './working-day-calendar';

/** R-CYCLE-ICPC: an ICPC is held within this many working days of the strategy discussion. */
export const ICPC_WORKING_DAYS = 15;

const englandAndWales = new WorkingDayCalendar();

/**
 * R-CYCLE-ICPC: the last London date an ICPC may be on: 15 England and Wales working days after the
 * London date of the strategy discussion (weekends and bank holidays skipped, R-TIME). The one rule for
 * every service: the conference service warns by it when it schedules, the console counts by it.
 */
export function icpcLatestDate(strategyDiscussionAt: Date, calendar: WorkingDayCalendar = englandAndWales): string {
  return calendar.addWorkingDays(calendar.localDate(strategyDiscussionAt), ICPC_WORKING_DAYS);
}

/** R-CYCLE-ICPC: whether an ICPC at `conferenceAt` (its London date counts, not the hour) is within the timescale. */
export function icpcWithinTimescale(
  strategyDiscussionAt: Date,
  conferenceAt: Date,
  calendar: WorkingDayCalendar = englandAndWales,
): boolean {
  return calendar.localDate(conferenceAt) <= icpcLatestDate(strategyDiscussionAt, calendar);
}
