import {
  createEnvelope,
  EventCatalogue,
  exampleOf,
  payloadSchema,
  structuredModeHeaders,
  Topics,
  type EventEnvelope,
  type EventType,
} from '@cpc/contracts';
import { createLogger, MetricsRegistry } from '@cpc/observability';
import { CloudEvent, Kafka as CloudEventsKafka } from 'cloudevents';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { DeadLetterPublisher } from './dead-letter';
import { EventConsumer, type ReceivedMessage } from './event-consumer';
import { createKafka, kafkaSettingsFromEnvironment } from './kafka-connection';
import { InboxRecord } from './messaging.entities';

// The EventConsumer against the real PostgreSQL (inbox) and Kafka (dead letters): every form of a
// message on a topic during a rolling deploy is applied once, and an unknown type is counted and logged.
jest.setTimeout(60_000);

function envelopeOf(type: string, schemaType: EventType = 'ConferenceScheduled'): EventEnvelope {
  const conferenceId = randomUUID();
  const data = { ...(exampleOf(payloadSchema(EventCatalogue[schemaType].payload)) as object), conferenceId };
  return createEnvelope('/cpc/conference', 1, { type, conferenceId, localAuthority: 'LBHF', data });
}

let offset = 0;
const received = (value: unknown, headers: Record<string, string>, key: string | null = null): ReceivedMessage => ({
  topic: Topics.conference,
  partition: 0,
  offset: String((offset += 1)),
  key,
  value,
  headers,
});
const structured = (envelope: EventEnvelope) => received(envelope, structuredModeHeaders(envelope), envelope.subject);
const legacy = (envelope: EventEnvelope) => received(envelope, { ce_id: envelope.id, ce_type: envelope.type }, envelope.subject);

describe('EventConsumer', () => {
  const consumerName = `consumer-test-${randomUUID().slice(0, 8)}`;
  const lines: string[] = [];
  const logger = createLogger(
    'consumer-test',
    'info',
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  let dataSource: DataSource;
  let deadLetters: DeadLetterPublisher;
  let metrics: MetricsRegistry;
  let consumer: EventConsumer;
  const handled: string[] = [];
  const handlers = {
    ConferenceScheduled: async (envelope: EventEnvelope) => {
      handled.push(envelope.id);
    },
  };

  beforeAll(async () => {
    dataSource = await new DataSource({
      type: 'postgres',
      url: 'postgres://postgres@127.0.0.1:5432/cpc_conference_test',
      entities: [InboxRecord],
    }).initialize();
    deadLetters = new DeadLetterPublisher(createKafka(kafkaSettingsFromEnvironment(consumerName)));
  });
  beforeEach(() => {
    metrics = new MetricsRegistry('consumer-test');
    consumer = new EventConsumer(dataSource, deadLetters, { consumer: consumerName, maxUnknownTypes: 2 }, logger, metrics);
    lines.length = 0;
    handled.length = 0;
  });
  afterAll(async () => {
    await dataSource?.query('DELETE FROM inbox WHERE consumer = $1', [consumerName]);
    await dataSource?.destroy();
    await deadLetters?.close();
  });

  const counted = async (outcome: string) =>
    Object.fromEntries(
      ((await metrics.eventsConsumed.get()).values ?? [])
        .filter((v) => v.labels.outcome === outcome)
        .map((v) => [String(v.labels.type), v.value]),
    );

  it('applies a ConferenceScheduled sent in structured mode, in the old form and in binary mode, each once (rolling deploy)', async () => {
    const forms = [envelopeOf('ConferenceScheduled'), envelopeOf('ConferenceScheduled'), envelopeOf('ConferenceScheduled')];
    const binary = CloudEventsKafka.binary(new CloudEvent({ ...forms[2] }));
    const binaryHeaders = Object.fromEntries(
      Object.entries(binary.headers)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    );
    const messages = [structured(forms[0]), legacy(forms[1]), received(binary.value, binaryHeaders, forms[2].subject)];
    for (const message of [...messages, ...messages]) await consumer.consume(message, handlers);

    expect(handled).toEqual(forms.map((f) => f.id));
    expect(await counted('handled')).toEqual({ ConferenceScheduled: 3 });
    expect(await counted('duplicate')).toEqual({ ConferenceScheduled: 3 });
    const inbox = await dataSource.query('SELECT event_id FROM inbox WHERE consumer = $1 ORDER BY processed_at', [consumerName]);
    expect(inbox.map((r: { event_id: string }) => r.event_id).sort()).toEqual(forms.map((f) => f.id).sort());
  });

  it('issue 11 item 4: counts every unknown type by type (outcome="unknown") and logs each new one once, not per message', async () => {
    for (let i = 0; i < 3; i += 1) await consumer.consume(structured(envelopeOf('CaseTransferred')), handlers);
    for (let i = 0; i < 2; i += 1) await consumer.consume(legacy(envelopeOf('CaseReopened')), handlers);
    await consumer.consume(structured(envelopeOf('CaseMerged')), handlers); // past maxUnknownTypes: counted as "other"
    await consumer.consume(structured(envelopeOf('DeadlineMet', 'DeadlineMet')), handlers); // known, not consumed here

    expect(await counted('unknown')).toEqual({ CaseTransferred: 3, CaseReopened: 2, other: 1 });
    expect(await counted('ignored')).toEqual({ DeadlineMet: 1 });
    const logged = lines.map((line) => JSON.parse(line)).filter((entry) => /unknown event type/.test(entry.msg));
    expect(logged.map((entry) => [entry.type, entry.topic, entry.source, entry.level])).toEqual([
      ['CaseTransferred', Topics.conference, '/cpc/conference', 'warn'],
      ['CaseReopened', Topics.conference, '/cpc/conference', 'warn'],
    ]);
    expect(handled).toEqual([]);
    const inbox = await dataSource.query('SELECT 1 FROM inbox WHERE consumer = $1 AND type <> $2', [consumerName, 'ConferenceScheduled']);
    expect(inbox).toHaveLength(0);
  });

  it('dead-letters an event format it cannot read (application/cloudevents+avro), naming it', async () => {
    await consumer.consume(received('Obj\u0001avro', { 'content-type': 'application/cloudevents+avro' }, randomUUID()), handlers);
    expect(await counted('dead_lettered')).toEqual({ unknown: 1 });
    expect(lines.join('')).toMatch(/unsupported event format application\/cloudevents\+avro/);
  });
});
