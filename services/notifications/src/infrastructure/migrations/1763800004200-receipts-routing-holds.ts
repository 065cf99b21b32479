import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9: delivery receipts settle Notify messages (callback or poll), family messages are HELD
 * until their contact is confirmed (R-CONTACT), and each local authority has a routing directory
 * for alerts and escalations when the conference has no participant in the role (R-ROUTE).
 */
export class ReceiptsRoutingHolds1763800004200 implements MigrationInterface {
  name = 'ReceiptsRoutingHolds1763800004200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE notifications
        ADD COLUMN participant_id uuid,
        ADD COLUMN hold_reason text,
        ADD COLUMN resends integer NOT NULL DEFAULT 0,
        ADD COLUMN receipt_checked_at timestamptz,
        ADD COLUMN settled_by text`);
    await db.query('ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_status_check');
    await db.query(
      "ALTER TABLE notifications ADD CONSTRAINT notifications_status_check CHECK (status IN ('PENDING', 'HELD', 'SENT', 'DELIVERED', 'FAILED'))",
    );
    await db.query("CREATE INDEX notifications_held ON notifications (participant_id) WHERE status = 'HELD'");
    await db.query("CREATE INDEX notifications_awaiting_receipt ON notifications (sent_at) WHERE status = 'SENT' AND provider = 'notify'");
    await db.query('CREATE INDEX notifications_participant ON notifications (local_authority, participant_id)');
    await db.query("ALTER TABLE known_conferences ADD COLUMN status text NOT NULL DEFAULT 'SCHEDULED'");
    await db.query(`
      CREATE TABLE routing_directory (
        local_authority text NOT NULL,
        role text NOT NULL,
        team text NOT NULL DEFAULT '',
        email text NOT NULL,
        name text NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (local_authority, role, team)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE routing_directory');
    await db.query('ALTER TABLE known_conferences DROP COLUMN status');
    await db.query("DELETE FROM notifications WHERE status = 'HELD'");
    await db.query('ALTER TABLE notifications DROP CONSTRAINT notifications_status_check');
    await db.query(
      "ALTER TABLE notifications ADD CONSTRAINT notifications_status_check CHECK (status IN ('PENDING', 'SENT', 'DELIVERED', 'FAILED'))",
    );
    await db.query(
      'ALTER TABLE notifications DROP COLUMN participant_id, DROP COLUMN hold_reason, DROP COLUMN resends, DROP COLUMN receipt_checked_at, DROP COLUMN settled_by',
    );
  }
}
