import type { EventEnvelope, PlanCirculated } from '@cpc/contracts';
import { Outbox } from '@cpc/messaging';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { canTransition, transition } from '../domain/conference-lifecycle';
import { ConferenceStore } from '../infrastructure/conference.store';

/**
 * R-POST-3 / R-CONT: when documents reports the plan circulated, a concluded conference (or one that
 * went to contingency) becomes CIRCULATED. A re-circulation, or a conference this service does not
 * hold, changes nothing: the event is still recorded as handled (inbox).
 */
@Injectable()
export class PlanCirculation {
  constructor(
    private readonly outbox: Outbox,
    private readonly store: ConferenceStore,
  ) {}

  async handle(envelope: EventEnvelope<PlanCirculated>, manager: EntityManager): Promise<void> {
    const conference = await this.store.lock(manager, envelope.data.conferenceId);
    if (!conference || !canTransition(conference.status, 'circulate')) return;
    const previousStatus = conference.status;
    conference.status = transition(previousStatus, 'circulate');
    const saved = await this.store.save(manager, conference);
    await this.outbox.append(manager, {
      type: 'ConferenceCirculated',
      conferenceId: saved.id,
      localAuthority: saved.localAuthority,
      data: { conferenceId: saved.id, status: saved.status, previousStatus, at: envelope.data.circulatedAt },
    });
  }
}
