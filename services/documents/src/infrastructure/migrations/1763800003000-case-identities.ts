import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseIdentities1763800003000 implements MigrationInterface {
  name = 'CaseIdentities1763800003000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE case_identities (
        conference_id uuid PRIMARY KEY,
        local_authority text NOT NULL,
        scheduled_start timestamptz NOT NULL,
        children jsonb NOT NULL,
        participants jsonb NOT NULL DEFAULT '[]',
        sensitive_case boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE case_identities');
  }
}
