import { icpcWithinTimescale, WorkingDayCalendar } from '@cpc/calendar';
import { TimescaleWarnings, type ConferenceKind } from '@cpc/contracts';
import { DateTime } from 'luxon';

const ZONE = 'Europe/London';
const calendar = new WorkingDayCalendar();

/** Warnings (not refusals) when national timescales are missed; carried in the response and the event (the console reports on them). */
export { TimescaleWarnings };

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
  const date = calendar.localDate(facts.scheduledStart);
  if (facts.kind === 'ICPC' && facts.strategyDiscussionAt) {
    // R-CYCLE-ICPC: the calendar lib's rule, the one the console counts its Performance figure by.
    return icpcWithinTimescale(facts.strategyDiscussionAt, facts.scheduledStart) ? [] : [TimescaleWarnings.icpcLate];
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
