import { createEnvelope, EventCatalogue, Topics, type EventType, type ParticipantSnapshot, type Role } from '@cpc/contracts';
import { startService, type RunningService } from '@cpc/runtime';
import { createKafka, kafkaSettingsFromEnvironment } from '@cpc/messaging';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { bearer, ContractEventPublisher, queryService, testConfig, TopicProbe, waitFor } from '../../../test/support';
import { DocumentsConfig } from '../src/documents.config';
import { documentsService } from '../src/documents.definition';

// The environment's Kafka settings (TLS, SASL if set): plaintext, the tests' broker 127.0.0.1:9192 (test/setup-integration.ts) unless told.
const kafka = createKafka(kafkaSettingsFromEnvironment('documents-int-spec'));

/**
 * One documents service under test on the real Kafka and PostgreSQL, with a local authority and a
 * consumer group of its own (started at the end of its topics), a producer standing in for the
 * conference and notifications services, and a probe on documents.events.
 */
export class DocumentsHarness {
  readonly la = `LA-${randomUUID().slice(0, 8)}`;
  readonly groupId = `cpc-documents-test-${randomUUID().slice(0, 8)}`;
  readonly probe = new TopicProbe([Topics.documents]);
  service!: RunningService;
  private readonly publisher = new ContractEventPublisher('documents-int-spec');

  static async start(): Promise<DocumentsHarness> {
    const harness = new DocumentsHarness();
    await harness.startGroupAtEnd();
    await Promise.all([harness.publisher.start(), harness.probe.start()]);
    harness.service = await startService(documentsService(testConfig(DocumentsConfig, { KAFKA_GROUP_ID: harness.groupId })));
    return harness;
  }

  async stop(): Promise<void> {
    await Promise.allSettled([this.service?.close(), this.publisher.stop(), this.probe.stop()]);
  }

  http() {
    return request(this.service.app.getHttpServer());
  }

  as(roles: Role[], options: { la?: string; scope?: string } = {}) {
    return bearer(roles, { la: options.la ?? this.la, scope: options.scope });
  }

  async produce(type: EventType, conferenceId: string, data: object, topic: string = Topics.conference): Promise<void> {
    const source = topic === Topics.notifications ? '/cpc/notifications' : '/cpc/conference';
    const envelope = createEnvelope(source, EventCatalogue[type].schemaVersion, { type, conferenceId, localAuthority: this.la, data });
    await this.publisher.publish(topic, envelope);
  }

  /** ConferenceScheduled for this conference, as the conference service publishes it; nothing waited for. */
  async announceScheduled(
    conferenceId: string,
    scheduledStart = new Date(Date.now() + 5 * 86400_000),
    atScheduling: Omit<ParticipantSnapshot, 'participantId'>[] = [],
  ): Promise<void> {
    await this.produce('ConferenceScheduled', conferenceId, {
      conferenceId,
      kind: 'ICPC',
      localAuthority: this.la,
      scheduledStart: scheduledStart.toISOString(),
      durationMinutes: 90,
      participationOption: 'FULL',
      children: [{ childId: randomUUID(), firstName: 'Amy', lastName: 'Stone', dateOfBirth: '2018-04-02' }],
      warnings: [],
      participants: atScheduling.map((p) => ({ participantId: randomUUID(), ...p })),
    });
  }

  /**
   * A conference as the conference service announces it: scheduled (with `atScheduling` participants in
   * ConferenceScheduled itself), then each of `participants` in ParticipantAdded; waits until recorded.
   */
  async conference(
    scheduledStart: Date,
    participants: Omit<ParticipantSnapshot, 'participantId'>[] = [],
    atScheduling: Omit<ParticipantSnapshot, 'participantId'>[] = [],
  ): Promise<string> {
    const conferenceId = randomUUID();
    await this.announceScheduled(conferenceId, scheduledStart, atScheduling);
    for (const participant of participants) {
      await this.produce('ParticipantAdded', conferenceId, { conferenceId, participant: { participantId: randomUUID(), ...participant } });
    }
    await waitFor(async () => {
      const [row] = await queryService<{ participants: unknown[] }>(
        'documents',
        'SELECT participants FROM case_identities WHERE conference_id = $1',
        [conferenceId],
      );
      return row?.participants.length === participants.length + atScheduling.length;
    });
    return conferenceId;
  }

  /** Another replica of the documents service in the same consumer group (a scale-out or a rolling deploy). */
  async startPeer(): Promise<RunningService> {
    return startService(documentsService(testConfig(DocumentsConfig, { KAFKA_GROUP_ID: this.groupId })));
  }

  /** How many members the consumer group has once it is stable (0 while it rebalances). */
  async groupMembers(): Promise<number> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { groups } = await admin.describeGroups([this.groupId]);
      return groups[0]?.state === 'Stable' ? groups[0].members.length : 0;
    } finally {
      await admin.disconnect();
    }
  }

  /** The participants documents holds for the conference, as the conference service announced them. */
  async participants(conferenceId: string): Promise<ParticipantSnapshot[]> {
    const [row] = await queryService<{ participants: ParticipantSnapshot[] }>(
      'documents',
      'SELECT participants FROM case_identities WHERE conference_id = $1',
      [conferenceId],
    );
    return row?.participants ?? [];
  }

  /** Events of this type for this conference seen on documents.events. */
  events(type: string, conferenceId: string): any[] {
    return this.probe.ofType(type, conferenceId).map((m) => m.json.data);
  }

  private async startGroupAtEnd(): Promise<void> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      for (const topic of [Topics.conference, Topics.notifications]) {
        const offsets = await admin.fetchTopicOffsets(topic);
        await admin.setOffsets({
          groupId: this.groupId,
          topic,
          partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })),
        });
      }
    } finally {
      await admin.disconnect();
    }
  }
}
