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

  it('of many workers claiming one message at once, exactly one gets it; the others are told until when it is taken', async () => {
    const sw = person('SOCIAL_WORKER', 'Sam', { email: `sam.${randomUUID().slice(0, 6)}@council.example` });
    await outage('POST'); // the invitation stays PENDING while the claims race
    try {
      await harness.schedule([sw]);
      const [row] = await waitFor(async () => {
        const rows = await harness.rows<{ id: string; resends: number; attempts: number }>(
          'SELECT id, resends, attempts FROM notifications WHERE participant_id = $1',
          [sw.participantId],
        );
        return rows[0]?.attempts >= 1 && rows;
      });
      // Wait out the claim of the failed attempt (cleared on failure) and race ten claims.
      const store = harness.service.app.get(NotificationStore);
      const claims = await Promise.all(Array.from({ length: 10 }, () => store.claimForSending(row.id, row.resends, 60_000)));
      const won = claims.filter((claim) => claim && 'id' in claim);
      const busy = claims.filter((claim) => claim && 'busyUntil' in claim);
      // At most one: a retry of the job may have claimed it in between, then every one of the ten is told it is busy.
      expect(won.length).toBeLessThanOrEqual(1);
      expect(won.length + busy.length).toBe(10);
      // A message of another generation (held and released since) is not this job's to send.
      expect(await store.claimForSending(row.id, row.resends + 1, 60_000)).toBeUndefined();
    } finally {
      await outage('DELETE');
    }
  });

  it('a job that finds the message claimed by another worker sends nothing until the claim lapses, then exactly once', async () => {
    const sw = person('SOCIAL_WORKER', 'Kim', { email: `kim.${randomUUID().slice(0, 6)}@council.example` });
    await outage('POST');
    try {
      await harness.schedule([sw]);
      const [row] = await waitFor(async () => {
        const rows = await harness.rows<{ id: string; attempts: number }>(
          'SELECT id, attempts FROM notifications WHERE participant_id = $1',
          [sw.participantId],
        );
        return rows[0]?.attempts >= 1 && rows;
      });
      // Another replica is sending it now, for the next 5 seconds.
      await harness.rows(`UPDATE notifications SET sending_until = now() + interval '5 seconds' WHERE id = $1`, [row.id]);
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
