import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Scheduling's own tables: what it knows of each conference, its deadlines, satisfactions and policy overrides. */
export class SchedulingTables1763800002000 implements MigrationInterface {
  name = 'SchedulingTables1763800002000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE conference_timings (
        conference_id uuid PRIMARY KEY,
        local_authority text NOT NULL,
        scheduled_start timestamptz NOT NULL,
        participation_option text NOT NULL CHECK (participation_option IN ('FULL', 'THREE_PART')),
        stage text NOT NULL CHECK (stage IN ('SCHEDULED', 'POSTPONED', 'CANCELLED', 'CONTINGENCY', 'CONCLUDED')),
        concluded_at timestamptz,
        contingency_at timestamptz,
        contingency_tasks jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE deadlines (
        id uuid PRIMARY KEY,
        conference_id uuid NOT NULL,
        local_authority text NOT NULL,
        kind text NOT NULL,
        description text NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING', 'MET', 'BREACHED', 'STOOD_DOWN')),
        version int NOT NULL CHECK (version > 0),
        due_at timestamptz NOT NULL,
        conference_start timestamptz NOT NULL,
        reminders jsonb NOT NULL DEFAULT '[]',
        alert jsonb NOT NULL DEFAULT '[]',
        responsible jsonb NOT NULL DEFAULT '[]',
        met_at timestamptz,
        breached_at timestamptz,
        stood_down_at timestamptz,
        status_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT deadlines_one_per_kind UNIQUE (conference_id, kind)
      )`);
    // The rebuild and the sweep read pending deadlines in due order; operations filter by authority and time.
    await db.query(`CREATE INDEX deadlines_pending_due ON deadlines (due_at, id) WHERE status = 'PENDING'`);
    await db.query('CREATE INDEX deadlines_la_due ON deadlines (local_authority, due_at)');
    await db.query(`CREATE INDEX deadlines_la_breached ON deadlines (local_authority, breached_at) WHERE status = 'BREACHED'`);
    await db.query(`
      CREATE TABLE deadline_satisfactions (
        conference_id uuid NOT NULL,
        kind text NOT NULL,
        satisfied_at timestamptz NOT NULL,
        event_type text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (conference_id, kind)
      )`);
    await db.query(`
      CREATE TABLE deadline_policy_overrides (
        local_authority text NOT NULL,
        kind text NOT NULL,
        override jsonb NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (local_authority, kind)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE deadline_policy_overrides');
    await db.query('DROP TABLE deadline_satisfactions');
    await db.query('DROP TABLE deadlines');
    await db.query('DROP TABLE conference_timings');
  }
}
