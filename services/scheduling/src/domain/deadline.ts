import type { DeadlineStatus, Role } from '@cpc/contracts';
import type { ConferenceTiming } from './conference-timing';
import type { DeadlineSchedule, PlannedReminder } from './deadline-schedule';

/** PLANNED reminders wait for their time; one already past when planned is SKIPPED, not sent late. */
export type ReminderState = 'PLANNED' | 'SENT' | 'SKIPPED';

export interface DeadlineReminder {
  at: Date;
  remind: Role[];
  state: ReminderState;
  sentAt: Date | null;
}

/**
 * One deadline of one conference. `version` grows each time its due time or reminders change
 * (a move): wake-ups carry the version they were planned for and act only if it is still current.
 */
export interface Deadline {
  id: string;
  conferenceId: string;
  localAuthority: string;
  kind: string;
  description: string;
  status: DeadlineStatus;
  version: number;
  dueAt: Date;
  conferenceStart: Date;
  reminders: DeadlineReminder[];
  alert: Role[];
  responsible: Role[];
  metAt: Date | null;
  breachedAt: Date | null;
  stoodDownAt: Date | null;
  /** Why it was stood down, or a note on its breach (past when created, met late). */
  statusReason: string | null;
}

/** A deadline as operations staff read it: with when its record last changed. */
export type ListedDeadline = Deadline & { updatedAt: Date };

export type DeadlineOccurrence =
  | { type: 'DeadlineScheduled' }
  | { type: 'DeadlineMoved'; previousDueAt: Date }
  | { type: 'DeadlineMet'; metAt: Date }
  | { type: 'DeadlineStoodDown'; reason: string }
  | { type: 'DeadlineReminderDue'; reminder: number; remind: Role[] }
  | { type: 'DeadlineBreached'; note: string | null };

/** A deadline's new state and what happened to it, in order (each becomes an event). */
export interface DeadlineChange {
  deadline: Deadline;
  occurrences: DeadlineOccurrence[];
  /** The version whose wake-ups are now useless (a move), so they can be removed from the queue. */
  supersededVersion?: number;
}

function plannedReminders(reminders: PlannedReminder[], now: Date): DeadlineReminder[] {
  return reminders.map((r) => ({
    at: r.at,
    remind: r.remind,
    state: r.at.getTime() > now.getTime() ? 'PLANNED' : 'SKIPPED',
    sentAt: null,
  }));
}

/** Satisfied in time is MET; satisfied after it fell due is a breach, noted as met late. */
function settle(
  deadline: Deadline,
  occurrences: DeadlineOccurrence[],
  satisfiedAt: Date | null,
  now: Date,
  pastNote: string,
): DeadlineChange {
  if (satisfiedAt && satisfiedAt.getTime() <= deadline.dueAt.getTime()) {
    return {
      deadline: { ...deadline, status: 'MET', metAt: satisfiedAt },
      occurrences: [...occurrences, { type: 'DeadlineMet', metAt: satisfiedAt }],
    };
  }
  if (deadline.dueAt.getTime() <= now.getTime()) {
    // ARCHITECTURE.md "Time": a deadline already past when it is created is a breach at once, not a crash.
    const note = satisfiedAt ? `met late at ${satisfiedAt.toISOString()}` : pastNote;
    return {
      deadline: { ...deadline, status: 'BREACHED', breachedAt: now, statusReason: note },
      occurrences: [...occurrences, { type: 'DeadlineBreached', note }],
    };
  }
  return { deadline, occurrences };
}

/** A new deadline from its schedule; `satisfiedAt` when the step was already recorded. */
export function openDeadline(
  id: string,
  conference: ConferenceTiming,
  schedule: DeadlineSchedule,
  now: Date,
  satisfiedAt: Date | null,
): DeadlineChange {
  const deadline: Deadline = {
    id,
    conferenceId: conference.conferenceId,
    localAuthority: conference.localAuthority,
    kind: schedule.kind,
    description: schedule.description,
    status: 'PENDING',
    version: 1,
    dueAt: schedule.dueAt,
    conferenceStart: schedule.conferenceStart,
    reminders: plannedReminders(schedule.reminders, now),
    alert: schedule.alert,
    responsible: schedule.responsible,
    metAt: null,
    breachedAt: null,
    stoodDownAt: null,
    statusReason: null,
  };
  const settled = settle(deadline, [], satisfiedAt, now, 'already past when created');
  return settled.occurrences.length > 0 ? settled : { deadline, occurrences: [{ type: 'DeadlineScheduled' }] };
}

