import type { ServiceDefinition } from '@cpc/runtime';
import type { NotificationsConfig } from './notifications.config';
import { NotificationsModule } from './notifications.module';
import { KnownConferenceRecord } from './infrastructure/known-conference.entity';
import { KnownConferences1763800004000 } from './infrastructure/migrations/1763800004000-known-conferences';
import { Notifications1763800004100 } from './infrastructure/migrations/1763800004100-notifications';
import { ReceiptsRoutingHolds1763800004200 } from './infrastructure/migrations/1763800004200-receipts-routing-holds';
import { NotificationCorrelation1763800004300 } from './infrastructure/migrations/1763800004300-notification-correlation';
import { SendClaim1763800004400 } from './infrastructure/migrations/1763800004400-send-claim';

/** The notifications service: every email and SMS the system sends, recorded, retried, never doubled. */
export function notificationsService(config: NotificationsConfig): ServiceDefinition<NotificationsConfig> {
  return {
    name: 'notifications',
    config,
    entities: [KnownConferenceRecord],
    migrations: [
      KnownConferences1763800004000,
      Notifications1763800004100,
      ReceiptsRoutingHolds1763800004200,
      NotificationCorrelation1763800004300,
      SendClaim1763800004400,
    ],
    imports: [NotificationsModule.forConfig(config)],
    consumesEvents: true,
    openApi: {
      title: 'Notifications service',
      description: 'Invitations, reminders, breach alerts and secure delivery by email and SMS, with a delivery log (DOMAIN.md R-DEL-*).',
      tags: {
        notifications: 'The delivery log of every message (R-DEL), and GOV.UK Notify delivery receipts.',
        'routing-directory': 'R-ROUTE: the mailboxes that staff-role messages go to when a conference has no such participant.',
      },
    },
  };
}
