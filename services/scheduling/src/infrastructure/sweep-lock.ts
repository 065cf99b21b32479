import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

// hashtextextended('scheduling:deadline-sweep', 0) would do as well; a constant keeps it readable in pg_locks.
const SWEEP_LOCK_KEY = 0x5c4ed;

/**
 * One sweep at a time across replicas: a session advisory lock on a connection of its own, taken
 * with pg_try_advisory_lock (a replica that finds it held skips this round) and released after the
 * work, or by PostgreSQL when that connection dies. Rows are not mapped here; the lock is all it holds.
 */
@Injectable()
export class SweepLock {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` if no other replica is sweeping; `null` when the lock was held elsewhere. */
  async whileHeld<T>(work: () => Promise<T>): Promise<T | null> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [SWEEP_LOCK_KEY]);
      if (!locked) return null;
      try {
        return await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [SWEEP_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }
}
