import type { ServiceDefinition } from '@cpc/runtime';
import type { DocumentsConfig } from './documents.config';
import { DocumentsModule } from './documents.module';
import { CaseIdentityRecord } from './infrastructure/case-identity.entity';
import { CaseIdentities1763800003000 } from './infrastructure/migrations/1763800003000-case-identities';
import { DocumentsTables1763800003100 } from './infrastructure/migrations/1763800003100-documents-tables';
import { CirculationRecipients1763800003200 } from './infrastructure/migrations/1763800003200-circulation-recipients';
import { LegacyDeliveryParticipants1763800003300 } from './infrastructure/migrations/1763800003300-legacy-delivery-participants';

/** The documents service: reports, safe sharing, the plan and minutes, redaction and circulation. */
export function documentsService(config: DocumentsConfig): ServiceDefinition {
  return {
    name: 'documents',
    config,
    entities: [CaseIdentityRecord],
    migrations: [
      CaseIdentities1763800003000,
      DocumentsTables1763800003100,
      CirculationRecipients1763800003200,
      LegacyDeliveryParticipants1763800003300,
    ],
    imports: [DocumentsModule.forConfig(config)],
    consumesEvents: true,
    openApi: {
      title: 'Documents service',
      description:
        'Reports with classified sections, shares, the plan and minutes, redacted and password-protected circulation (DOMAIN.md).',
      tags: {
        documents: 'Reports and their sections (R-PREP-3, R-PREP-10), shares with the family (R-PREP-2, R-PREP-4), the plan and its circulation (R-POST-3), downloads.',
      },
    },
  };
}
