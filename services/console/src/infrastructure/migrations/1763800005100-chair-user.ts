import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "My conferences" on Today matched the signed-in chair by display name, which two chairs can share and
 * an identity provider can change. The conference now keeps its chair's user id (the CHAIR
 * participant's `userId`, the identity provider's `sub`), filled here from the participants already
 * projected, so no replay is needed.
 */
export class ConsoleChairUser1763800005100 implements MigrationInterface {
  name = 'ConsoleChairUser1763800005100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE console_conferences ADD COLUMN chair_user_id text`);
    await db.query(`
      UPDATE console_conferences c SET chair_user_id = p.user_id
      FROM console_participants p WHERE p.conference_id = c.id AND p.role = 'CHAIR' AND p.user_id IS NOT NULL`);
    await db.query(`CREATE INDEX console_conferences_chair_user ON console_conferences (local_authority, chair_user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE console_conferences DROP COLUMN chair_user_id`);
  }
}
