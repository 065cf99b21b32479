import type { ServiceDefinition } from '@cpc/runtime';
import { SchedulingTables1763800002000 } from './infrastructure/migrations/1763800002000-scheduling-tables';
import type { SchedulingConfig } from './scheduling.config';
import { SchedulingModule } from './scheduling.module';

/** The scheduling service: every timing of the guidance as a deadline, reminded, breached, on time, through restarts. */
export function schedulingService(config: SchedulingConfig): ServiceDefinition<SchedulingConfig> {
  return {
    name: 'scheduling',
    config,
    // Every table is behind a store that maps its rows by hand (infrastructure/*.store.ts): no TypeORM entities.
    entities: [],
    migrations: [SchedulingTables1763800002000],
    imports: [SchedulingModule.forConfig(config)],
    consumesEvents: true,
    openApi: {
      title: 'Scheduling service',
      description:
        'Deadlines from the timings of DOMAIN.md (the R-PREP steps, R-NOTDAY, R-POST-1, R-POST-2, R-POST-3, R-CONT, R-TIME): policy per local authority, ' +
        'reminders and breaches as events, the operations view, the England and Wales working-day calendar. ' +
        'Bull Board (read-only, a platform-operations tool) at /admin/queues for PLATFORM_OPERATOR only.',
      tags: {
        deadlines: 'Every deadline placed from the timings of DOMAIN.md, its status, and the operations summary.',
        policy: "A local authority's deadline policy: DOMAIN.md's defaults and its overrides.",
        calendar: 'R-TIME: the England and Wales working-day calendar.',
      },
    },
  };
}
