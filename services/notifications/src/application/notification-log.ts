import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { maskContact } from '../domain/mask-contact';
import type { PlannedMessage } from '../domain/message-plan';
import type { Provider } from '../infrastructure/send.queue';

export interface NotificationRow {
  id: string;
  dedupe_key: string;
  conference_id: string;
  local_authority: string;
  delivery_id: string | null;
  template: string;
  channel: 'EMAIL' | 'SMS';
  provider: Provider;
  recipient: string;
  recipient_masked: string;
  recipient_role: string;
  personalisation: Record<string, string>;
  document_id: string | null;
  sealed_secret: string | null;
  status: 'PENDING' | 'SENT' | 'DELIVERED' | 'FAILED';
  attempts: number;
  last_error: string | null;
  provider_reference: string | null;
  created_at: Date;
  sent_at: Date | null;
  delivered_at: Date | null;
  failed_at: Date | null;
}

/** Texts always go by Notify; email by the configured provider. */
export function providerFor(channel: 'EMAIL' | 'SMS', emailProvider: Provider): Provider {
  return channel === 'SMS' ? 'notify' : emailProvider;
}

/**
 * Records planned messages before anything is sent: a row per message, unique by its dedupe key,
 * so an event handled twice (a redelivery past the inbox, a retried transaction) plans no second
 * message. Returns the rows that are new, by provider, for queuing after the commit.
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
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO notifications (id, dedupe_key, conference_id, local_authority, delivery_id, template, channel, provider,
         recipient, recipient_masked, recipient_role, personalisation, document_id, sealed_secret)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [
        randomUUID(),
        message.dedupeKey,
        message.conferenceId,
        localAuthority,
        message.deliveryId ?? null,
        message.template,
        message.channel,
        provider,
        message.recipient,
        maskContact(message.recipient),
        message.recipientRole,
        JSON.stringify(message.personalisation),
        message.documentId ?? null,
        message.sealedSecret ?? null,
      ],
    );
    if (rows[0]) fresh.set(provider, [...(fresh.get(provider) ?? []), rows[0].id]);
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
