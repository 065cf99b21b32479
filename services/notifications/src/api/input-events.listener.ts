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
    // Only what the committed transaction recorded is queued; a retried attempt starts afresh.
    let fresh = new Map<Provider, string[]>();
    const collect = (made: Map<Provider, string[]>) => {
      for (const [provider, ids] of made) fresh.set(provider, [...(fresh.get(provider) ?? []), ...ids]);
    };
    await this.consumer.consume(
      receivedMessage(value, context),
      this.intake.handlers((made) => {
        collect(made);
      }),
    );
    const committed = fresh;
    fresh = new Map();
    await this.sender.enqueue(committed);
  }
}
