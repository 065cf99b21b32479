import {
  HeldAgainReason,
  mustHoldAgain,
  type CirculationRecipient,
  type CirculationRecipientUpdated,
  type DeliveryRequested,
  type DeliveryWithdrawn,
  type ParticipantSnapshot,
  type PlanCirculated,
  type RecipientReason,
  type RecipientStatus,
  type Role,
} from '@cpc/contracts';
import { Outbox } from '@cpc/messaging';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { mayRelease, recipientState, type MessageStatus } from '../domain/circulation';
import { CirculationStore, type StoredCirculation, type StoredMessage } from '../infrastructure/circulation.store';

/** A recipient of a circulation as the REST view shows it: by participant, with each message's state. */
export interface RecipientView {
  participantId: string;
  recipientRole: Role;
  recipientName: string | null;
  status: RecipientStatus;
  reasonCode?: RecipientReason;
  reason?: string;
  messages: { deliveryId: string; channel: string; template: string; status: MessageStatus; documentId: string }[];
}

export interface CirculationState {
  circulation: StoredCirculation;
  recipients: RecipientView[];
  /** Every recipient is SENT (R-POST-3). */
  complete: boolean;
}

/**
 * R-POST-3, R-CONTACT, R-DEL-PWD: how a circulation moves on after it started. Each change to a
 * message (a provider's report, a held parent released) is followed by `announce`, which emits
 * PlanCirculated once no recipient is still being sent to, and CirculationRecipientUpdated for each
 * recipient whose state changed after that. Every step runs in the caller's transaction.
 */
@Injectable()
export class CirculationProgress {
  constructor(
    private readonly store: CirculationStore,
    private readonly outbox: Outbox,
  ) {}

  /** The circulation's recipients now, worked out from their messages. */
  async state(manager: EntityManager, circulation: StoredCirculation): Promise<CirculationState> {
    const recipients = recipientsOf(await this.store.messages(manager, circulation.id));
    return { circulation, recipients, complete: recipients.every((r) => r.status === 'SENT') };
  }

  /** A provider's word on one message (NotificationSent, NotificationDelivered, NotificationFailed). */
  async settle(manager: EntityManager, deliveryId: string, change: Parameters<CirculationStore['settleMessage']>[2]): Promise<void> {
    const circulationId = await this.store.settleMessage(manager, deliveryId, change);
    if (circulationId) await this.announce(manager, circulationId);
  }

  /**
   * R-CONTACT: once the chair has confirmed a parent's email and mobile, what was held for them in the
   * conference's circulations is requested, to the details now confirmed, with the sealed password kept for it.
   */
  async releaseHeld(manager: EntityManager, localAuthority: string, conferenceId: string, participant: ParticipantSnapshot): Promise<void> {
    if (!mayRelease(participant)) return;
    const held = await this.store.heldFor(manager, conferenceId, participant.participantId);
    for (const message of held) {
      await this.store.release(manager, message.deliveryId);
      await this.request(manager, localAuthority, message, participant, message.passwordCiphertext ?? undefined);
    }
    for (const circulationId of new Set(held.map((m) => m.circulationId))) await this.announce(manager, circulationId);
  }

  /**
   * R-CONTACT: when a family member's details change after the chair confirmed them (a new email or
   * mobile withdraws the confirmation), what is not yet sent to them is held again, here as in the
   * notifications service, which holds its copy on the same event; the circulation view and a
   * CirculationRecipientUpdated (which alerts the chair) say HELD until the chair confirms again.
   */
  async holdAgain(manager: EntityManager, conferenceId: string, participant: ParticipantSnapshot): Promise<void> {
    if (!mustHoldAgain(participant)) return;
    const touched = await this.store.holdAgain(manager, conferenceId, participant.participantId, HeldAgainReason);
    for (const circulationId of touched) await this.announce(manager, circulationId);
  }

  /**
   * A new circulation: what is still held of older ones is stood down, so only the newer version can go,
   * and notifications is told (DeliveryWithdrawn) of each, because a message asked for and then held
   * again when the contact changed is held there too and would otherwise go on confirmation.
   */
  async standDownOlder(manager: EntityManager, localAuthority: string, conferenceId: string, newCirculationId: string): Promise<void> {
    for (const withdrawn of await this.store.standDownHeld(manager, conferenceId, newCirculationId)) {
      await this.outbox.append<DeliveryWithdrawn>(manager, {
        type: 'DeliveryWithdrawn',
        conferenceId,
        localAuthority,
        data: {
          conferenceId,
          deliveryId: withdrawn.deliveryId,
          participantId: withdrawn.participantId ?? undefined,
          reason: 'replaced by a later circulation of the plan',
        },
      });
    }
  }

