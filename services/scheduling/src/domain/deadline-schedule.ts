import type { Role } from '@cpc/contracts';
import type { ConferenceTiming } from './conference-timing';
import type { DeadlineRule } from './deadline-policy';
import { elapsedMillis } from './elapsed-duration';
import type { WorkingCalendar } from './working-calendar';

export interface PlannedReminder {
  at: Date;
  remind: Role[];
}

/** Where a rule puts a deadline for one conference: its due instant and its reminders. */
export interface DeadlineSchedule {
  kind: string;
  description: string;
  dueAt: Date;
  reminders: PlannedReminder[];
  alert: Role[];
  responsible: Role[];
  conferenceStart: Date;
}

export class UnplaceableDeadline extends Error {
  constructor(kind: string, reason: string) {
    super(`${kind} cannot be placed: ${reason}`);
    this.name = 'UnplaceableDeadline';
  }
}

/** The instant a rule measures from; a date-based anchor uses its local date (R-TIME). */
function anchorInstant(rule: DeadlineRule, conference: ConferenceTiming): Date {
  switch (rule.anchor) {
    case 'START':
    case 'CONFERENCE_DATE':
      return conference.scheduledStart;
    case 'CONCLUSION':
      if (!conference.concludedAt) throw new UnplaceableDeadline(rule.kind, 'the conference has not concluded');
      return conference.concludedAt;
    case 'CONTINGENCY':
      if (!conference.contingencyAt) throw new UnplaceableDeadline(rule.kind, 'no contingency was invoked');
      return conference.contingencyAt;
  }
}

/** R-TIME: the due instant of a rule for a conference, in UTC. */
export function dueAtOf(rule: DeadlineRule, conference: ConferenceTiming, calendar: WorkingCalendar): Date {
  const anchor = anchorInstant(rule, conference);
  const offset = rule.offset;
  switch (offset.basis) {
    case 'BEFORE':
    case 'AFTER': {
      // Elapsed time, not clock time: across a clock change 24 hours before 10:00 reads 09:00 or 11:00.
      const millis = elapsedMillis(offset.duration);
      if (millis === undefined) throw new UnplaceableDeadline(rule.kind, `"${offset.duration}" is not an elapsed duration`);
      return new Date(anchor.getTime() + (offset.basis === 'BEFORE' ? -millis : millis));
    }
    case 'START_OF_DAY':
      // R-NOTDAY: "before the day" ends at 00:00 Europe/London on the conference's date.
      return calendar.startOfLocalDay(calendar.localDate(anchor));
    case 'END_OF_WORKING_DAY':
      // R-POST-3: "within 5 working days" ends at 23:59:59 local on the fifth working day after the date.
      return calendar.endOfNthWorkingDayAfter(calendar.localDate(anchor), offset.workingDays);
  }
}

/**
 * Reminders of the rule for the conference's option, earliest first; reminders at the same moment
 * are one reminder to everyone named (R-POST-1: the chair joins the SW in a THREE_PART debrief).
 */
export function remindersOf(rule: DeadlineRule, conference: ConferenceTiming, dueAt: Date): PlannedReminder[] {
  const byTime = new Map<number, Set<Role>>();
  for (const reminder of rule.reminders) {
    if (reminder.option && reminder.option !== conference.participationOption) continue;
    const millis = elapsedMillis(reminder.before);
    if (millis === undefined) continue;
    const at = dueAt.getTime() - millis;
    const roles = byTime.get(at) ?? new Set<Role>();
    reminder.remind.forEach((role) => roles.add(role));
    byTime.set(at, roles);
  }
  return [...byTime.entries()].sort(([a], [b]) => a - b).map(([at, roles]) => ({ at: new Date(at), remind: [...roles] }));
}

export function scheduleOf(rule: DeadlineRule, conference: ConferenceTiming, calendar: WorkingCalendar): DeadlineSchedule {
  const dueAt = dueAtOf(rule, conference, calendar);
  return {
    kind: rule.kind,
    description: rule.description,
    dueAt,
    reminders: remindersOf(rule, conference, dueAt),
    alert: [...rule.alert],
    responsible: [...rule.responsible],
    conferenceStart: conference.scheduledStart,
  };
}
