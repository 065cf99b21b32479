import { randomUUID } from 'node:crypto';
import { waitFor } from '../../../../test/support';
import { NotificationsHarness, person } from '../../test/notifications-harness';
import { NotificationStore } from '../infrastructure/notification.store';

jest.setTimeout(120_000);
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 13 item 2: with two replicas (or a stalled job run again while its first run is still sending)
 * a message is never sent twice at once: each send claims the row in PostgreSQL first. Real
 * PostgreSQL, Redis, Kafka and the SMTP stand-in.
 */
describe('the send claim', () => {
  const harness = new NotificationsHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  const outage = (method: 'POST' | 'DELETE') =>
    fetch(`${harness.standins.smtp.httpUrl}/control/outage`, {
      method,
      body: method === 'POST' ? JSON.stringify({ seconds: 120 }) : undefined,
    });

  const store = () => harness.service.app.get(NotificationStore);
  /** Takes the message's claim as another worker would (retrying while this service's own retry holds it). */
  const claim = (id: string, generation: number, forMs: number) =>
    waitFor(
      async () => {
        const taken = await store().claimForSending(id, generation, forMs);
        return taken && 'id' in taken ? taken : false;
      },
      20_000,
      50,
    );
  const pendingRow = (participantId: string) =>
    waitFor(async () => {
      const rows = await harness.rows<{ id: string; resends: number; attempts: number }>(
        'SELECT id, resends, attempts FROM notifications WHERE participant_id = $1',
        [participantId],
      );
      return rows[0]?.attempts >= 1 && rows[0];
    });

  it('while one worker holds a message, every other claim is told until when, and a claim for another generation gets nothing', async () => {
    const sw = person('SOCIAL_WORKER', 'Sam', { email: `sam.${randomUUID().slice(0, 6)}@council.example` });
    await outage('POST'); // the invitation stays PENDING while the claims race
    try {
      await harness.schedule([sw]);
      const row = await pendingRow(sw.participantId);
      const won = await claim(row.id, row.resends, 60_000);
      expect(won.id).toBe(row.id);
      const others = await Promise.all(Array.from({ length: 10 }, () => store().claimForSending(row.id, row.resends, 60_000)));
      const busyUntil = others.map((other) => (other && 'busyUntil' in other ? other.busyUntil.getTime() : null));
      expect(busyUntil.every((at) => at !== null && at > Date.now() + 50_000)).toBe(true);
      expect(new Set(busyUntil).size).toBe(1);
      // A message of another generation (held and released since) is not this job's to send.
      expect(await store().claimForSending(row.id, row.resends + 1, 60_000)).toBeUndefined();
    } finally {
      await outage('DELETE');
    }
  });

  it('a temporary failure of another generation leaves the current one’s attempts and claim alone', async () => {
    const sw = person('SOCIAL_WORKER', 'Ali', { email: `ali.${randomUUID().slice(0, 6)}@council.example` });
    await outage('POST');
    try {
      await harness.schedule([sw]);
      const row = await pendingRow(sw.participantId);
      await claim(row.id, row.resends, 60_000);
      const read = async () =>
        (
          await harness.rows<{ attempts: number; last_error: string | null; sending_until: Date | null }>(
            'SELECT attempts, last_error, sending_until FROM notifications WHERE id = $1',
            [row.id],
          )
        )[0];
      const before = await read();
      // A send of a generation that is not the row's (held again and released since) failed for now.
      await store().recordRetry(row.id, row.resends + 1, 99, 'stale send failed');
      expect(await read()).toEqual(before);
      // The current generation's own failure does count, and gives its claim up.
      await store().recordRetry(row.id, row.resends, 99, 'current send failed');
      expect(await read()).toEqual({ attempts: 99, last_error: 'current send failed', sending_until: null });
    } finally {
      await outage('DELETE');
    }
  });

  it('a job that finds the message claimed by another worker sends nothing until the claim lapses, then exactly once', async () => {
    const sw = person('SOCIAL_WORKER', 'Kim', { email: `kim.${randomUUID().slice(0, 6)}@council.example` });
    await outage('POST');
    try {
      await harness.schedule([sw]);
      const row = await pendingRow(sw.participantId);
      // Another replica is sending it now, for the next 5 seconds.
      await claim(row.id, row.resends, 5000);
      await outage('DELETE');
      await settle(3000); // this replica's retries come and go while the claim holds
      expect(await harness.smtpMessages(sw.email!)).toHaveLength(0);
      const [during] = await harness.rows<{ status: string }>('SELECT status FROM notifications WHERE id = $1', [row.id]);
      expect(during.status).toBe('PENDING');

      await waitFor(async () => (await harness.smtpMessages(sw.email!)).length > 0, 30_000);
      await settle(1500);
      expect(await harness.smtpMessages(sw.email!)).toHaveLength(1);
      const [after] = await harness.rows<{ status: string; sending_until: Date | null }>(
        'SELECT status, sending_until FROM notifications WHERE id = $1',
        [row.id],
      );
      expect(after).toEqual({ status: 'SENT', sending_until: null });
    } finally {
      await outage('DELETE');
    }
  });
});
