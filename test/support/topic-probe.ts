import { randomUUID } from 'node:crypto';
import { createKafka, kafkaSettingsFromEnvironment, type KafkaSettings } from '@cpc/messaging';
import type { Admin, Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { waitFor } from './wait-for';

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
  /** A partition behind its high watermark with no message read from it for this long has the consumer replaced. */
  stallMs?: number;
  /** Which messages to keep in `messages` (all by default): a reader of a whole topic's history keeps only its own. */
  filter?: (message: ProbedMessage) => boolean;
}

const CHECK_EVERY_MS = 3000;
const ASK_TIMEOUT_MS = 10_000;
const CONNECT_TIMEOUT_MS = 30_000;

/** `promise`, or a rejection after `ms`: a call to a broker that was SIGKILLed may otherwise wait for ever. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Reads topics (which exist) with a consumer group of its own, so a test can assert what a service
 * really published (type, key, payload) on the real broker: from "now" (the high watermarks when
 * start() is called) or from the beginning.
 *
 * It keeps reading through a broker's loss. A plain kafkajs consumer can stop fetching after a
 * broker is SIGKILLed (as the services' did before RestartingKafkaServer), so the probe holds its
 * own position per partition and compares it with the partitions' high watermarks: when a partition
 * is behind and nothing has come from it for `stallMs`, the consumer is replaced by a fresh one that
 * seeks every partition to where the last one stopped. A message is kept once per topic, partition
 * and offset, so a replaced consumer's re-reads add nothing, while a second publication of an event
 * (at-least-once) still shows.
 */
