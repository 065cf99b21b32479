import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reports, shares, the plan, rendered copies and their deliveries. Content columns are AES-256-GCM ciphertext. */
export class DocumentsTables1763800003100 implements MigrationInterface {
  name = 'DocumentsTables1763800003100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE reports (
        id uuid PRIMARY KEY,
        conference_id uuid NOT NULL REFERENCES case_identities (conference_id),
        local_authority text NOT NULL,
        kind text NOT NULL,
        agency text,
        version int NOT NULL,
        section_count int NOT NULL,
        key_id text NOT NULL,
        sections_ciphertext bytea NOT NULL,
        submitted_by text NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX reports_conference ON reports (conference_id)');
    await db.query(`
      CREATE TABLE report_shares (
        id uuid PRIMARY KEY,
        report_id uuid NOT NULL REFERENCES reports (id),
        conference_id uuid NOT NULL,
        report_version int NOT NULL,
        audience text NOT NULL,
        recipients jsonb NOT NULL,
        section_indexes jsonb NOT NULL,
        late boolean NOT NULL,
        shared_by text NOT NULL,
        shared_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE plans (
        conference_id uuid PRIMARY KEY REFERENCES case_identities (conference_id),
        id uuid NOT NULL UNIQUE,
        version int NOT NULL,
        sensitive_case boolean NOT NULL,
        key_id text NOT NULL,
        sections_ciphertext bytea NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE stored_documents (
        id uuid PRIMARY KEY,
        conference_id uuid NOT NULL,
        local_authority text NOT NULL,
        kind text NOT NULL,
        plan_version int NOT NULL,
        file_name text NOT NULL,
        content_type text NOT NULL,
        key_id text NOT NULL,
        content_ciphertext bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE circulations (
        id uuid PRIMARY KEY,
        conference_id uuid NOT NULL,
        local_authority text NOT NULL,
        plan_id uuid NOT NULL,
        plan_version int NOT NULL,
        started_by text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      )`);
    await db.query(`
      CREATE TABLE deliveries (
        delivery_id uuid PRIMARY KEY,
        circulation_id uuid NOT NULL REFERENCES circulations (id),
        conference_id uuid NOT NULL,
        document_id uuid,
        recipient_role text NOT NULL,
        recipient_name text NOT NULL,
        channel text NOT NULL,
        template text NOT NULL,
        status text NOT NULL,
        error text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX deliveries_circulation ON deliveries (circulation_id)');
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['deliveries', 'circulations', 'stored_documents', 'plans', 'report_shares', 'reports']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
