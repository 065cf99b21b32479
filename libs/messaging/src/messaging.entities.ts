import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Transactional outbox (ARCHITECTURE.md "Producing"): written in the same transaction as the state
 * change; the relay publishes rows in `seq` order and marks them sent once the broker acknowledged.
 */
@Entity('outbox')
@Index('outbox_unsent', ['seq'], { where: 'sent_at IS NULL' })
export class OutboxMessage {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq: string;

  @Column('uuid', { name: 'event_id', unique: true })
  eventId: string;

  @Column('text')
  topic: string;

  @Column('text', { name: 'message_key' })
  key: string;

  @Column('text')
  type: string;

  @Column('jsonb')
  envelope: object;

  @Column('text', { name: 'correlation_id', nullable: true })
  correlationId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;
}

/** Inbox (ARCHITECTURE.md "Consuming"): the ids of events a consumer has already applied. */
@Entity('inbox')
export class InboxRecord {
  @PrimaryColumn('text')
  consumer: string;

  @PrimaryColumn('uuid', { name: 'event_id' })
  eventId: string;

  @Column('text')
  type: string;

  @Column('timestamptz', { name: 'processed_at', default: () => 'now()' })
  processedAt: Date;
}
