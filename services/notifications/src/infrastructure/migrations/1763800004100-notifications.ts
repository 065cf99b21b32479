import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The delivery log: one row per message, written before it goes (issue 6). `dedupe_key` makes a
 * redelivered event a no-op; `sealed_secret` holds a parent's document password only sealed
 * (R-DEL-PWD), opened in memory at the moment of sending.
 */
export class Notifications1763800004100 implements MigrationInterface {
  name = 'Notifications1763800004100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY,
        dedupe_key text NOT NULL UNIQUE,
        conference_id uuid NOT NULL,
        local_authority text NOT NULL,
        delivery_id uuid,
        template text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('EMAIL', 'SMS')),
        provider text NOT NULL,
        recipient text NOT NULL,
        recipient_masked text NOT NULL,
        recipient_role text NOT NULL,
        personalisation jsonb NOT NULL DEFAULT '{}',
        document_id uuid,
        sealed_secret text,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'DELIVERED', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        provider_reference text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        delivered_at timestamptz,
        failed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX notifications_conference ON notifications (local_authority, conference_id, created_at)');
    await db.query("CREATE INDEX notifications_pending ON notifications (created_at) WHERE status = 'PENDING'");
    await db.query('CREATE INDEX notifications_provider_reference ON notifications (provider_reference)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE notifications');
  }
}
