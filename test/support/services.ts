import type { AddressInfo } from 'node:net';
import { startService, type RunningService } from '@cpc/runtime';
import { ConferenceConfig } from '../../services/conference/src/conference.config';
import { conferenceService } from '../../services/conference/src/conference.definition';
import { DocumentsConfig } from '../../services/documents/src/documents.config';
import { documentsService } from '../../services/documents/src/documents.definition';
import { NotificationsConfig } from '../../services/notifications/src/notifications.config';
import { notificationsService } from '../../services/notifications/src/notifications.definition';
import { SchedulingConfig } from '../../services/scheduling/src/scheduling.config';
import { schedulingService } from '../../services/scheduling/src/scheduling.definition';
import { testConfig } from './test-config';

export interface Stack {
  conference: RunningService;
  scheduling: RunningService;
  documents: RunningService;
  notifications: RunningService;
  close(): Promise<void>;
}

/**
 * The four services in this process, each on its own *_test database and consumer group. The
 * notifications service fetches the documents it sends from this documents service's own address.
 */
export async function startStack(overrides: Partial<Record<keyof Omit<Stack, 'close'>, Record<string, string>>> = {}): Promise<Stack> {
  const [conference, scheduling, documents] = await Promise.all([
    startService(conferenceService(testConfig(ConferenceConfig, overrides.conference))),
    startService(schedulingService(testConfig(SchedulingConfig, overrides.scheduling))),
    startService(documentsService(testConfig(DocumentsConfig, overrides.documents))),
  ]);
  const { port } = documents.app.getHttpServer().address() as AddressInfo;
  const notifications = await startService(
    notificationsService(testConfig(NotificationsConfig, { DOCUMENTS_BASE_URL: `http://127.0.0.1:${port}`, ...overrides.notifications })),
  );
  return {
    conference,
    scheduling,
    documents,
    notifications,
    close: async () => {
      await Promise.all([conference, scheduling, documents, notifications].map((s) => s.close()));
    },
  };
}
