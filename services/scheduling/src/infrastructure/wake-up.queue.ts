import { redisOptionsOf } from '@cpc/config';
import { Queue, Worker, DelayedError, type Job } from 'bullmq';
import IORedis, { type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import type { WakeUp } from '../domain/wake-up';

export interface WakeUpJobData {
  deadlineId: string;
  version: number;
  purpose: 'due' | 'reminder';
  reminder?: number;
  /** Epoch milliseconds the wake-up is for: the deadline's due time or the reminder's time. */
  at: number;
}

export type WakeUpOutcome = 'acted' | 'stale' | 'early' | 'settled';
export type WakeUpHandler = (job: WakeUpJobData) => Promise<WakeUpOutcome>;

export interface WakeUpQueueOptions {
  redisUrl: string;
  prefix: string;
  name: string;
  concurrency: number;
  lockDurationMs: number;
}

/**
 * BullMQ as wake-ups only (STACK.md "BullMQ"): a job says "look at deadline X, version N, at time T".
 * Job ids are the versioned wake-up ids, so adding one that exists is a no-op and a moved deadline
 * never reuses an old id. Jobs carry no state that matters: losing Redis loses nothing but time.
 */
export class WakeUpQueue {
  readonly queue: Queue<WakeUpJobData>;
  /** Our own connection for checks and readiness; fails fast rather than queueing while Redis is down. */
  private readonly redis: IORedis;
  private worker: Worker<WakeUpJobData> | null = null;

  constructor(
    private readonly options: WakeUpQueueOptions,
    private readonly logger: Logger,
  ) {
    const base: RedisOptions = { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5000 };
    this.redis = new IORedis(options.redisUrl, base);
    this.redis.on('error', (error) =>
      this.logger.warn({ err: error }, 'redis connection (wake-ups) failed; PostgreSQL keeps every deadline'),
    );
    // Connection options, not instances: BullMQ then owns the connections and closes them on close().
    this.queue = new Queue<WakeUpJobData>(options.name, {
      connection: { ...redisOptionsOf(options.redisUrl), maxRetriesPerRequest: 1, connectTimeout: 5000 },
      prefix: options.prefix,
    });
    this.queue.on('error', (error) => this.logger.warn({ err: error }, 'wake-up queue error'));
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  /**
   * Marks Redis as holding every wake-up: set when a rebuild starts, so a flush during the rebuild
   * still leaves it missing. The key lives under the queue's own prefix, as the jobs do: whatever
   * takes the jobs (FLUSHALL, a restart without persistence, an eviction of the prefix) takes it too.
   */
  async markRebuilt(at = Date.now()): Promise<void> {
    await this.redis.set(this.markerKey, String(at));
  }

  /** Forgets the mark (a rebuild that failed part-way): the next check rebuilds again. */
  async unmarkRebuilt(): Promise<void> {
    await this.redis.del(this.markerKey);
  }

  /** True when Redis answers but the mark is gone: the wake-ups it held are lost. Throws while Redis is away. */
  async lostWakeUps(): Promise<boolean> {
    return (await this.redis.exists(this.markerKey)) === 0;
  }

  /** Calls `listener` each time the connection is ready again after it was lost (a restarted Redis may have come back empty). */
  onReconnect(listener: () => void): void {
    let lost = false;
    this.redis.on('close', () => (lost = true));
    this.redis.on('ready', () => {
      if (lost) listener();
      lost = false;
    });
  }

  private get markerKey(): string {
    return this.queue.toKey('cpc-wake-ups-rebuilt');
  }

  /** Adds wake-ups, each due at its time; ids that exist are left as they are. */
  async schedule(wakeUps: readonly WakeUp[], now = Date.now()): Promise<void> {
    if (wakeUps.length === 0) return;
    await this.queue.addBulk(
      wakeUps.map((wakeUp) => ({
        name: wakeUp.purpose,
        data: {
          deadlineId: wakeUp.deadlineId,
          version: wakeUp.version,
          purpose: wakeUp.purpose,
          reminder: wakeUp.reminder,
          at: wakeUp.at.getTime(),
        },
        opts: {
          jobId: wakeUp.id,
          delay: Math.max(0, wakeUp.at.getTime() - now),
          removeOnComplete: true,
          // A wake-up that failed (PostgreSQL away) is retried; the rebuild re-adds it if it ran out of attempts.
          removeOnFail: { age: 24 * 3600 },
          attempts: 8,
          backoff: { type: 'exponential', delay: 500 },
        },
      })),
    );
  }

  /** Removes wake-ups of a superseded version; only to keep Redis small, since they could no longer act anyway. */
  async cancel(ids: readonly string[]): Promise<void> {
    for (const id of ids) await this.queue.remove(id);
  }

  /** The wake-ups among these that Redis does not hold (lost with a flush or a restart without persistence). */
  async missing(wakeUps: readonly WakeUp[]): Promise<WakeUp[]> {
    if (wakeUps.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const wakeUp of wakeUps) pipeline.exists(this.queue.toKey(wakeUp.id));
    const results = (await pipeline.exec()) ?? [];
    return wakeUps.filter((_, index) => {
      const [error, exists] = results[index] ?? [new Error('no reply'), 0];
      if (error) throw error;
      return exists === 0;
    });
  }

  startWorker(handle: WakeUpHandler): void {
    if (this.worker) return;
    this.worker = new Worker<WakeUpJobData>(
      this.options.name,
      async (job: Job<WakeUpJobData>, token?: string) => {
        const outcome = await handle(job.data);
        if (outcome === 'early') {
          // Woken before its time (a promoted job, clocks apart): sleep again until the time it is for.
          await job.moveToDelayed(Math.max(job.data.at, Date.now() + 10), token);
          throw new DelayedError();
        }
        return outcome;
      },
      {
        connection: { ...redisOptionsOf(this.options.redisUrl), maxRetriesPerRequest: null },
        prefix: this.options.prefix,
        concurrency: this.options.concurrency,
        lockDuration: this.options.lockDurationMs,
        stalledInterval: Math.max(1000, Math.floor(this.options.lockDurationMs / 2)),
      },
    );
    this.worker.on('error', (error) => this.logger.warn({ err: error }, 'wake-up worker error'));
    this.worker.on('failed', (job, error) =>
      this.logger.warn({ err: error, jobId: job?.id, attempts: job?.attemptsMade }, 'wake-up failed; it will be retried'),
    );
  }

  /** `force`: stop at once without waiting for wake-ups in hand (they stall and another worker takes them). */
  async close(force = false): Promise<void> {
    // With Redis away no wake-up in hand can complete, and a graceful close waits for Redis for ever.
    await this.worker?.close(force || this.redis.status !== 'ready');
    this.worker = null;
    await this.queue.close();
    this.redis.disconnect();
  }
}

/** ioredis options from a redis:// or rediss:// URL (BullMQ takes options, not URLs). */
