import type {
  CirculationRecipient,
  CirculationRecipientUpdated,
  ConferenceRescheduled,
  ConferenceScheduled,
  ConferenceStatusChanged,
  ConferenceTeamChanged,
  DeadlineEvent,
  EventEnvelope,
  EventType,
  NotificationEvent,
  NotificationFailed,
  NotificationSent,
  ParticipantAdded,
  ParticipantSnapshot,
  ParticipationOptionChanged,
  PlanCirculated,
} from '@cpc/contracts';
import { EventCatalogue, maskEmail, maskMobile } from '@cpc/contracts';
import type { EventHandler, EventHandlers } from '@cpc/messaging';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ParticipantView } from '../domain/read-model';
import { timelineWordsOf } from '../domain/timeline-words';
import { ConferenceViewStore } from '../infrastructure/conference-view.store';
import { DeadlineViewStore } from '../infrastructure/deadline-view.store';
import { DeliveryViewStore } from '../infrastructure/delivery-view.store';

type Envelope<T> = EventEnvelope<T>;
type Apply = (envelope: Envelope<any>, manager: EntityManager) => Promise<void>;

/**
 * The CQRS projection (issue 14): every event of the four topics, applied once through the inbox, becomes
 * rows of the read model and a line of its conference's timeline. Each write is an upsert that takes its
 * values from the event alone, so replaying the topics from the beginning writes the same rows. Events of
 * a conference arrive in order per topic (key = conference id); across topics they may interleave, so
 * every table stands on its own and a conference not known yet is simply not updated.
 */
@Injectable()
export class ConsoleProjection {
  constructor(
    private readonly conferences: ConferenceViewStore,
    private readonly deadlines: DeadlineViewStore,
    private readonly deliveries: DeliveryViewStore,
  ) {}

  /** One handler per type of the catalogue: its own effect (if any), then the timeline line. */
  handlers(): EventHandlers {
    const handlers: EventHandlers = {};
    for (const type of Object.keys(EventCatalogue) as EventType[]) handlers[type] = this.handlerFor(type);
    return handlers;
  }

  private handlerFor(type: EventType): EventHandler {
    const apply = this.effects[type];
    return async (envelope, manager) => {
      if (apply) await apply(envelope, manager);
      await this.conferences.appendTimeline(manager, {
        eventId: envelope.id,
        conferenceId: envelope.subject,
        localAuthority: envelope.localauthority,
        occurredAt: new Date(envelope.time),
        source: envelope.source,
        type: envelope.type,
        ...timelineWordsOf(envelope.type, envelope.data as Record<string, any>),
      });
    };
  }

  private readonly effects: Partial<Record<EventType, Apply>> = {
    ConferenceScheduled: (e: Envelope<ConferenceScheduled>, m) => this.scheduled(e, m),
    ConferenceRescheduled: async (e: Envelope<ConferenceRescheduled>, m) => {
      // R-POSTPONE: a postponed conference is SCHEDULED again once a new date is set.
      const status = (await this.conferences.statusOf(m, e.data.conferenceId)) === 'POSTPONED' ? 'SCHEDULED' : undefined;
      await this.conferences.updateConference(m, e.data.conferenceId, at(e), {
        scheduledStart: new Date(e.data.scheduledStart),
        status,
        warnings: e.data.warnings,
      });
    },
    ParticipationOptionChanged: (e: Envelope<ParticipationOptionChanged>, m) =>
      this.conferences.updateConference(m, e.data.conferenceId, at(e), { participationOption: e.data.participationOption }),
    // Issue 14 "Teams": absent team is no team (null), so a cleared team is cleared here too.
    ConferenceTeamChanged: (e: Envelope<ConferenceTeamChanged>, m) =>
      this.conferences.updateConference(m, e.data.conferenceId, at(e), { team: e.data.team ?? null }),
    ParticipantAdded: (e: Envelope<ParticipantAdded>, m) => this.participant(e, e.data.participant, m),
    ParticipantUpdated: (e: Envelope<ParticipantAdded>, m) => this.participant(e, e.data.participant, m),
    PostponementRequested: async () => undefined, // the timeline line only: the status changes when both approve
    ConferencePostponed: (e: Envelope<ConferenceStatusChanged>, m) => this.status(e, m),
    ConferenceCancelled: (e: Envelope<ConferenceStatusChanged>, m) => this.status(e, m),
    ConferenceStarted: (e: Envelope<ConferenceStatusChanged>, m) => this.status(e, m),
    ConferencePaused: (e: Envelope<ConferenceStatusChanged>, m) => this.status(e, m),
    ConferenceResumed: (e: Envelope<ConferenceStatusChanged>, m) => this.status(e, m),
    ConferenceCirculated: (e: Envelope<ConferenceStatusChanged>, m) => this.status(e, m),
    ConferenceClosed: (e: Envelope<ConferenceStatusChanged>, m) => this.status(e, m),
    ConferenceConcluded: (e, m) => this.conferences.updateConference(m, e.subject, at(e), { status: 'CONCLUDED' }),
    ContingencyInvoked: (e, m) => this.conferences.updateConference(m, e.subject, at(e), { status: 'CONTINGENCY' }),
    DeadlineScheduled: (e, m) => this.deadline(e, m),
    DeadlineMoved: (e, m) => this.deadline(e, m),
    DeadlineMet: (e, m) => this.deadline(e, m, { metAt: e.data.metAt }),
    DeadlineStoodDown: (e, m) => this.deadline(e, m, { stoodDownReason: e.data.reason }),
    DeadlineBreached: (e, m) => this.deadline(e, m, { breachedAt: e.data.breachedAt }),
    PlanCirculated: (e: Envelope<PlanCirculated>, m) => this.circulated(e, m),
    CirculationRecipientUpdated: async (e: Envelope<CirculationRecipientUpdated>, m) => {
      await this.recipient(e, e.data.circulationId, e.data.recipient, new Date(e.data.at), m);
      await this.deliveries.markCirculation(m, e.data.circulationId, e.data.complete, new Date(e.data.at));
    },
    NotificationSent: (e: Envelope<NotificationSent>, m) => this.notification(e, 'SENT', m),
    NotificationDelivered: (e: Envelope<NotificationEvent>, m) => this.notification(e, 'DELIVERED', m),
    NotificationFailed: (e: Envelope<NotificationFailed>, m) => this.notification(e, 'FAILED', m, e.data),
  };

