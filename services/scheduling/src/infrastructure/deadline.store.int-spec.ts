import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { queryAdmin } from '../../../../test/support';
import { SchedulingTables1763800002000 } from './migrations/1763800002000-scheduling-tables';
import { DeadlineStore } from './deadline.store';

// Issue 15: the rebuild's pages on a table whose statistics lag (a bulk load before autovacuum's ANALYZE),
// against the real PostgreSQL, in a database of its own so the table's statistics are this test's alone.
jest.setTimeout(120_000);
const DATABASE = `cpc_scheduling_pages_${randomUUID().slice(0, 8)}`;
const PENDING = 20_000;
const PAGE = 100;

describe('DeadlineStore.pendingPages on a table never analyzed', () => {
  let source: DataSource;

  beforeAll(async () => {
    await queryAdmin(`CREATE DATABASE "${DATABASE}"`);
    // One connection: the reads the test counts are all this backend's, and it flushes its own statistics.
    source = await new DataSource({
      type: 'postgres',
      url: `postgres://postgres@127.0.0.1:5432/${DATABASE}`,
      migrations: [SchedulingTables1763800002000],
      extra: { max: 1 },
    }).initialize();
    await source.runMigrations();
    await source.query('ALTER TABLE deadlines SET (autovacuum_enabled = false)'); // its statistics stay those of an empty table
    await source.query(
      `INSERT INTO deadlines (id, conference_id, local_authority, kind, description, status, version, due_at, conference_start, reminders, alert, responsible)
       SELECT gen_random_uuid(), gen_random_uuid(), 'LA', 'R-PREP-3', 'bulk', CASE WHEN i < $1 THEN 'PENDING' ELSE 'MET' END, 1,
              now() + (i % $1 / 3) * interval '1 minute', now() + interval '30 days', '[]', '[]', '[]'
       FROM generate_series(0, $1::int + $1::int / 10 - 1) AS i`,
      [PENDING],
    );
  });

  afterAll(async () => {
    await source?.destroy();
    await queryAdmin(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
  });

  /** Rows this database's deadlines table has had read, by sequential and by index scans, as flushed to the statistics. */
  async function rowsRead(): Promise<number> {
    await source.query('SELECT pg_stat_force_next_flush()');
    await source.query('SELECT 1'); // the flush happens when this backend next goes idle
    await source.query('SELECT pg_stat_clear_snapshot()');
    const [row] = await source.query(
      `SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) AS read FROM pg_stat_user_tables WHERE relname = 'deadlines'`,
    );
    return Number(row.read);
  }

  it('yields every pending deadline once, in due order (ties by id), each page read from where the last ended: reads linear in the rows', async () => {
    const store = new DeadlineStore(source);
    const before = await rowsRead();
    const seen: { id: string; dueAt: Date }[] = [];
    let pages = 0;
    for await (const page of store.pendingPages(PAGE)) {
      pages += 1;
      seen.push(...page.map(({ id, dueAt }) => ({ id, dueAt })));
    }
    const read = (await rowsRead()) - before;

    expect(seen).toHaveLength(PENDING);
    expect(new Set(seen.map((row) => row.id)).size).toBe(PENDING);
    const ordered = seen.every(
      (row, i) => i === 0 || seen[i - 1].dueAt < row.dueAt || (+seen[i - 1].dueAt === +row.dueAt && seen[i - 1].id < row.id),
    );
    expect(ordered).toBe(true);
    expect(pages).toBe(PENDING / PAGE);
    // A scan and sort of every row after the key, each page, would read ~PENDING² / (2 × PAGE) = 2,000,000 rows.
    console.info(`${PENDING} pending in pages of ${PAGE}: ${read} rows read`);
    expect(read).toBeLessThan(3 * PENDING);
  });
});
