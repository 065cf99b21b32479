import { maskContact } from '@cpc/contracts';

/**
 * One way of getting a message to a person (SMTP relay, GOV.UK Notify). The application records
 * each send before it goes (Notify has no idempotency key) and decides from the failure kind
 * whether to retry (TEMPORARY) or to stop and alert operations (PERMANENT).
 */
export interface DeliveryChannel {
  /** For the delivery log: "smtp", "notify". */
  readonly name: string;
  send(message: OutboundMessage): Promise<DeliveryReceipt>;
  /** Releases connections the channel keeps open (the SMTP pool), once nothing sends any more. */
  close?(): void;
}

export interface DeliveryReceipt {
  /** The provider's id for the message: Notify's notification id, the email's Message-ID. */
  readonly providerReference: string;
}

export interface DocumentAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
}

export interface OutboundEmail {
  readonly kind: 'EMAIL';
  /** One recipient per message, so each delivery has its own status (DOMAIN.md "Everything sent is recorded"). */
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  readonly attachments?: readonly DocumentAttachment[];
  /** Our id for this delivery; travels with the message so the provider's records can be matched. */
  readonly reference: string;
}

export interface OutboundSms {
  readonly kind: 'SMS';
  readonly to: string;
  readonly body: string;
  readonly reference: string;
}

export type OutboundMessage = OutboundEmail | OutboundSms;

export type FailureKind = 'PERMANENT' | 'TEMPORARY';

/** Why a send failed, in terms an operator can act on. */
export type FailureReason =
  | 'RECIPIENT_REJECTED' // the address or number does not exist or refuses mail
  | 'INVALID_RECIPIENT' // the provider says it is not a valid address or number
  | 'MESSAGE_REJECTED' // content, size or template refused
  | 'UNSUPPORTED_MESSAGE' // this channel cannot carry the message (an SMS to SMTP, two files to Notify)
  | 'AUTHENTICATION' // our credentials or API key are refused: configuration, not the message
  | 'INSECURE_TRANSPORT' // TLS could not be established; we never fall back to plain text
  | 'PROVIDER_UNAVAILABLE' // refused or dropped connection, 421, 5xx
  | 'RATE_LIMITED'
  | 'TIMEOUT'
  | 'PROVIDER_ERROR';

export interface DeliveryFailureDetails {
  readonly channel: string;
  readonly reason: FailureReason;
  /** The provider's code (SMTP reply code, HTTP status, Notify error name), for the delivery log. */
  readonly providerCode?: string | number;
}

/**
 * A failed send. The message never contains a recipient in clear: provider text is passed
 * through `withoutContacts` because these errors end up in logs and events.
 */
export abstract class DeliveryFailure extends Error {
  abstract readonly kind: FailureKind;
  readonly channel: string;
  readonly reason: FailureReason;
  readonly providerCode?: string | number;

  protected constructor(message: string, details: DeliveryFailureDetails) {
    super(withoutContacts(message));
    this.channel = details.channel;
    this.reason = details.reason;
    this.providerCode = details.providerCode;
  }
}

/** Sending again will not help: alert operations (DELIVERY_FAILURE_ALERT_EMAIL). */
export class PermanentDeliveryFailure extends DeliveryFailure {
  readonly kind = 'PERMANENT' as const;
  constructor(message: string, details: DeliveryFailureDetails) {
    super(message, details);
    this.name = 'PermanentDeliveryFailure';
  }
}

/** Sending again later may work. */
export class TemporaryDeliveryFailure extends DeliveryFailure {
  readonly kind = 'TEMPORARY' as const;
  /**
   * True when the request may have reached the provider before the failure (a timeout or a
   * dropped connection after sending): check the provider before sending again, or the
   * recipient may get the message twice.
   */
  readonly outcomeUnknown: boolean;
  constructor(message: string, details: DeliveryFailureDetails & { outcomeUnknown?: boolean }) {
    super(message, details);
    this.name = 'TemporaryDeliveryFailure';
    this.outcomeUnknown = details.outcomeUnknown ?? false;
  }
}

export function isDeliveryFailure(error: unknown): error is DeliveryFailure {
  return error instanceof DeliveryFailure;
}

const EMAIL = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+\.[A-Za-z]{2,}/g;
// Phone numbers as people write them: international (+44 ...) or national (07...).
const PHONE = /(?:\+|\b0)\d[\d ()-]{7,}\d/g;

/** Masks any email address or phone number in provider text (maskContact). */
export function withoutContacts(text: string): string {
  return (
    text
      .replace(EMAIL, (email) => maskContact(email))
      // Ten digits or more: a phone number, not a date, a time or a reply code.
      .replace(PHONE, (candidate) => (candidate.replace(/\D/g, '').length >= 10 ? maskContact(candidate) : candidate))
  );
}
