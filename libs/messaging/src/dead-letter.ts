import { deadLetterTopic, EventHeaders } from '@cpc/contracts';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';

/** A message as consumed from Kafka (also `ReceivedMessage`): what a dead letter carries on. */
export interface FailedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: unknown;
  headers: Record<string, string>;
}

/**
 * Sends a message that can never be handled (malformed, invalid, or failing permanently) to
 * `<topic>.dlt` with the reason, so the partition moves on and operations can replay it later.
 */
export class DeadLetterPublisher {
  private producer: Producer | null = null;

  constructor(private readonly kafka: Kafka) {}

  async publish(message: FailedMessage, reason: string): Promise<void> {
    const producer = await this.connected();
    const value = typeof message.value === 'string' ? message.value : JSON.stringify(message.value ?? null);
    await producer.send({
      topic: deadLetterTopic(message.topic),
      acks: -1,
      messages: [
        {
          key: message.key,
          value,
          headers: {
            ...message.headers,
            [EventHeaders.deadLetterReason]: reason.slice(0, 2000),
            [EventHeaders.deadLetterSourceTopic]: message.topic,
            [EventHeaders.deadLetterSourcePartition]: String(message.partition),
            [EventHeaders.deadLetterSourceOffset]: message.offset,
          },
        },
      ],
    });
  }

  async close(): Promise<void> {
    await this.producer?.disconnect().catch(() => undefined);
    this.producer = null;
  }

  private async connected(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      this.producer = producer;
    }
    return this.producer;
  }
}
