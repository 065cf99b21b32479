import { redisOptionsOf } from '@cpc/config';
import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import type { Logger } from 'pino';

export interface SendJob {
  notificationId: string;
  /** Which send of the message this job is (sendJobKey); a job of an older generation sends nothing. */
  generation: number;
}

export type Provider = 'smtp' | 'notify';

/**
 * The job id of a message's nth send: the notification id, then `-r<n>` for a send again after a
 * provider's technical failure (BullMQ keeps a finished job's id for an hour, so a resend needs its own).
 */
export function sendJobKey(notificationId: string, generation: number): string {
  return generation > 0 ? `${notificationId}-r${generation}` : notificationId;
}

const notificationIdOf = (jobKey: string) => jobKey.replace(/-r\d+$/, '');
/** The generation a job key names (0 for the first send). */
export const generationOf = (jobKey: string) => Number(/-r(\d+)$/.exec(jobKey)?.[1] ?? 0);
/** What a send job did: nothing to report, or another worker is sending that message until `busyUntil`. */
export type SendOutcome = void | { busyUntil: Date };
export type SendHandler = (job: SendJob, attempt: number, finalAttempt: boolean) => Promise<SendOutcome>;

export interface SendQueueOptions {
  redisUrl: string;
  prefix: string;
  maxAttempts: number;
  backoffMs: number;
  ratePerSecond: number;
  concurrency: number;
}

/**
 * One BullMQ queue per provider (issue 6): retries with exponential backoff, and a rate limit per
 * provider. The job id is the notification id, so queuing a message twice queues it once. Redis is
 * disposable: PENDING rows in PostgreSQL are queued again on start and on a timer.
 */
export class SendQueues {
  private readonly queues = new Map<Provider, Queue<SendJob>>();
  private readonly workers: Worker<SendJob>[] = [];
  private readonly redis: IORedis;

  constructor(
    private readonly options: SendQueueOptions,
    private readonly logger: Logger,
  ) {
    this.redis = new IORedis(options.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5000 });
    this.redis.on('error', (error) =>
      this.logger.warn({ err: error }, 'redis connection (send queues) failed; PostgreSQL keeps every message'),
    );
    for (const provider of ['smtp', 'notify'] as const) {
      const queue = new Queue<SendJob>(`notifications-${provider}`, {
        connection: { ...redisOptionsOf(options.redisUrl), maxRetriesPerRequest: 1, connectTimeout: 5000 },
        prefix: options.prefix,
      });
      queue.on('error', (error) => this.logger.warn({ err: error, provider }, 'send queue error'));
      this.queues.set(provider, queue);
    }
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  /** Queues sends by job key (sendJobKey): a key already queued is queued once. */
  async enqueue(provider: Provider, jobKeys: readonly string[]): Promise<void> {
    if (jobKeys.length === 0) return;
    await this.queue(provider).addBulk(
      jobKeys.map((jobKey) => ({
        name: 'send',
        data: { notificationId: notificationIdOf(jobKey), generation: generationOf(jobKey) },
        opts: {
          jobId: jobKey,
          attempts: this.options.maxAttempts,
          backoff: { type: 'exponential', delay: this.options.backoffMs },
          removeOnComplete: { age: 3600, count: 10_000 },
          removeOnFail: { age: 24 * 3600 },
        },
      })),
    );
  }

  start(handler: SendHandler): void {
    for (const [provider, queue] of this.queues) {
      const worker = new Worker<SendJob>(
        queue.name,
        async (job: Job<SendJob>, token?: string) => {
          const attempt = job.attemptsMade + 1;
          // Jobs queued before the generation was carried name it only in their id.
          const generation = job.data.generation ?? generationOf(job.id ?? job.data.notificationId);
          const outcome = await handler({ ...job.data, generation }, attempt, attempt >= (job.opts.attempts ?? 1));
          if (outcome?.busyUntil) {
            // Another worker holds the message's claim: look again when it lapses, without using up an attempt.
            await job.moveToDelayed(Math.max(outcome.busyUntil.getTime(), Date.now()) + 100, token);
            throw new DelayedError();
          }
        },
        {
          connection: { ...redisOptionsOf(this.options.redisUrl), maxRetriesPerRequest: null },
          prefix: this.options.prefix,
          concurrency: this.options.concurrency,
          limiter: { max: this.options.ratePerSecond, duration: 1000 },
        },
      );
      worker.on('error', (error) => this.logger.warn({ err: error, provider }, 'send worker error'));
      this.workers.push(worker);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.redis.disconnect();
  }

  private queue(provider: Provider): Queue<SendJob> {
    return this.queues.get(provider)!;
  }
}
