import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R-CYCLE-ICPC: each conference keeps the strategy discussion its ConferenceScheduled event gave, so the
 * Performance figure judges an ICPC's held date against it. Conferences projected before this column
 * have none (they count as "not known") until the read model is rebuilt from the topics
 * (`node dist/main.js --rebuild`, README "Operations console"), which reads every ConferenceScheduled again.
 */
export class ConsoleStrategyDiscussion1763800005100 implements MigrationInterface {
  name = 'ConsoleStrategyDiscussion1763800005100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE console_conferences ADD COLUMN strategy_discussion_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE console_conferences DROP COLUMN strategy_discussion_at`);
  }
}
