import type { DataSource } from 'typeorm';

/**
 * Runs the pending migrations while holding a PostgreSQL advisory lock, so replicas started together
 * on a fresh or older database migrate one at a time: the first applies them, the others wait and
 * then find nothing to do. Without it two replicas of a new release both ran the same migration and
 * the second failed ("column already exists") and restarted. The lock is a session lock on a
 * connection of its own, held only while migrating.
 */
export async function runMigrationsAlone(dataSource: DataSource, lockKey: number): Promise<DataSource> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [lockKey]);
    try {
      await dataSource.runMigrations({ transaction: 'all' });
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [lockKey]);
    }
  } finally {
    await runner.release();
  }
  return dataSource;
}
