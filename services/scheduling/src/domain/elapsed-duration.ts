// R-TIME: "24 hours" and "30 minutes" are elapsed time, so policy durations are limited to units of
// fixed length (weeks, days of 24 hours, hours, minutes, seconds). Months and years have no fixed
// length and are refused rather than guessed.
const ISO_ELAPSED = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;

/** Milliseconds of an ISO 8601 duration such as "PT24H" or "P2D"; undefined when it is not one. */
export function elapsedMillis(duration: string): number | undefined {
  const match = ISO_ELAPSED.exec(duration);
  if (!match || duration === 'P' || duration.endsWith('T')) return undefined;
  const [, weeks, days, hours, minutes, seconds] = match;
  const n = (value: string | undefined) => (value === undefined ? 0 : Number(value));
  return Math.round(((((n(weeks) * 7 + n(days)) * 24 + n(hours)) * 60 + n(minutes)) * 60 + n(seconds)) * 1000);
}

export function isElapsedDuration(duration: string): boolean {
  return elapsedMillis(duration) !== undefined;
}
