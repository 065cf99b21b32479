import { structuredModeHeaders, type EventEnvelope } from '@cpc/contracts';
import { createKafka, kafkaSettingsFromEnvironment } from '@cpc/messaging';
import { Partitioners, type Message, type Producer } from 'kafkajs';

/**
 * The Kafka message the outbox relay (libs/messaging/src/outbox-relay.ts) makes of an envelope: key = the
 * conference id (the envelope's subject), the JSON envelope as the value, and the CloudEvents Kafka
 * binding's structured-mode headers (content-type application/cloudevents+json, the ce_ copies, the
 * correlation id when the envelope carries one), so the official CloudEvents SDK reads it (issue 12).
 */
export function contractEventMessage(envelope: EventEnvelope<unknown>): Message {
  return { key: envelope.subject, value: JSON.stringify(envelope), headers: structuredModeHeaders(envelope) };
}

/**
 * The one way test code puts a message on Kafka (eslint.config.mjs `one-test-publisher` refuses any other
 * producer in test code): `publish` sends contract events exactly as the relay does, acknowledged by all
 * in-sync replicas; `publishOutsideContract` sends a message that is deliberately not one (dead-letter
 * tests) and must say why, so such a message is never sent by accident.
 */
export class ContractEventPublisher {
  private producer: Producer | null = null;

  constructor(private readonly clientId = 'test-publisher') {}

  async start(): Promise<this> {
    // The environment's Kafka settings (test/setup-integration.ts points KAFKA_BROKERS at the tests' own broker).
    const producer = createKafka(kafkaSettingsFromEnvironment(this.clientId)).producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    this.producer = producer;
    return this;
  }

  /** Sends the envelopes in order on `topic`, each as the relay would; `copies` > 1 sends each again (a redelivery). */
  async publish(
    topic: string,
    envelopes: EventEnvelope<unknown> | EventEnvelope<unknown>[],
    options: { copies?: number } = {},
  ): Promise<void> {
    const messages = [envelopes]
      .flat()
      .flatMap((envelope) => Array.from({ length: options.copies ?? 1 }, () => contractEventMessage(envelope)));
    await this.connected().send({ topic, acks: -1, messages });
  }

  /** Sends raw messages that are deliberately outside the contract (malformed, headerless); `why` is for the reader. */
  async publishOutsideContract(topic: string, messages: Message[], why: string): Promise<void> {
    if (!why.trim()) throw new Error('say why this message is outside the contract');
    await this.connected().send({ topic, acks: -1, messages });
  }

  async stop(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    await producer?.disconnect();
  }

  private connected(): Producer {
    if (!this.producer) throw new Error('ContractEventPublisher.start() first');
    return this.producer;
  }
}
