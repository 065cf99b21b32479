import { ReadinessChecks } from '@cpc/observability';
import { SERVICE_LOGGER } from '@cpc/runtime';
import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { InputEventsListener } from './api/input-events.listener';
import { NotificationsController } from './api/notifications.controller';
import { RoutingDirectoryController } from './api/routing-directory.controller';
import { NotificationIntake } from './application/intake';
import { NotificationLog } from './application/notification-queries';
import { RECEIPT_LOOKUP, ReceiptPoll } from './application/poll-receipts';
import { FailureRecorder } from './application/record-failure';
import { ReleaseHeldMessages } from './application/release-held';
import { RequeueSweep } from './application/requeue-sweep';
import { RoutingDirectory } from './application/routing-directory';
import { SettleReceipt } from './application/settle-receipt';
import { StaffMessages } from './application/staff-messages';
import { DELIVERY_CHANNELS, SendNotification, type DeliveryChannels } from './application/send-notification';
import { NotifyChannel } from './infrastructure/channels/notify.channel';
import { SmtpEmailChannel } from './infrastructure/channels/smtp-email.channel';
import { DocumentsClient, documentsAccessOf } from './infrastructure/documents.client';
import { NotificationStore } from './infrastructure/notification.store';
import { RoutingDirectoryStore } from './infrastructure/routing-directory.store';
import { SendQueues } from './infrastructure/send.queue';
import { NotificationsConfig } from './notifications.config';

/** Every message the system sends: recorded, queued per provider, retried, reported. */
@Module({})
export class NotificationsModule {
  static forConfig(config: NotificationsConfig): DynamicModule {
    return {
      module: NotificationsModule,
      controllers: [NotificationsController, RoutingDirectoryController, InputEventsListener],
      providers: [
        { provide: NotificationsConfig, useValue: config },
        {
          // The Notify channel both sends and answers the receipt poll's lookups.
          provide: RECEIPT_LOOKUP,
          useFactory: () =>
            new NotifyChannel({
              baseUrl: config.NOTIFY_BASE_URL,
              apiKey: config.NOTIFY_API_KEY,
              templateIds: { email: config.NOTIFY_EMAIL_TEMPLATE_ID, sms: config.NOTIFY_SMS_TEMPLATE_ID },
            }),
        },
        {
          provide: DELIVERY_CHANNELS,
          inject: [RECEIPT_LOOKUP],
          useFactory: (notify: NotifyChannel): DeliveryChannels => ({
            smtp: new SmtpEmailChannel({
              host: config.SMTP_HOST,
              port: config.SMTP_PORT,
              from: config.SMTP_FROM,
              auth: config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD } : undefined,
              tls: { caFile: config.SMTP_CA_FILE || undefined },
              pool:
                config.SMTP_POOL_CONNECTIONS > 0
                  ? { connections: config.SMTP_POOL_CONNECTIONS, maxMessages: config.SMTP_POOL_MAX_MESSAGES }
                  : undefined,
            }),
            notify,
          }),
        },
        {
          provide: SendQueues,
          inject: [SERVICE_LOGGER, ReadinessChecks],
          useFactory: (logger: Logger, readiness: ReadinessChecks) => {
            const queues = new SendQueues(
              {
                redisUrl: config.REDIS_URL,
                prefix: config.queuePrefix(),
                maxAttempts: config.SEND_MAX_ATTEMPTS,
                backoffMs: config.SEND_BACKOFF_MS,
                ratePerSecond: config.SEND_RATE_PER_SECOND,
                concurrency: config.SEND_CONCURRENCY,
              },
              logger,
            );
            readiness.register({ name: 'redis', check: () => queues.ping() });
            return queues;
          },
        },
        { provide: DocumentsClient, useValue: new DocumentsClient(config.DOCUMENTS_BASE_URL, documentsAccessOf(config)) },
        { provide: NotificationStore, inject: [DataSource], useFactory: (dataSource: DataSource) => new NotificationStore(dataSource) },
        {
          provide: RoutingDirectoryStore,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new RoutingDirectoryStore(dataSource),
        },
        NotificationIntake,
        SendNotification,
        RequeueSweep,
        FailureRecorder,
        SettleReceipt,
        ReceiptPoll,
        StaffMessages,
        ReleaseHeldMessages,
        RoutingDirectory,
        NotificationLog,
      ],
    };
  }
}
