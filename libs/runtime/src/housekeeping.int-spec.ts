import { ServiceConfig } from '@cpc/config';
import { HttpTables1763800000001 } from '@cpc/http';
import { MessagingTables1763800000000 } from '@cpc/messaging';
import { createLogger, MetricsRegistry } from '@cpc/observability';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Housekeeping, retentionRules } from './housekeeping';

// Issue 13 item 5 against the real PostgreSQL: retention deletes what is old and settled, keeps what
// is not, counts it, and runs on one replica at a time. A database of its own, made and dropped here,
// so no service's relay ever sees the rows it plants.
jest.setTimeout(60_000);
const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = `cpc_housekeeping_test_${randomUUID().slice(0, 8)}`;
const LOCK = 4242_1313;

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('Housekeeping (retention of outbox, inbox and idempotency rows)', () => {
  let dataSource: DataSource;
  const metrics = new MetricsRegistry('housekeeping-test');
  const config = Object.assign(new ServiceConfig(), { OUTBOX_RETENTION_DAYS: 7, INBOX_RETENTION_DAYS: 30, IDEMPOTENCY_RETENTION_DAYS: 1 });
  const housekeeping = () =>
    new Housekeeping(dataSource, retentionRules(config), { intervalMs: 3600_000, lockKey: LOCK }, createLogger('test', 'silent'), metrics);

  beforeAll(async () => {
    await admin(`CREATE DATABASE "${DATABASE}"`);
    dataSource = await new DataSource({
      type: 'postgres',
      url: `postgres://postgres@127.0.0.1:5432/${DATABASE}`,
      migrations: [MessagingTables1763800000000, HttpTables1763800000001],
      migrationsRun: true,
    }).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await admin(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
  });

  const outbox = (daysAgo: number, sent: boolean) =>
    dataSource.query(
      `INSERT INTO outbox (event_id, topic, message_key, type, envelope, created_at, sent_at)
       VALUES ($1, 'cpc.test.events', 'k', 'Test', '{}', now() - make_interval(days => $2), CASE WHEN $3 THEN now() - make_interval(days => $2) END)
       RETURNING event_id`,
      [randomUUID(), daysAgo, sent],
    );
  const inbox = (daysAgo: number) =>
    dataSource.query(
      `INSERT INTO inbox (consumer, event_id, type, processed_at) VALUES ('test', $1, 'Test', now() - make_interval(days => $2))`,
      [randomUUID(), daysAgo],
    );
  const key = (hoursAgo: number) =>
    dataSource.query(
      `INSERT INTO idempotency_keys (principal, idempotency_key, method, path, request_hash, status_code, created_at)
       VALUES ('user', $1, 'POST', '/x', 'h', 201, now() - make_interval(hours => $2))`,
      [randomUUID(), hoursAgo],
    );
  const count = async (table: string) => Number((await dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  it('deletes published outbox rows past retention and never an unpublished one; inbox and keys by their own settings', async () => {
    await outbox(10, true); // published 10 days ago: goes
    await outbox(3, true); // published 3 days ago: stays
    await outbox(40, false); // never published (Kafka away for weeks): stays, whatever its age
    await inbox(45); // goes
    await inbox(5); // stays
    await key(30); // goes (older than a day)
    await key(2); // stays

    expect(await housekeeping().prune()).toEqual({ outbox: 1, inbox: 1, idempotency_keys: 1 });
    expect(await count('outbox')).toBe(2);
    expect(await dataSource.query('SELECT 1 FROM outbox WHERE sent_at IS NULL')).toHaveLength(1);
    expect(await count('inbox')).toBe(1);
    expect(await count('idempotency_keys')).toBe(1);
    const metricsText = await metrics.registry.metrics();
    expect(metricsText).toMatch(/housekeeping_rows_pruned_total\{table="outbox",service="housekeeping-test"\} 1/);
    // A second pass finds nothing more.
    expect(await housekeeping().prune()).toEqual({ outbox: 0, inbox: 0, idempotency_keys: 0 });
  });

  it('deletes in batches until nothing old is left (12,000 rows)', async () => {
    await dataSource.query(
      `INSERT INTO inbox (consumer, event_id, type, processed_at)
       SELECT 'bulk', gen_random_uuid(), 'Test', now() - interval '60 days' FROM generate_series(1, 12000)`,
    );
    expect(await housekeeping().prune()).toMatchObject({ inbox: 12000 });
    expect(await dataSource.query("SELECT 1 FROM inbox WHERE consumer = 'bulk'")).toHaveLength(0);
  });

  it('told to stop, a prune ends after the batch in hand: shutdown does not wait for a whole backlog', async () => {
    await dataSource.query(
      `INSERT INTO inbox (consumer, event_id, type, processed_at)
       SELECT 'stopping', gen_random_uuid(), 'Test', now() - interval '60 days' FROM generate_series(1, 12000)`,
    );
    const keeper = housekeeping();
    const pruning = keeper.prune();
    await keeper.beforeApplicationShutdown();
    const counts = await pruning;
    const left = Number((await dataSource.query("SELECT count(*) AS n FROM inbox WHERE consumer = 'stopping'"))[0].n);
    expect(left).toBeGreaterThan(0); // left for the next run
    expect(left + (counts?.inbox ?? 0)).toBe(12000);
    expect(await housekeeping().prune()).toMatchObject({ inbox: left }); // and the next run takes it
  });

  it('does nothing while another replica holds the lock', async () => {
    await outbox(20, true);
    const other = new Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${DATABASE}` });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock($1)', [LOCK]);
      expect(await housekeeping().prune()).toBeUndefined();
      expect(await dataSource.query("SELECT 1 FROM outbox WHERE sent_at < now() - interval '7 days'")).toHaveLength(1);
    } finally {
      await other.end();
    }
    expect(await housekeeping().prune()).toMatchObject({ outbox: 1 });
  });
});
