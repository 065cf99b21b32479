import type { NotificationDelivered } from '@cpc/contracts';
import { Outbox } from '@cpc/messaging';
import { SERVICE_LOGGER } from '@cpc/runtime';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { receiptOutcome, receiptStateOf, type ReceiptOutcome, type ReceiptState } from '../domain/delivery-receipt';
import { NotificationStore, type ReceiptSource } from '../infrastructure/notification.store';
import { sendJobKey, type Provider } from '../infrastructure/send.queue';
import { NotificationsConfig } from '../notifications.config';
import { addQueued, notificationEventFacts } from './notification-log';
import { FailureRecorder } from './record-failure';
import { SendNotification } from './send-notification';

/** A provider's receipt for one message, as a callback posts it or the poll reads it. */
export interface Receipt {
  readonly providerReference: string;
  /** Notify's status word: delivered, permanent-failure, ... */
  readonly providerStatus: string;
  /** Set when the lookup had its own verdict (NOT_FOUND); else taken from the status word. */
  readonly state?: ReceiptState;
  readonly source: ReceiptSource;
}

/** What settling did: nothing (unknown or already settled), or the outcome applied. */
export type Settlement = { readonly applied: false } | { readonly applied: true; readonly outcome: ReceiptOutcome['kind'] };

/**
 * Settles a SENT message from a delivery receipt: the one use case behind the Notify callback and
 * the receipt poll. In one transaction: lock the SENT row, decide (receiptOutcome), then DELIVERED
 * with NotificationDelivered, or back to PENDING for one more send, or FAILED with NotificationFailed
 * and an operations alert (R-DEL-PWD: a failed password text leaves the parent without their plan).
 * A receipt for a message already settled has no second effect.
 */
@Injectable()
export class SettleReceipt {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly config: NotificationsConfig,
    private readonly failures: FailureRecorder,
    private readonly sender: SendNotification,
    private readonly store: NotificationStore,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async settle(receipt: Receipt): Promise<Settlement> {
    const state = receipt.state ?? receiptStateOf(receipt.providerStatus);
    const queued = new Map<Provider, string[]>();
    const settlement = await this.dataSource.transaction(async (manager): Promise<Settlement> => {
      const row = await NotificationStore.lockSent(manager, receipt.providerReference);
      if (!row) return { applied: false };
      const outcome = receiptOutcome(state, receipt.providerStatus, row.resends, this.config.NOTIFY_TECHNICAL_FAILURE_RESENDS);
      switch (outcome.kind) {
        case 'WAIT':
          return { applied: false };
        case 'DELIVERED':
          await NotificationStore.markDelivered(manager, row.id, receipt.source);
          await this.outbox.append<NotificationDelivered>(manager, {
            type: 'NotificationDelivered',
            conferenceId: row.conference_id,
            localAuthority: row.local_authority,
            data: notificationEventFacts(row, row.attempts),
          });
          break;
        case 'RESEND': {
          const generation = await NotificationStore.resetForResend(manager, row.id, outcome.reason);
          addQueued(queued, row.provider, sendJobKey(row.id, generation));
          break;
        }
        case 'FAILED':
          for (const [provider, keys] of await this.failures.record(manager, row, {
            attempts: row.attempts,
            reason: outcome.reason,
            failure: outcome.failure,
            source: receipt.source,
          }))
            for (const key of keys) addQueued(queued, provider, key);
          break;
      }
      this.logger.info(
        { notificationId: row.id, template: row.template, to: row.recipient_masked, outcome: outcome.kind, source: receipt.source },
        'delivery receipt applied',
      );
      return { applied: true, outcome: outcome.kind };
    });
    await this.sender.enqueue(queued);
    return settlement;
  }
}
