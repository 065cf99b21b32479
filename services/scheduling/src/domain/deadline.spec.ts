import type { ConferenceTiming } from './conference-timing';
import { breachIfDue, meetDeadline, openDeadline, remindIfDue, replanDeadline, standDownDeadline, type Deadline } from './deadline';
import type { DeadlineSchedule } from './deadline-schedule';

const at = (iso: string) => new Date(iso);
const NOW = at('2026-11-20T12:00:00Z');

const conference: ConferenceTiming = {
  conferenceId: '00000000-0000-4000-8000-000000000001',
  localAuthority: 'LBHF',
  scheduledStart: at('2026-12-01T10:00:00Z'),
  participationOption: 'FULL',
  stage: 'SCHEDULED',
  concludedAt: null,
  contingencyAt: null,
  contingencyTasks: [],
};

function schedule(dueAt: string, reminders: string[] = []): DeadlineSchedule {
  return {
    kind: 'R-PREP-3',
    description: 'Police report reaches the SW, 24 hours before the start',
    dueAt: at(dueAt),
    reminders: reminders.map((r) => ({ at: at(r), remind: ['PROFESSIONAL'] })),
    alert: ['CHAIR', 'TEAM_MANAGER'],
    responsible: ['PROFESSIONAL'],
    conferenceStart: conference.scheduledStart,
  };
}

/** A pending deadline, placed a while before NOW (so one due before NOW is overdue, not born breached). */
const open = (dueAt = '2026-11-30T10:00:00Z', reminders = ['2026-11-29T10:00:00Z']): Deadline =>
  openDeadline('d-1', conference, schedule(dueAt, reminders), at('2026-11-01T00:00:00Z'), null).deadline;

describe('a deadline', () => {
  it('is scheduled PENDING at version 1 with its reminders planned', () => {
    const change = openDeadline('d-1', conference, schedule('2026-11-30T10:00:00Z', ['2026-11-29T10:00:00Z']), NOW, null);
    expect(change.deadline).toMatchObject({ status: 'PENDING', version: 1 });
    expect(change.deadline.reminders[0].state).toBe('PLANNED');
    expect(change.occurrences).toEqual([{ type: 'DeadlineScheduled' }]);
  });

  it('already past when created is a breach at once, not a crash (ARCHITECTURE.md "Time")', () => {
    const change = openDeadline('d-1', conference, schedule('2026-11-20T11:59:59Z'), NOW, null);
    expect(change.deadline.status).toBe('BREACHED');
    expect(change.occurrences).toEqual([{ type: 'DeadlineBreached', note: 'already past when created' }]);
  });

  it('skips a reminder whose time has already passed rather than sending it late', () => {
    const change = openDeadline(
      'd-1',
      conference,
      schedule('2026-11-21T10:00:00Z', ['2026-11-20T10:00:00Z', '2026-11-21T06:00:00Z']),
      NOW,
      null,
    );
    expect(change.deadline.reminders.map((r) => r.state)).toEqual(['SKIPPED', 'PLANNED']);
  });

  it('is created MET when its step was recorded before the deadline existed', () => {
    const change = openDeadline('d-1', conference, schedule('2026-11-30T10:00:00Z'), NOW, at('2026-11-19T09:00:00Z'));
    expect(change.deadline).toMatchObject({ status: 'MET', metAt: at('2026-11-19T09:00:00Z') });
  });

  it('moves with its conference: new due time, new version, reminders planned again', () => {
    const change = replanDeadline(open(), schedule('2026-12-07T10:00:00Z', ['2026-12-06T10:00:00Z']), NOW, null);
    expect(change?.deadline).toMatchObject({ status: 'PENDING', version: 2, dueAt: at('2026-12-07T10:00:00Z') });
    expect(change?.occurrences).toEqual([{ type: 'DeadlineMoved', previousDueAt: at('2026-11-30T10:00:00Z') }]);
    expect(change?.supersededVersion).toBe(1);
  });

  it('does not change when planned again at the same place', () => {
    expect(replanDeadline(open(), schedule('2026-11-30T10:00:00Z', ['2026-11-29T10:00:00Z']), NOW, null)).toBeNull();
  });

  it('moved into the past is breached at once', () => {
    const change = replanDeadline(open(), schedule('2026-11-20T08:00:00Z'), NOW, null);
    expect(change?.deadline.status).toBe('BREACHED');
    expect(change?.occurrences.map((o) => o.type)).toEqual(['DeadlineMoved', 'DeadlineBreached']);
  });

  it('stands down only while pending, and opens again (new version) when its rule applies again', () => {
    const stoodDown = standDownDeadline(open(), 'conference postponed (R-POSTPONE)', NOW)!;
    expect(stoodDown.deadline).toMatchObject({ status: 'STOOD_DOWN', statusReason: 'conference postponed (R-POSTPONE)' });
    expect(standDownDeadline(stoodDown.deadline, 'again', NOW)).toBeNull();
    const reopened = replanDeadline(stoodDown.deadline, schedule('2026-12-14T10:00:00Z'), NOW, null);
    expect(reopened?.deadline).toMatchObject({ status: 'PENDING', version: 2, stoodDownAt: null, statusReason: null });
  });

  it('breached against the old date opens again when the conference moves later, not when it stays', () => {
    const breached = breachIfDue(open('2026-11-20T11:00:00Z', []), 1, NOW);
    expect(breached.outcome).toBe('acted');
    const deadline = breached.outcome === 'acted' ? breached.change.deadline : open();
    expect(replanDeadline(deadline, schedule('2026-11-20T11:00:00Z'), NOW, null)).toBeNull();
    expect(replanDeadline(deadline, schedule('2026-12-14T10:00:00Z'), NOW, null)?.deadline.status).toBe('PENDING');
  });

  it('once met, stays met whatever happens to the conference', () => {
    const met = meetDeadline(open(), at('2026-11-20T11:00:00Z'), NOW)!.deadline;
    expect(met.status).toBe('MET');
    expect(replanDeadline(met, schedule('2026-12-14T10:00:00Z'), NOW, null)).toBeNull();
    expect(standDownDeadline(met, 'cancelled', NOW)).toBeNull();
    expect(meetDeadline(met, NOW, NOW)).toBeNull();
  });

  it('satisfied after it fell due is a breach noted as met late', () => {
    const overdue = open('2026-11-20T11:00:00Z', []);
    const change = meetDeadline(overdue, at('2026-11-20T11:30:00Z'), NOW)!;
    expect(change.deadline.status).toBe('BREACHED');
    expect(change.occurrences).toEqual([{ type: 'DeadlineBreached', note: 'met late at 2026-11-20T11:30:00.000Z' }]);
  });
});

