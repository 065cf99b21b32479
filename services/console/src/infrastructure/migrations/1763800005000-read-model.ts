import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The console's read model, projected from the four topics (README "Operations console"). Every row is
 * derived from events alone (times are event times, never the projection's clock), so truncating the
 * tables and replaying the topics from the beginning gives the same rows. No family email, mobile or
 * address is ever stored here: participants' contacts are kept masked.
 */
export class ConsoleReadModel1763800005000 implements MigrationInterface {
  name = 'ConsoleReadModel1763800005000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE console_conferences (
        id uuid PRIMARY KEY,
        local_authority text NOT NULL,
        kind text NOT NULL,
        status text NOT NULL,
        participation_option text NOT NULL,
        team text,
        chair_name text,
        scheduled_start timestamptz NOT NULL,
        duration_minutes integer NOT NULL,
        children jsonb NOT NULL DEFAULT '[]',
        warnings jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX console_conferences_la ON console_conferences (local_authority, scheduled_start)`);
    await db.query(`
      CREATE TABLE console_participants (
        participant_id uuid PRIMARY KEY,
        conference_id uuid NOT NULL,
        local_authority text NOT NULL,
        role text NOT NULL,
        name text NOT NULL,
        agency text,
        email_masked text,
        mobile_masked text,
        preferred_channel text,
        contact_confirmed boolean NOT NULL DEFAULT false,
        language text,
        needs_interpreter boolean NOT NULL DEFAULT false,
        support_needs jsonb NOT NULL DEFAULT '[]',
        user_id text
      )`);
    await db.query(`CREATE INDEX console_participants_conference ON console_participants (conference_id)`);
    await db.query(`
      CREATE TABLE console_deadlines (
        id uuid PRIMARY KEY,
        conference_id uuid NOT NULL,
        local_authority text NOT NULL,
        rule text NOT NULL,
        description text NOT NULL,
        responsible jsonb NOT NULL DEFAULT '[]',
        due_at timestamptz NOT NULL,
        status text NOT NULL,
        version integer NOT NULL,
        met_at timestamptz,
        breached_at timestamptz,
        stood_down_reason text
      )`);
    await db.query(`CREATE INDEX console_deadlines_today ON console_deadlines (local_authority, status, due_at)`);
    await db.query(`CREATE INDEX console_deadlines_conference ON console_deadlines (conference_id)`);
    await db.query(`
      CREATE TABLE console_timeline (
        event_id uuid PRIMARY KEY,
        conference_id uuid NOT NULL,
        local_authority text NOT NULL,
        occurred_at timestamptz NOT NULL,
        source text NOT NULL,
        type text NOT NULL,
        category text NOT NULL,
        title text NOT NULL,
        detail text NOT NULL
      )`);
    await db.query(`CREATE INDEX console_timeline_conference ON console_timeline (conference_id, occurred_at, event_id)`);
    await db.query(`
      CREATE TABLE console_circulations (
        id uuid PRIMARY KEY,
        conference_id uuid NOT NULL,
        local_authority text NOT NULL,
        plan_id uuid NOT NULL,
        plan_version integer NOT NULL,
        circulated_at timestamptz NOT NULL,
        complete boolean NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX console_circulations_la ON console_circulations (local_authority, circulated_at)`);
    await db.query(`
      CREATE TABLE console_circulation_recipients (
        circulation_id uuid NOT NULL,
        participant_id uuid NOT NULL,
        conference_id uuid NOT NULL,
        local_authority text NOT NULL,
        role text NOT NULL,
        status text NOT NULL,
        reason_code text,
        reason text,
        delivery_ids jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (circulation_id, participant_id)
      )`);
    await db.query(`
      CREATE TABLE console_notifications (
        id uuid PRIMARY KEY,
        conference_id uuid NOT NULL,
        local_authority text NOT NULL,
        delivery_id uuid,
        template text NOT NULL,
        channel text NOT NULL,
        recipient_masked text NOT NULL,
        status text NOT NULL,
        failure text,
        reason text,
        attempts integer NOT NULL,
        at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX console_notifications_la ON console_notifications (local_authority, status, at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of READ_MODEL_TABLES) await db.query(`DROP TABLE ${table}`);
  }
}

/** Every table of the read model: what a rebuild empties. */
export const READ_MODEL_TABLES = [
  'console_conferences',
  'console_participants',
  'console_deadlines',
  'console_timeline',
  'console_circulations',
  'console_circulation_recipients',
  'console_notifications',
] as const;
