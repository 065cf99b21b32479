import type { OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { structuredModeHeaders, type EventEnvelope } from '@cpc/contracts';
import type { MetricsRegistry } from '@cpc/observability';
import type { Kafka, Producer, TopicMessages } from 'kafkajs';
import { Client } from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { PlacementRecorder, sendUntilAcknowledged } from './acknowledged-batch';

interface ClaimedRow {
  seq: string;
  event_id: string;
  topic: string;
  message_key: string;
  type: string;
  envelope: EventEnvelope;
  correlation_id: string | null;
}

export interface OutboxRelayOptions {
  pollIntervalMs: number;
  batchSize?: number;
  /** Advisory-lock key: one active relay per service database keeps each conference's events in order. */
  lockKey: number;
  /** How long one batch may wait for the broker's acknowledgement before the pass gives up and rolls back. */
  sendTimeoutMs?: number;
}

/**
 * The idempotent producer as kafkajs intends it (issue 13 item 6): unlimited retries, at most one
 * request in flight, so a retried batch is never duplicated or reordered by the broker. The relay
 * bounds a pass in time instead (`sendTimeoutMs`), so a broker that is away still lets the pass roll
 * back, log and back off as before.
 */
export const RELAY_PRODUCER_RETRY = { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 5000 };

/**
 * Publishes the outbox to Kafka (ARCHITECTURE.md "Producing"): idempotent producer, acks from all
 * in-sync replicas, key = conference id, rows marked sent only after the broker acknowledged. If Kafka
 * or the service dies in between, the rows stay unsent and go out on the next pass: at-least-once,
 * made exactly-once in effect by the consumers' inbox.
 */
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private producer: Producer | null = null;
  private listener: Client | null = null;
  private stopping = false;
  private wakeUp: (() => void) | null = null;
  private pending = true;
  private loop: Promise<void> | null = null;
  private consecutiveFailures = 0;
  private readonly placement = new PlacementRecorder();
  private readonly batchSize: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: Kafka,
    private readonly databaseUrl: string,
    private readonly options: OutboxRelayOptions,
    private readonly logger: Logger,
    private readonly metrics: MetricsRegistry,
  ) {
    this.batchSize = options.batchSize ?? 200;
    // LIMIT 0 reads nothing and "0 === batchSize" would drain for ever.
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1)
      throw new RangeError(`batchSize must be a whole number of at least 1, not ${this.batchSize}`);
  }

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  /**
   * Before the database closes (TypeORM closes it in onApplicationShutdown), and after the service took
   * its last request and message (IntakeShutdown, in onModuleDestroy): the pass in hand ends, then one
   * last pass sends what was committed meanwhile, so it goes out now rather than on a later start. Not
   * when the broker was not answering: the rows stay for the next start and shutdown does not wait.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
  }

  /** Asks for a pass now (after a commit that wrote to the outbox, or a NOTIFY). */
  wake(): void {
    this.pending = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    for (;;) {
      if (this.pending) {
        this.pending = false;
        const last = this.stopping; // this pass started after intake closed: it sees everything committed
        if (last && (this.consecutiveFailures > 0 || !this.producer)) return;
        try {
          await this.ensureListening();
          // A full batch may have more behind it; a short one was all there was when it was read, and
          // whatever commits after that read comes with its own NOTIFY (or the poll): no empty pass.
          // Stopping cuts a long drain short: one batch in the last pass, the rest on the next start.
          while ((await this.publishBatch()) === this.batchSize && !this.stopping) {
            /* drain */
          }
          this.consecutiveFailures = 0;
        } catch (error) {
          this.pending = true;
          this.consecutiveFailures += 1;
          if (this.consecutiveFailures === 1 || this.consecutiveFailures % 20 === 0) {
            this.logger.warn({ err: error, failures: this.consecutiveFailures }, 'outbox relay cannot publish yet; retrying');
          }
          if (this.stopping) return;
          await this.sleep(Math.min(5000, 200 * 2 ** Math.min(this.consecutiveFailures, 5)));
          continue;
        }
        if (last) return;
      }
      if (this.stopping) {
        this.pending = true; // the last pass, now
        continue;
      }
      // A NOTIFY that came during the last pass set `pending` with no sleep to cut short: answered now, not after
      // the poll interval or the next event's NOTIFY.
      if (!this.pending) await this.sleep(this.options.pollIntervalMs);
      this.pending = true; // poll as a fallback to NOTIFY (a lost connection, another writer)
    }
  }

  private async publishBatch(): Promise<number> {
    const producer = await this.connectedProducer();
    return this.dataSource.transaction(async (manager) => {
      // The advisory lock is an InitPlan, so a one-time filter: taken once, and no row is read (nothing
      // is sent) when another replica holds it. One round trip instead of a lock query and a select.
      const rows: ClaimedRow[] = await manager.query(
        `SELECT seq, event_id, topic, message_key, type, envelope, correlation_id FROM outbox
         WHERE (SELECT pg_try_advisory_xact_lock($2)) AND sent_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize, this.options.lockKey],
      );
      if (rows.length === 0) return 0;
      const byTopic = new Map<string, ClaimedRow[]>();
      for (const row of rows) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
      await this.acknowledged(
        producer,
        [...byTopic].map(([topic, topicRows]) => ({
          topic,
          messages: topicRows.map((row) => ({
            key: row.message_key,
            value: JSON.stringify(row.envelope),
            // Structured content mode (CloudEvents Kafka binding 3.3): content-type names the JSON event format.
            headers: structuredModeHeaders(row.envelope, row.correlation_id),
          })),
        })),
      );
      await manager.query('UPDATE outbox SET sent_at = now() WHERE seq = ANY($1::bigint[])', [rows.map((r) => r.seq)]);
      for (const [topic, topicRows] of byTopic) this.metrics.eventsPublished.inc({ topic }, topicRows.length);
      return rows.length;
    });
  }

  /**
   * Sends a batch until the brokers have acknowledged every partition a message of it was put in, or fails after
   * `sendTimeoutMs`: the transaction then rolls back (rows stay unsent) and the producer is replaced, so its
   * endless retries of this batch stop mattering. Should the abandoned send still land, the next pass sends the
   * rows again: a duplicate the inbox absorbs. A partition missing from sendBatch's answer (a kafkajs defect, see
   * `unacknowledged`) has its messages sent again, pinned to the same partition, in this same pass (at most five
   * times, 100 ms apart; then the pass fails and rolls back like a timeout).
   */
  private async acknowledged(producer: Producer, topicMessages: TopicMessages[]): Promise<void> {
    const timeoutMs = this.options.sendTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Kafka did not acknowledge the outbox batch within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([
        sendUntilAcknowledged((pending) => producer.sendBatch({ acks: -1, topicMessages: pending }), topicMessages, this.placement, {
          maxResends: 5,
          pauseMs: 100,
          onResend: (again) => {
            for (const { topic, messages } of again) {
              this.metrics.eventsResent.inc({ topic }, messages.length);
              this.logger.warn(
                { topic, messages: messages.length, partitions: [...new Set(messages.map((m) => m.partition))] },
                'Kafka answered the outbox batch without acknowledging some partitions; sending their messages again',
              );
            }
          },
        }),
        deadline,
      ]);
    } catch (error) {
      if (this.producer === producer) this.producer = null;
      // Shutdown path of an abandoned producer: its failure to disconnect cleanly changes nothing.
      void producer.disconnect().catch(() => undefined);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private async connectedProducer(): Promise<Producer> {
    if (this.producer) return this.producer;
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      retry: RELAY_PRODUCER_RETRY,
      allowAutoTopicCreation: false,
      // kafkajs's default partitioner, watched: the answer to each batch is checked partition by partition.
      createPartitioner: this.placement.createPartitioner,
    });
    try {
      await producer.connect();
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
    producer.on(producer.events.DISCONNECT, () => {
      if (this.producer === producer) this.producer = null;
    });
    this.producer = producer;
    return producer;
  }

  private async ensureListening(): Promise<void> {
    if (this.listener) return;
    const listener = new Client({ connectionString: this.databaseUrl });
    listener.on('error', () => {
      if (this.listener === listener) this.listener = null;
    });
    listener.on('end', () => {
      if (this.listener === listener) this.listener = null;
    });
    listener.on('notification', () => this.wake());
    await listener.connect();
    await listener.query('LISTEN outbox');
    this.listener = listener;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wakeUp = null;
        resolve();
      }, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
    });
  }
}
