import { Topics } from '@cpc/contracts';
import { consumeThenAfterCommit, EventConsumer, receivedMessage } from '@cpc/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { NotificationIntake, type Collect } from '../application/intake';
import { SendNotification } from '../application/send-notification';

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
    await consumeThenAfterCommit<Parameters<Collect>[0]>(
      this.consumer,
      receivedMessage(value, context),
      (collect) => this.intake.handlers(collect),
      async (batches) => {
        const recorded: Parameters<Collect>[0] = new Map();
        for (const made of batches) for (const [provider, ids] of made) recorded.set(provider, [...(recorded.get(provider) ?? []), ...ids]);
        await this.sender.enqueue(recorded);
      },
    );
  }
}
