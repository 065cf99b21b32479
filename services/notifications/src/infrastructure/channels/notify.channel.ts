import { NotifyClient } from 'notifications-node-client';
import { receiptStateOf, type ReceiptState } from '../../domain/delivery-receipt';
import {
  isDeliveryFailure,
  PermanentDeliveryFailure,
  TemporaryDeliveryFailure,
  type DeliveryChannel,
  type DeliveryReceipt,
  type OutboundEmail,
  type OutboundMessage,
  type OutboundSms,
} from './delivery-channel';
import { isNotifyHttpError, notifyFailure } from './notify-failure';

/**
 * The Notify templates this service sends through. Wording lives in this service (domain
 * message templates), so each Notify template is a pass-through: email `((subject))` /
 * `((body))`, text `((body))`, and for a document also `((link_to_file))`.
 */
export interface NotifyTemplateIds {
  readonly email: string;
  readonly sms: string;
  /** Email template with a `((link_to_file))` placeholder; defaults to `email`. */
  readonly emailWithDocument?: string;
}

export interface NotifyChannelOptions {
  /** https://api.notifications.service.gov.uk live; the local stand-in's address in development. */
  readonly baseUrl: string;
  /** `keyname-<service id>-<secret>`, as Notify's admin shows it. */
  readonly apiKey: string;
  readonly templateIds: NotifyTemplateIds;
  readonly emailReplyToId?: string;
  readonly smsSenderId?: string;
  /** Notify "send a file by email": ask the recipient to confirm their address first (default true). */
  readonly confirmEmailBeforeDownload?: boolean;
  /** How long Notify keeps a sent file, e.g. "4 weeks" (Notify's default is 26 weeks). */
  readonly documentRetentionPeriod?: string;
  /** Give up waiting for an answer after this long (default 15 s); the outcome is then unknown. */
  readonly timeoutMs?: number;
}

export type ProviderDeliveryState = ReceiptState;

export interface ProviderDeliveryStatus {
  readonly providerReference: string;
  readonly state: ProviderDeliveryState;
  /** Notify's own status word: created, sending, delivered, permanent-failure, ... */
  readonly providerStatus: string;
  readonly completedAt: string | null;
}

const DOCUMENT_PLACEHOLDER = 'link_to_file';
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Notify's statuses (docs "Message status") in the words the delivery log uses. */
export const deliveryState = (status: string): ProviderDeliveryState => receiptStateOf(status);

/** Asks the provider for a message's state now: what the receipt poll uses when no callback came. */
export interface ReceiptLookup {
  deliveryStatus(providerReference: string): Promise<ProviderDeliveryStatus>;
}

/**
 * Texts and emails through GOV.UK Notify, what English councils use (STACK.md "Delivery"). The
 * password text of R-DEL-PWD goes this way; the parents' document can too, as a Notify file link.
 */
export class NotifyChannel implements DeliveryChannel, ReceiptLookup {
  readonly name = 'notify';
  private readonly client: NotifyClient;

  constructor(private readonly options: NotifyChannelOptions) {
    const url = new URL(options.baseUrl);
    // Message bodies (a document's password among them) must not cross a network in clear.
    if (url.protocol !== 'https:' && !LOOPBACK.has(url.hostname)) {
      throw new Error(`Notify base URL must use https unless it is on this machine, got ${url.origin}`);
    }
    this.client = new NotifyClient(options.baseUrl.replace(/\/+$/, ''), options.apiKey);
  }

  async send(message: OutboundMessage): Promise<DeliveryReceipt> {
    const response = await this.call<{ data: { id: string } }>(() =>
      message.kind === 'SMS' ? this.sendSms(message) : this.sendEmail(message),
    );
    return { providerReference: response.data.id };
  }

  /** The status Notify holds now (delivery receipts also arrive by callback); NOT_FOUND when Notify has no such message. */
  async deliveryStatus(providerReference: string): Promise<ProviderDeliveryStatus> {
    try {
      const { data } = await this.call(() => this.client.getNotificationById(providerReference));
      return {
        providerReference: data.id,
        state: deliveryState(data.status),
        providerStatus: data.status,
        completedAt: data.completed_at ?? null,
      };
    } catch (error) {
      if (isDeliveryFailure(error) && /^404\b/.test(String(error.providerCode ?? ''))) {
        return { providerReference, state: 'NOT_FOUND', providerStatus: 'not-found', completedAt: null };
      }
      throw error;
    }
  }

  /**
   * The notification sent with our reference, if Notify has one: what to check before sending
   * again after a failure with `outcomeUnknown`, since Notify has no idempotency key.
   */
  async findByReference(reference: string): Promise<ProviderDeliveryStatus | undefined> {
    const { data } = await this.call(() => this.client.getNotifications(undefined, undefined, reference));
    const [latest] = data.notifications;
    if (!latest) return undefined;
    return {
      providerReference: latest.id,
      state: deliveryState(latest.status),
      providerStatus: latest.status,
      completedAt: latest.completed_at ?? null,
    };
  }

  private sendSms(message: OutboundSms) {
    return this.client.sendSms(this.options.templateIds.sms, message.to, {
      personalisation: { body: message.body },
      reference: message.reference,
      smsSenderId: this.options.smsSenderId,
    });
  }

  private sendEmail(message: OutboundEmail) {
    const attachments = message.attachments ?? [];
    if (attachments.length > 1) {
      throw new PermanentDeliveryFailure('Notify sends one file per email; split the documents', {
        channel: this.name,
        reason: 'UNSUPPORTED_MESSAGE',
      });
    }
    const personalisation: Record<string, unknown> = { subject: message.subject, body: message.body };
    if (attachments.length === 1) {
      try {
        personalisation[DOCUMENT_PLACEHOLDER] = this.client.prepareUpload(attachments[0].content, {
          filename: attachments[0].filename,
          confirmEmailBeforeDownload: this.options.confirmEmailBeforeDownload ?? true,
          retentionPeriod: this.options.documentRetentionPeriod,
        });
      } catch (problem) {
        // prepareUpload throws a bare string when the file is over Notify's 2 MB.
        throw new PermanentDeliveryFailure(`Notify cannot take this file: ${String(problem)}`, {
          channel: this.name,
          reason: 'MESSAGE_REJECTED',
        });
      }
    }
    const templateId = attachments.length
      ? (this.options.templateIds.emailWithDocument ?? this.options.templateIds.email)
      : this.options.templateIds.email;
    return this.client.sendEmail(templateId, message.to, {
      personalisation,
      reference: message.reference,
      emailReplyToId: this.options.emailReplyToId,
    });
  }

  /** Runs one Notify request with a time limit, turning its failures into delivery failures. */
  private async call<T>(request: () => Promise<T>): Promise<T> {
    const timeoutMs = this.options.timeoutMs ?? 15_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new TemporaryDeliveryFailure(`Notify did not answer within ${timeoutMs} ms`, {
              channel: this.name,
              reason: 'TIMEOUT',
              outcomeUnknown: true,
            }),
          ),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([request(), timeout]);
    } catch (error) {
      if (isNotifyHttpError(error)) throw notifyFailure(error);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}
