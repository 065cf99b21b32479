import { applicableRules, standDownReason, type ConferenceTiming } from './conference-timing';
import { openDeadline, replanDeadline, standDownDeadline, type Deadline, type DeadlineChange } from './deadline';
import type { DeadlinePolicy } from './deadline-policy';
import { scheduleOf } from './deadline-schedule';
import type { WorkingCalendar } from './working-calendar';

export interface Reconciliation {
  conference: ConferenceTiming;
  policy: DeadlinePolicy;
  /** The conference's deadlines as stored, one per kind. */
  existing: readonly Deadline[];
  /** Kinds already satisfied (a step recorded before its deadline existed), and when. */
  satisfied: ReadonlyMap<string, Date>;
  calendar: WorkingCalendar;
  now: Date;
  newId: () => string;
  /** What changed the conference, for deadlines that stop applying for a reason other than its stage. */
  trigger: string;
}

/**
 * Brings a conference's deadlines in line with the conference as it now stands: every rule that
 * applies has its deadline, at the place the policy puts it; every pending deadline whose rule no
 * longer applies stands down. Running it twice changes nothing the second time.
 */
export function reconcileDeadlines(input: Reconciliation): DeadlineChange[] {
  const { conference, policy, existing, satisfied, calendar, now } = input;
  const byKind = new Map(existing.map((deadline) => [deadline.kind, deadline]));
  const changes: DeadlineChange[] = [];
  const applicable = new Set<string>();
  for (const rule of applicableRules(conference, policy)) {
    applicable.add(rule.kind);
    const schedule = scheduleOf(rule, conference, calendar);
    const current = byKind.get(rule.kind);
    const satisfiedAt = satisfied.get(rule.kind) ?? null;
    const change = current
      ? replanDeadline(current, schedule, now, satisfiedAt)
      : openDeadline(input.newId(), conference, schedule, now, satisfiedAt);
    if (change) changes.push(change);
  }
  const reason = standDownReason(conference, input.trigger);
  for (const deadline of existing) {
    if (applicable.has(deadline.kind)) continue;
    const change = standDownDeadline(deadline, reason, now);
    if (change) changes.push(change);
  }
  return changes;
}
