import { randomUUID } from 'node:crypto';
import { createKafka, kafkaSettingsFromEnvironment, type KafkaSettings } from '@cpc/messaging';
import type { Admin, Consumer, Kafka, KafkaMessage } from 'kafkajs';

export interface ProbedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  json: any;
  headers: Record<string, string>;
}

export interface TopicProbeOptions {
  /** Read each topic from its first offset instead of from the moment start() is called. */
  fromBeginning?: boolean;
  /** A partition behind its high watermark with no message read for this long has its consumer replaced. */
  stallMs?: number;
}

const CHECK_EVERY_MS = 3000;
const ASK_TIMEOUT_MS = 10_000;

/** `promise`, or a rejection after `ms`: a call to a broker that was SIGKILLed may otherwise wait for ever. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Reads topics with a consumer group of its own, so a test can assert what a service really
 * published (type, key, payload) on the real broker: from "now" (the high watermarks when start()
 * is called) or from the beginning.
 *
 * It keeps reading through a broker's loss. A plain kafkajs consumer can stop fetching after a
 * broker is SIGKILLed (as the services' did before RestartingKafkaServer), so the probe holds its
 * own position per partition and compares it with the partitions' high watermarks: a partition
 * behind with nothing read for `stallMs` gets a fresh consumer that seeks to where the last one
 * stopped. A message is kept once per topic, partition and offset, so a replaced consumer's
 * re-reads add nothing, while a second publication of an event (at-least-once) still shows.
 */
export class TopicProbe {
  readonly messages: ProbedMessage[] = [];
  /** How many times a stalled consumer was replaced. */
  restarts = 0;
  private readonly kafka: Kafka;
  private consumer: Consumer | null = null;
  /** Every consumer made, a replaced one included: stop() disconnects them all. */
  private readonly consumers = new Set<Consumer>();
  private admin: Admin | null = null;
  private readonly first = new Map<string, bigint>();
  private readonly next = new Map<string, bigint>();
  private readonly kept = new Set<string>();
  private lastReadAt = Date.now();
  private lastStartAt = Date.now();
  private watchdog: NodeJS.Timeout | null = null;
  private checking = false;
  private stopped = false;

  constructor(
    private readonly topics: string[],
    /** The environment's Kafka settings (KAFKA_BROKERS, TLS, SASL): the tests' broker, 127.0.0.1:9192 (test/setup-integration.ts). */
    settings: KafkaSettings = kafkaSettingsFromEnvironment('test-probe'),
    private readonly options: TopicProbeOptions = {},
  ) {
    this.kafka = createKafka(settings);
  }

  async start(): Promise<this> {
    for (const [topic, partitions] of await this.watermarksSoon())
      for (const { partition, low, high } of partitions) {
        const from = this.options.fromBeginning ? low : high;
        this.first.set(partitionKey(topic, partition), from);
        this.next.set(partitionKey(topic, partition), from);
      }
    await soon(
      () => within(this.connect(), 20_000, 'a consumer'),
      () => void this.consumer?.disconnect().catch(() => undefined),
    );
    this.watchdog = setInterval(() => void this.check(), CHECK_EVERY_MS).unref();
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
    this.stopped = true;
    if (this.watchdog) clearInterval(this.watchdog);
    const clients = [...this.consumers, ...(this.admin ? [this.admin] : [])];
    await Promise.allSettled(clients.map((client) => within(client.disconnect(), ASK_TIMEOUT_MS, 'disconnect')));
  }

  private async connect(): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: `test-probe-${randomUUID()}`, sessionTimeout: 6000, heartbeatInterval: 500 });
    this.consumer = consumer;
    this.consumers.add(consumer);
    this.lastStartAt = Date.now();
    await consumer.connect();
    // From the beginning, so a partition this probe has no position for yet (a topic made after start()) is read whole;
    // the seeks below move every known partition to its position before the first fetch goes far.
    await consumer.subscribe({ topics: this.topics, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ topic, partition, message }) => this.keep(topic, partition, message) });
    for (const [key, offset] of this.next) {
      const [topic, partition] = splitKey(key);
      consumer.seek({ topic, partition, offset: offset.toString() });
    }
  }

  private keep(topic: string, partition: number, message: KafkaMessage): void {
    const key = partitionKey(topic, partition);
    const offset = BigInt(message.offset);
    if (offset < (this.first.get(key) ?? 0n) || this.kept.has(`${key}@${offset}`)) return;
    this.kept.add(`${key}@${offset}`);
    this.messages.push(toProbed(topic, partition, message));
    if (offset + 1n > (this.next.get(key) ?? 0n)) this.next.set(key, offset + 1n);
    this.lastReadAt = Date.now();
  }

  /** The watermarks, asked again with a fresh admin while a broker that was just lost is still in the metadata. */
  private watermarksSoon(): ReturnType<TopicProbe['watermarks']> {
    return soon(
      () => this.watermarks(),
      () => this.dropAdmin(),
    );
  }

  private dropAdmin(): void {
    const admin = this.admin;
    this.admin = null;
    if (admin) void within(admin.disconnect(), ASK_TIMEOUT_MS, 'admin disconnect').catch(() => undefined);
  }

  /** Every partition's low and high watermark, per topic (a topic that does not exist yet has none). */
  private async watermarks(): Promise<Map<string, { partition: number; low: bigint; high: bigint }[]>> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await within(admin.connect(), ASK_TIMEOUT_MS, 'admin connect');
      this.admin = admin;
    }
    const admin = this.admin;
    const result = new Map<string, { partition: number; low: bigint; high: bigint }[]>();
    for (const topic of this.topics) {
      const offsets = await within(admin.fetchTopicOffsets(topic), ASK_TIMEOUT_MS, `offsets of ${topic}`).catch((error: Error) => {
        if (/does not host this topic|UNKNOWN_TOPIC/i.test(`${error.message} ${(error as { type?: string }).type ?? ''}`)) return [];
        throw error;
      });
      result.set(
        topic,
        offsets.map((o) => ({ partition: o.partition, low: BigInt(o.low), high: BigInt(o.high) })),
      );
    }
    return result;
  }

  private async check(): Promise<void> {
    const stallMs = this.options.stallMs ?? 15_000;
    if (this.checking || this.stopped) return;
    this.checking = true;
    try {
      const behind = [...(await this.watermarks())].some(([topic, partitions]) =>
        partitions.some(({ partition, high }) => (this.next.get(partitionKey(topic, partition)) ?? 0n) < high),
      );
      const now = Date.now();
      if (behind && now - this.lastReadAt > stallMs && now - this.lastStartAt > stallMs && !this.stopped) await this.restart();
    } catch {
      this.dropAdmin(); // it lost its broker: a new one next time
    } finally {
      this.checking = false;
    }
  }

  private async restart(): Promise<void> {
    this.restarts += 1;
    const stalled = this.consumer;
    this.consumer = null;
    if (stalled) await within(stalled.disconnect(), ASK_TIMEOUT_MS, 'disconnect').catch(() => undefined); // stop() tries again
    await within(this.connect(), 60_000, 'a fresh consumer').catch(() => undefined); // the next check tries again
  }
}

/** `attempt()` until it succeeds or `timeoutMs` has passed, `failed()` after each failure. */
async function soon<T>(attempt: () => Promise<T>, failed: () => void, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      failed();
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;
const splitKey = (key: string): [string, number] => {
  const at = key.lastIndexOf('\u0000');
  return [key.slice(0, at), Number(key.slice(at + 1))];
};

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
  return { topic, partition, offset: message.offset, key: message.key?.toString() ?? null, value, json, headers };
}
