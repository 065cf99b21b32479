import { Topics, type ConferenceScheduled, type EventEnvelope } from '@cpc/contracts';
import { EventConsumer, receivedMessage } from '@cpc/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import { CaseIdentityRecord } from '../infrastructure/case-identity.entity';

/** Keeps the case identity (names, addresses) current from conference events (R-RED-INIT). */
@Controller()
export class ConferenceEventsListener {
  constructor(private readonly consumer: EventConsumer) {}

  @EventPattern(Topics.conference)
  async onConferenceEvent(@Payload() value: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(receivedMessage(value, context), {
      ConferenceScheduled: (event, manager) => this.onScheduled(event, manager),
    });
  }

  private async onScheduled(event: EventEnvelope<ConferenceScheduled>, manager: EntityManager): Promise<void> {
    const { data } = event;
    await manager.upsert(
      CaseIdentityRecord,
      {
        conferenceId: data.conferenceId,
        localAuthority: data.localAuthority,
        scheduledStart: new Date(data.scheduledStart),
        children: data.children,
      },
      ['conferenceId'],
    );
  }
}
