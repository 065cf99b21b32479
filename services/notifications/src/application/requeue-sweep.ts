import { SERVICE_LOGGER } from '@cpc/runtime';
import { Inject, Injectable, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { NotificationStore } from '../infrastructure/notification.store';
import { SendQueues, sendJobKey, type Provider } from '../infrastructure/send.queue';
import { addQueued } from './notification-log';
import { NotificationsConfig } from '../notifications.config';
import { DELIVERY_CHANNELS, SendNotification, type DeliveryChannels } from './send-notification';

/**
 * Redis is disposable (issue 6, "recorded in PostgreSQL before it goes"): on start and on a timer,
 * every PENDING message is queued again. The job id is the message id, so one already queued is
 * left alone, and the worker sends only what is still PENDING: nothing goes twice.
 */
@Injectable()
export class RequeueSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: NotificationStore,
    private readonly queues: SendQueues,
    private readonly sender: SendNotification,
    private readonly config: NotificationsConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    @Inject(DELIVERY_CHANNELS) private readonly channels: DeliveryChannels,
  ) {}

  onApplicationBootstrap(): void {
    this.queues.start((job, attempt, finalAttempt) => this.sender.handle(job.notificationId, attempt, finalAttempt, job.generation));
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), this.config.REQUEUE_INTERVAL_MS);
    this.timer.unref();
  }

  // Before the database closes: the workers' sends in hand record their outcome first.

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.queues.close();
    // The workers have finished their sends: the SMTP pool's open connections can go.
    for (const channel of Object.values(this.channels)) channel.close?.();
  }

  async sweep(): Promise<number> {
    try {
      const rows = await this.store.pending(10_000);
      const byProvider = new Map<Provider, string[]>();
      for (const row of rows) addQueued(byProvider, row.provider, sendJobKey(row.id, row.resends));
      for (const [provider, ids] of byProvider) await this.queues.enqueue(provider, ids);
      return rows.length;
    } catch (error) {
      this.logger.warn({ err: error }, 'requeue sweep failed; it runs again');
      return 0;
    }
  }
}
