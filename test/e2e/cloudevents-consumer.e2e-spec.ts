import type { ConferenceComponents } from '@cpc/client';
import { buildAsyncApi, createEnvelope, Topics } from '@cpc/contracts';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { CloudEvent, Kafka as CloudEventsKafka, type KafkaMessage } from 'cloudevents';
import { randomUUID } from 'node:crypto';
import {
  clientsOf,
  conferenceRequest,
  ContractEventPublisher,
  queryService,
  startStack,
  TopicProbe,
  waitFor,
  type ProbedMessage,
  type Stack,
} from '../support';

// Issue 12 item 1: an integrator's consumer built on the official CloudEvents SDK's Kafka binding reads
// every event the services really publish, and each matches the AsyncAPI document. Issue 11 item 4: an
// unknown type reaching the real services is counted by type on /metrics.
jest.setTimeout(120_000);

const asyncApi = buildAsyncApi() as { components: { messages: Record<string, { payload: object }> } };
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));

/** What an integrator writes: the Kafka record as kafkajs gives it (headers as strings) into the SDK. */
function decode(message: ProbedMessage): CloudEvent<unknown> {
  const record: KafkaMessage<string> = { key: message.key ?? '', headers: message.headers, value: message.value ?? '', body: undefined };
  const event = CloudEventsKafka.toEvent<unknown>(record);
  if (Array.isArray(event)) throw new Error('batch mode is not used');
  // The SDK's Deserializer is typed to give the CloudEventV1 interface; what it gives is a CloudEvent, which validates.
  if (!(event instanceof CloudEvent)) throw new Error('the SDK gave no CloudEvent');
  event.validate();
  return event;
}

describe('a standard CloudEvents consumer reads every event the services publish', () => {
  let stack: Stack;
  let probe: TopicProbe;
  const publisher = new ContractEventPublisher('e2e-cloudevents');

  beforeAll(async () => {
    stack = await startStack();
    probe = await new TopicProbe(Object.values(Topics)).start();
    await publisher.start();
  });
  afterAll(async () => {
    await publisher.stop();
    await probe?.stop();
    await stack?.close();
  });

  it('decodes, validates and keys by conference every event of a conference across the four services with the official SDK', async () => {
    // Through the typed client (@cpc/client), as an integrator would: what the compiler checks is what answers.
    const conference = (roles: Parameters<typeof clientsOf>[1]) => clientsOf(stack, roles).conference;
    const body: ConferenceComponents['schemas']['ScheduleConferenceDto'] = {
      kind: 'ICPC',
      localAuthority: 'LBHF',
      children: [{ firstName: 'Amy', lastName: 'Stone', dateOfBirth: '2018-04-02' }],
      scheduledStart: new Date(Date.now() + 96 * 3600_000).toISOString(),
      durationMinutes: 90,
      participants: [{ role: 'CHAIR', firstName: 'Clara', lastName: 'Chairwoman', email: 'chair@council.example' }],
    };
    const scheduled = await conference(['CHAIR']).POST('/api/v1/conferences', { body, headers: { 'Idempotency-Key': randomUUID() } });
    expect(scheduled.response.status).toBe(201);
    const conferenceId = scheduled.data!.id;
    const added = await conference(['SOCIAL_WORKER']).POST('/api/v1/conferences/{id}/participants', {
      params: { path: { id: conferenceId } },
      body: { role: 'PROFESSIONAL', firstName: 'Pat', lastName: 'Police', email: 'pat.police@police.example' },
    });
    expect(added.response.status).toBe(201);
    // documents learns of the conference from Kafka: its client asks it to wait for it (Prefer: wait=10), so no
    // polling here. The police report then meets R-PREP-3 in scheduling.
    const { documents } = clientsOf(stack, ['PROFESSIONAL'], { preferWaitSeconds: 10 });
    const report = await documents.POST('/api/v1/conferences/{id}/reports', {
      params: { path: { id: conferenceId } },
      body: { kind: 'POLICE', sections: [{ heading: 'Summary', text: 'Police attended once.', classification: 'OPEN' }] },
    });
    expect({ status: report.response.status, error: report.error }).toEqual({ status: 201, error: undefined });

    const expected = ['ConferenceScheduled', 'ParticipantAdded', 'DeadlineScheduled', 'ReportSubmitted', 'DeadlineMet'];
    await waitFor(() => expected.every((type) => probe.ofType(type, conferenceId).length > 0), 60_000, 200);
    await new Promise((resolve) => setTimeout(resolve, 2000)); // stragglers (notifications) arrive too

    const messages = probe.forConference(conferenceId);
    const types = new Set<string>();
    for (const message of messages) {
      const event = decode(message);
      types.add(event.type);
      expect({ type: event.type, subject: event.subject, key: message.key, partitionkey: event.partitionkey }).toEqual({
        type: message.json.type,
        subject: conferenceId,
        key: conferenceId,
        partitionkey: conferenceId,
      });
      expect(event.specversion).toBe('1.0');
      expect(event.data).toEqual(message.json.data);
      expect(message.headers['content-type']).toBe('application/cloudevents+json; charset=UTF-8');
      // The published contract describes what is really sent.
      const schema = asyncApi.components.messages[event.type]?.payload;
      expect(schema).toBeDefined();
      const valid = ajv.validate(schema!, message.json);
      expect({ type: event.type, errors: valid ? [] : ajv.errors }).toEqual({ type: event.type, errors: [] });
    }
    expect([...types].sort()).toEqual(expect.arrayContaining(expected.sort()));
    // Printed for the record: how many real messages, of which types, went through the SDK.
    console.log(
      `CloudEvents SDK decoded ${messages.length} of ${messages.length} messages of conference ${conferenceId}: ${[...types].sort().join(', ')}`,
    );
  });

  it('counts an unknown event type on every consuming service, by type, and still handles what follows', async () => {
    const type = `CaseTransferred${randomUUID().slice(0, 8)}`;
    const conferenceId = randomUUID();
    const unknown = createEnvelope('/cpc/conference', 1, { type, conferenceId, localAuthority: 'LBHF', data: { conferenceId } });
    // A well-formed CloudEvent of a type the catalogue does not know yet, sent as the relay sends any event.
    await publisher.publish(
      Topics.conference,
      [0, 1].map(() => ({ ...unknown, id: randomUUID() })),
    );
    const clients = clientsOf(stack);
    const scrapes = [
      () => clients.scheduling.GET('/metrics', { parseAs: 'text' }),
      () => clients.documents.GET('/metrics', { parseAs: 'text' }),
      () => clients.notifications.GET('/metrics', { parseAs: 'text' }),
    ];
    for (const scrape of scrapes) {
      await waitFor(async () => {
        const { data: metrics } = await scrape();
        return new RegExp(`events_consumed_total\\{[^}]*type="${type}"[^}]*outcome="unknown"[^}]*\\} 2`).test(metrics ?? '');
      }, 30_000);
    }
    const next = await clientsOf(stack, ['CHAIR']).conference.POST('/api/v1/conferences', { body: conferenceRequest(80) });
    expect({ status: next.response.status, error: next.error }).toEqual({ status: 201, error: undefined });
    await waitFor(
      async () => (await queryService('documents', 'SELECT 1 FROM case_identities WHERE conference_id = $1', [next.data!.id])).length === 1,
    );
  });
});
