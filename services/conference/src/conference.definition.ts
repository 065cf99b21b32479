import type { ServiceDefinition } from '@cpc/runtime';
import type { ConferenceConfig } from './conference.config';
import { ConferencesModule } from './conferences.module';
import { ConferenceRecord } from './infrastructure/conference.entity';
import { ConferenceTables1763800001000 } from './infrastructure/migrations/1763800001000-conference-tables';
import { ConferenceWorkflow1763800001100 } from './infrastructure/migrations/1763800001100-conference-workflow';
import { ConferenceTeam1763800001200 } from './infrastructure/migrations/1763800001200-conference-team';

/** The conference service: system of record for conferences, participants, preparation and outcomes. */
export function conferenceService(config: ConferenceConfig): ServiceDefinition {
  return {
    name: 'conference',
    config,
    entities: [ConferenceRecord],
    migrations: [ConferenceTables1763800001000, ConferenceWorkflow1763800001100, ConferenceTeam1763800001200],
    imports: [ConferencesModule],
    consumesEvents: true, // PlanCirculated (documents.events) moves a conference to CIRCULATED
    openApi: {
      title: 'Conference service',
      description: 'Child protection conferences (DOMAIN.md): scheduling, participants, preparation, lifecycle and outcome.',
      tags: {
        conferences:
          'A conference from scheduling to debrief: participants (R-PART, R-CONTACT), preparation steps, lifecycle (R-LIFE), postponement (R-POSTPONE), outcome (R-OUT).',
      },
    },
  };
}
