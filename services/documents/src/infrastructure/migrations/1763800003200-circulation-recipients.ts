import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Circulation by recipient (R-CONTACT, R-DEL-PWD): each message knows its participant, whether a
 * receipt is awaited and why it is held or failed; a held password text keeps its sealed password
 * until it is released; what each recipient's state was last announced as. People named in reports
 * and the plan join the case identity (R-RED-INIT).
 */
export class CirculationRecipients1763800003200 implements MigrationInterface {
  name = 'CirculationRecipients1763800003200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE deliveries
      ADD COLUMN participant_id uuid,
      ADD COLUMN awaiting_receipt boolean NOT NULL DEFAULT false,
      ADD COLUMN reason_code text,
      ADD COLUMN password_ciphertext text,
      ALTER COLUMN recipient_name DROP NOT NULL`);
    await db.query("CREATE INDEX deliveries_participant ON deliveries (conference_id, participant_id) WHERE status = 'HELD'");
    await db.query('ALTER TABLE circulations RENAME COLUMN completed_at TO announced_at');
    await db.query('ALTER TABLE circulations ADD COLUMN all_sent_at timestamptz');
    await db.query(`
      CREATE TABLE circulation_recipients (
        circulation_id uuid NOT NULL REFERENCES circulations (id),
        participant_id uuid NOT NULL,
        recipient_role text NOT NULL,
        reported_status text NOT NULL,
        reason_code text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (circulation_id, participant_id)
      )`);
    await db.query(`ALTER TABLE case_identities ADD COLUMN named_people jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE case_identities DROP COLUMN named_people');
    await db.query('DROP TABLE circulation_recipients');
    await db.query('ALTER TABLE circulations DROP COLUMN all_sent_at');
    await db.query('ALTER TABLE circulations RENAME COLUMN announced_at TO completed_at');
    await db.query('DROP INDEX deliveries_participant');
    await db.query(`ALTER TABLE deliveries DROP COLUMN participant_id, DROP COLUMN awaiting_receipt, DROP COLUMN reason_code,
      DROP COLUMN password_ciphertext`);
  }
}