  private async scheduled(e: Envelope<ConferenceScheduled>, manager: EntityManager): Promise<void> {
    const data = e.data;
    await this.conferences.saveConference(manager, {
      id: data.conferenceId,
      localAuthority: e.localauthority,
      kind: data.kind,
      status: 'SCHEDULED',
      participationOption: data.participationOption,
      team: data.team ?? null,
      scheduledStart: new Date(data.scheduledStart),
      durationMinutes: data.durationMinutes,
      children: data.children.map((child) => `${child.firstName} ${child.lastName}`),
      warnings: data.warnings,
      // R-CYCLE-ICPC: the Performance figure judges the ICPC's held date against this (no later event moves it).
      strategyDiscussionAt: data.strategyDiscussionAt ? new Date(data.strategyDiscussionAt) : null,
      updatedAt: at(e),
    });
    for (const participant of data.participants ?? []) await this.participant(e, participant, manager);
  }

  private async status(e: Envelope<ConferenceStatusChanged>, manager: EntityManager): Promise<void> {
    await this.conferences.updateConference(manager, e.subject, at(e), { status: e.data.status });
  }

  /** R-PART with contacts masked before they are stored; addresses are never kept. */
  private async participant(e: Envelope<unknown>, snapshot: ParticipantSnapshot, manager: EntityManager): Promise<void> {
    const name = [snapshot.firstName, snapshot.lastName].filter(Boolean).join(' ');
    const view: ParticipantView = {
      participantId: snapshot.participantId,
      conferenceId: e.subject,
      localAuthority: e.localauthority,
      role: snapshot.role,
      name,
      agency: snapshot.agency ?? null,
      emailMasked: snapshot.email ? maskEmail(snapshot.email) : null,
      mobileMasked: snapshot.mobile ? maskMobile(snapshot.mobile) : null,
      preferredChannel: snapshot.preferredChannel ?? null,
      contactConfirmed: snapshot.contactConfirmed ?? false,
      language: snapshot.language ?? null,
      needsInterpreter: snapshot.needsInterpreter ?? false,
      supportNeeds: snapshot.supportNeeds ?? [],
      userId: snapshot.userId ?? null,
    };
    await this.conferences.saveParticipant(manager, view);
    if (snapshot.role === 'CHAIR') await this.conferences.updateConference(manager, e.subject, at(e), { chairName: name });
  }

  private async deadline(
    e: Envelope<DeadlineEvent>,
    manager: EntityManager,
    settled: { metAt?: string; breachedAt?: string; stoodDownReason?: string } = {},
  ): Promise<void> {
    const data = e.data;
    await this.deadlines.save(manager, {
      id: data.deadlineId,
      conferenceId: data.conferenceId,
      localAuthority: e.localauthority,
      rule: data.kind,
      description: data.description,
      responsible: data.responsible ?? [],
      dueAt: new Date(data.dueAt),
      status: data.status,
      version: data.version,
      metAt: settled.metAt ? new Date(settled.metAt) : null,
      breachedAt: settled.breachedAt ? new Date(settled.breachedAt) : null,
      stoodDownReason: settled.stoodDownReason ?? null,
    });
  }

  private async circulated(e: Envelope<PlanCirculated>, manager: EntityManager): Promise<void> {
    const data = e.data;
    const circulatedAt = new Date(data.circulatedAt);
    await this.deliveries.saveCirculation(manager, {
      id: data.circulationId,
      conferenceId: data.conferenceId,
      localAuthority: e.localauthority,
      planId: data.planId,
      planVersion: data.planVersion,
      circulatedAt,
      complete: data.complete,
      updatedAt: circulatedAt,
    });
    for (const result of data.results) await this.recipient(e, data.circulationId, result, circulatedAt, manager);
  }

  private async recipient(
    e: Envelope<unknown>,
    circulationId: string,
    recipient: CirculationRecipient,
    updatedAt: Date,
    manager: EntityManager,
  ) {
    await this.deliveries.saveRecipient(manager, {
      circulationId,
      participantId: recipient.participantId,
      conferenceId: e.subject,
      localAuthority: e.localauthority,
      role: recipient.recipientRole,
      status: recipient.status,
      reasonCode: recipient.reasonCode ?? null,
      reason: recipient.reason ?? null,
      deliveryIds: recipient.deliveryIds,
      updatedAt,
    });
  }

  private async notification(
    e: Envelope<NotificationEvent>,
    status: 'SENT' | 'DELIVERED' | 'FAILED',
    manager: EntityManager,
    failed?: NotificationFailed,
  ): Promise<void> {
    const data = e.data;
    await this.deliveries.saveNotification(manager, {
      id: data.notificationId,
      conferenceId: data.conferenceId,
      localAuthority: e.localauthority,
      deliveryId: data.deliveryId ?? null,
      template: data.template,
      channel: data.channel,
      recipientMasked: data.recipientMasked,
      status,
      failure: failed?.failure ?? null,
      reason: failed?.reason ?? null,
      attempts: data.attempts,
      at: new Date(data.at),
    });
  }
}

const at = (envelope: Envelope<unknown>) => new Date(envelope.time);