export class TopicProbe {
  readonly messages: ProbedMessage[] = [];
  /** How many times a stalled consumer was replaced. */
  restarts = 0;
  /** The last failure to reach the brokers (a watermark check, a replacement's connect), for a test's timeout message. */
  lastError: Error | null = null;
  private readonly kafka: Kafka;
  private consumer: Consumer | null = null;
  /** Every consumer made, a replaced one included: stop() disconnects them all. */
  private readonly consumers = new Set<Consumer>();
  private admin: Admin | null = null;
  private readonly first = new Map<string, bigint>();
  private readonly next = new Map<string, bigint>();
  /** When each partition last delivered a message (a re-read included: it is moving) or the current consumer started. */
  private readonly activeAt = new Map<string, number>();
  private readonly kept = new Set<string>();
  private lastWatermarks: Awaited<ReturnType<TopicProbe['watermarks']>> = new Map();
  private watchdog: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
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
    try {
      const watermarks = await soon(
        () => this.watermarks(),
        () => this.dropAdmin(),
      );
      for (const [topic, partitions] of watermarks)
        for (const { partition, low, high } of partitions) {
          const from = this.options.fromBeginning ? low : high;
          this.first.set(partitionKey(topic, partition), from);
          this.next.set(partitionKey(topic, partition), from);
        }
      await soon(
        () => this.connect(),
        () => undefined,
      );
    } catch (error) {
      await this.stop();
      throw error;
    }
    this.watchdog = setInterval(() => {
      this.checking ??= this.check().finally(() => (this.checking = null));
    }, CHECK_EVERY_MS).unref();
    return this;
  }

  /** Messages (JSON envelopes) whose subject is this conference. */
  forConference(conferenceId: string): ProbedMessage[] {
    return this.messages.filter((m) => m.key === conferenceId || m.json?.subject === conferenceId);
  }

  ofType(type: string, conferenceId?: string): ProbedMessage[] {
    return (conferenceId ? this.forConference(conferenceId) : this.messages).filter((m) => m.json?.type === type);
  }

  /** Where the probe is, for a test's timeout message: per partition its position, the high watermark last seen, idle time. */
  describe(): string {
    const now = Date.now();
    const partitions = [...this.next].map(([key, next]) => {
      const [topic, partition] = splitKey(key);
      const high = this.lastWatermarks.get(topic)?.find((w) => w.partition === partition)?.high;
      return `${topic}[${partition}] at ${next} of ${high ?? '?'}, idle ${Math.round((now - (this.activeAt.get(key) ?? now)) / 1000)} s`;
    });
    return `${this.messages.length} kept, ${this.restarts} replaced, last error ${this.lastError?.message ?? 'none'}; ${partitions.join('; ')}`;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.watchdog) clearInterval(this.watchdog);
    await this.checking; // a replacement under way finishes, or gives up, before the consumers are counted
    const clients = [...this.consumers, ...(this.admin ? [this.admin] : [])];
    await Promise.allSettled(clients.map((client) => within(client.disconnect(), ASK_TIMEOUT_MS, 'disconnect')));
  }

  /**
   * A new consumer, subscribed, running and moved to the probe's positions; refused once stop() was called. It is
   * disconnected here if it does not get that far, so no half-connected consumer lingers.
   */
  private async connect(): Promise<void> {
    if (this.stopped) throw new Error('the probe is stopped');
    const consumer = this.kafka.consumer({ groupId: `test-probe-${randomUUID()}`, sessionTimeout: 6000, heartbeatInterval: 500 });
    this.consumers.add(consumer);
    try {
      await within(
        (async () => {
          await consumer.connect();
          // From the beginning, so a consumer whose seeks kafkajs dropped (a crash and restart of its own before the
          // first fetch) re-reads rather than skips; the seeks move every partition to its position.
          await consumer.subscribe({ topics: this.topics, fromBeginning: true });
          await consumer.run({ eachMessage: async ({ topic, partition, message }) => this.keep(topic, partition, message) });
        })(),
        CONNECT_TIMEOUT_MS,
        'a consumer',
      );
      if (this.stopped) throw new Error('the probe was stopped while its consumer connected');
    } catch (error) {
      // Disconnected at once, not by stop(): a consumer left half-connected would come back to life on its own retries.
      await within(consumer.disconnect(), ASK_TIMEOUT_MS, 'disconnect').catch(() => undefined); // it is gone either way
      this.consumers.delete(consumer);
      throw error;
    }
    for (const [key, offset] of this.next) {
      const [topic, partition] = splitKey(key);
      consumer.seek({ topic, partition, offset: offset.toString() });
    }
    const now = Date.now();
    for (const key of this.next.keys()) this.activeAt.set(key, now);
    this.consumer = consumer;
  }

  private keep(topic: string, partition: number, message: KafkaMessage): void {
    const key = partitionKey(topic, partition);
    const offset = BigInt(message.offset);
    this.activeAt.set(key, Date.now());
    if (offset + 1n > (this.next.get(key) ?? 0n)) this.next.set(key, offset + 1n);
    if (offset < (this.first.get(key) ?? 0n) || this.kept.has(`${key}@${offset}`)) return;
    const probed = toProbed(topic, partition, message);
    if (this.options.filter && !this.options.filter(probed)) return;
    this.kept.add(`${key}@${offset}`);
    this.messages.push(probed);
  }

  /** Every partition's low and high watermark, per topic. */
  private async watermarks(): Promise<Map<string, { partition: number; low: bigint; high: bigint }[]>> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      this.admin = admin;
      await within(admin.connect(), ASK_TIMEOUT_MS, 'admin connect');
    }
    const admin = this.admin;
    const result = new Map<string, { partition: number; low: bigint; high: bigint }[]>();
    for (const topic of this.topics) {
      const offsets = await within(admin.fetchTopicOffsets(topic), ASK_TIMEOUT_MS, `offsets of ${topic}`);
      result.set(
        topic,
        offsets.map((o) => ({ partition: o.partition, low: BigInt(o.low), high: BigInt(o.high) })),
      );
    }
    return result;
  }

  private dropAdmin(): void {
    const admin = this.admin;
    this.admin = null;
    // A fresh admin is made for the next question; this one may not answer a disconnect either.
    if (admin) void within(admin.disconnect(), ASK_TIMEOUT_MS, 'admin disconnect').catch(() => undefined);
  }

  private async check(): Promise<void> {
    if (this.stopped) return;
    const stallMs = this.options.stallMs ?? 15_000;
    let watermarks: Awaited<ReturnType<TopicProbe['watermarks']>>;
    try {
      watermarks = await this.watermarks();
    } catch (error) {
      this.lastError = error as Error;
      this.dropAdmin(); // it lost its broker: a new one next time
      // Unknown whether it is behind: a consumer silent on every partition for stallMs is replaced anyway (it seeks to
      // where it was, so a caught-up one loses nothing), lest a stall hide behind an admin that cannot answer either.
      const now = Date.now();
      const silent = [...this.next.keys()].every((key) => now - (this.activeAt.get(key) ?? 0) > stallMs);
      if (silent && !this.stopped) await this.replace();
      return;
    }
    this.lastWatermarks = watermarks;
    const now = Date.now();
    const stalled = [...watermarks].some(([topic, partitions]) =>
      partitions.some(({ partition, high }) => {
        const key = partitionKey(topic, partition);
        return (this.next.get(key) ?? 0n) < high && now - (this.activeAt.get(key) ?? 0) > stallMs;
      }),
    );
    if (stalled && !this.stopped) await this.replace();
  }

  private async replace(): Promise<void> {
    this.restarts += 1;
    const stalled = this.consumer;
    this.consumer = null;
    if (stalled) {
      this.consumers.delete(stalled);
      // kafkajs shares one stop() per consumer: a stalled one may never finish it, and asking again would not help.
      await within(stalled.disconnect(), ASK_TIMEOUT_MS, 'disconnect').catch(() => undefined);
    }
    await this.connect().catch((error: Error) => (this.lastError = error)); // the next check tries again
  }
}

/** `attempt()` until it succeeds (the tests' own waitFor, a second apart, for a minute), `failed()` after each failure. */
function soon<T>(attempt: () => Promise<T>, failed: () => void): Promise<T> {
  return waitFor(
    async () => {
      try {
        return { value: await attempt() };
      } catch (error) {
        failed();
        throw error;
      }
    },
    60_000,
    1000,
  ).then(({ value }) => value);
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
