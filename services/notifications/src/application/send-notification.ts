import { openSealedSecret, type NotificationSent } from '@cpc/contracts';
import { Outbox } from '@cpc/messaging';
import { withCorrelationId } from '@cpc/observability';
import { SERVICE_LOGGER } from '@cpc/runtime';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { PersonalisationError, renderTemplate, UnknownTemplateError } from '../domain/render-template';
import type { MessageTemplateId } from '../domain/message-templates';
import { isDeliveryFailure, type DeliveryChannel, type OutboundMessage } from '../infrastructure/channels/delivery-channel';
import { DocumentsClient } from '../infrastructure/documents.client';
import { SendQueues, type Provider, type SendOutcome } from '../infrastructure/send.queue';
import { NotificationsConfig } from '../notifications.config';
import { NotificationStore } from '../infrastructure/notification.store';
import { notificationEventFacts, type NotificationRow } from './notification-log';
import { FailureRecorder } from './record-failure';

function isTransient(error: unknown): boolean {
  return !(
    error instanceof PersonalisationError ||
    error instanceof UnknownTemplateError ||
    (error instanceof Error && /decrypt|oaep/i.test(error.message))
  );
}

export const DELIVERY_CHANNELS = Symbol('DELIVERY_CHANNELS');

/**
 * How long one send holds its message's claim: longer than a send takes (the document fetch and the
 * provider's call, each with its own timeout), short enough that a crashed worker's message goes soon.
 */
export const SEND_CLAIM_MS = 120_000;
export type DeliveryChannels = Record<Provider, DeliveryChannel>;

/**
 * Sends one recorded message (a BullMQ job). The row decides: only a PENDING message is sent, and
 * only by a job of the row's current generation (its `resends`), so a job that runs again after its
 * message went out, or a job left in Redis from before the message was held again, does nothing. The
 * send first claims the row in PostgreSQL (SEND_CLAIM_MS), so two workers (replicas, or a stalled job
 * run again) never send one message at the same time; the second looks again once the claim lapses.
 * A temporary failure is retried by
 * BullMQ with exponential backoff; a permanent one, or the last attempt, marks the message FAILED,
 * emits NotificationFailed and alerts operations (FailureRecorder), and the queue moves on.
 */
@Injectable()
export class SendNotification {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly config: NotificationsConfig,
    private readonly queues: SendQueues,
    private readonly documents: DocumentsClient,
    private readonly store: NotificationStore,
    private readonly failures: FailureRecorder,
    @Inject(DELIVERY_CHANNELS) private readonly channels: DeliveryChannels,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async handle(notificationId: string, attempt: number, finalAttempt: boolean, generation = 0): Promise<SendOutcome> {
    const claim = await this.store.claimForSending(notificationId, generation, SEND_CLAIM_MS);
    if (!claim) return;
    if ('busyUntil' in claim) {
      this.logger.info(
        { notificationId, busyUntil: claim.busyUntil },
        'notification being sent by another worker; looking again when its claim lapses',
      );
      return claim;
    }
    // The events this send emits (NotificationSent, NotificationFailed, alerts) carry the asking event's correlation id.
    await withCorrelationId(claim.correlation_id ?? undefined, () => this.send(claim, attempt, finalAttempt));
  }

  private async send(row: NotificationRow, attempt: number, finalAttempt: boolean): Promise<void> {
    const notificationId = row.id;
    const channel = this.channels[row.provider];
    try {
      const receipt = await channel.send(await this.messageOf(row));
      const current = await this.dataSource.transaction((manager) => this.markSent(manager, row, attempt, receipt.providerReference));
      if (current) this.logger.info({ notificationId, template: row.template, to: row.recipient_masked, attempt }, 'notification sent');
      else
        this.logger.warn(
          { notificationId, template: row.template, to: row.recipient_masked, attempt },
          'notification sent to the details it was asked for, but the message was held again meanwhile; its newer generation still goes',
        );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // A message that cannot be rendered or opened will not render on a retry either.
      const permanent = isDeliveryFailure(error) ? error.kind === 'PERMANENT' : !isTransient(error);
      if (!permanent && !finalAttempt) {
        await this.store.recordRetry(row.id, row.resends, attempt, reason);
        this.logger.warn({ notificationId, to: row.recipient_masked, attempt, reason }, 'notification not sent; will retry');
        throw error; // BullMQ retries after its backoff
      }
      // Only the generation still current fails: one held again (and released) meanwhile is a newer message.
      const fresh = await this.dataSource.transaction(async (manager) =>
        (await NotificationStore.lockCurrent(manager, row.id, row.resends))
          ? this.failures.record(manager, row, { attempts: attempt, reason, failure: permanent ? 'PERMANENT' : 'TEMPORARY' })
          : new Map<Provider, string[]>(),
      );
      await this.enqueue(fresh);
      this.logger.error({ notificationId, template: row.template, to: row.recipient_masked, attempt, reason }, 'notification failed');
    }
  }

  /** Queues messages recorded in a committed transaction (the intake and the operations alerts). */
  async enqueue(fresh: Map<Provider, string[]>): Promise<void> {
    for (const [provider, ids] of fresh) {
      await this.queues
        .enqueue(provider, ids)
        .catch((error: unknown) =>
          this.logger.warn(
            { err: error, count: ids.length },
            'messages not queued in Redis; the requeue sweep queues them from PostgreSQL',
          ),
        );
    }
  }

  private async messageOf(row: NotificationRow): Promise<OutboundMessage> {
    const personalisation = { ...row.personalisation };
    // R-DEL-PWD: the password exists in clear only here, in memory, for the length of one send.
    if (row.sealed_secret) personalisation.password = openSealedSecret(row.sealed_secret, this.config.DELIVERY_PRIVATE_KEY);
    const rendered = renderTemplate(row.template as MessageTemplateId, personalisation);
    if (row.channel === 'SMS') return { kind: 'SMS', to: row.recipient, body: rendered.body, reference: row.id };
    const attachments = row.document_id ? [await this.documents.fetch(row.document_id, row.local_authority)] : [];
    return { kind: 'EMAIL', to: row.recipient, subject: rendered.subject ?? '', body: rendered.body, attachments, reference: row.id };
  }

  private async markSent(manager: EntityManager, row: NotificationRow, attempt: number, providerReference: string): Promise<boolean> {
    if (!(await NotificationStore.markSent(manager, row.id, row.resends, attempt, providerReference))) return false;
    await this.outbox.append<NotificationSent>(manager, {
      type: 'NotificationSent',
      conferenceId: row.conference_id,
      localAuthority: row.local_authority,
      // GOV.UK Notify reports the final state later (callback or poll); SMTP acceptance is final.
      data: { ...notificationEventFacts(row, attempt), awaitingReceipt: row.provider === 'notify' },
    });
    return true;
  }
}