function sameTiming(deadline: Deadline, schedule: DeadlineSchedule): boolean {
  return (
    deadline.dueAt.getTime() === schedule.dueAt.getTime() &&
    deadline.reminders.length === schedule.reminders.length &&
    deadline.reminders.every(
      (r, i) => r.at.getTime() === schedule.reminders[i].at.getTime() && r.remind.join() === schedule.reminders[i].remind.join(),
    ) &&
    deadline.alert.join() === schedule.alert.join()
  );
}

/**
 * The conference moved or changed, and the deadline's rule still applies: a pending deadline moves
 * (new version), a stood-down one opens again, a breached one opens again if its new due time is
 * still ahead (the breach was against the old date). A met deadline stays met.
 */
export function replanDeadline(existing: Deadline, schedule: DeadlineSchedule, now: Date, satisfiedAt: Date | null): DeadlineChange | null {
  if (existing.status === 'MET') return null;
  if (existing.status === 'PENDING' && sameTiming(existing, schedule)) return null;
  if (
    existing.status === 'BREACHED' &&
    (existing.dueAt.getTime() === schedule.dueAt.getTime() || schedule.dueAt.getTime() <= now.getTime())
  )
    return null;
  const moved: Deadline = {
    ...existing,
    status: 'PENDING',
    version: existing.version + 1,
    dueAt: schedule.dueAt,
    conferenceStart: schedule.conferenceStart,
    description: schedule.description,
    reminders: plannedReminders(schedule.reminders, now),
    alert: schedule.alert,
    responsible: schedule.responsible,
    breachedAt: null,
    stoodDownAt: null,
    statusReason: null,
  };
  const settled = settle(moved, [{ type: 'DeadlineMoved', previousDueAt: existing.dueAt }], satisfiedAt, now, 'already past when moved');
  return { ...settled, supersededVersion: existing.version };
}

/** Postponed, cancelled, or no longer applicable (R-OPT): a pending deadline stands down. */
export function standDownDeadline(existing: Deadline, reason: string, now: Date): DeadlineChange | null {
  if (existing.status !== 'PENDING') return null;
  return {
    deadline: { ...existing, status: 'STOOD_DOWN', stoodDownAt: now, statusReason: reason },
    occurrences: [{ type: 'DeadlineStoodDown', reason }],
    supersededVersion: existing.version,
  };
}

/** The event that satisfies the deadline arrived (a step recorded, a report shared, the plan circulated). */
export function meetDeadline(existing: Deadline, satisfiedAt: Date, now: Date): DeadlineChange | null {
  if (existing.status !== 'PENDING') return null;
  const settled = settle(existing, [], satisfiedAt, now, 'met late');
  return settled.occurrences.length > 0 ? { ...settled, supersededVersion: existing.version } : null;
}

export type WakeUpOutcome = { outcome: 'acted'; change: DeadlineChange } | { outcome: 'stale' | 'early' | 'settled' };

/** A wake-up for the due time: breach only if still pending, of the same version, and due. */
export function breachIfDue(existing: Deadline, version: number, now: Date): WakeUpOutcome {
  if (existing.version !== version) return { outcome: 'stale' };
  if (existing.status !== 'PENDING') return { outcome: 'settled' };
  if (existing.dueAt.getTime() > now.getTime()) return { outcome: 'early' };
  return {
    outcome: 'acted',
    change: { deadline: { ...existing, status: 'BREACHED', breachedAt: now }, occurrences: [{ type: 'DeadlineBreached', note: null }] },
  };
}

/** A wake-up for a reminder: sent once, only while the deadline is pending, current and not yet due. */
export function remindIfDue(existing: Deadline, version: number, index: number, now: Date): WakeUpOutcome {
  if (existing.version !== version) return { outcome: 'stale' };
  const reminder = existing.reminders[index];
  if (existing.status !== 'PENDING' || !reminder || reminder.state !== 'PLANNED') return { outcome: 'settled' };
  if (reminder.at.getTime() > now.getTime()) return { outcome: 'early' };
  if (existing.dueAt.getTime() <= now.getTime()) return { outcome: 'settled' };
  const reminders = existing.reminders.map((r, i) => (i === index ? { ...r, state: 'SENT' as const, sentAt: now } : r));
  return {
    outcome: 'acted',
    change: {
      deadline: { ...existing, reminders },
      occurrences: [{ type: 'DeadlineReminderDue', reminder: index, remind: reminder.remind }],
    },
  };
}
