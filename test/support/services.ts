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
import { Topics } from '@cpc/contracts';
import { KafkaConnectionConfig, loadConfig } from '@cpc/config';
import { createKafka, kafkaSettingsOf } from '@cpc/messaging';
import { randomUUID } from 'node:crypto';
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
  // Each service's group starts at the end of every topic: a test stack reacts to what happens in its
  // test, not to the whole history of the machine's topics (a new group otherwise reads from the beginning).
  const run = randomUUID().slice(0, 8);
  const group = (service: string, settings?: Record<string, string>) => ({ KAFKA_GROUP_ID: `cpc-${service}-test-${run}`, ...settings });
  const settings = {
    conference: group('conference', overrides.conference),
    scheduling: group('scheduling', overrides.scheduling),
    documents: group('documents', overrides.documents),
    notifications: group('notifications', overrides.notifications),
  };
  const conferenceConfig = testConfig(ConferenceConfig, settings.conference);
  await startGroupsAtEnd(
    Object.values(settings).map((s) => s.KAFKA_GROUP_ID),
    conferenceConfig,
  );
  const [conference, scheduling, documents] = await Promise.all([
    startService(conferenceService(conferenceConfig)),
    startService(schedulingService(testConfig(SchedulingConfig, settings.scheduling))),
    startService(documentsService(testConfig(DocumentsConfig, settings.documents))),
  ]);
  const { port } = documents.app.getHttpServer().address() as AddressInfo;
  const notifications = await startService(
    notificationsService(
      testConfig(NotificationsConfig, {
        DOCUMENTS_BASE_URL: `http://127.0.0.1:${port}`,
        // The shared Notify stand-in posts receipts to the development stack, if any: a test stack asks for them (the poll).
        NOTIFY_RECEIPT_POLL_AFTER_MS: '500',
        NOTIFY_RECEIPT_POLL_INTERVAL_MS: '500',
        ...settings.notifications,
      }),
    ),
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

/**
 * Commits, for each group, the current end of every topic, so the group's first poll starts there; on
 * the brokers of `kafka` (by default the environment's Kafka settings: the tests' broker, 127.0.0.1:9192, test/setup-integration.ts).
 */
export async function startGroupsAtEnd(
  groupIds: string[],
  kafka: KafkaConnectionConfig = loadConfig(KafkaConnectionConfig),
): Promise<void> {
  const admin = createKafka(kafkaSettingsOf(kafka, 'test-stack-offsets')).admin();
  await admin.connect();
  try {
    for (const topic of Object.values(Topics)) {
      const offsets = await admin.fetchTopicOffsets(topic);
      for (const groupId of groupIds) {
        await admin.setOffsets({ groupId, topic, partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })) });
      }
    }
  } finally {
    await admin.disconnect();
  }
}
