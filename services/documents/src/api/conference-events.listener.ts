import {
  Topics,
  type ConferenceConcluded,
  type ConferenceRescheduled,
  type ConferenceScheduled,
  type EventEnvelope,
  type ParticipantAdded,
  type ParticipantSnapshot,
} from '@cpc/contracts';
import { EventConsumer, receivedMessage } from '@cpc/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import { CaseIdentityRecord } from '../infrastructure/case-identity.entity';

/**
 * Keeps the case identity (names, addresses) current from conference events (R-RED-INIT), with the
 * participants circulation sends to (R-DEL-*) and the chair's sensitive-case mark (R-RED-DV).
 */
@Controller()
export class ConferenceEventsListener {
  constructor(private readonly consumer: EventConsumer) {}

  @EventPattern(Topics.conference)
  async onConferenceEvent(@Payload() value: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(receivedMessage(value, context), {
      ConferenceScheduled: (event, manager) => this.onScheduled(event, manager),
      ParticipantAdded: (event, manager) => this.onParticipant(event as EventEnvelope<ParticipantAdded>, manager),
      ParticipantUpdated: (event, manager) => this.onParticipant(event as EventEnvelope<ParticipantAdded>, manager),
      ConferenceRescheduled: (event, manager) => this.onRescheduled(event as EventEnvelope<ConferenceRescheduled>, manager),
      ConferenceConcluded: (event, manager) => this.onConcluded(event as EventEnvelope<ConferenceConcluded>, manager),
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

  /** R-NOTDAY: "the day" moves with the conference. */
  private async onRescheduled(event: EventEnvelope<ConferenceRescheduled>, manager: EntityManager): Promise<void> {
    const { conferenceId, scheduledStart } = event.data;
    await manager.update(CaseIdentityRecord, { conferenceId }, { scheduledStart: new Date(scheduledStart) });
  }

  /** A participant joins or changes: replaced by id, so the latest contact details and addresses win. */
  private async onParticipant(event: EventEnvelope<ParticipantAdded>, manager: EntityManager): Promise<void> {
    const { conferenceId, participant } = event.data;
    const record = await manager.findOne(CaseIdentityRecord, { where: { conferenceId }, lock: { mode: 'pessimistic_write' } });
    // Conference events share one key, so ConferenceScheduled precedes its participants; without it there is nothing to join.
    if (!record) throw new Error(`participant for unknown conference ${conferenceId}`);
    const participants: ParticipantSnapshot[] = [
      ...record.participants.filter((p) => p.participantId !== participant.participantId),
      participant,
    ];
    await manager.update(CaseIdentityRecord, { conferenceId }, { participants });
  }

  /** R-RED-DV: the chair's mark at conclusion; it never clears a mark already set on the plan. */
  private async onConcluded(event: EventEnvelope<ConferenceConcluded>, manager: EntityManager): Promise<void> {
    if (!event.data.sensitiveCase) return;
    await manager.update(CaseIdentityRecord, { conferenceId: event.data.conferenceId }, { sensitiveCase: true });
  }
}
