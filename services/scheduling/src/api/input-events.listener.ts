import { Topics } from '@cpc/contracts';
import { consumeThenAfterCommit, EventConsumer, receivedMessage, type EventHandlers } from '@cpc/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { DeadlineEventHandlers } from '../application/deadline-event-handlers';
import { WakeUpRebuild } from '../application/wake-up-rebuild';
import { WakeUpPlan } from '../application/wake-up-plan';

/**
 * Conference and document events in (inbox: each applied once), deadlines out. The wake-ups of a
 * handled event go to Redis after its transaction committed, never before.
 */
@Controller()
export class InputEventsListener {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly handlers: DeadlineEventHandlers,
    private readonly wakeUps: WakeUpRebuild,
  ) {}

  @EventPattern(Topics.conference)
  async onConferenceEvent(@Payload() value: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.consume(value, context, (collect) => this.handlers.conferenceTopic(collect));
  }

  @EventPattern(Topics.documents)
  async onDocumentsEvent(@Payload() value: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.consume(value, context, (collect) => this.handlers.documentsTopic(collect));
  }

  private async consume(
    value: unknown,
    context: KafkaContext,
    handlersFor: (collect: (plan: WakeUpPlan) => void) => EventHandlers,
  ): Promise<void> {
    // A retried attempt throws before the plan is applied; one dead-lettered after its handler ran leaves
    // wake-ups for rows that were rolled back, which find nothing and do nothing. The last plan made is the event's.
    await consumeThenAfterCommit<WakeUpPlan>(this.consumer, receivedMessage(value, context), handlersFor, async (plans) => {
      await this.wakeUps.apply(plans.at(-1) ?? new WakeUpPlan());
    });
  }
}
