import type { Role } from '@cpc/contracts';
import type { ConferenceFacts, PlannedMessage } from './message-plan';
import { reference } from './message-plan';

/** What an operations alert about a failed message says of it: masked contact, never a body or password. */
export interface FailedMessageFacts {
  readonly notificationId: string;
  readonly conferenceId: string;
  readonly template: string;
  readonly channel: 'EMAIL' | 'SMS';
  readonly recipientMasked: string;
  readonly providerReference?: string | null;
}

/**
 * A failed delivery needs a person (DOMAIN.md "Documents and delivery"; R-DEL-PWD: a password text
 * that failed leaves the parent's document unopenable). One alert per failed message; none about
 * an alert, so a dead operations mailbox cannot loop.
 */
export function deliveryFailureAlert(
  failed: FailedMessageFacts,
  operationsEmail: string,
  reason: string,
  failure: 'PERMANENT' | 'TEMPORARY',
  attempts: number,
  at: Date,
): PlannedMessage | undefined {
  if (failed.template === 'DELIVERY_FAILURE_ALERT_EMAIL' || failed.template === 'ROUTING_FAILURE_ALERT_EMAIL') return undefined;
  return {
    dedupeKey: `alert:${failed.notificationId}`,
    conferenceId: failed.conferenceId,
    template: 'DELIVERY_FAILURE_ALERT_EMAIL',
    channel: 'EMAIL',
    recipient: operationsEmail,
    recipientRole: 'SYSTEM',
    personalisation: {
      conferenceReference: failed.conferenceId,
      templateName: failed.template,
      channel: failed.channel,
      recipientMasked: failed.recipientMasked,
      reason,
      failureKind: failure,
      attempts: String(attempts),
      failedAt: at.toISOString(),
      ...(failed.providerReference ? { providerReference: failed.providerReference } : {}),
    },
  };
}

/**
 * R-ROUTE: a message nobody could be found for is itself an operations alert, naming the
 * conference, the role and the message, never dropped. One per (cause, role, message).
 */
export function routingFailureAlerts(
  facts: Pick<ConferenceFacts, 'conferenceId' | 'localAuthority' | 'kind'>,
  unrouted: readonly Role[],
  messageName: string,
  cause: { readonly id: string; readonly description: string },
  operationsEmail: string,
): PlannedMessage[] {
  return unrouted.map((role) => ({
    dedupeKey: `${cause.id}:unrouted:${role}:${messageName}`,
    conferenceId: facts.conferenceId,
    template: 'ROUTING_FAILURE_ALERT_EMAIL' as const,
    channel: 'EMAIL' as const,
    recipient: operationsEmail,
    recipientRole: 'SYSTEM' as const,
    personalisation: {
      conferenceReference: reference(facts),
      conferenceId: facts.conferenceId,
      localAuthority: facts.localAuthority,
      role,
      messageName,
      cause: cause.description,
    },
  }));
}
