import { TokenVerifier } from '@cpc/http';
import { KAFKA } from '@cpc/runtime';
import { Module, type DynamicModule } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { AllTopicsListener } from './api/all-topics.listener';
import { ConsoleApiController } from './api/console-api.controller';
import { CONSOLE_SESSIONS, ConsoleUserGuard, DEVELOPMENT_TOKENS, SignedInSessions } from './api/console-user.guard';
import { PageErrors } from './api/page-errors.filter';
import { PageRenderer } from './api/page-renderer';
import { PagesController } from './api/pages.controller';
import { PerformanceController } from './api/performance.controller';
import { ConferencePageQuery } from './application/conference-page';
import { ConsoleProjection } from './application/console-projection';
import { DeliveriesQuery } from './application/deliveries';
import { PerformanceQuery } from './application/performance';
import { RebuildReadModel, RebuildRequest } from './application/rebuild-read-model';
import { TodayQuery } from './application/today';
import { ConsoleConfig } from './console.config';
import { ConferenceViewStore } from './infrastructure/conference-view.store';
import { DeadlineViewStore } from './infrastructure/deadline-view.store';
import { DeliveryViewStore } from './infrastructure/delivery-view.store';
import { PerformanceStore } from './infrastructure/performance.store';
import { ReadModelReset } from './infrastructure/read-model-reset';

/** The operations console: the projection of all four topics, its pages and its JSON API. */
@Module({})
export class ConsoleModule {
  static forConfig(config: ConsoleConfig, options: { rebuild: boolean }): DynamicModule {
    const developmentTokens = config.developmentTokensAccepted();
    return {
      module: ConsoleModule,
      controllers: [PagesController, ConsoleApiController, PerformanceController, AllTopicsListener],
      providers: [
        { provide: ConsoleConfig, useValue: config },
        { provide: DEVELOPMENT_TOKENS, useValue: developmentTokens },
        // The OpenID Connect sign-in (@cpc/auth, mounted in web.ts) puts the session's user on the request.
        { provide: CONSOLE_SESSIONS, useValue: new SignedInSessions() },
        { provide: PageRenderer, useValue: new PageRenderer({ refreshSeconds: config.TODAY_REFRESH_SECONDS }) },
        {
          provide: ConsoleUserGuard,
          inject: [CONSOLE_SESSIONS, TokenVerifier],
          useFactory: (s, v) => new ConsoleUserGuard(s, v, developmentTokens),
        },
        PageErrors,
        { provide: ConferenceViewStore, inject: [DataSource], useFactory: (ds: DataSource) => new ConferenceViewStore(ds) },
        { provide: DeadlineViewStore, inject: [DataSource], useFactory: (ds: DataSource) => new DeadlineViewStore(ds) },
        { provide: DeliveryViewStore, inject: [DataSource], useFactory: (ds: DataSource) => new DeliveryViewStore(ds) },
        { provide: PerformanceStore, inject: [DataSource], useFactory: (ds: DataSource) => new PerformanceStore(ds) },
        {
          provide: ReadModelReset,
          inject: [KAFKA],
          // The inbox consumer is the service's name (RuntimeModule's EventConsumer).
          useFactory: (kafka: Kafka) => new ReadModelReset(kafka, config.KAFKA_GROUP_ID, 'console'),
        },
        { provide: RebuildRequest, useValue: new RebuildRequest(options.rebuild) },
        RebuildReadModel,
        ConsoleProjection,
        TodayQuery,
        ConferencePageQuery,
        DeliveriesQuery,
        PerformanceQuery,
      ],
    };
  }
}
