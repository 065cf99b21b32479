import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 14 "Teams": the locality team a conference belongs to, given when it is scheduled and changeable. */
export class ConferenceTeam1763800001200 implements MigrationInterface {
  name = 'ConferenceTeam1763800001200';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE conferences ADD COLUMN team text');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE conferences DROP COLUMN team');
  }
}
