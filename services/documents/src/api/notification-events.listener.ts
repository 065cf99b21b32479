import { Topics, type EventEnvelope, type NotificationEvent, type NotificationFailed } from '@cpc/contracts';
import { EventConsumer, Outbox, receivedMessage } from '@cpc/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import { completeCirculation } from '../application/circulation';

/**
 * R-POST-3: the notifications service reports each delivery it was asked for (matched by deliveryId);
 * when none of a circulation is pending, PlanCirculated goes out. NotificationFailed is taken as final:
 * notifications retries temporary failures itself before it reports one.
 */
@Controller()
export class NotificationEventsListener {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly outbox: Outbox,
  ) {}

  @EventPattern(Topics.notifications)
  async onNotificationEvent(@Payload() value: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(receivedMessage(value, context), {
      NotificationSent: (event, manager) => this.settle(event as EventEnvelope<NotificationEvent>, 'SENT', null, manager),
      NotificationFailed: (event, manager) => {
        const failed = event as EventEnvelope<NotificationFailed>;
        return this.settle(failed, 'FAILED', `${failed.data.failure}: ${failed.data.reason}`, manager);
      },
    });
  }

  private async settle(
    event: EventEnvelope<NotificationEvent>,
    status: 'SENT' | 'FAILED',
    error: string | null,
    manager: EntityManager,
  ): Promise<void> {
    const { deliveryId } = event.data;
    if (!deliveryId) return; // invitations and reminders: not a document delivery
    const [rows] = await manager.query(
      `UPDATE deliveries SET status = $2, error = $3, updated_at = now() WHERE delivery_id = $1 AND status = 'PENDING' RETURNING circulation_id`,
      [deliveryId, status, error],
    );
    const [row] = rows as { circulation_id: string }[];
    if (row) await completeCirculation(manager, this.outbox, row.circulation_id);
  }
}
