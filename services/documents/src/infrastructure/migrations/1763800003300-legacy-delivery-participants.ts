import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Messages recorded before circulation knew participants (1763800003200) have no participant id, so
 * their recipient could not be worked out and a late receipt for one failed for ever. Each gets a
 * stable id derived from its circulation, role and name: the same recipient's messages stay together.
 */
export class LegacyDeliveryParticipants1763800003300 implements MigrationInterface {
  name = 'LegacyDeliveryParticipants1763800003300';

  async up(db: QueryRunner): Promise<void> {
    // The md5 digest shaped as a version 4, variant 1 UUID: consumers validate participant ids as UUIDs.
    await db.query(`UPDATE deliveries SET participant_id = overlay(overlay(md5(circulation_id::text || ':' || recipient_role || ':' ||
        coalesce(recipient_name, '')) placing '4' from 13) placing '8' from 17)::uuid
      WHERE participant_id IS NULL`);
    await db.query('ALTER TABLE deliveries ALTER COLUMN participant_id SET NOT NULL');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE deliveries ALTER COLUMN participant_id DROP NOT NULL');
  }
}
