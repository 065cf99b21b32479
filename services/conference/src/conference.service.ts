import type { ServiceDefinition } from '@cpc/runtime';
import type { ConferenceConfig } from './conference.config';
import { ConferencesModule } from './conferences.module';
import { ConferenceRecord } from './infrastructure/conference.entity';
import { ConferenceTables1763800001000 } from './infrastructure/migrations/1763800001000-conference-tables';

/** The conference service: system of record for conferences, participants, preparation and outcomes. */
export function conferenceService(config: ConferenceConfig): ServiceDefinition {
  return {
    name: 'conference',
    config,
    entities: [ConferenceRecord],
    migrations: [ConferenceTables1763800001000],
    imports: [ConferencesModule],
    consumesEvents: false,
    openApi: {
      title: 'Conference service',
      description: 'Child protection conferences (DOMAIN.md): scheduling, participants, preparation, lifecycle and outcome.',
    },
  };
}
