import type { Deadline } from './deadline';

/**
 * A wake-up asks "look at this deadline again at this time". It carries the version it was planned
 * for; the deadline in PostgreSQL decides whether anything happens (STACK.md "BullMQ").
 */
export interface WakeUp {
  /** Versioned and free of ':' (BullMQ's key separator): a move gets new ids, never reuses old ones. */
  id: string;
  deadlineId: string;
  version: number;
  purpose: 'due' | 'reminder';
  reminder?: number;
  at: Date;
}

export function wakeUpId(deadlineId: string, version: number, purpose: 'due' | 'reminder', reminder?: number): string {
  return purpose === 'due' ? `dl-${deadlineId}-v${version}-due` : `dl-${deadlineId}-v${version}-r${reminder}`;
}

/** The wake-ups a deadline needs now: its due time and each reminder still planned, while pending. */
export function wakeUpsOf(deadline: Pick<Deadline, 'id' | 'version' | 'status' | 'dueAt' | 'reminders'>): WakeUp[] {
  if (deadline.status !== 'PENDING') return [];
  const reminders = deadline.reminders.flatMap((reminder, index) =>
    reminder.state === 'PLANNED'
      ? [
          {
            id: wakeUpId(deadline.id, deadline.version, 'reminder', index),
            deadlineId: deadline.id,
            version: deadline.version,
            purpose: 'reminder' as const,
            reminder: index,
            at: reminder.at,
          },
        ]
      : [],
  );
  return [
    {
      id: wakeUpId(deadline.id, deadline.version, 'due'),
      deadlineId: deadline.id,
      version: deadline.version,
      purpose: 'due',
      at: deadline.dueAt,
    },
    ...reminders,
  ];
}

/** Ids of every wake-up a version could have had, to clear them when the version is superseded. */
export function wakeUpIdsOfVersion(deadlineId: string, version: number, reminders: number): string[] {
  return [
    wakeUpId(deadlineId, version, 'due'),
    ...Array.from({ length: reminders }, (_, i) => wakeUpId(deadlineId, version, 'reminder', i)),
  ];
}
