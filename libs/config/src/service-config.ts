import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';
import { KafkaConnectionConfig, kafkaConnectionProblems } from './kafka-config';

export const LOCAL_JWT_SECRET = 'local-development-only-secret-change-me';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value);

/**
 * Settings every service reads (the Kafka connection's from {@link KafkaConnectionConfig}). A service
 * extends this class with its own, and sets the defaults that differ (port, database name, client id).
 */
export class ServiceConfig extends KafkaConnectionConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV = 'development';

  /** 0 picks a free port (tests). */
  @IsInt()
  @Min(0)
  @Max(65535)
  @Transform(toInt)
  PORT = 3000;

  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

  @IsString()
  @MinLength(1)
  KAFKA_CLIENT_ID = 'cpc';

  @IsString()
  @MinLength(1)
  KAFKA_GROUP_ID = 'cpc';

  @IsString()
  @Matches(/^rediss?:\/\//, { message: 'must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @IsString()
  @MinLength(16)
  AUTH_JWT_SECRET = LOCAL_JWT_SECRET;

  @IsOptional()
  @IsUrl({ require_tld: false })
  AUTH_JWKS_URL: string | undefined = undefined;

  /** The identity provider's issuer (`iss`), checked on every token verified against AUTH_JWKS_URL. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  AUTH_ISSUER: string | undefined = undefined;

  /** The audience (`aud`) the identity provider gives tokens for these APIs; a token for another API is refused. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  AUTH_AUDIENCE: string | undefined = undefined;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @IsInt()
  @Min(10)
  @Max(60000)
  @Transform(toInt)
  OUTBOX_POLL_INTERVAL_MS = 250;

  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  @Transform(toInt)
  HTTP_BODY_LIMIT_BYTES = 1024 * 1024;

  /** Outbox rows already published are deleted after this many days (the topics keep the events). */
  @IsInt()
  @Min(1)
  @Max(3650)
  @Transform(toInt)
  OUTBOX_RETENTION_DAYS = 7;

  /**
   * Inbox rows (events already applied) are deleted after this many days. Keep it above the topics'
   * retention: an event redelivered after its inbox row is gone would be applied again.
   */
  @IsInt()
  @Min(1)
  @Max(3650)
  @Transform(toInt)
  INBOX_RETENTION_DAYS = 30;

  /** An Idempotency-Key answers repeats for this many days, then is forgotten. */
  @IsInt()
  @Min(1)
  @Max(365)
  @Transform(toInt)
  IDEMPOTENCY_RETENTION_DAYS = 1;

  /**
   * A claimed Idempotency-Key whose request never finished (the process died mid-way) is taken over by
   * a repeat after this many seconds, instead of answering 409 for ever.
   */
  @IsInt()
  @Min(5)
  @Max(86400)
  @Transform(toInt)
  IDEMPOTENCY_CLAIM_TIMEOUT_SECONDS = 120;

  /** How often the retention above is applied (one replica at a time). */
  @IsInt()
  @Min(1000)
  @Max(7 * 24 * 3600_000)
  @Transform(toInt)
  HOUSEKEEPING_INTERVAL_MS = 3600_000;

  override crossCheck(): string[] {
    const problems = kafkaConnectionProblems(this, { production: this.NODE_ENV === 'production' });
    if (this.NODE_ENV === 'production' && this.AUTH_JWT_SECRET === LOCAL_JWT_SECRET && !this.AUTH_JWKS_URL) {
      problems.push('AUTH_JWT_SECRET: the local development default must not be used in production (or set AUTH_JWKS_URL)');
    }
    // Production refuses HS256 development tokens, so the identity provider is the only way in, and
    // without issuer and audience any token it signs (for any other API) would be taken.
    if (this.NODE_ENV === 'production' && !this.AUTH_JWKS_URL) {
      problems.push(
        'AUTH_JWKS_URL: production refuses HS256 development tokens, so it needs the identity provider that signs the real ones',
      );
    }
    if (this.NODE_ENV === 'production' && this.AUTH_JWKS_URL && (!this.AUTH_ISSUER || !this.AUTH_AUDIENCE)) {
      problems.push('AUTH_ISSUER, AUTH_AUDIENCE: production checks both on every identity-provider token; set them with AUTH_JWKS_URL');
    }
    return problems;
  }
}
