import { Topics } from '@cpc/contracts';
import { EventConsumer, receivedMessage, type EventHandlers } from '@cpc/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { ConsoleProjection } from '../application/console-projection';

/** All four topics in (inbox: each event applied once), every type to the projection; unknown types are skipped. */
@Controller()
export class AllTopicsListener {
  private readonly handlers: EventHandlers;

  constructor(
    private readonly consumer: EventConsumer,
    projection: ConsoleProjection,
  ) {
    this.handlers = projection.handlers();
  }

  @EventPattern(Topics.conference)
  onConference(@Payload() value: unknown, @Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(receivedMessage(value, context), this.handlers);
  }

  @EventPattern(Topics.scheduling)
  onScheduling(@Payload() value: unknown, @Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(receivedMessage(value, context), this.handlers);
  }

  @EventPattern(Topics.documents)
  onDocuments(@Payload() value: unknown, @Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(receivedMessage(value, context), this.handlers);
  }

  @EventPattern(Topics.notifications)
  onNotifications(@Payload() value: unknown, @Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(receivedMessage(value, context), this.handlers);
  }
}
