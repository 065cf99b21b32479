import { SERVICE_LOGGER } from '@cpc/runtime';
import { Inject, Injectable, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import type { ReceiptLookup } from '../infrastructure/channels/notify.channel';
import { NotificationStore } from '../infrastructure/notification.store';
import { NotificationsConfig } from '../notifications.config';
import { SettleReceipt } from './settle-receipt';
import { withCorrelationId } from '@cpc/observability';

export const RECEIPT_LOOKUP = Symbol('RECEIPT_LOOKUP');

const BATCH = 200;

/**
 * The receipt poll: a Notify message still SENT NOTIFY_RECEIPT_POLL_AFTER_MS after it went (no
 * callback came: not registered, lost, or Notify still trying) is looked up with Notify and settled
 * exactly as a callback would be (SettleReceipt). One replica polls at a time (a PostgreSQL
 * advisory lock); a message still in flight is looked at again after the same wait.
 */
@Injectable()
export class ReceiptPoll implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly store: NotificationStore,
    private readonly settle: SettleReceipt,
    private readonly config: NotificationsConfig,
    @Inject(RECEIPT_LOOKUP) private readonly lookup: ReceiptLookup,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep().finally(() => (this.running = undefined));
    }, this.config.NOTIFY_RECEIPT_POLL_INTERVAL_MS);
    this.timer.unref();
  }

  // Before the database closes: a receipt pass in hand finishes first.

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns how many messages it settled (0 when another replica holds the lock). */
  async sweep(): Promise<number> {
    let settled = 0;
    try {
      await this.store.withReceiptPollLock(async () => {
        for (const due of await this.store.awaitingReceipt(this.config.NOTIFY_RECEIPT_POLL_AFTER_MS, BATCH)) {
          try {
            const status = await this.lookup.deliveryStatus(due.provider_reference);
            // What the settlement emits carries the correlation id of the event that asked for the message.
            const result = await withCorrelationId(due.correlation_id ?? undefined, () =>
              this.settle.settle({
                providerReference: due.provider_reference,
                providerStatus: status.providerStatus,
                state: status.state,
                source: 'POLL',
              }),
            );
            if (result.applied) settled += 1;
            else await this.store.markReceiptChecked(due.id);
          } catch (error) {
            await this.store.markReceiptChecked(due.id);
            this.logger.warn({ err: error, notificationId: due.id }, 'receipt poll could not read the status; it tries again later');
          }
        }
      });
    } catch (error) {
      this.logger.warn({ err: error }, 'receipt poll failed; it runs again');
    }
    return settled;
  }
}
