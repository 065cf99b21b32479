import { HeldAgainReason, maskContact, mustHoldAgain, type ParticipantSnapshot } from '@cpc/contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { invitationStillUseful } from '../domain/contact-hold';
import { invitationsFor, type ConferenceFacts } from '../domain/message-plan';
import { NotificationStore } from '../infrastructure/notification.store';
import { sendJobKey, type Provider } from '../infrastructure/send.queue';
import { NotificationsConfig } from '../notifications.config';
import { addQueued, providerFor } from './notification-log';

/**
 * R-CONTACT: once the chair has confirmed a family member's contact details, what was held for them
 * goes, once, to the details confirmed. Their invitation is planned again from the confirmed details
 * and sent if the conference has not begun (the newest held invitation; any older one stays HELD,
 * noted superseded); a held document or password text goes as the documents service asked, to the
 * confirmed email or mobile. When the confirmation is withdrawn (a new email or mobile), what has
 * not gone yet is held again. Returns what to queue.
 */
@Injectable()
export class ReleaseHeldMessages {
  constructor(private readonly config: NotificationsConfig) {}

  async onContactConfirmed(
    manager: EntityManager,
    facts: ConferenceFacts,
    participant: ParticipantSnapshot,
    eventId: string,
    now = new Date(),
  ): Promise<Map<Provider, string[]>> {
    const queued = new Map<Provider, string[]>();
    if (participant.contactConfirmed !== true) {
      if (mustHoldAgain(participant)) await NotificationStore.holdUnsent(manager, participant.participantId, HeldAgainReason);
      return queued;
    }
    const held = await NotificationStore.lockHeld(manager, participant.participantId);
    const invitations = held.filter((row) => row.template.startsWith('INVITATION_'));
    for (const row of held.filter((r) => !invitations.includes(r))) {
      const recipient = row.channel === 'SMS' ? participant.mobile : participant.email;
      if (!recipient) {
        await NotificationStore.noteHeld(
          manager,
          row.id,
          `held: contact confirmed but no ${row.channel === 'SMS' ? 'mobile' : 'email'} to send to`,
        );
        continue;
      }
      await NotificationStore.release(manager, row.id, { ...row, recipient, recipient_masked: maskContact(recipient) });
      addQueued(queued, row.provider, sendJobKey(row.id, row.resends));
    }
    const [newest, ...older] = invitations;
    if (!newest) return queued;
    for (const row of older) await NotificationStore.noteHeld(manager, row.id, `superseded by invitation ${newest.id}`);
    if (!invitationStillUseful(facts.status ?? 'SCHEDULED', facts.scheduledStart, now)) {
      await NotificationStore.noteHeld(manager, newest.id, 'held: contact confirmed after the conference began; not sent');
      return queued;
    }
    const [plan] = invitationsFor(facts, [participant], `release:${eventId}`);
    if (!plan || plan.hold) {
      await NotificationStore.noteHeld(manager, newest.id, 'held: contact confirmed but no email or mobile to send to');
      return queued;
    }
    const provider = providerFor(plan.channel, this.config.EMAIL_PROVIDER);
    await NotificationStore.release(manager, newest.id, {
      template: plan.template,
      channel: plan.channel,
      provider,
      recipient: plan.recipient,
      recipient_masked: maskContact(plan.recipient),
      personalisation: plan.personalisation,
    });
    return addQueued(queued, provider, sendJobKey(newest.id, newest.resends));
  }
}
