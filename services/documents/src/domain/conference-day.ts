/** The calendar date in Europe/London (YYYY-MM-DD): "the day" of a conference is a London day (R-NOTDAY). */
const LONDON_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
export function londonDate(at: Date): string {
  return LONDON_DATE.format(at);
}

/**
 * R-NOTDAY: reports are shared "before the day", i.e. before 00:00 Europe/London on the conference's
 * date. A share on the day (or after) is still allowed, but flagged late.
 */
export function isOnOrAfterConferenceDay(sharedAt: Date, scheduledStart: Date): boolean {
  return londonDate(sharedAt) >= londonDate(scheduledStart);
}
