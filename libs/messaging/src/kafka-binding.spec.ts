import {
  CLOUDEVENTS_JSON,
  createEnvelope,
  EventCatalogue,
  EventHeaders,
  exampleOf,
  payloadSchema,
  structuredModeHeaders,
  validateEnvelope,
  type EventType,
} from '@cpc/contracts';
import { CloudEvent, Kafka } from 'cloudevents';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { decodeKafkaMessage } from './kafka-binding';

/** A message of one catalogue type as the outbox relay sends it: value = the JSON envelope, headers from the relay's builder. */
function published(type: EventType, options: { correlationId?: string; time?: Date } = {}) {
  const definition = EventCatalogue[type];
  const conferenceId = randomUUID();
  const data = { ...(exampleOf(payloadSchema(definition.payload)) as object), conferenceId };
  const envelope = createEnvelope(`/cpc/${definition.topic.split('.')[0]}`, definition.schemaVersion, {
    type,
    conferenceId,
    localAuthority: 'LBHF',
    data,
    ...options,
  });
  return {
    conferenceId,
    envelope,
    message: { key: conferenceId, value: JSON.stringify(envelope), headers: structuredModeHeaders(envelope) },
  };
}

const eventTypes = Object.keys(EventCatalogue) as EventType[];

describe('CloudEvents Kafka protocol binding, structured content mode', () => {
  it.each(eventTypes)(
    '%s as the relay sends it decodes with the official SDK, validates, and has subject = key = conference id',
    (type) => {
      const { conferenceId, envelope, message } = published(type);
      const event = Kafka.toEvent({ ...message, body: undefined });
      if (Array.isArray(event)) throw new Error('a single event is not a batch');
      expect(event.validate()).toBe(true);
      expect(event).toMatchObject({ id: envelope.id, type, source: envelope.source, subject: conferenceId, specversion: '1.0' });
      expect(event.partitionkey).toBe(conferenceId);
      expect(event.data).toEqual(envelope.data);
      // The SDK's strict constructor also checks every extension's name and value against the type system.
      expect(() => new CloudEvent(envelope)).not.toThrow();
      // And our own consumers read the same message as structured, valid, known.
      const decoded = decodeKafkaMessage({ headers: message.headers, value: JSON.parse(message.value) });
      expect(decoded).toMatchObject({ ok: true, mode: 'structured' });
      expect(decoded.ok && validateEnvelope(decoded.event)).toMatchObject({ ok: true, known: true, type });
    },
  );

  it('sends the content-type that selects structured mode, and ce_ copies that equal the value', () => {
    const { envelope, message } = published('ConferenceScheduled', { correlationId: 'req-1' });
    expect(message.headers[EventHeaders.contentType]).toBe('application/cloudevents+json; charset=UTF-8');
    expect(message.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_id: envelope.id,
      ce_type: 'ConferenceScheduled',
      ce_source: '/cpc/conference',
      ce_subject: envelope.subject,
      ce_time: envelope.time,
      'x-correlation-id': 'req-1',
    });
  });

  it('round-trips any time and correlation id through the SDK unchanged (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...eventTypes),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.option(fc.stringMatching(/^[A-Za-z0-9-]{1,64}$/), { nil: undefined }),
        (type, time, correlationId) => {
          const { envelope, message } = published(type, { time, correlationId });
          const event = Kafka.toEvent({ ...message, body: undefined }) as CloudEvent<unknown>;
          expect(event.validate()).toBe(true);
          expect(event.time).toBe(envelope.time);
          expect(event.correlationid).toBe(correlationId);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('shows why the old form failed: without content-type the SDK reads binary mode and finds no source', () => {
    const { envelope, message } = published('ConferenceScheduled');
    const old = { key: message.key, value: message.value, headers: { ce_id: envelope.id, ce_type: envelope.type } };
    expect(() => (Kafka.toEvent({ ...old, body: undefined }) as CloudEvent<unknown>).validate()).toThrow(/invalid payload/);
    // Our consumers still read it (a rolling deploy has both forms on the topic).
    const decoded = decodeKafkaMessage({ headers: old.headers, value: JSON.parse(old.value) });
    expect(decoded).toMatchObject({ ok: true, mode: 'legacy' });
    expect(decoded.ok && validateEnvelope(decoded.event)).toMatchObject({ ok: true, known: true });
  });

  it('reads a binary-mode event as the SDK writes it: attributes from ce_ headers, data from the value', () => {
    const { envelope } = published('ReportShared');
    const binary = Kafka.binary(new CloudEvent({ ...envelope }));
    // Kafka carries header values as bytes: what a consumer sees is each defined header as a string.
    const headers = Object.fromEntries(
      Object.entries(binary.headers)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    );
    const decoded = decodeKafkaMessage({ headers, value: JSON.stringify(binary.value) });
    expect(decoded).toMatchObject({ ok: true, mode: 'binary' });
    const check = decoded.ok ? validateEnvelope(decoded.event) : decoded;
    expect(check.ok ? check : check.errors).toMatchObject({ ok: true, known: true, type: 'ReportShared' });
    expect(check.ok && check.envelope).toMatchObject({ id: envelope.id, subject: envelope.subject, schemaversion: 1 });
  });

  it('refuses an event format it cannot read, naming it', () => {
    const decoded = decodeKafkaMessage({ headers: { 'Content-Type': 'application/cloudevents+avro' }, value: 'Obj\u0001' });
    expect(decoded).toEqual({ ok: false, error: expect.stringMatching(/unsupported event format application\/cloudevents\+avro/) });
    expect(CLOUDEVENTS_JSON.toLowerCase()).toMatch(/^application\/cloudevents\+json/);
  });
});
