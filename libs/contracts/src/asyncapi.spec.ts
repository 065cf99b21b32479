import 'reflect-metadata';
import { Parser } from '@asyncapi/parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { Kafka } from 'cloudevents';
import { buildAsyncApi, payloadSchema } from './asyncapi';
import { EXAMPLE_CONFERENCE_ID } from './asyncapi-examples';
import { EventCatalogue } from './catalogue';
import { CLOUDEVENTS_JSON, EventHeaders } from './envelope';
import { ConferenceScheduled } from './events/conference.events';
import { deadLetterTopic, TOPIC_PARTITIONS, Topics } from './topics';
import { validateEnvelope } from './validate-envelope';

type Schema = Record<string, any>;
interface Message {
  headers: Schema;
  payload: Schema;
  bindings: { kafka: { key: Schema } };
  examples: { name: string; headers: Record<string, string>; payload: any }[];
}
interface Channel {
  address: string;
  messages: Record<string, unknown>;
  bindings: { kafka: { topic: string; partitions: number } };
}

describe('AsyncAPI document generated from the event catalogue', () => {
  const document = buildAsyncApi() as { channels: Record<string, Channel>; components: { messages: Record<string, Message> } };
  const eventTypes = Object.keys(EventCatalogue);
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));

  it('lists every event type of the catalogue as a message on its owning topic', () => {
    const listed = Object.values(document.channels)
      .filter((channel) => !channel.address.endsWith('.dlt'))
      .flatMap((channel) => Object.keys(channel.messages));
    expect(listed.sort()).toEqual(eventTypes.sort());
    for (const [type, definition] of Object.entries(EventCatalogue)) {
      const channel = Object.values(document.channels).find((c) => type in c.messages);
      expect(channel?.address).toBe(definition.topic);
    }
  });

  it('describes a payload from its validators: types, enums, optional fields, nested arrays, dates and instants', () => {
    const schema = payloadSchema(ConferenceScheduled) as { properties: Record<string, Schema>; required: string[] };
    expect(schema.properties.conferenceId).toEqual({ type: 'string', format: 'uuid' });
    expect(schema.properties.kind).toEqual({ enum: ['ICPC', 'RCPC'] });
    expect(schema.required).toContain('scheduledStart');
    expect(schema.required).not.toContain('strategyDiscussionAt');
    expect(schema.properties.children.type).toBe('array');
    // A child's date of birth is a calendar date (2018-04-02), which IsISO8601 accepts and the schema must too.
    const dateOfBirth = ajv.compile(schema.properties.children.items.properties.dateOfBirth);
    expect([dateOfBirth('2018-04-02'), dateOfBirth('2026-12-01T10:00:00.000Z'), dateOfBirth('next tuesday')]).toEqual([true, true, false]);
  });

  it('gives every topic and its dead-letter twin a Kafka channel binding with the partitions topics are created with', () => {
    for (const topic of Object.values(Topics)) {
      for (const address of [topic, deadLetterTopic(topic)]) {
        const channel = Object.values(document.channels).find((c) => c.address === address);
        expect(channel?.bindings.kafka).toMatchObject({ topic: address, partitions: TOPIC_PARTITIONS });
      }
    }
    expect((buildAsyncApi({ partitions: 12 }) as typeof document).channels['conference-events'].bindings.kafka.partitions).toBe(12);
  });

  it('declares the Kafka key (conference id) and the structured-mode content-type header of every event message', () => {
    for (const type of eventTypes) {
      const message = document.components.messages[type];
      expect(message.bindings.kafka.key).toMatchObject({ type: 'string', format: 'uuid' });
      expect(message.headers.required).toContain(EventHeaders.contentType);
      expect(message.headers.properties[EventHeaders.contentType]).toMatchObject({ const: CLOUDEVENTS_JSON });
    }
  });

  it('has the dead-letter topics as channels carrying the x-dead-letter-* reason headers', () => {
    const deadLetter = document.components.messages.DeadLetter;
    for (const header of [
      'x-dead-letter-reason',
      'x-dead-letter-source-topic',
      'x-dead-letter-source-partition',
      'x-dead-letter-source-offset',
    ]) {
      expect(deadLetter.headers.required).toContain(header);
    }
    const dlt = Object.values(document.channels).filter((c) => c.address.endsWith('.dlt'));
    expect(dlt.map((c) => c.address).sort()).toEqual(Object.values(Topics).map(deadLetterTopic).sort());
    for (const channel of dlt) expect(Object.keys(channel.messages)).toEqual(['DeadLetter']);
  });

  it.each([...eventTypes, 'DeadLetter'])('%s has an example whose payload and headers validate against its own schemas', (type) => {
    const message = document.components.messages[type];
    expect(message.examples.length).toBeGreaterThan(0);
    for (const example of message.examples) {
      const payload = ajv.compile(message.payload);
      const headers = ajv.compile(message.headers);
      expect({ payload: payload(example.payload), errors: payload.errors ?? [] }).toEqual({ payload: true, errors: [] });
      expect({ headers: headers(example.headers), errors: headers.errors ?? [] }).toEqual({ headers: true, errors: [] });
    }
  });

  it.each(eventTypes)('the %s example is a valid event for our consumers and for the CloudEvents SDK', (type) => {
    const [example] = document.components.messages[type].examples;
    expect(validateEnvelope(example.payload)).toMatchObject({ ok: true, known: true, type });
    const event = Kafka.toEvent({
      key: EXAMPLE_CONFERENCE_ID,
      headers: example.headers,
      value: JSON.stringify(example.payload),
      body: undefined,
    });
    expect(Array.isArray(event)).toBe(false);
    expect(!Array.isArray(event) && event.validate()).toBe(true);
  });

  it('is a valid AsyncAPI 3.0 document for the AsyncAPI parser (no errors, no warnings)', async () => {
    const diagnostics = await new Parser().validate(JSON.stringify(buildAsyncApi()));
    const shown = diagnostics.map((d) => `${['error', 'warning', 'info', 'hint'][d.severity]} ${d.code} ${d.path.join('.')}: ${d.message}`);
    expect(shown.filter((line) => /^(error|warning)/.test(line))).toEqual([]);
  });
});
