import 'reflect-metadata';
import { EXAMPLE_CONFERENCE_ID } from '../asyncapi-examples';
import { EventCatalogue, type EventType } from '../catalogue';
import type { CirculationRecipient, PlanCirculated } from '../events/documents.events';
import type { ParticipantSnapshot } from '../events/conference.events';
import { EventExamples } from './index';

// Issue 12: the AsyncAPI examples read as one real case (story.ts), not as values filled in from the schema.
const types = Object.keys(EventCatalogue) as EventType[];

/** Every string in a value, with its path. */
function strings(value: unknown, path = 'data'): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => strings(item, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => strings(item, `${path}.${key}`));
  return [];
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Instants that say when the event itself happened (not a due date or a start still to come). */
const HAPPENED = ['at', 'completedAt', 'concludedAt', 'heldAt', 'submittedAt', 'sharedAt', 'metAt', 'breachedAt', 'circulatedAt'];

describe('AsyncAPI examples (event-examples)', () => {
  it.each(types)('%s belongs to the example conference and has no placeholder text', (type) => {
    const { data } = EventExamples[type] as { data: { conferenceId: string } };
    expect(data.conferenceId).toBe(EXAMPLE_CONFERENCE_ID);
    expect(strings(data).filter(([, text]) => /^example\b|lorem|foo|bar\b/i.test(text))).toEqual([]);
  });

  it.each(types)('%s is sent at or after what it reports happened', (type) => {
    const { time, data } = EventExamples[type];
    expect(time).toMatch(INSTANT);
    const happened = Object.entries(data).filter(([key]) => HAPPENED.includes(key));
    for (const [key, instant] of happened) expect({ [key]: Date.parse(instant as string) <= Date.parse(time) }).toEqual({ [key]: true });
  });

  it('R-POST-3, R-CONTACT: PlanCirculated shows no PENDING recipient, a reason for each HELD or FAILED one, and is complete only when all are SENT', () => {
    const { results, complete } = EventExamples.PlanCirculated.data as PlanCirculated;
    for (const recipient of results) {
      expect(recipient.status).not.toBe('PENDING');
      if (recipient.status === 'SENT') expect(recipient).not.toHaveProperty('reasonCode');
      else expect(recipient).toMatchObject({ reasonCode: expect.any(String), reason: expect.any(String) });
      expect(recipient.deliveryIds.length).toBeGreaterThan(0);
    }
    expect(results.find((r) => r.recipientRole === 'PARENT' && r.status === 'HELD')?.reasonCode).toBe('HELD_CONTACT_UNCONFIRMED');
    expect(results.filter((r) => r.recipientRole === 'PROFESSIONAL').every((r) => r.status === 'SENT')).toBe(true);
    expect(complete).toBe(results.every((r) => r.status === 'SENT'));
  });

  it('every recipient of the circulation is a participant of the conference, in the role it holds there', () => {
    const scheduled = EventExamples.ConferenceScheduled.data as { participants: ParticipantSnapshot[] };
    const added = EventExamples.ParticipantAdded.data as { participant: ParticipantSnapshot };
    const roles = new Map([...scheduled.participants, added.participant].map((p) => [p.participantId, p.role]));
    const recipients: CirculationRecipient[] = [
      ...(EventExamples.PlanCirculated.data as PlanCirculated).results,
      (EventExamples.CirculationRecipientUpdated.data as { recipient: CirculationRecipient }).recipient,
    ];
    for (const recipient of recipients) expect(roles.get(recipient.participantId)).toBe(recipient.recipientRole);
  });
});
