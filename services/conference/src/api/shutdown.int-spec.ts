import { startService, type RunningService } from '@cpc/runtime';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { bearer, conferenceRequest, queryService, testConfig, waitFor } from '../../../../test/support';
import { ConferenceConfig } from '../conference.config';
import { conferenceService } from '../conference.definition';

// A service that is told to stop finishes the database work it has in hand before its database
// closes: the relay's pass and the audit rows of the requests it has answered. (The relay once
// stopped in the same shutdown step as TypeORM: a pass in hand lost its connection mid-commit.)
jest.setTimeout(60_000);
const DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/cpc_conference_test';
/** How long a lock is held while the service closes, unless the database closes first (it must not). */
const HOLD_MS = 5_000;

describe('Shutting down the conference service', () => {
  let service: RunningService;
  let destroyedAt: number | undefined;

  beforeEach(async () => {
    service = await startService(
      conferenceService(testConfig(ConferenceConfig, { KAFKA_GROUP_ID: `cpc-conference-test-${randomUUID().slice(0, 8)}` })),
    );
    destroyedAt = undefined;
    const dataSource = service.app.get(DataSource);
    const destroy = dataSource.destroy.bind(dataSource);
    dataSource.destroy = () => {
      destroyedAt = Date.now();
      return destroy();
    };
  });
  afterEach(async () => {
    await service.close().catch(() => undefined);
  });

  /**
   * Holds `lockSql` (in a transaction of its own) while the service closes: for HOLD_MS, or until the
   * database is closed under it. Returns when the lock was let go.
   */
  async function closeWhileHolding(lockSql: string, heldBy: () => Promise<boolean>): Promise<number> {
    const blocker = new Client({ connectionString: DATABASE_URL });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(lockSql);
      await waitFor(heldBy, 10_000);
      const closing = service.close();
      await waitFor(() => destroyedAt !== undefined, HOLD_MS, 50).catch(() => undefined);
      const releasedAt = Date.now();
      await blocker.query('COMMIT');
      await closing;
      return releasedAt;
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      await blocker.end();
    }
  }

  /** Whether a query of this database like `pattern` is waiting on a lock. */
  const waitingOnLock = (pattern: string) => async () => {
    const waiting = await queryService(
      'conference',
      "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1",
      [pattern],
    );
    return Number(waiting[0].n) > 0;
  };

  it("waits for the relay's pass in hand, then closes the database", async () => {
    await waitFor(
      async () => Number((await queryService('conference', 'SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL'))[0].n) === 0,
      30_000,
    );
    // The relay's next pass (its poll) waits on this lock, inside its transaction.
    const releasedAt = await closeWhileHolding(
      'LOCK TABLE outbox IN ACCESS EXCLUSIVE MODE',
      waitingOnLock('SELECT seq, event_id%FROM outbox%'),
    );
    expect(destroyedAt).toBeGreaterThanOrEqual(releasedAt);
  });

  it('a request in hand when the service is told to stop is answered; its event goes out in the last pass and it is audited, before the database closes', async () => {
    const la = `LA-${randomUUID().slice(0, 8)}`;
    const blocker = new Client({ connectionString: DATABASE_URL });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE conferences IN EXCLUSIVE MODE'); // the request's INSERT waits here
      const inHand = request(service.app.getHttpServer())
        .post('/api/v1/conferences')
        .set(bearer(['CHAIR'], { la }))
        .set({ 'Idempotency-Key': randomUUID() })
        .send(conferenceRequest(72, { localAuthority: la }))
        .then((answer) => answer);
      await waitFor(waitingOnLock('INSERT INTO "conferences"%'), 10_000);
      const closing = service.close();
      await new Promise((resolve) => setTimeout(resolve, 300)); // the relay has had every chance to stop by now
      await blocker.query('COMMIT');
      const answer = await inHand;
      await closing;
      expect(answer.status).toBe(201);
      const [event] = await queryService<{ sent_at: Date | null }>('conference', 'SELECT sent_at FROM outbox WHERE message_key = $1', [
        answer.body.id,
      ]);
      expect(event.sent_at).not.toBeNull(); // sent by this process as it stopped, not left for a later start
      const audited = await queryService('conference', 'SELECT 1 FROM audit_log WHERE local_authority = $1', [la]);
      expect(audited).toHaveLength(1);
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      await blocker.end();
    }
  });

  it('writes the audit rows of the requests it answered, even when their INSERT waits', async () => {
    const la = `LA-${randomUUID().slice(0, 8)}`;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        request(service.app.getHttpServer())
          .post('/api/v1/conferences')
          .set(bearer(['CHAIR'], { la }))
          .set({ 'Idempotency-Key': randomUUID() })
          .send(conferenceRequest(72, { localAuthority: la })),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    // Answered, their audit rows written or queued; the next audit INSERT (of this request) waits on the lock.
    const last = request(service.app.getHttpServer())
      .post('/api/v1/conferences')
      .set(bearer(['CHAIR'], { la }))
      .set({ 'Idempotency-Key': randomUUID() })
      .send(conferenceRequest(72, { localAuthority: la }));
    const releasedAt = await closeWhileHolding('LOCK TABLE audit_log IN EXCLUSIVE MODE', async () => {
      if ((await last).status !== 201) throw new Error('the last request was refused');
      return waitingOnLock('INSERT INTO audit_log%')();
    });
    expect(destroyedAt).toBeGreaterThanOrEqual(releasedAt);
    const audited = await queryService(
      'conference',
      "SELECT resource_id FROM audit_log WHERE local_authority = $1 AND action = 'POST /api/v1/conferences'",
      [la],
    );
    expect(audited).toHaveLength(21);
  });
});
