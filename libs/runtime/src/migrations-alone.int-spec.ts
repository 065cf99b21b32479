import { HttpTables1763800000001 } from '@cpc/http';
import { MessagingTables1763800000000 } from '@cpc/messaging';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { runMigrationsAlone } from './migrations-alone';

// Issue 13 item 2 against the real PostgreSQL: replicas of a new release started together on a fresh
// database migrate one at a time. A database of its own, made and dropped here.
jest.setTimeout(60_000);
const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = `cpc_migrations_test_${randomUUID().slice(0, 8)}`;
const LOCK = 4242_2424;

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('runMigrationsAlone: replicas started together migrate one at a time', () => {
  const sources: DataSource[] = [];
  beforeAll(() => admin(`CREATE DATABASE "${DATABASE}"`));
  afterAll(async () => {
    await Promise.all(sources.map((source) => source.destroy()));
    await admin(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
  });

  it('four replicas at once on a fresh database: every one starts, each migration is applied once', async () => {
    const replica = async () => {
      const source = await new DataSource({
        type: 'postgres',
        url: `postgres://postgres@127.0.0.1:5432/${DATABASE}`,
        migrations: [MessagingTables1763800000000, HttpTables1763800000001],
      }).initialize();
      sources.push(source);
      return runMigrationsAlone(source, LOCK);
    };
    const started = await Promise.allSettled(Array.from({ length: 4 }, replica));
    expect(started.filter((s) => s.status === 'rejected')).toEqual([]);
    const [source] = sources;
    const applied: { name: string; count: string }[] = await source.query(
      'SELECT name, count(*) AS count FROM migrations GROUP BY name ORDER BY name',
    );
    expect(applied).toEqual(
      [
        { name: 'MessagingTables1763800000000', count: '1' },
        { name: 'HttpTables1763800000001', count: '1' },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    );
    // The lock is given back: nothing holds it once they have started.
    const [held] = await source.query('SELECT count(*) AS count FROM pg_locks WHERE locktype = $1 AND objid = $2', ['advisory', LOCK]);
    expect(held.count).toBe('0');
  });
});
