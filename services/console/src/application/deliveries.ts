import { Injectable } from '@nestjs/common';
import type { CirculationView, NotificationView } from '../domain/read-model';
import { DeliveryViewStore, type RecipientRow } from '../infrastructure/delivery-view.store';
import type { ConsoleUser } from './console-user';

export interface DeliveriesView {
  localAuthority: string;
  /** To act on: recipients held or failed, and messages that failed for good. */
  unsettled: RecipientRow[];
  failedMessages: NotificationView[];
  circulations: (CirculationView & { recipients: RecipientRow[] })[];
}

/** The Deliveries page (issue 14): every circulation with each recipient's state, and the failures to act on. */
@Injectable()
export class DeliveriesQuery {
  constructor(private readonly deliveries: DeliveryViewStore) {}

  async run(user: ConsoleUser, limit: number): Promise<DeliveriesView> {
    const la = user.localAuthority;
    const [circulations, unsettled, failedMessages] = await Promise.all([
      this.deliveries.circulations(la, limit),
      this.deliveries.unsettledRecipients(la, limit),
      this.deliveries.failedNotifications(la, limit),
    ]);
    const recipients = await this.deliveries.recipients(
      la,
      circulations.map((c) => c.id),
    );
    return {
      localAuthority: la,
      unsettled,
      failedMessages,
      circulations: circulations.map((c) => ({ ...c, recipients: recipients.filter((r) => r.circulationId === c.id) })),
    };
  }
}
