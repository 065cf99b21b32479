import { randomUUID } from 'node:crypto';
import { createEnvelope, EventCatalogue, validateEnvelope, ALL_TOPICS, Topics } from './index';

const conferenceId = randomUUID();
const scheduled = () =>
  createEnvelope('/cpc/conference', 1, {
    type: 'ConferenceScheduled',
    conferenceId,
    localAuthority: 'LBHF',
    data: {
      conferenceId,
      kind: 'ICPC',
      localAuthority: 'LBHF',
      scheduledStart: '2026-12-01T10:00:00.000Z',
      durationMinutes: 90,
      participationOption: 'FULL',
      children: [{ childId: randomUUID(), firstName: 'Amy', lastName: 'Stone', dateOfBirth: '2018-04-02' }],
      warnings: [],
    },
  });

describe('event envelope', () => {
  it('is a CloudEvents 1.0 envelope whose subject is the conference id', () => {
    const envelope = scheduled();
    expect(envelope).toMatchObject({ specversion: '1.0', type: 'ConferenceScheduled', subject: conferenceId, schemaversion: 1 });
    expect(validateEnvelope(envelope)).toMatchObject({ ok: true, known: true });
  });

  it('refuses a payload that breaks its class, naming the field', () => {
    const envelope = scheduled();
    (envelope.data as Record<string, unknown>).participationOption = 'HALF';
    const check = validateEnvelope(envelope);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.errors.join()).toMatch(/data\.participationOption/);
  });

  it('refuses what is not an envelope', () => {
    expect(validateEnvelope('{not json')).toEqual({ ok: false, errors: ['message is not a JSON object'] });
    expect(validateEnvelope({ specversion: '0.3' }).ok).toBe(false);
  });

  it('accepts an unknown type as valid but not known', () => {
    const envelope = { ...scheduled(), type: 'SomethingNew' };
    expect(validateEnvelope(envelope)).toMatchObject({ ok: true, known: false });
  });

  it('refuses a payload whose conferenceId differs from the subject', () => {
    const envelope = { ...scheduled(), subject: randomUUID() };
    expect(validateEnvelope(envelope).ok).toBe(false);
  });

  it('holds every attribute to CloudEvents 1.0: lower-case names, RFC 3339 time, JSON data, URI dataschema, partitionkey = subject', () => {
    const envelope = scheduled();
    expect(envelope).toMatchObject({ datacontenttype: 'application/json', partitionkey: conferenceId });
    expect(envelope.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const errorsOf = (changes: Record<string, unknown>) => {
      const check = validateEnvelope({ ...envelope, ...changes });
      return check.ok ? [] : check.errors;
    };
    expect(errorsOf({ schemaVersion: 1 })).toEqual(['attribute "schemaVersion" must be lower-case letters and digits']);
    expect(errorsOf({ time: '01/12/2026 10:00' })).toEqual(['time must be an RFC 3339 date-time']);
    expect(errorsOf({ time: '2026-12-01T10:00:00' })).toEqual(['time must be an RFC 3339 date-time']);
    expect(errorsOf({ time: '2026-12-01T10:00:00+01:00' })).toEqual([]);
    expect(errorsOf({ datacontenttype: 'text/plain' })).toEqual(['datacontenttype must be application/json']);
    expect(errorsOf({ dataschema: 'schemas/ConferenceScheduled' })).toEqual(['dataschema must be an absolute URI']);
    expect(errorsOf({ dataschema: 'urn:cpc:ConferenceScheduled:1' })).toEqual([]);
    expect(errorsOf({ partitionkey: randomUUID() })).toEqual(['partitionkey must equal subject']);
    // An envelope written before partitionkey existed is still valid (outbox rows and topics hold them).
    const { partitionkey: _dropped, ...older } = envelope;
    expect(validateEnvelope(older)).toMatchObject({ ok: true, known: true });
  });

  it('names the three events the brief requires, each on its owner topic with a dead-letter twin', () => {
    expect(EventCatalogue.ConferenceScheduled.topic).toBe(Topics.conference);
    expect(EventCatalogue.ReportShared.topic).toBe(Topics.documents);
    expect(EventCatalogue.PlanCirculated.topic).toBe(Topics.documents);
    expect(ALL_TOPICS).toContain('documents.events.dlt');
  });
});
