import type {
  DeadlineBreached,
  DeadlineEvent,
  DeadlineMet,
  DeadlineMoved,
  DeadlineReminderDue,
  DeadlineScheduled,
  DeadlineStoodDown,
} from '@cpc/contracts';
import { Outbox } from '@cpc/messaging';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Deadline, DeadlineChange, DeadlineOccurrence } from '../domain/deadline';

/**
 * Writes what happened to a deadline to the outbox, in the same transaction as its new state
 * (ARCHITECTURE.md "Producing"): reminders and breaches reach the notifications service this way.
 */
@Injectable()
export class DeadlineEvents {
  constructor(private readonly outbox: Outbox) {}

  async publish(manager: EntityManager, change: DeadlineChange): Promise<void> {
    for (const occurrence of change.occurrences) {
      await this.append(manager, change.deadline, occurrence);
    }
  }

  private async append(manager: EntityManager, deadline: Deadline, occurrence: DeadlineOccurrence): Promise<void> {
    const base = common(deadline);
    const target = { conferenceId: deadline.conferenceId, localAuthority: deadline.localAuthority };
    switch (occurrence.type) {
      case 'DeadlineScheduled':
        await this.outbox.append<DeadlineScheduled>(manager, { ...target, type: occurrence.type, data: base });
        return;
      case 'DeadlineMoved':
        await this.outbox.append<DeadlineMoved>(manager, {
          ...target,
          type: occurrence.type,
          data: { ...base, status: 'PENDING', previousDueAt: occurrence.previousDueAt.toISOString() },
        });
        return;
      case 'DeadlineMet':
        await this.outbox.append<DeadlineMet>(manager, {
          ...target,
          type: occurrence.type,
          data: { ...base, metAt: occurrence.metAt.toISOString() },
        });
        return;
      case 'DeadlineStoodDown':
        await this.outbox.append<DeadlineStoodDown>(manager, {
          ...target,
          type: occurrence.type,
          data: { ...base, reason: occurrence.reason },
        });
        return;
      case 'DeadlineReminderDue':
        await this.outbox.append<DeadlineReminderDue>(manager, {
          ...target,
          type: occurrence.type,
          data: { ...base, remind: occurrence.remind },
        });
        return;
      case 'DeadlineBreached':
        await this.outbox.append<DeadlineBreached>(manager, {
          ...target,
          type: occurrence.type,
          data: {
            ...base,
            status: 'BREACHED',
            breachedAt: (deadline.breachedAt ?? new Date()).toISOString(),
            alert: deadline.alert,
            ...(occurrence.note ? { note: occurrence.note } : {}),
          },
        });
        return;
    }
  }
}

function common(deadline: Deadline): DeadlineEvent {
  return {
    conferenceId: deadline.conferenceId,
    deadlineId: deadline.id,
    kind: deadline.kind,
    description: deadline.description,
    dueAt: deadline.dueAt.toISOString(),
    version: deadline.version,
    status: deadline.status,
    conferenceStart: deadline.conferenceStart.toISOString(),
    responsible: deadline.responsible,
  };
}