  /** Asks notifications for one message (the sealed password only on the text that carries it). */
  async request(
    manager: EntityManager,
    localAuthority: string,
    message: Pick<StoredMessage, 'conferenceId' | 'deliveryId' | 'documentId' | 'template' | 'channel'>,
    participant: ParticipantSnapshot,
    passwordCiphertext?: string,
  ): Promise<void> {
    await this.outbox.append<DeliveryRequested>(manager, {
      type: 'DeliveryRequested',
      conferenceId: message.conferenceId,
      localAuthority,
      data: {
        conferenceId: message.conferenceId,
        deliveryId: message.deliveryId,
        documentId: message.documentId,
        template: message.template,
        participantId: participant.participantId,
        recipientRole: participant.role,
        recipientName: `${participant.firstName} ${participant.lastName}`,
        ...(message.channel === 'SMS' ? { mobile: participant.mobile } : { email: participant.email }),
        channel: message.channel,
        ...(passwordCiphertext ? { passwordCiphertext } : {}),
      },
    });
  }

  /**
   * PlanCirculated once no recipient is PENDING (each SENT, HELD or FAILED, by participant id: no
   * names on Kafka); after it, CirculationRecipientUpdated for each recipient whose state changed.
   * The circulation row is locked, so two last receipts announce it once.
   */
  async announce(manager: EntityManager, circulationId: string): Promise<void> {
    const circulation = await this.store.lock(manager, circulationId);
    if (!circulation) return;
    const { recipients, complete } = await this.state(manager, circulation);
    const base = {
      conferenceId: circulation.conferenceId,
      circulationId,
      planId: circulation.planId,
      planVersion: circulation.planVersion,
    };
    if (!circulation.announcedAt) {
      if (recipients.some((r) => r.status === 'PENDING')) return;
      const at = await this.store.markAnnounced(manager, circulationId, complete);
      for (const recipient of recipients) await this.store.markReported(manager, circulationId, recipient);
      await this.outbox.append<PlanCirculated>(manager, {
        type: 'PlanCirculated',
        conferenceId: circulation.conferenceId,
        localAuthority: circulation.localAuthority,
        data: { ...base, circulatedAt: at.toISOString(), results: recipients.map(eventRecipient), complete },
      });
      return;
    }
    const reported = await this.store.reported(manager, circulationId);
    const changed = recipients.filter((r) => r.status !== 'PENDING' && reported.get(r.participantId) !== r.status);
    if (changed.length === 0) return;
    const at = await this.store.markAnnounced(manager, circulationId, complete);
    for (const recipient of changed) {
      await this.store.markReported(manager, circulationId, recipient);
      await this.outbox.append<CirculationRecipientUpdated>(manager, {
        type: 'CirculationRecipientUpdated',
        conferenceId: circulation.conferenceId,
        localAuthority: circulation.localAuthority,
        data: { ...base, at: at.toISOString(), recipient: eventRecipient(recipient), complete },
      });
    }
  }
}

/** Messages grouped by participant, in the order they were planned, each group's state worked out. */
export function recipientsOf(messages: readonly StoredMessage[]): RecipientView[] {
  const groups = new Map<string, StoredMessage[]>();
  for (const message of messages) groups.set(message.participantId, [...(groups.get(message.participantId) ?? []), message]);
  return [...groups.values()].map((group) => {
    const [first] = group;
    const state = recipientState(group);
    return {
      participantId: first.participantId,
      recipientRole: first.recipientRole,
      recipientName: first.recipientName,
      ...state,
      messages: group.map((m) => ({
        deliveryId: m.deliveryId,
        channel: m.channel,
        template: m.template,
        status: m.status,
        documentId: m.documentId,
      })),
    };
  });
}

/** Plain words per reason for events: a provider's own text can hold a (masked) address, so it stays in the REST view. */
const REASON_WORDS: Record<RecipientReason, string> = {
  HELD_CONTACT_UNCONFIRMED: 'held until the chair confirms the email and mobile with the parent (R-CONTACT)',
  NO_EMAIL: 'no email address held',
  NO_MOBILE: 'no mobile number held for the password (R-DEL-PWD)',
  DELIVERY_FAILED: 'a message to this recipient could not be delivered',
  SUPERSEDED: 'replaced by a later circulation of the plan',
};

function eventRecipient(recipient: RecipientView): CirculationRecipient {
  return {
    participantId: recipient.participantId,
    recipientRole: recipient.recipientRole,
    status: recipient.status,
    ...(recipient.reasonCode ? { reasonCode: recipient.reasonCode, reason: REASON_WORDS[recipient.reasonCode] } : {}),
    deliveryIds: recipient.messages.map((m) => m.deliveryId),
  };
}
