import type { NotificationFailed } from '@cpc/contracts';
import { Outbox } from '@cpc/messaging';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { deliveryFailureAlert } from '../domain/operations-alerts';
import { NotificationStore, type NotificationRow, type ReceiptSource } from '../infrastructure/notification.store';
import type { Provider } from '../infrastructure/send.queue';
import { NotificationsConfig } from '../notifications.config';
import { notificationEventFacts, recordPlanned } from './notification-log';

/**
 * A message ends FAILED, one way for every path (a send that gave up, a provider's failure
 * receipt by callback or poll): the row, NotificationFailed, and an operations alert
 * (DELIVERY_FAILURE_ALERT_EMAIL), all in the caller's transaction. Returns the alert to queue.
 */
@Injectable()
export class FailureRecorder {
  constructor(
    private readonly outbox: Outbox,
    private readonly config: NotificationsConfig,
  ) {}

  async record(
    manager: EntityManager,
    row: NotificationRow,
    failed: { attempts: number; reason: string; failure: 'PERMANENT' | 'TEMPORARY'; source?: ReceiptSource },
  ): Promise<Map<Provider, string[]>> {
    await NotificationStore.markFailed(manager, row.id, failed.attempts, failed.reason, failed.source);
    await this.outbox.append<NotificationFailed>(manager, {
      type: 'NotificationFailed',
      conferenceId: row.conference_id,
      localAuthority: row.local_authority,
      data: { ...notificationEventFacts(row, failed.attempts), reason: failed.reason, failure: failed.failure },
    });
    const alert = deliveryFailureAlert(
      {
        notificationId: row.id,
        conferenceId: row.conference_id,
        template: row.template,
        channel: row.channel,
        recipientMasked: row.recipient_masked,
        providerReference: row.provider_reference,
      },
      this.config.OPERATIONS_ALERT_EMAIL,
      failed.reason,
      failed.failure,
      failed.attempts,
      new Date(),
    );
    return alert ? recordPlanned(manager, row.local_authority, [alert], this.config.EMAIL_PROVIDER) : new Map();
  }
}
