import { EventCatalogue } from '@cpc/contracts';
import { timelineWordsOf, words } from './timeline-words';

// One value for each field any payload has, so an unset field in the words shows as "undefined".
const when = '2026-12-01T10:00:00Z';
const EVERY_FIELD = {
  ...{ status: 'SCHEDULED', kind: 'ICPC', description: 'Police report', dueAt: when, previousDueAt: when, metAt: when },
  ...{ scheduledStart: when, previousStart: when, participationOption: 'FULL', reason: 'Chair unwell', step: 'R-PREP-7' },
  ...{ participant: { role: 'PARENT', firstName: 'Ann', lastName: 'Stone' }, decision: 'Plan needed', increasedRisk: false },
  ...{ sensitiveCase: false, responsible: ['CHAIR'], remind: ['CHAIR'], alert: ['CHAIR'], version: 1, agency: 'Police' },
  ...{ reportKind: 'POLICE', reportVersion: 1, audience: 'FAMILY', late: false, recipientRole: 'PARENT', channel: 'EMAIL' },
  ...{ results: [], complete: true, recipient: { recipientRole: 'PARENT', status: 'SENT' }, template: 'PLAN_DELIVERY' },
  ...{ recipientMasked: 'j***@e***.org', failure: 'PERMANENT' },
};

describe('timeline in plain words', () => {
  it('describes every event type of the catalogue with a title of its own', () => {
    for (const type of Object.keys(EventCatalogue)) {
      const line = timelineWordsOf(type, EVERY_FIELD);
      expect(line.title).toBeTruthy();
      expect(line.detail).not.toContain('undefined');
      expect(line.detail).not.toContain('Invalid Date');
    }
  });

  it('says a breach in words with the rule, when it was due and who was alerted', () => {
    const line = timelineWordsOf('DeadlineBreached', {
      kind: 'R-PREP-3',
      description: 'Police report reaches the social worker',
      dueAt: '2026-12-01T10:00:00Z',
      alert: ['CHAIR', 'TEAM_MANAGER'],
    });
    expect(line).toEqual({
      category: 'deadline',
      title: 'Deadline breached: R-PREP-3',
      detail: 'Police report reaches the social worker. Was due Tue 1 Dec 2026, 10:00; alerted: Chair and team manager.',
    });
  });

  it('summarises a circulation by recipient state, never by contact', () => {
    const line = timelineWordsOf('PlanCirculated', {
      complete: false,
      results: [{ status: 'SENT' }, { status: 'SENT' }, { status: 'HELD' }],
    });
    expect(line.title).toBe('Plan circulated, not to everyone');
    expect(line.detail).toBe('3 recipients: 2 sent, 1 held.');
  });

  it('still gives a line for a type it does not know', () => {
    expect(timelineWordsOf('HearingBooked', {}).title).toBe('Hearing booked');
    expect(words('HELD_CONTACT_UNCONFIRMED')).toBe('Held contact unconfirmed');
  });
});
