import type { MigrationInterface, QueryRunner } from 'typeorm';

export class KnownConferences1763800004000 implements MigrationInterface {
  name = 'KnownConferences1763800004000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE known_conferences (
        conference_id uuid PRIMARY KEY,
        local_authority text NOT NULL,
        kind text NOT NULL,
        scheduled_start timestamptz NOT NULL,
        participation_option text NOT NULL,
        participants jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE known_conferences');
  }
}
