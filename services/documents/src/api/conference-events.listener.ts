import {
  Topics,
  type ConferenceConcluded,
  type ConferenceRescheduled,
  type ConferenceScheduled,
  type EventEnvelope,
  type ParticipantAdded,
} from '@cpc/contracts';
import { EventConsumer, receivedMessage } from '@cpc/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { CaseIdentities } from '../application/case-identities';

/**
 * Keeps the case identity (names, addresses) current from conference events (R-RED-INIT), with the
 * participants circulation sends to (R-DEL-PRO, R-DEL-PAR) and the chair's sensitive-case mark (R-RED-DV).
 */
@Controller()
export class ConferenceEventsListener {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly cases: CaseIdentities,
  ) {}

  @EventPattern(Topics.conference)
  async onConferenceEvent(@Payload() value: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(receivedMessage(value, context), {
      ConferenceScheduled: (event, manager) => this.cases.scheduled(manager, (event as EventEnvelope<ConferenceScheduled>).data),
      ParticipantAdded: (event, manager) => this.cases.participant(manager, (event as EventEnvelope<ParticipantAdded>).data),
      ParticipantUpdated: (event, manager) => this.cases.participant(manager, (event as EventEnvelope<ParticipantAdded>).data),
      ConferenceRescheduled: (event, manager) => this.cases.rescheduled(manager, (event as EventEnvelope<ConferenceRescheduled>).data),
      ConferenceConcluded: (event, manager) => this.cases.concluded(manager, (event as EventEnvelope<ConferenceConcluded>).data),
    });
  }
}
