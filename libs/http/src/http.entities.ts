import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity('idempotency_keys')
export class IdempotencyRecord {
  @PrimaryColumn('text') principal: string;
  @PrimaryColumn('text', { name: 'idempotency_key' }) key: string;
  @Column('text') method: string;
  @Column('text') path: string;
  @Column('text', { name: 'request_hash' }) requestHash: string;
  @Column('int', { name: 'status_code', nullable: true }) statusCode: number | null;
  @Column('jsonb', { name: 'response_body', nullable: true }) responseBody: unknown;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

/** Who read or changed what (ARCHITECTURE.md "REST": every read or send of a family's document). */
@Entity('audit_log')
export class AuditRecord {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('timestamptz', { default: () => 'now()' }) at: Date;
  @Column('text') actor: string;
  @Column('text', { array: true, name: 'actor_roles' }) actorRoles: string[];
  @Column('text', { name: 'local_authority' }) localAuthority: string;
  @Column('text') action: string;
  @Column('text', { name: 'resource_type' }) resourceType: string;
  @Column('text', { name: 'resource_id', nullable: true }) resourceId: string | null;
  @Column('int') outcome: number;
  @Column('text', { name: 'correlation_id', nullable: true }) correlationId: string | null;
  @Column('jsonb', { nullable: true }) detail: Record<string, unknown> | null;
}
