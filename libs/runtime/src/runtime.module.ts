import { ServiceConfig } from '@cpc/config';
import {
  AuditInterceptor,
  AuditLog,
  AuthGuard,
  AuditRecord,
  createValidationPipe,
  dependencyEndpointsOf,
  HttpTables1763800000001,
  IdempotencyInterceptor,
  IdempotencyRecord,
  ProblemFilter,
  TokenVerifier,
} from '@cpc/http';
import {
  createKafka,
  DeadLetterPublisher,
  EventConsumer,
  InboxRecord,
  MessagingTables1763800000000,
  Outbox,
  OutboxMessage,
  OutboxRelay,
  kafkaSettingsOf,
} from '@cpc/messaging';
import {
  createLogger,
  HealthController,
  HttpMetricsInterceptor,
  JsonLogger,
  MetricsController,
  MetricsRegistry,
  ReadinessChecks,
} from '@cpc/observability';
import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE, Reflector } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Admin, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { Housekeeping, retentionRules } from './housekeeping';
import { runMigrationsAlone } from './migrations-alone';
import type { ServiceDefinition } from './service-definition';
import { IntakeShutdown } from './intake-shutdown';
import { KAFKA, SERVICE_CONFIG, SERVICE_LOGGER } from './tokens';

/**
 * What every service process has: configuration, JSON logs, metrics, health, its own PostgreSQL
 * database (migrations run, never synchronize), Kafka with outbox relay, inbox consumer and
 * dead letters, and the REST conventions (auth, problem+json, validation, idempotency, audit).
 */
@Global()
@Module({})
export class RuntimeModule {
  static forService(definition: ServiceDefinition): DynamicModule {
    const { config, name } = definition;
    const logger = createLogger(name, config.LOG_LEVEL);
    const metrics = new MetricsRegistry(name);
    const kafka = createKafka(kafkaSettingsOf(config, config.KAFKA_CLIENT_ID), logger);
    return {
      module: RuntimeModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            type: 'postgres',
            url: config.DATABASE_URL,
            entities: [OutboxMessage, InboxRecord, IdempotencyRecord, AuditRecord, ...definition.entities],
            migrations: [MessagingTables1763800000000, HttpTables1763800000001, ...definition.migrations],
            // Run below, one replica at a time (runMigrationsAlone), never synchronize.
            migrationsRun: false,
            synchronize: false,
            retryAttempts: 30,
            retryDelay: 2000,
            extra: { max: 20, connectionTimeoutMillis: 5000 },
          }),
          dataSourceFactory: async (options) =>
            runMigrationsAlone(await new DataSource(options!).initialize(), lockKeyOf(name, 'migrations')),
        }),
        ...definition.imports,
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: ServiceConfig, useValue: config },
        { provide: SERVICE_LOGGER, useValue: logger },
        { provide: JsonLogger, useValue: new JsonLogger(logger) },
        { provide: MetricsRegistry, useValue: metrics },
        { provide: KAFKA, useValue: kafka },
        ReadinessChecks,
        KafkaReadiness,
        { provide: Outbox, useValue: new Outbox(`/cpc/${name}`) },
        {
          provide: OutboxRelay,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) =>
            new OutboxRelay(
              dataSource,
              kafka,
              config.DATABASE_URL,
              { pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS, lockKey: lockKeyOf(name, 'outbox-relay') },
              logger,
              metrics,
            ),
        },
        {
          provide: Housekeeping,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) =>
            new Housekeeping(
              dataSource,
              retentionRules(config),
              { intervalMs: config.HOUSEKEEPING_INTERVAL_MS, lockKey: lockKeyOf(name, 'housekeeping') },
              logger,
              metrics,
            ),
        },
        { provide: DeadLetterPublisher, useValue: new DeadLetterPublisher(kafka) },
        {
          provide: EventConsumer,
          inject: [DataSource, DeadLetterPublisher],
          useFactory: (dataSource: DataSource, deadLetters: DeadLetterPublisher) =>
            new EventConsumer(dataSource, deadLetters, { consumer: name }, logger, metrics),
        },
        {
          provide: TokenVerifier,
          useValue: new TokenVerifier({
            secret: config.AUTH_JWT_SECRET,
            jwksUrl: config.AUTH_JWKS_URL,
            issuer: config.AUTH_ISSUER,
            audience: config.AUTH_AUDIENCE,
            production: config.NODE_ENV === 'production',
          }),
        },
        AuditLog,
        IntakeShutdown,
        { provide: APP_GUARD, inject: [Reflector, TokenVerifier], useFactory: (r: Reflector, v: TokenVerifier) => new AuthGuard(r, v) },
        {
          provide: APP_FILTER,
          useValue: new ProblemFilter(
            logger,
            dependencyEndpointsOf({ databaseUrl: config.DATABASE_URL, kafkaBrokers: config.KAFKA_BROKERS, redisUrl: config.REDIS_URL }),
          ),
        },
        { provide: APP_PIPE, useValue: createValidationPipe() },
        { provide: APP_INTERCEPTOR, useFactory: () => new HttpMetricsInterceptor(metrics) },
        { provide: APP_INTERCEPTOR, inject: [AuditLog], useFactory: (audit: AuditLog) => new AuditInterceptor(audit, logger) },
        {
          provide: APP_INTERCEPTOR,
          inject: [DataSource],
          useFactory: (ds: DataSource) => new IdempotencyInterceptor(ds, { claimTimeoutSeconds: config.IDEMPOTENCY_CLAIM_TIMEOUT_SECONDS }),
        },
      ],
      exports: [
        SERVICE_CONFIG,
        ServiceConfig,
        SERVICE_LOGGER,
        JsonLogger,
        MetricsRegistry,
        KAFKA,
        ReadinessChecks,
        Outbox,
        OutboxRelay,
        EventConsumer,
        DeadLetterPublisher,
        TokenVerifier,
        AuditLog,
        Housekeeping,
        IntakeShutdown,
      ],
    };
  }
}

/** Readiness of PostgreSQL and Kafka, which every service uses; services add Redis where they use it. */
@Injectable()
class KafkaReadiness implements OnApplicationShutdown {
  private admin: Admin | null = null;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    readiness: ReadinessChecks,
    dataSource: DataSource,
    @Inject(DeadLetterPublisher) private readonly deadLetters: DeadLetterPublisher,
  ) {
    readiness.register({ name: 'postgres', check: async () => void (await dataSource.query('SELECT 1')) });
    readiness.register({ name: 'kafka', check: () => this.describeCluster() });
  }

  private async describeCluster(): Promise<void> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    try {
      await this.admin.describeCluster();
    } catch (error) {
      await this.admin.disconnect().catch(() => undefined);
      this.admin = null;
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
    await this.deadLetters.close();
  }
}

/** The advisory lock key of one service's singleton job (the relay, the housekeeping, the migrations): one replica at a time runs it. */
function lockKeyOf(name: string, job: 'outbox-relay' | 'housekeeping' | 'migrations'): number {
  let hash = 7;
  for (const char of `${job}:${name}`) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return hash;
}

export type { Logger };
