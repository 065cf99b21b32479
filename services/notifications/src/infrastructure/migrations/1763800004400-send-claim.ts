import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13 item 2 (replicas): a message is claimed in PostgreSQL before it is sent, so two workers
 * (two replicas, or a stalled job run again while its first run is still sending) never send the same
 * message at once. `sending_until` is the claim's end; a claim left by a crashed worker lapses.
 */
export class SendClaim1763800004400 implements MigrationInterface {
  name = 'SendClaim1763800004400';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE notifications ADD COLUMN sending_until timestamptz');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE notifications DROP COLUMN sending_until');
  }
}
