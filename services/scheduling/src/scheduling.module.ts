import { MetricsRegistry, ReadinessChecks } from '@cpc/observability';
import { SERVICE_LOGGER } from '@cpc/runtime';
import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { CalendarController } from './api/calendar.controller';
import { DeadlinesController } from './api/deadlines.controller';
import { InputEventsListener } from './api/input-events.listener';
import { PolicyController } from './api/policy.controller';
import { DeadlineEventHandlers } from './application/deadline-event-handlers';
import { DeadlineEvents } from './application/deadline-events';
import { DeadlineLifecycle, WORKING_CALENDAR } from './application/deadline-lifecycle';
import { DeadlineQueries } from './application/deadline-queries';
import { DeadlineSweep } from './application/deadline-sweep';
import { FireDeadline } from './application/fire-deadline';
import { PolicyInForce } from './application/policy-in-force';
import { WakeUpRebuild } from './application/wake-up-rebuild';
import { EnglandAndWalesCalendar } from './domain/england-and-wales-calendar';
import { DeadlineStore } from './infrastructure/deadline.store';
import { PolicyOverrideStore } from './infrastructure/policy-override.store';
import { QueueBoard } from './infrastructure/queue-board';
import { SchedulingMetrics } from './infrastructure/scheduling.metrics';
import { SweepLock } from './infrastructure/sweep-lock';
import { WakeUpQueue } from './infrastructure/wake-up.queue';
import { SchedulingConfig } from './scheduling.config';

/** The deadline engine: policy → due times, BullMQ wake-ups for reminders and breaches, the ops API. */
@Module({})
export class SchedulingModule {
  static forConfig(config: SchedulingConfig): DynamicModule {
    return {
      module: SchedulingModule,
      controllers: [DeadlinesController, PolicyController, CalendarController, InputEventsListener],
      providers: [
        { provide: SchedulingConfig, useValue: config },
        { provide: WORKING_CALENDAR, useValue: new EnglandAndWalesCalendar() },
        {
          provide: WakeUpQueue,
          inject: [SERVICE_LOGGER, ReadinessChecks],
          useFactory: (logger: Logger, readiness: ReadinessChecks) => {
            const queue = new WakeUpQueue(
              {
                redisUrl: config.REDIS_URL,
                prefix: config.queuePrefix(),
                name: config.QUEUE_NAME,
                concurrency: config.WAKE_UP_CONCURRENCY,
                lockDurationMs: config.WAKE_UP_LOCK_MS,
              },
              logger,
            );
            readiness.register({ name: 'redis', check: () => queue.ping() });
            return queue;
          },
        },
        {
          provide: SchedulingMetrics,
          inject: [MetricsRegistry, DeadlineStore],
          useFactory: (metrics: MetricsRegistry, store: DeadlineStore) => new SchedulingMetrics(metrics, () => store.counts()),
        },
        DeadlineStore,
        PolicyOverrideStore,
        PolicyInForce,
        DeadlineEvents,
        DeadlineLifecycle,
        DeadlineEventHandlers,
        FireDeadline,
        WakeUpRebuild,
        DeadlineSweep,
        SweepLock,
        DeadlineQueries,
        QueueBoard,
      ],
    };
  }
}
