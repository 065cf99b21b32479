import { EventHeaders, validateEnvelope, type EventEnvelope, type EventType } from '@cpc/contracts';
import { acceptCorrelationId, withCorrelationId, type MetricsRegistry } from '@cpc/observability';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { DeadLetterPublisher, FailedMessage } from './dead-letter';
import { isTransientInfrastructureFailure, PermanentEventError } from './event-errors';
import { decodeKafkaMessage } from './kafka-binding';

export type EventHandler = (envelope: EventEnvelope<any>, manager: EntityManager) => Promise<void>;
export type EventHandlers = Partial<Record<EventType, EventHandler>>;

/** What the Nest Kafka transport hands a handler (KafkaContext.getMessage() plus topic and partition). */
export type ReceivedMessage = FailedMessage;

export interface EventConsumerOptions {
  /** Name of this consumer in the inbox; one per service (and per purpose if a service has several). */
  consumer: string;
  /** Attempts for a handler failure that is not an infrastructure outage, before dead-lettering. */
  maxAttempts?: number;
  /** Distinct unknown types counted under their own name; past this, `type="other"` bounds the metric's cardinality. */
  maxUnknownTypes?: number;
}

const UNKNOWN_TYPE_LABEL_LENGTH = 100;

/**
 * At-least-once consumption made effectively once (ARCHITECTURE.md "Consuming"): the handler's
 * effects and the inbox row commit in one transaction, so a redelivered event is recognised and
 * has no second effect. Invalid messages and permanent failures go to the dead-letter topic and the
 * partition carries on; infrastructure outages are thrown back so Kafka redelivers after the wait.
 */
export class EventConsumer {
  private readonly attempts = new Map<string, number>();
  private readonly unknownTypes = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly options: EventConsumerOptions,
    private readonly logger: Logger,
    private readonly metrics: MetricsRegistry,
  ) {}

  async consume(message: ReceivedMessage, handlers: EventHandlers): Promise<void> {
    const correlationId = acceptCorrelationId(message.headers[EventHeaders.correlationId]);
    return withCorrelationId(correlationId, () => this.consumeInContext(message, handlers));
  }

  private async consumeInContext(message: ReceivedMessage, handlers: EventHandlers): Promise<void> {
    const decoded = decodeKafkaMessage(message);
    if (!decoded.ok) {
      await this.deadLetter(message, 'unknown', `invalid event: ${decoded.error}`);
      return;
    }
    const check = validateEnvelope(decoded.event);
    if (!check.ok) {
      await this.deadLetter(message, 'unknown', `invalid event: ${check.errors.join('; ')}`);
      return;
    }
    if (!check.known) {
      this.countUnknown(message, check.type, check.envelope.source);
      return;
    }
    const handler = handlers[check.type];
    if (!handler) {
      // The tolerant reader: a catalogue type this consumer has no use for.
      this.metrics.eventsConsumed.inc({ topic: message.topic, type: check.type, outcome: 'ignored' });
      return;
    }
    const { envelope } = check;
    const attemptKey = `${envelope.id}`;
    try {
      const applied = await this.dataSource.transaction(async (manager) => {
        const inserted: unknown[] = await manager.query(
          `INSERT INTO inbox (consumer, event_id, type) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING RETURNING event_id`,
          [this.options.consumer, envelope.id, envelope.type],
        );
        if (inserted.length === 0) return false;
        await handler(envelope, manager);
        return true;
      });
      this.attempts.delete(attemptKey);
      this.metrics.eventsConsumed.inc({ topic: message.topic, type: envelope.type, outcome: applied ? 'handled' : 'duplicate' });
      if (!applied) this.logger.debug({ eventId: envelope.id, type: envelope.type }, 'duplicate event ignored (inbox)');
    } catch (error) {
      if (isTransientInfrastructureFailure(error)) {
        this.logger.warn({ err: error, eventId: envelope.id, type: envelope.type }, 'event handling waits for infrastructure');
        throw error;
      }
      const attempts = (this.attempts.get(attemptKey) ?? 0) + 1;
      const permanent = error instanceof PermanentEventError || attempts >= (this.options.maxAttempts ?? 5);
      if (!permanent) {
        this.attempts.set(attemptKey, attempts);
        this.logger.warn({ err: error, eventId: envelope.id, attempts }, 'event handler failed; will retry');
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempts));
        throw error;
      }
      this.attempts.delete(attemptKey);
      await this.deadLetter(message, envelope.type, `handler failed: ${(error as Error).message}`);
    }
  }

  /**
   * Issue 11 item 4: a type not in the catalogue (a producer newer than this consumer) is ignored, but
   * counted by type (`outcome="unknown"`) and logged the first time this process sees it, so operators
   * notice a new event. Label values are bounded: a long type is cut, and past `maxUnknownTypes`
   * distinct types the rest count as `other`.
   */
  private countUnknown(message: ReceivedMessage, type: string, source: string): void {
    const label = type.slice(0, UNKNOWN_TYPE_LABEL_LENGTH);
    const seen = this.unknownTypes.has(label);
    const room = this.unknownTypes.size < (this.options.maxUnknownTypes ?? 50);
    if (!seen && room) {
      this.unknownTypes.add(label);
      this.logger.warn(
        { topic: message.topic, type: label, source: source.slice(0, UNKNOWN_TYPE_LABEL_LENGTH), consumer: this.options.consumer },
        'unknown event type ignored (logged once per type)',
      );
    }
    this.metrics.eventsConsumed.inc({ topic: message.topic, type: seen || room ? label : 'other', outcome: 'unknown' });
  }

  private async deadLetter(message: FailedMessage, type: string, reason: string): Promise<void> {
    this.logger.error({ topic: message.topic, partition: message.partition, offset: message.offset, reason }, 'event dead-lettered');
    await this.deadLetters.publish(message, reason);
    this.metrics.eventsConsumed.inc({ topic: message.topic, type, outcome: 'dead_lettered' });
  }
}
