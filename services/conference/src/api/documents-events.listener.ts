import { Topics } from '@cpc/contracts';
import { EventConsumer, receivedMessage } from '@cpc/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { PlanCirculation } from '../application/plan-circulation';

/** documents.events in (inbox: each applied once): only PlanCirculated moves a conference on. */
@Controller()
export class DocumentsEventsListener {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly planCirculation: PlanCirculation,
  ) {}

  @EventPattern(Topics.documents)
  async onDocumentsEvent(@Payload() value: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(receivedMessage(value, context), {
      PlanCirculated: (envelope, manager) => this.planCirculation.handle(envelope, manager),
    });
  }
}
