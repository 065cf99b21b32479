import { Topics } from '@cpc/contracts';
import { EventConsumer, receivedMessage } from '@cpc/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { NotificationIntake } from '../application/intake';
import { SendNotification } from '../application/send-notification';
import type { Provider } from '../infrastructure/send.queue';

/** Conference, scheduling and documents events in (inbox: each applied once); messages recorded, then queued. */
@Controller()
export class InputEventsListener {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly intake: NotificationIntake,
    private readonly sender: SendNotification,
  ) {}

  @EventPattern(Topics.conference)
  onConferenceEvent(@Payload() value: unknown, @Ctx() context: KafkaContext): Promise<void> {
    return this.consume(value, context);
  }

  @EventPattern(Topics.scheduling)
  onSchedulingEvent(@Payload() value: unknown, @Ctx() context: KafkaContext): Promise<void> {
    return this.consume(value, context);
  }

  @EventPattern(Topics.documents)
  onDocumentsEvent(@Payload() value: unknown, @Ctx() context: KafkaContext): Promise<void> {
    return this.consume(value, context);
  }

  private async consume(value: unknown, context: KafkaContext): Promise<void> {
    // Queued only once the inbox transaction has committed what it recorded.
    const recorded = new Map<Provider, string[]>();
    await this.consumer.consume(
      receivedMessage(value, context),
      this.intake.handlers((made) => {
        for (const [provider, ids] of made) recorded.set(provider, [...(recorded.get(provider) ?? []), ...ids]);
      }),
    );
    await this.sender.enqueue(recorded);
  }
}
