import type {
  CirculationRecipientUpdated,
  ConferenceRescheduled,
  ConferenceScheduled,
  ConferenceStatusChanged,
  DeadlineBreached,
  DeadlineReminderDue,
  DeliveryRequested,
  DeliveryWithdrawn,
  EventEnvelope,
  NotificationFailed,
  ParticipantAdded,
  PlanCirculated,
  RiskEscalated,
} from '@cpc/contracts';
import { Outbox, type EventHandlers } from '@cpc/messaging';
import { randomUUID } from 'node:crypto';
import { SERVICE_LOGGER } from '@cpc/runtime';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { deliveryFor, invitationsFor, invitationsOnScheduled, type ConferenceFacts, type PlannedMessage } from '../domain/message-plan';
import { KnownConferenceStore } from '../infrastructure/known-conference.store';
import { NotificationStore } from '../infrastructure/notification.store';
import type { Provider } from '../infrastructure/send.queue';
import { NotificationsConfig } from '../notifications.config';
import { recordPlanned } from './notification-log';
import { ReleaseHeldMessages } from './release-held';
import { StaffMessages } from './staff-messages';

export type Collect = (fresh: Map<Provider, string[]>) => void;

/** Lifecycle events whose payload is ConferenceStatusChanged: this service keeps the status (R-LIFE). */
const LIFECYCLE_EVENTS = [
  'PostponementRequested',
  'ConferencePostponed',
  'ConferenceCancelled',
  'ConferenceStarted',
  'ConferencePaused',
  'ConferenceResumed',
  'ConferenceCirculated',
  'ConferenceClosed',
] as const;

/**
 * Events in, messages recorded (issue 6). Each handler runs in the inbox transaction of its event,
 * so the messages it plans commit with the event's inbox row; they are queued after the commit.
 */
