import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ConferenceTables1763800001000 implements MigrationInterface {
  name = 'ConferenceTables1763800001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE conferences (
        id uuid PRIMARY KEY,
        local_authority text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('ICPC', 'RCPC')),
        status text NOT NULL,
        scheduled_start timestamptz NOT NULL,
        duration_minutes int NOT NULL,
        participation_option text NOT NULL CHECK (participation_option IN ('FULL', 'THREE_PART')),
        option_rationale text,
        children jsonb NOT NULL,
        strategy_discussion_at timestamptz,
        previous_conference_id uuid,
        warnings jsonb NOT NULL DEFAULT '[]',
        created_by text NOT NULL,
        version int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX conferences_la_start ON conferences (local_authority, scheduled_start)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE conferences');
  }
}
