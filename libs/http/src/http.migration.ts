import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HttpTables1763800000001 implements MigrationInterface {
  name = 'HttpTables1763800000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE idempotency_keys (
        principal text NOT NULL,
        idempotency_key text NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        request_hash text NOT NULL,
        status_code int,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (principal, idempotency_key)
      )`);
    await db.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        actor_roles text[] NOT NULL,
        local_authority text NOT NULL,
        action text NOT NULL,
        resource_type text NOT NULL,
        resource_id text,
        outcome int NOT NULL,
        correlation_id text,
        detail jsonb
      )`);
    await db.query('CREATE INDEX audit_log_resource ON audit_log (resource_type, resource_id)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE audit_log');
    await db.query('DROP TABLE idempotency_keys');
  }
}