@Injectable()
export class NotificationIntake {
  constructor(
    private readonly config: NotificationsConfig,
    private readonly outbox: Outbox,
    private readonly staff: StaffMessages,
    private readonly release: ReleaseHeldMessages,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  handlers(collect: Collect): EventHandlers {
    const plan = (manager: EntityManager, localAuthority: string, planned: PlannedMessage[]) =>
      recordPlanned(manager, localAuthority, planned, this.config.EMAIL_PROVIDER).then(collect);
    return {
      ConferenceScheduled: async (event, manager) => {
        const data = (event as EventEnvelope<ConferenceScheduled>).data;
        const facts: ConferenceFacts = {
          conferenceId: data.conferenceId,
          localAuthority: data.localAuthority,
          kind: data.kind,
          scheduledStart: new Date(data.scheduledStart),
          participationOption: data.participationOption,
          participants: data.participants ?? [],
        };
        await KnownConferenceStore.remember(manager, facts);
        await plan(manager, facts.localAuthority, invitationsOnScheduled(facts, data, event.id));
      },
      ConferenceRescheduled: async (event, manager) => {
        const data = (event as EventEnvelope<ConferenceRescheduled>).data;
        const facts = await KnownConferenceStore.find(manager, data.conferenceId);
        // R-LIFE: a postponed conference goes back to SCHEDULED when a new date is set.
        const status = facts?.status === 'POSTPONED' ? 'SCHEDULED' : undefined;
        await KnownConferenceStore.reschedule(manager, data.conferenceId, new Date(data.scheduledStart), status);
      },
      ParticipantAdded: async (event, manager) => {
        const added = event as EventEnvelope<ParticipantAdded>;
        const facts = await this.withParticipant(manager, added);
        if (facts) await plan(manager, facts.localAuthority, invitationsFor(facts, [added.data.participant], event.id));
      },
      ParticipantUpdated: async (event, manager) => {
        const updated = event as EventEnvelope<ParticipantAdded>;
        const facts = await this.withParticipant(manager, updated);
        // R-CONTACT: what was held for this family member goes once their contact is confirmed.
        if (facts) collect(await this.release.onContactConfirmed(manager, facts, updated.data.participant, event.id));
      },
      ...Object.fromEntries(
        LIFECYCLE_EVENTS.map((type) => [
          type,
          async (event: EventEnvelope, manager: EntityManager) => {
            const data = event.data as ConferenceStatusChanged;
            await KnownConferenceStore.setStatus(manager, data.conferenceId, data.status);
          },
        ]),
      ),
      ConferenceConcluded: async (event, manager) => {
        await KnownConferenceStore.setStatus(manager, event.subject, 'CONCLUDED');
      },
      ContingencyInvoked: async (event, manager) => {
        await KnownConferenceStore.setStatus(manager, event.subject, 'CONTINGENCY');
      },
      DeadlineReminderDue: async (event, manager) => {
        const data = (event as EventEnvelope<DeadlineReminderDue>).data;
        const facts = await KnownConferenceStore.find(manager, data.conferenceId);
        if (!facts) return this.unknown(event);
        await plan(manager, facts.localAuthority, await this.staff.reminders(manager, facts, data, event.id));
      },
      DeadlineBreached: async (event, manager) => {
        const data = (event as EventEnvelope<DeadlineBreached>).data;
        const facts = await KnownConferenceStore.find(manager, data.conferenceId);
        if (!facts) return this.unknown(event);
        await plan(manager, facts.localAuthority, await this.staff.breachAlerts(manager, facts, data, event.id));
      },
      RiskEscalated: async (event, manager) => {
        const data = (event as EventEnvelope<RiskEscalated>).data;
        const facts = await KnownConferenceStore.find(manager, data.conferenceId);
        if (!facts) return this.unknown(event);
        await plan(manager, facts.localAuthority, await this.staff.escalations(manager, facts, data, event.id));
      },
      PlanCirculated: async (event, manager) => {
        const data = (event as EventEnvelope<PlanCirculated>).data;
        const facts = await KnownConferenceStore.find(manager, data.conferenceId);
        if (!facts) return this.unknown(event);
        await plan(manager, facts.localAuthority, await this.staff.circulationAlerts(manager, facts, data.circulationId, data.results));
      },
      CirculationRecipientUpdated: async (event, manager) => {
        const data = (event as EventEnvelope<CirculationRecipientUpdated>).data;
        const facts = await KnownConferenceStore.find(manager, data.conferenceId);
        if (!facts) return this.unknown(event);
        await plan(manager, facts.localAuthority, await this.staff.circulationAlerts(manager, facts, data.circulationId, [data.recipient]));
      },
      DeliveryRequested: async (event, manager) => {
        const data = (event as EventEnvelope<DeliveryRequested>).data;
        const facts = await KnownConferenceStore.find(manager, data.conferenceId);
        const planned = deliveryFor(facts, data);
        if (typeof planned === 'string') {
          // Not sendable as asked: recorded FAILED at once with NotificationFailed, so the documents
          // service reports this recipient instead of waiting for it (never silently dropped).
          this.logger.warn({ deliveryId: data.deliveryId, reason: planned }, 'delivery cannot be sent');
          await this.recordUnsendable(manager, event.localauthority, data, planned);
          return;
        }
        await plan(manager, event.localauthority, [planned]);
      },
      // R-CONTACT, R-POST-3: a later circulation replaced this delivery while it was held; it never goes.
      DeliveryWithdrawn: async (event, manager) => {
        const data = (event as EventEnvelope<DeliveryWithdrawn>).data;
        const withdrawn = await NotificationStore.withdraw(manager, data.deliveryId, `withdrawn: ${data.reason}`);
        if (withdrawn > 0) this.logger.info({ deliveryId: data.deliveryId, withdrawn }, 'held delivery withdrawn; it will not be sent');
      },
    };
  }

  private async recordUnsendable(manager: EntityManager, localAuthority: string, data: DeliveryRequested, reason: string): Promise<void> {
    const id = randomUUID();
    const channel = data.channel === 'SMS' ? 'SMS' : 'EMAIL';
    const inserted = await NotificationStore.insertFailed(manager, {
      id,
      dedupeKey: `delivery:${data.deliveryId}`,
      conferenceId: data.conferenceId,
      localAuthority,
      deliveryId: data.deliveryId,
      participantId: data.participantId ?? null,
      template: data.template,
      channel,
      recipientRole: data.recipientRole,
      reason,
    });
    if (!inserted) return;
    await this.outbox.append<NotificationFailed>(manager, {
      type: 'NotificationFailed',
      conferenceId: data.conferenceId,
      localAuthority,
      data: {
        conferenceId: data.conferenceId,
        notificationId: id,
        deliveryId: data.deliveryId,
        template: data.template,
        channel,
        recipientMasked: '***',
        attempts: 0,
        at: new Date().toISOString(),
        reason,
        failure: 'PERMANENT',
      },
    });
  }

  /** Adds or replaces the event's participant in what this service knows of the conference. */
  private async withParticipant(manager: EntityManager, event: EventEnvelope<ParticipantAdded>): Promise<ConferenceFacts | undefined> {
    const { conferenceId, participant } = event.data;
    const facts = await KnownConferenceStore.find(manager, conferenceId);
    if (!facts) {
      this.unknown(event);
      return undefined;
    }
    const participants = [...facts.participants.filter((p) => p.participantId !== participant.participantId), participant];
    await KnownConferenceStore.setParticipants(manager, conferenceId, participants);
    return { ...facts, participants };
  }

  private unknown(event: EventEnvelope): void {
    this.logger.warn(
      { type: event.type, conferenceId: event.subject },
      'event for a conference this service has not seen scheduled; nothing to send',
    );
  }
}
