import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { waitFor } from '../../../../test/support';
import { SchedulingHarness, sleep } from '../../test/scheduling-harness';

// Issue 4: "Redis is disposable" and "through restarts", against the real PostgreSQL, Redis and Kafka.
jest.setTimeout(180_000);
// Issue 11's bound: no deadline more than 5 s after due with Redis flushed (the sweep's grace + interval is ~3 s).
// It was 2 s here, and one of the first 200 (due within 1.6 s, on a loaded 2-core CI machine) fired 2.6 s late.
const FIRING_TOLERANCE_MS = 5000;
const MAIN = join(__dirname, '..', '..', 'dist', 'main.js');

describe('Redis flushed while 1,000 deadlines are pending', () => {
  let harness: SchedulingHarness;

  beforeAll(async () => {
    // Pages of 100: the rebuild reads, checks and adds several pages at once (overlappedPages).
    harness = await SchedulingHarness.start({ REBUILD_INTERVAL_MS: '2000', REBUILD_BATCH_SIZE: '100' });
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('rebuilds every wake-up from PostgreSQL, and each deadline fires once, on time', async () => {
    const { ids, conferenceIds } = await harness.seedPendingDeadlines(1000, 15_000, 8_000);
    await harness.rebuild();
    expect(await harness.dueWakeUpsInRedis(ids)).toBe(1000);

    // Every wake-up deleted; the service may already be putting the first back before the scan ends.
    const flushed = await harness.flushQueue();
    expect(ids.filter((id) => !flushed.has(harness.wakeUpKey(id)))).toEqual([]);

    // The loss check (the queue marker went with the flush) or the timer (every 2 s here) finds them missing and adds them again.
    await waitFor(async () => (await harness.dueWakeUpsInRedis(ids)) === 1000, 10_000, 100);
    // The counter moves when that rebuild ends, after it has also checked the other pending deadlines in the database.
    const restoredByTimer = /scheduling_rebuild_restored_wake_ups_total\{trigger="(timer|lost)"[^}]*\} [1-9]\d{3}/;
    await waitFor(async () => restoredByTimer.test((await harness.http().get('/metrics')).text), 10_000, 100);

    await waitFor(async () => (await harness.statusCounts(ids)).BREACHED === 1000, 60_000, 250);
    const events = await harness.breachEventsPerDeadline(conferenceIds);
    expect(ids.filter((id) => events.get(id) !== 1)).toEqual([]);

    // Every one of the 1,000, not a sample.
    const rows = await harness.deadlinesOf(conferenceIds);
    const lateness = rows.map((row) => row.breached_at!.getTime() - row.due_at.getTime());
    console.info(`redis flushed, 1,000 pending: worst ${Math.max(...lateness)} ms after due`);
    expect(rows).toHaveLength(1000);
    expect(lateness.filter((ms) => ms >= FIRING_TOLERANCE_MS)).toEqual([]);
  });
});

describe('the service killed and restarted while deadlines fall due', () => {
  let harness: SchedulingHarness;
  let child: ChildProcess | null = null;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`build the service first (npx tsc -b services/scheduling/tsconfig.json): ${MAIN} is missing`);
    harness = await SchedulingHarness.prepare({ REBUILD_INTERVAL_MS: '2000', WAKE_UP_LOCK_MS: '3000' });
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    await harness?.stop();
  });

  it('handles each due deadline exactly once: some by the first process before SIGKILL, the rest by two new instances', async () => {
    const { ids, conferenceIds } = await harness.seedPendingDeadlines(300, 8_000, 10_000);
    child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        PORT: '0',
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/cpc_scheduling_test',
        OUTBOX_POLL_INTERVAL_MS: '200',
        ...harness.settingsForProcess,
      },
      stdio: 'ignore',
    });
    // Killed while they fall due: once part of them has been handled by the first process.
    await waitFor(async () => ((await harness.statusCounts(ids)).BREACHED ?? 0) >= 60, 60_000, 20);
    child.kill('SIGKILL');
    const handledBeforeKill = (await harness.statusCounts(ids)).BREACHED;
    expect(handledBeforeKill).toBeLessThan(300);

    await sleep(1000); // more fall due while nobody is running
    // Two instances at once, each with a consumer group of its own (no wait for the dead member's session).
    const [second, third] = await Promise.all([
      harness.startInstance({ KAFKA_GROUP_ID: `${harness.groupId}-b` }),
      harness.startInstance({ KAFKA_GROUP_ID: `${harness.groupId}-c` }),
    ]);
    await waitFor(async () => (await harness.statusCounts(ids)).BREACHED === 300, 90_000, 250);

    const events = await harness.breachEventsPerDeadline(conferenceIds);
    expect(ids.filter((id) => events.get(id) !== 1)).toEqual([]);
    const acted = async (instance: typeof second) => {
      const text = (await request(instance.app.getHttpServer()).get('/metrics')).text;
      const match = /scheduling_wake_ups_total\{purpose="due",outcome="acted"[^}]*\} (\d+)/.exec(text);
      return Number(match?.[1] ?? 0);
    };
    expect(handledBeforeKill + (await acted(second)) + (await acted(third))).toBe(300);
  });
});
