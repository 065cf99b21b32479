import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 3: participants, preparation, postponement, contingency, pause, outcome and debrief of a conference. */
export class ConferenceWorkflow1763800001100 implements MigrationInterface {
  name = 'ConferenceWorkflow1763800001100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE conferences
        ADD COLUMN option_chair_agreed boolean NOT NULL DEFAULT false,
        ADD COLUMN participants jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN preparation jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN postponement jsonb,
        ADD COLUMN contingency jsonb,
        ADD COLUMN pause_reason text,
        ADD COLUMN outcome jsonb,
        ADD COLUMN debrief jsonb`);
    await db.query('CREATE INDEX conferences_la_status ON conferences (local_authority, status)');
    await db.query('CREATE INDEX outbox_conference_key ON outbox (message_key, seq)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX outbox_conference_key');
    await db.query('DROP INDEX conferences_la_status');
    await db.query(`ALTER TABLE conferences DROP COLUMN option_chair_agreed, DROP COLUMN participants, DROP COLUMN preparation,
      DROP COLUMN postponement, DROP COLUMN contingency, DROP COLUMN pause_reason, DROP COLUMN outcome, DROP COLUMN debrief`);
  }
}
