import { EnglandAndWalesBankHolidays, WorkingDayCalendar } from '@cpc/calendar';
import type { WorkingCalendar } from './working-calendar';

/** The year's bank holidays: the shipped official GOV.UK list, or the statutory rules beyond it (@cpc/calendar). */
export function bankHolidaysOf(year: number, holidays = new EnglandAndWalesBankHolidays()): string[] {
  return holidays.holidaysIn(year);
}

/**
 * Scheduling's working calendar (R-TIME) is @cpc/calendar's: England and Wales working days from
 * the shipped official bank holiday list, Europe/London dates, UTC instants.
 */
export class EnglandAndWalesCalendar extends WorkingDayCalendar implements WorkingCalendar {}