describe('a wake-up (BullMQ as wake-up only)', () => {
  it('breaches a pending deadline of its version once it is due', () => {
    const result = breachIfDue(open('2026-11-20T11:00:00Z', []), 1, NOW);
    expect(result.outcome).toBe('acted');
    if (result.outcome === 'acted') expect(result.change.occurrences).toEqual([{ type: 'DeadlineBreached', note: null }]);
  });

  it('of an older version never acts (the deadline moved)', () => {
    const moved = replanDeadline(open(), schedule('2026-11-20T11:00:00Z'), at('2026-11-20T10:00:00Z'), null)!.deadline;
    expect(breachIfDue(moved, 1, NOW)).toEqual({ outcome: 'stale' });
  });

  it('before the due time does nothing yet, and after a settlement does nothing at all', () => {
    expect(breachIfDue(open(), 1, NOW)).toEqual({ outcome: 'early' });
    const met = meetDeadline(open(), NOW, NOW)!.deadline;
    expect(breachIfDue(met, 1, at('2026-12-01T00:00:00Z'))).toEqual({ outcome: 'settled' });
  });

  it('sends a reminder once, and none after the step was recorded', () => {
    const deadline = open('2026-11-30T10:00:00Z', ['2026-11-29T10:00:00Z']);
    const reminderTime = at('2026-11-29T10:00:01Z');
    const first = remindIfDue(deadline, 1, 0, reminderTime);
    expect(first.outcome).toBe('acted');
    const sent = first.outcome === 'acted' ? first.change.deadline : deadline;
    expect(sent.reminders[0]).toMatchObject({ state: 'SENT', sentAt: reminderTime });
    expect(remindIfDue(sent, 1, 0, reminderTime)).toEqual({ outcome: 'settled' });
    const met = meetDeadline(deadline, NOW, NOW)!.deadline;
    expect(remindIfDue(met, 1, 0, reminderTime)).toEqual({ outcome: 'settled' });
  });
});
