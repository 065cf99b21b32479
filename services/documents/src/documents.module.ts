import { Module, type DynamicModule } from '@nestjs/common';
import { AwaitConference } from './api/await-conference.interceptor';
import { ConferenceEventsListener } from './api/conference-events.listener';
import { DocumentsController } from './api/documents.controller';
import { NotificationEventsListener } from './api/notification-events.listener';
import { CaseIdentities } from './application/case-identities';
import { Circulation } from './application/circulation';
import { ConferenceArrival } from './application/conference-arrival';
import { CirculationProgress } from './application/circulation-progress';
import { DocumentReads } from './application/document-reads';
import { Plans } from './application/plan';
import { Reports } from './application/reports';
import { DocumentsConfig } from './documents.config';
import { CaseIdentityStore } from './infrastructure/case-identity.store';
import { CirculationStore } from './infrastructure/circulation.store';
import { DocumentCipher, parseKeyring } from './infrastructure/document-cipher';
import { DocumentRenderingPool } from './infrastructure/rendering/rendering-pool';
import { PlanStore } from './infrastructure/plan.store';
import { ReportStore } from './infrastructure/report.store';
import { StoredDocumentStore } from './infrastructure/stored-document.store';

/** Reports and shares, the plan, circulation of redacted and encrypted copies, audited downloads. */
@Module({})
export class DocumentsModule {
  static forConfig(config: DocumentsConfig): DynamicModule {
    return {
      module: DocumentsModule,
      controllers: [DocumentsController, ConferenceEventsListener, NotificationEventsListener],
      providers: [
        { provide: DocumentsConfig, useValue: config },
        {
          provide: DocumentCipher,
          useValue: new DocumentCipher(parseKeyring(config.DOCUMENTS_ENCRYPTION_KEYS), config.DOCUMENTS_ACTIVE_KEY_ID),
        },
        {
          // Closed by its onApplicationShutdown when the application stops.
          provide: DocumentRenderingPool,
          useFactory: () => new DocumentRenderingPool({ workers: config.DOCUMENT_WORKERS, maxQueue: config.DOCUMENT_WORKER_QUEUE }),
        },
        Reports,
        Plans,
        Circulation,
        CirculationProgress,
        CirculationStore,
        ConferenceArrival,
        AwaitConference,
        CaseIdentities,
        CaseIdentityStore,
        DocumentReads,
        StoredDocumentStore,
        ReportStore,
        PlanStore,
      ],
    };
  }
}
