/**
 * The calendar arithmetic the deadline policy needs (R-TIME): Europe/London local dates and England
 * and Wales working days. Instants are UTC `Date`s; dates are "YYYY-MM-DD" in Europe/London.
 * Implemented over @cpc/calendar by the infrastructure, so the domain stays free of data files.
 */
export interface WorkingCalendar {
  /** The Europe/London date of an instant. */
  localDate(instant: Date): string;
  /** 00:00 Europe/London on a date (R-NOTDAY: "before the day" ends here). */
  startOfLocalDay(date: string): Date;
  /** 23:59:59 Europe/London on the nth working day after a date; n = 0 is the date itself (R-POST-3). */
  endOfNthWorkingDayAfter(date: string, n: number): Date;
  /** The date n England and Wales working days after (n < 0: before) a date. */
  addWorkingDays(date: string, n: number): string;
  isWorkingDay(date: string): boolean;
}
