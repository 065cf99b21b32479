import { ServiceConfig } from '@cpc/config';

/** Settings of the conference service; every field is an environment variable (README "Configuration"). */
export class ConferenceConfig extends ServiceConfig {
  override PORT = 3001;
  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/cpc_conference';
  override KAFKA_CLIENT_ID = 'cpc-conference';
  override KAFKA_GROUP_ID = 'cpc-conference';
}
