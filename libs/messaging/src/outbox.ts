import { createEnvelope, EventCatalogue, type EventEnvelope, type EventType } from '@cpc/contracts';
import { currentCorrelationId } from '@cpc/observability';
import type { EntityManager } from 'typeorm';
import { OutboxMessage } from './messaging.entities';

export interface OutboxEvent<T> {
  type: EventType;
  conferenceId: string;
  localAuthority: string;
  data: T;
}

/** Writes events into the outbox inside the caller's transaction: same commit as the state change. */
export class Outbox {
  constructor(private readonly source: string) {}

  async append<T extends object>(manager: EntityManager, event: OutboxEvent<T>): Promise<EventEnvelope<T>> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`Outbox.append(${event.type}) needs an open transaction: the event must commit with its state change`);
    }
    const definition = EventCatalogue[event.type];
    const envelope = createEnvelope(this.source, definition.schemaVersion, {
      ...event,
      correlationId: currentCorrelationId(),
    });
    await manager.insert(OutboxMessage, {
      eventId: envelope.id,
      topic: definition.topic,
      key: event.conferenceId,
      type: event.type,
      envelope,
      correlationId: envelope.correlationid ?? null,
    });
    return envelope;
  }
}
