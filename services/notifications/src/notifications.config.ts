import { queuePrefixOf, ServiceConfig } from '@cpc/config';
import { LOCAL_DELIVERY_PRIVATE_KEY } from '@cpc/contracts';
import { Transform } from 'class-transformer';
import { readFileSync } from 'node:fs';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value);

/** The local Notify stand-in's key (deploy/local/standins); refused in production. */
export const LOCAL_NOTIFY_API_KEY = 'cpc_local-4d0c2c2e-7b1a-4b8e-9c59-2f6f1b0a9e01-0c8d6f3e-2a41-4f7b-a0f5-8e1b7c3d9a22';
export const LOCAL_CALLBACK_TOKEN = 'local-notify-callback-token-change-me';

/** Settings of the notifications service; every field is an environment variable (README "Configuration"). */
export class NotificationsConfig extends ServiceConfig {
  override PORT = 3004;
  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/cpc_notifications';
  override KAFKA_CLIENT_ID = 'cpc-notifications';
  override KAFKA_GROUP_ID = 'cpc-notifications';

  /** Which channel carries email: the council's SMTP relay (TLS required) or GOV.UK Notify. Texts always go by Notify. */
  @IsIn(['smtp', 'notify'])
  EMAIL_PROVIDER: 'smtp' | 'notify' = 'smtp';

  @IsString() @MinLength(1) SMTP_HOST = '127.0.0.1';
  @IsInt() @Min(1) @Max(65535) @Transform(toInt) SMTP_PORT = 2525;
  @IsString() SMTP_USER = 'cpc-local';
  @IsString() SMTP_PASSWORD = 'cpc-local-password';
  /** PEM file of the CA to trust for the relay's certificate; empty: the system's CAs. */
  @IsString() SMTP_CA_FILE = '.local/standins/smtp-standin.cert.pem';
  /** SMTP connections kept open to the relay and reused (authenticated, TLS); 0: a new connection for each message. */
  @IsInt() @Min(0) @Max(100) @Transform(toInt) SMTP_POOL_CONNECTIONS = 5;
  /** Messages one pooled connection carries before it is closed and replaced. */
  @IsInt() @Min(1) @Max(10_000) @Transform(toInt) SMTP_POOL_MAX_MESSAGES = 100;
  /** The sender recipients see. */
  @IsString() @MinLength(3) SMTP_FROM = '"Child Protection Conferences" <cpc@council.example>';

  @IsString() @Matches(/^https?:\/\//, { message: 'must be an http(s) URL' }) NOTIFY_BASE_URL = 'http://127.0.0.1:8090';
  @IsString() @MinLength(74) NOTIFY_API_KEY = LOCAL_NOTIFY_API_KEY;
  /** Notify templates (pass-through: the wording lives in this service). */
  @IsString() NOTIFY_EMAIL_TEMPLATE_ID = '7d0a4b52-3f9c-4d3a-9a8e-1f2b3c4d5e61';
  @IsString() NOTIFY_SMS_TEMPLATE_ID = '5b7e1c2d-8a9f-4e3b-b6c7-d8e9f0a1b2c3';
  /**
   * Bearer token Notify sends with delivery receipts (POST /api/v1/notifications/callbacks/notify). In
   * production the callback URL and this token are set in Notify's admin (API integration, Callbacks).
   */
  @IsString() @MinLength(16) NOTIFY_CALLBACK_TOKEN = LOCAL_CALLBACK_TOKEN;

  /**
   * A Notify message still SENT this long after it went, with no delivery receipt, is looked up with
   * Notify (getNotificationById) and settled as a callback would settle it.
   */
  @IsInt() @Min(100) @Max(7 * 86_400_000) @Transform(toInt) NOTIFY_RECEIPT_POLL_AFTER_MS = 300_000;
  /** How often the receipt poll runs (one replica at a time, by a PostgreSQL advisory lock). */
  @IsInt() @Min(100) @Max(3_600_000) @Transform(toInt) NOTIFY_RECEIPT_POLL_INTERVAL_MS = 60_000;
  /** Sends again after Notify reports technical-failure (its own fault; the message never left), before FAILED. */
  @IsInt() @Min(0) @Max(5) @Transform(toInt) NOTIFY_TECHNICAL_FAILURE_RESENDS = 1;

  /** Where failed deliveries (DELIVERY_FAILURE_ALERT_EMAIL) and unroutable alerts (ROUTING_FAILURE_ALERT_EMAIL, R-ROUTE) go. */
  @IsEmail() OPERATIONS_ALERT_EMAIL = 'cpc-operations@council.example';
  /** The documents service, to fetch the document a DeliveryRequested names. */
  @IsString() @Matches(/^https?:\/\//, { message: 'must be an http(s) URL' }) DOCUMENTS_BASE_URL = 'http://127.0.0.1:3003';
  /**
   * This service's own client at the identity provider, for its calls to documents (OAuth 2.0 client
   * credentials, scope documents:read, `la` = the document's local authority). Unset outside production:
   * an HS256 development token signed with AUTH_JWT_SECRET instead. Required in production.
   */
  @IsOptional() @IsString() @MinLength(1) AUTH_CLIENT_ID: string | undefined = undefined;
  @IsOptional() @IsString() @MinLength(1) AUTH_CLIENT_SECRET: string | undefined = undefined;
  /** A file whose content (trailing newline dropped) is the client secret: a mounted Secret. */
  @IsString() AUTH_CLIENT_SECRET_FILE = '';
  /** The provider's token endpoint; unset: the token_endpoint of AUTH_ISSUER's /.well-known/openid-configuration. */
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }) AUTH_CLIENT_TOKEN_URL:
    string | undefined = undefined;

