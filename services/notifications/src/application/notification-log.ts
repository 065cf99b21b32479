import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { maskContact } from '@cpc/contracts';
import type { PlannedMessage } from '../domain/message-plan';
import { NotificationStore, type NotificationRow } from '../infrastructure/notification.store';
import { sendJobKey, type Provider } from '../infrastructure/send.queue';

export type { NotificationRow } from '../infrastructure/notification.store';

/** Texts always go by Notify; email by the configured provider. */
export function providerFor(channel: 'EMAIL' | 'SMS', emailProvider: Provider): Provider {
  return channel === 'SMS' ? 'notify' : emailProvider;
}

/** Adds job keys to a by-provider map of what to queue after the commit. */
export function addQueued(into: Map<Provider, string[]>, provider: Provider, jobKey: string): Map<Provider, string[]> {
  into.set(provider, [...(into.get(provider) ?? []), jobKey]);
  return into;
}

/**
 * Records planned messages before anything is sent: a row per message, unique by its dedupe key,
 * so an event handled twice (a redelivery past the inbox, a retried transaction) plans no second
 * message. A message with a hold (R-CONTACT) is recorded HELD and not queued. Returns the rows that
 * are new and to be sent, by provider, for queuing after the commit.
 */
export async function recordPlanned(
  manager: EntityManager,
  localAuthority: string,
  planned: readonly PlannedMessage[],
  emailProvider: Provider,
): Promise<Map<Provider, string[]>> {
  const fresh = new Map<Provider, string[]>();
  for (const message of planned) {
    const provider = providerFor(message.channel, emailProvider);
    const id = await NotificationStore.insert(manager, {
      id: randomUUID(),
      dedupe_key: message.dedupeKey,
      conference_id: message.conferenceId,
      local_authority: localAuthority,
      delivery_id: message.deliveryId ?? null,
      participant_id: message.participantId ?? null,
      template: message.template,
      channel: message.channel,
      provider,
      recipient: message.recipient,
      recipient_masked: maskContact(message.recipient),
      recipient_role: message.recipientRole,
      personalisation: message.personalisation,
      document_id: message.documentId ?? null,
      sealed_secret: message.sealedSecret ?? null,
      hold_reason: message.hold ?? null,
    });
    if (id && !message.hold) addQueued(fresh, provider, sendJobKey(id, 0));
  }
  return fresh;
}

/** What events say about a message: never the contact in clear, never the password. */
export function notificationEventFacts(row: NotificationRow, attempts: number) {
  return {
    conferenceId: row.conference_id,
    notificationId: row.id,
    ...(row.delivery_id ? { deliveryId: row.delivery_id } : {}),
    template: row.template,
    channel: row.channel,
    recipientMasked: row.recipient_masked,
    attempts,
    at: new Date().toISOString(),
  };
}
