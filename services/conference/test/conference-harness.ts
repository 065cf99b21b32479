import { createEnvelope, EventCatalogue, Topics, type Role } from '@cpc/contracts';
import { createKafka, kafkaSettingsFromEnvironment } from '@cpc/messaging';
import { SERVICE_LOGGER, startService, type RunningService } from '@cpc/runtime';
import pino from 'pino';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  bearer,
  conferenceRequest,
  ContractEventPublisher,
  queryService,
  testConfig,
  TopicProbe,
  waitFor,
  type ProbedMessage,
} from '../../../test/support';
import { ConferenceConfig } from '../src/conference.config';
import { conferenceService } from '../src/conference.definition';

/**
 * One conference service under test on the real PostgreSQL and Kafka, with a local authority of its
 * own (so lists and counts are this suite's) and a probe reading conference.events from now on.
 */
export class ConferenceHarness {
  readonly la = `LA-${randomUUID().slice(0, 8)}`;
  private constructor(
    readonly service: RunningService,
    readonly probe: TopicProbe,
  ) {}

  static async start(): Promise<ConferenceHarness> {
    const groupId = `cpc-conference-test-${randomUUID().slice(0, 8)}`;
    await groupAtEnd(groupId);
    const [service, probe] = await Promise.all([
      startService(conferenceService(testConfig(ConferenceConfig, { KAFKA_GROUP_ID: groupId }))),
      new TopicProbe([Topics.conference]).start(),
    ]);
    return new ConferenceHarness(service, probe);
  }

  async stop(): Promise<void> {
    // The audit log writes what is queued before the database closes (AuditLog.beforeApplicationShutdown).
    await Promise.all([this.service.close(), this.probe.stop()]);
  }

  http() {
    return request(this.service.app.getHttpServer());
  }

  as(roles: Role[], la = this.la, sub?: string) {
    return bearer(roles, { la, ...(sub ? { sub } : {}) });
  }

  post(path: string, body: object = {}, roles: Role[] = ['CHAIR'], headers: Record<string, string> = {}) {
    return this.http()
      .post(`/api/v1${path}`)
      .set(this.as(roles))
      .set({ 'Idempotency-Key': randomUUID(), ...headers })
      .send(body);
  }

  get(path: string, roles: Role[] = ['CHAIR'], la = this.la) {
    return this.http().get(`/api/v1${path}`).set(this.as(roles, la));
  }

  /** Schedules a conference in this harness's LA; returns the response body. */
  async schedule(overrides: Record<string, unknown> = {}, hoursAhead = 72) {
    const response = await this.post('/conferences', conferenceRequest(hoursAhead, { localAuthority: this.la, ...overrides }));
    if (response.status !== 201) throw new Error(`schedule answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body as { id: string; version: number; status: string; warnings: string[] };
  }

  /** Waits until the event reached Kafka (keyed by conference id) and returns it. */
  async event(type: string, conferenceId: string, count = 1): Promise<ProbedMessage> {
    const found = await waitFor(() => {
      const messages = this.probe.ofType(type, conferenceId);
      return messages.length >= count ? messages : undefined;
    }, 15000);
    return found[count - 1];
  }

  /** documents.events as the documents service would publish it. */
  async publishPlanCirculated(conferenceId: string): Promise<void> {
    const envelope = createEnvelope('/cpc/documents', EventCatalogue.PlanCirculated.schemaVersion, {
      type: 'PlanCirculated',
      conferenceId,
      localAuthority: this.la,
      data: {
        conferenceId,
        circulationId: randomUUID(),
        planId: randomUUID(),
        planVersion: 1,
        circulatedAt: new Date().toISOString(),
        results: [],
        complete: true,
      },
    });
    const publisher = await new ContractEventPublisher('conference-int-spec').start();
    try {
      await publisher.publish(Topics.documents, envelope);
    } finally {
      await publisher.stop();
    }
  }

  /**
   * Every line the service logs from now on, exactly as written to stdout (after serializers and
   * redaction), until `stop()`. Lines are also passed on, so a failing test still shows them.
   */
  captureLogs(): { lines: string[]; text(): string; stop(): void } {
    const logger = this.service.app.get<pino.Logger>(SERVICE_LOGGER);
    const stream = (logger as unknown as Record<symbol, { write(line: string): unknown }>)[pino.symbols.streamSym];
    const original = stream.write;
    const lines: string[] = [];
    stream.write = function (line: string) {
      lines.push(line);
      return original.call(this, line);
    };
    return { lines, text: () => lines.join(''), stop: () => void (stream.write = original) };
  }

  async row(id: string) {
    const [row] = await queryService<Record<string, any>>('conference', 'SELECT * FROM conferences WHERE id = $1', [id]);
    return row;
  }
}

// The environment's Kafka settings (TLS, SASL if set): plaintext, the tests' broker 127.0.0.1:9192 (test/setup-integration.ts) unless told.
const kafka = createKafka(kafkaSettingsFromEnvironment('conference-int-spec'));

/** A new group would replay documents.events from the beginning: start it at the end instead. */
async function groupAtEnd(groupId: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(Topics.documents);
  await admin.setOffsets({
    groupId,
    topic: Topics.documents,
    partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })),
  });
  await admin.disconnect();
}
