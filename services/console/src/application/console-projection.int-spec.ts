import { Client } from 'pg';
import request from 'supertest';
import { waitFor } from '../../../../test/support';
import { conferenceStory, EventPublisher, startConsole } from '../../test/console-harness';

const LA = 'LBHF';
const TABLES = {
  console_conferences: 'id',
  console_participants: 'participant_id',
  console_deadlines: 'id',
  console_timeline: 'occurred_at, event_id',
  console_circulations: 'id',
  console_circulation_recipients: 'participant_id',
  console_notifications: 'id',
} as const;

/** Every read-model row of one conference, table by table, in a stable order. */
async function rowsOf(conferenceId: string): Promise<Record<string, unknown[]>> {
  // One REPEATABLE READ transaction: every table as of one moment, so an event applied between two
  // reads cannot make the timeline look complete while a deadline read just before it is missing.
  const client = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/cpc_console_test' });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot: Record<string, unknown[]> = {};
    for (const [table, order] of Object.entries(TABLES)) {
      const column = table === 'console_conferences' ? 'id' : 'conference_id';
      snapshot[table] = (await client.query(`SELECT * FROM ${table} WHERE ${column} = $1 ORDER BY ${order}`, [conferenceId])).rows;
    }
    await client.query('COMMIT');
    return snapshot;
  } finally {
    await client.end();
  }
}

async function duplicatesCounted(url: string): Promise<number> {
  const metrics = (await request(url).get('/metrics')).text;
  return [...metrics.matchAll(/events_consumed_total\{[^}]*outcome="duplicate"[^}]*\} (\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
}

// Issue 14 "Projection tests": real Kafka and PostgreSQL, events published as the outbox relay publishes them.
describe('console projection of the four topics', () => {
  let publisher: EventPublisher;

  beforeAll(async () => {
    publisher = await new EventPublisher().start();
  });
  afterAll(async () => {
    await publisher.stop();
  });

  it('projects a conference from every topic, applies a redelivered event once, and a rebuild from the beginning equals the live rows', async () => {
    const live = await startConsole();
    const story = conferenceStory(publisher, LA, { chairUserId: 'chris.chair', strategyDiscussionAt: '2026-11-30T10:15:00Z' });
    let snapshot: Record<string, unknown[]>;
    try {
      await publisher.send(...story.events);
      const known = story.events.length - 1; // the last one is of a type no catalogue knows
      snapshot = await waitFor(async () => {
        const rows = await rowsOf(story.conferenceId);
        return rows.console_timeline.length === known && rows.console_notifications.length === 1 && rows;
      }, 30000);

      const [conference] = snapshot.console_conferences as any[];
      expect(conference).toMatchObject({
        local_authority: LA,
        kind: 'ICPC',
        status: 'SCHEDULED',
        chair_name: story.chairName,
        children: ['Amy Stone'],
        strategy_discussion_at: new Date('2026-11-30T10:15:00Z'),
      });
      // Ordered per conference: the timeline reads in the order the events happened, across the four topics.
      expect((snapshot.console_timeline as any[]).map((t) => t.type)).toEqual(story.events.slice(0, known).map((e) => e.type));
      const deadlines = Object.fromEntries((snapshot.console_deadlines as any[]).map((d) => [d.id, d]));
      expect(deadlines[story.deadlines.overdue]).toMatchObject({
        rule: 'R-PREP-1',
        status: 'BREACHED',
        responsible: ['CHAIR', 'SOCIAL_WORKER'],
      });
      expect(deadlines[story.deadlines.police]).toMatchObject({ rule: 'R-PREP-3', status: 'PENDING', responsible: ['PROFESSIONAL'] });
      const recipients = Object.fromEntries((snapshot.console_circulation_recipients as any[]).map((r) => [r.participant_id, r]));
      expect(recipients[story.ids.parent]).toMatchObject({ status: 'HELD', reason_code: 'HELD_CONTACT_UNCONFIRMED' });
      expect(recipients[story.ids.sw]).toMatchObject({ status: 'SENT' });
      expect(snapshot.console_notifications[0]).toMatchObject({
        status: 'FAILED',
        failure: 'PERMANENT',
        recipient_masked: 's***@c***.example',
      });

      // Contacts are masked before they are stored: no family email, mobile or address anywhere in the read model.
      // The chair's user id is kept with the participant: "my conferences" on Today match on it.
      expect((snapshot.console_participants as any[]).find((p) => p.participant_id === story.ids.chair)).toMatchObject({
        role: 'CHAIR',
        user_id: 'chris.chair',
      });
      const parent = (snapshot.console_participants as any[]).find((p) => p.participant_id === story.ids.parent);
      expect(parent).toMatchObject({ email_masked: 'p***@f***.example', mobile_masked: '+44*******123' });
      const stored = JSON.stringify(snapshot);
      for (const secret of ['pat.stone', 'family-mail', '900123', '7700', 'Secret Road', 'W6 0AA', '2018-04-02'])
        expect(stored).not.toContain(secret);

      // Redelivery: the same events again (same ids). The inbox counts each as a duplicate and nothing changes.
      const before = await duplicatesCounted(live.url);
      await publisher.send(...story.events.slice(0, known));
      await waitFor(async () => (await duplicatesCounted(live.url)) - before >= known, 30000);
      expect(await rowsOf(story.conferenceId)).toEqual(snapshot);
    } finally {
      await live.close();
    }

    // Rebuild: empty the read model, rewind the same group to the beginning of every topic, replay.
    const rebuilt = await startConsole({ groupId: live.groupId, rebuild: true });
    try {
      expect((await rowsOf(story.conferenceId)).console_timeline.length).toBeLessThan(snapshot.console_timeline.length);
      const replayed = await waitFor(
        async () => {
          const rows = await rowsOf(story.conferenceId);
          return JSON.stringify(rows) === JSON.stringify(snapshot) && rows;
        },
        90000,
        250,
      );
      expect(replayed).toEqual(snapshot);
    } finally {
      await rebuilt.close();
    }
  }, 180000);
});