  /** The private half of the key pair documents seals parents' passwords with (PEM, base64; R-DEL-PWD). */
  @IsString() @MinLength(100) DELIVERY_PRIVATE_KEY = LOCAL_DELIVERY_PRIVATE_KEY;

  /** Attempts per message before it is a permanent failure; waits double from SEND_BACKOFF_MS. */
  @IsInt() @Min(1) @Max(30) @Transform(toInt) SEND_MAX_ATTEMPTS = 6;
  @IsInt() @Min(10) @Max(600_000) @Transform(toInt) SEND_BACKOFF_MS = 2000;
  /** Messages per second to each provider (BullMQ limiter per provider queue). */
  @IsInt() @Min(1) @Max(10_000) @Transform(toInt) SEND_RATE_PER_SECOND = 20;
  @IsInt() @Min(1) @Max(100) @Transform(toInt) SEND_CONCURRENCY = 5;
  /** Redis key prefix of the send queues; empty: derived from the database name. */
  @IsString() @Matches(/^([A-Za-z0-9_.-]+)?$/, { message: 'QUEUE_PREFIX may hold letters, digits, _ . - only' }) QUEUE_PREFIX = '';
  /** How often PENDING messages whose job Redis lost are queued again. */
  @IsInt() @Min(500) @Max(3_600_000) @Transform(toInt) REQUEUE_INTERVAL_MS = 30_000;

  /** The client secret, from AUTH_CLIENT_SECRET or the file AUTH_CLIENT_SECRET_FILE names (read at start). */
  clientSecret(): string | undefined {
    if (this.AUTH_CLIENT_SECRET) return this.AUTH_CLIENT_SECRET;
    return this.AUTH_CLIENT_SECRET_FILE ? readFileSync(this.AUTH_CLIENT_SECRET_FILE, 'utf8').replace(/\r?\n$/, '') : undefined;
  }

  queuePrefix(): string {
    return queuePrefixOf(this.QUEUE_PREFIX, this.DATABASE_URL);
  }

  override crossCheck(): string[] {
    const problems = [...super.crossCheck(), ...this.clientCredentialProblems()];
    if (this.NODE_ENV === 'production') {
      if (this.NOTIFY_API_KEY === LOCAL_NOTIFY_API_KEY)
        problems.push('NOTIFY_API_KEY: the local stand-in key must not be used in production');
      if (this.NOTIFY_CALLBACK_TOKEN === LOCAL_CALLBACK_TOKEN)
        problems.push('NOTIFY_CALLBACK_TOKEN: the local default must not be used in production');
      if (this.DELIVERY_PRIVATE_KEY === LOCAL_DELIVERY_PRIVATE_KEY)
        problems.push('DELIVERY_PRIVATE_KEY: the local development key must not be used in production');
      if (!this.NOTIFY_BASE_URL.startsWith('https://')) problems.push('NOTIFY_BASE_URL: must use https in production');
    }
    return problems;
  }

  private clientCredentialProblems(): string[] {
    const problems: string[] = [];
    const anySet = Boolean(this.AUTH_CLIENT_ID || this.AUTH_CLIENT_SECRET || this.AUTH_CLIENT_SECRET_FILE || this.AUTH_CLIENT_TOKEN_URL);
    if (this.AUTH_CLIENT_SECRET && this.AUTH_CLIENT_SECRET_FILE)
      problems.push('AUTH_CLIENT_SECRET_FILE: set together with AUTH_CLIENT_SECRET; give the secret one way only');
    if (this.AUTH_CLIENT_SECRET_FILE) {
      try {
        if (!this.clientSecret())
          problems.push(`AUTH_CLIENT_SECRET_FILE=${JSON.stringify(this.AUTH_CLIENT_SECRET_FILE)}: the file is empty`);
      } catch (error) {
        problems.push(
          `AUTH_CLIENT_SECRET_FILE=${JSON.stringify(this.AUTH_CLIENT_SECRET_FILE)}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
        );
      }
    }
    if (this.NODE_ENV === 'production' || anySet) {
      const why =
        this.NODE_ENV === 'production' ? 'production refuses HS256 development tokens, so documents are fetched' : 'documents are fetched';
      if (!this.AUTH_CLIENT_ID) problems.push(`AUTH_CLIENT_ID: required: ${why} with this service's own client credentials`);
      if (!this.AUTH_CLIENT_SECRET && !this.AUTH_CLIENT_SECRET_FILE)
        problems.push(`AUTH_CLIENT_SECRET: required (or AUTH_CLIENT_SECRET_FILE): ${why} with this service's own client credentials`);
      if (!this.AUTH_CLIENT_TOKEN_URL && !this.AUTH_ISSUER)
        problems.push('AUTH_CLIENT_TOKEN_URL: required when AUTH_ISSUER is not set (the token endpoint is discovered from the issuer)');
    }
    return problems;
  }
}
