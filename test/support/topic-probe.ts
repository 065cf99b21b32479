import { randomUUID } from 'node:crypto';
import { createKafka, kafkaSettingsFromEnvironment, type KafkaSettings } from '@cpc/messaging';
import type { Consumer, KafkaMessage } from 'kafkajs';

export interface ProbedMessage {
  topic: string;
  partition: number;
  key: string | null;
  value: string | null;
  json: any;
  headers: Record<string, string>;
}

/**
 * Reads a topic from "now" on with a consumer group of its own, so a test can assert what a
 * service really published (type, key, payload) on the real broker.
 */
export class TopicProbe {
  readonly messages: ProbedMessage[] = [];
  private consumer: Consumer | null = null;

  constructor(
    private readonly topics: string[],
    /** The environment's Kafka settings (KAFKA_BROKERS, TLS, SASL): the tests' broker, 127.0.0.1:9192 (test/setup-integration.ts). */
    private readonly settings: KafkaSettings = kafkaSettingsFromEnvironment('test-probe'),
  ) {}

  async start(): Promise<this> {
    const kafka = createKafka(this.settings);
    const consumer = kafka.consumer({ groupId: `test-probe-${randomUUID()}`, sessionTimeout: 6000, heartbeatInterval: 500 });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({ topics: this.topics, fromBeginning: false });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        this.messages.push(toProbed(topic, partition, message));
      },
    });
    await joined;
    // A new group starts at the latest offset once its partitions are assigned; give the fetch a moment.
    await new Promise((resolve) => setTimeout(resolve, 300));
    this.consumer = consumer;
    return this;
  }

  /** Messages (JSON envelopes) whose subject is this conference. */
  forConference(conferenceId: string): ProbedMessage[] {
    return this.messages.filter((m) => m.key === conferenceId || m.json?.subject === conferenceId);
  }

  ofType(type: string, conferenceId?: string): ProbedMessage[] {
    return (conferenceId ? this.forConference(conferenceId) : this.messages).filter((m) => m.json?.type === type);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

function toProbed(topic: string, partition: number, message: KafkaMessage): ProbedMessage {
  const value = message.value?.toString() ?? null;
  let json: unknown = null;
  try {
    json = value ? JSON.parse(value) : null;
  } catch {
    json = null; // a malformed message (dead-letter tests) has no JSON form
  }
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(message.headers ?? {})) if (header) headers[name] = header.toString();
  return { topic, partition, key: message.key?.toString() ?? null, value, json, headers };
}
