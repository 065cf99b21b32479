import type { DeadlineView } from './read-model';
import { durationWords } from './plain-words';

/** Where a deadline sits on the Today page: the three lists, or none of them. */
export type DeadlineBand = 'breached' | 'next24h' | 'thisWeek' | 'later' | 'settled';

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;
/** A breach stays on Today this long after it happened, then it is history (the conference page keeps it). */
export const BREACH_SHOWN_MS = WEEK_MS;

/**
 * The band of a deadline at `now`: breached (the breach event came, or it is pending and past due: the
 * breach event is on its way), due in the next 24 hours, due later this week (the next 7 days), later,
 * or settled (met or stood down, or breached more than a week ago).
 */
export function bandOf(deadline: Pick<DeadlineView, 'status' | 'dueAt' | 'breachedAt'>, now: Date): DeadlineBand {
  const untilDue = deadline.dueAt.getTime() - now.getTime();
  if (deadline.status === 'BREACHED') {
    const breachedAt = (deadline.breachedAt ?? deadline.dueAt).getTime();
    return now.getTime() - breachedAt <= BREACH_SHOWN_MS ? 'breached' : 'settled';
  }
  if (deadline.status !== 'PENDING') return 'settled';
  if (untilDue < 0) return 'breached';
  if (untilDue < DAY_MS) return 'next24h';
  if (untilDue < WEEK_MS) return 'thisWeek';
  return 'later';
}

/** How late or early, in words: "3 hours 10 minutes late", "due in 2 days 4 hours", "met 5 hours early". */
export function timingWords(deadline: Pick<DeadlineView, 'status' | 'dueAt' | 'metAt'>, now: Date): string {
  const due = deadline.dueAt.getTime();
  if (deadline.status === 'MET' && deadline.metAt) {
    const early = due - deadline.metAt.getTime();
    return early >= 0 ? `met ${durationWords(early)} early` : `met ${durationWords(early)} late`;
  }
  if (deadline.status === 'STOOD_DOWN') return 'stood down';
  const untilDue = due - now.getTime();
  return untilDue >= 0 ? `due in ${durationWords(untilDue)}` : `${durationWords(untilDue)} late`;
}
