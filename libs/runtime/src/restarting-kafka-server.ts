import { ServerKafka, type KafkaOptions } from '@nestjs/microservices';
import type { Consumer } from 'kafkajs';
import type { Logger } from 'pino';

/** No heartbeat answered nor group joined for this long: the consumer is stuck, not busy (it heartbeats every second or so between fetches). */
export const CONSUMER_STALL_MS = 45_000;
const WATCH_EVERY_MS = 5_000;
const MAX_BACKOFF_MS = 30_000;
const CLOSE_WAIT_MS = 15_000;

/**
 * Nest's Kafka server, whose consumer always comes back. Two ways a kafkajs consumer stops for good were
 * seen with a broker SIGKILLed during a burst on the three-broker cluster (cluster-replicas.e2e-spec):
 * it crashes on an error kafkajs does not retry and stays disconnected, or it keeps asking the dead broker
 * (every 5 s, for ever) and never rejoins its group. Either way the service answered HTTP and reported
 * ready while it consumed nothing, and the burst's conferences reached no other service. Here either
 * sign (a crash kafkajs will not restart; no heartbeat answered nor group joined for CONSUMER_STALL_MS) makes
 * the server start again with a new client, consumer and producer, with a backoff doubling to 30 s until
 * it runs or the service closes. What the group had not committed is read again: the inbox makes that
 * harmless, and one conference's events stay in order (one partition, one consumer).
 */
export class RestartingKafkaServer extends ServerKafka {
  /** How many times the consumer was started again, and why the last time. */
  restarts = 0;
  private readonly watched = new WeakSet<Consumer>();
  private lastSignOfLife = Date.now();
  private watchdog?: NodeJS.Timeout;
  private restarting = false;
  private closed = false;

  constructor(
    options: Required<KafkaOptions>['options'],
    private readonly log: Logger,
  ) {
    super(options);
  }

  override async listen(callback: (error?: unknown, ...optionalParams: unknown[]) => void): Promise<void> {
    this.closed = false;
    await super.listen(callback);
    this.watchdog ??= setInterval(() => {
      if (!this.restarting && !this.closed && Date.now() - this.lastSignOfLife > CONSUMER_STALL_MS)
        void this.startAgain(`no heartbeat answered nor group joined for ${CONSUMER_STALL_MS / 1000} s`);
    }, WATCH_EVERY_MS).unref();
  }

  override async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watchdog);
    this.watchdog = undefined;
    await super.close();
  }

  override async bindEvents(consumer: Consumer): Promise<void> {
    if (!this.watched.has(consumer)) {
      this.watched.add(consumer);
      // Only the consumer in use speaks: one given up on (left to its retries) must neither hide a stall
      // of its successor by heartbeating nor restart it by crashing.
      const current = () => consumer === this.consumer;
      const alive = () => {
        if (current()) this.lastSignOfLife = Date.now();
      };
      // Only what the group coordinator answered counts: fetches from the live brokers go on while it is unreachable.
      for (const event of [consumer.events.HEARTBEAT, consumer.events.GROUP_JOIN]) consumer.on(event, alive);
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart && current()) void this.startAgain('it crashed on an error kafkajs does not retry', payload.error);
      });
    }
    this.lastSignOfLife = Date.now();
    await super.bindEvents(consumer);
  }

  private async startAgain(reason: string, error?: Error): Promise<void> {
    if (this.restarting || this.closed) return;
    this.restarting = true;
    const groupId = this.options?.consumer?.groupId;
    this.log.error({ err: error, groupId, reason }, `the Kafka consumer stopped (${reason}); starting it again`);
    try {
      for (let attempt = 1; !this.closed; attempt += 1) {
        await this.stopQuietly();
        if (this.closed) return;
        try {
          this.client = this.createClient();
          await this.start(() => undefined);
          if (this.closed) return await super.close(); // the service closed while this one started
          this.restarts += 1;
          this.log.warn({ groupId, attempt, restarts: this.restarts }, 'the Kafka consumer runs again');
          return;
        } catch (startError) {
          this.log.warn({ err: startError, groupId, attempt }, 'the Kafka consumer could not start again yet; trying later');
          await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt)));
        }
      }
    } finally {
      this.lastSignOfLife = Date.now();
      this.restarting = false;
    }
  }

  /**
   * Disconnects what is left of the stopped client, waiting at most CLOSE_WAIT_MS: a consumer stuck
   * asking a dead broker may not stop sooner, and is then left to its retries while a new one takes over.
   */
  private async stopQuietly(): Promise<void> {
    const { consumer, producer } = this;
    this.consumer = null;
    this.producer = null;
    this.client = null;
    const stopping = Promise.allSettled([consumer?.disconnect(), producer?.disconnect()]);
    await Promise.race([stopping, new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())]);
  }
}
