import { ServiceConfig } from '@cpc/config';

/** Settings of the documents service; every field is an environment variable (README "Configuration"). */
export class DocumentsConfig extends ServiceConfig {
  override PORT = 3003;
  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/cpc_documents';
  override KAFKA_CLIENT_ID = 'cpc-documents';
  override KAFKA_GROUP_ID = 'cpc-documents';
}
