import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13 item 6: a message keeps the correlation id of the event that asked for it, so the events
 * its send emits later, from a queue worker or a receipt poll, carry the same id as the request.
 */
export class NotificationCorrelation1763800004300 implements MigrationInterface {
  name = 'NotificationCorrelation1763800004300';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE notifications ADD COLUMN correlation_id text');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE notifications DROP COLUMN correlation_id');
  }
}
