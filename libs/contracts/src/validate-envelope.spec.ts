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

  it('names the three events the brief requires, each on its owner topic with a dead-letter twin', () => {
    expect(EventCatalogue.ConferenceScheduled.topic).toBe(Topics.conference);
    expect(EventCatalogue.ReportShared.topic).toBe(Topics.documents);
    expect(EventCatalogue.PlanCirculated.topic).toBe(Topics.documents);
    expect(ALL_TOPICS).toContain('documents.events.dlt');
  });
});
