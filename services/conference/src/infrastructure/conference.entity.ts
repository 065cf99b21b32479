import type { ChildSnapshot, ConferenceKind, ConferenceStatus, ParticipationOption } from '@cpc/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

@Entity('conferences')
@Index(['localAuthority', 'scheduledStart'])
export class ConferenceRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'local_authority' }) localAuthority: string;
  @Column('text') kind: ConferenceKind;
  @Column('text') status: ConferenceStatus;
  @Column('timestamptz', { name: 'scheduled_start' }) scheduledStart: Date;
  @Column('int', { name: 'duration_minutes' }) durationMinutes: number;
  @Column('text', { name: 'participation_option' }) participationOption: ParticipationOption;
  @Column('text', { name: 'option_rationale', nullable: true }) optionRationale: string | null;
  @Column('jsonb') children: ChildSnapshot[];
  @Column('timestamptz', { name: 'strategy_discussion_at', nullable: true }) strategyDiscussionAt: Date | null;
  @Column('uuid', { name: 'previous_conference_id', nullable: true }) previousConferenceId: string | null;
  @Column('jsonb') warnings: string[];
  @Column('text', { name: 'created_by' }) createdBy: string;
  /** Optimistic concurrency: a write with a stale version is refused (412), never a silent overwrite. */
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
