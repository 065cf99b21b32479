import { Topics, type EventEnvelope, type NotificationFailed, type NotificationSent } from '@cpc/contracts';
import { EventConsumer, receivedMessage } from '@cpc/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { CirculationProgress } from '../application/circulation-progress';

/**
 * R-POST-3, R-DEL-PWD: the notifications service reports each message it was asked for (matched by
 * deliveryId). Sent is final only where no receipt is awaited; GOV.UK Notify's receipts settle the
 * rest. Invitations and reminders carry no deliveryId and are not documents' business.
 */
@Controller()
export class NotificationEventsListener {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly progress: CirculationProgress,
  ) {}

  @EventPattern(Topics.notifications)
  async onNotificationEvent(@Payload() value: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(receivedMessage(value, context), {
      NotificationSent: async ({ data }: EventEnvelope<NotificationSent>, manager) => {
        if (data.deliveryId)
          await this.progress.settle(manager, data.deliveryId, { status: 'SENT', awaitingReceipt: data.awaitingReceipt === true });
      },
      NotificationDelivered: async ({ data }: EventEnvelope<NotificationSent>, manager) => {
        if (data.deliveryId) await this.progress.settle(manager, data.deliveryId, { status: 'DELIVERED' });
      },
      NotificationFailed: async ({ data }: EventEnvelope<NotificationFailed>, manager) => {
        if (data.deliveryId)
          await this.progress.settle(manager, data.deliveryId, { status: 'FAILED', error: `${data.failure}: ${data.reason}` });
      },
    });
  }
}
