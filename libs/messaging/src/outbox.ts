import { createEnvelope, EventCatalogue, type EventEnvelope, type EventType } from '@cpc/contracts';
import { currentCorrelationId } from '@cpc/observability';
import type { EntityManager } from 'typeorm';

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
    // A plain parameterised INSERT of the OutboxMessage columns: every write of every service comes here, and
    // TypeORM's insert builder was a visible share of a create's CPU in the profile (issue 15).
    await manager.query(
      'INSERT INTO outbox (event_id, topic, message_key, type, envelope, correlation_id) VALUES ($1, $2, $3, $4, $5, $6)',
      [envelope.id, definition.topic, event.conferenceId, event.type, JSON.stringify(envelope), envelope.correlationid ?? null],
    );
    return envelope;
  }
}
