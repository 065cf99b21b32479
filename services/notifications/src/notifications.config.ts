import { ServiceConfig } from '@cpc/config';

/** Settings of the notifications service; every field is an environment variable (README "Configuration"). */
export class NotificationsConfig extends ServiceConfig {
  override PORT = 3004;
  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/cpc_notifications';
  override KAFKA_CLIENT_ID = 'cpc-notifications';
  override KAFKA_GROUP_ID = 'cpc-notifications';
}
