import type { DeadlineStatus, ParticipationOption, Role } from '@cpc/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ConferenceStage } from '../domain/conference-timing';
import type { ReminderState } from '../domain/deadline';
import type { PolicyOverride } from '../domain/policy-override';

/** A reminder as stored in `deadlines.reminders` (instants as ISO strings in jsonb). */
export interface StoredReminder {
  at: string;
  remind: Role[];
  state: ReminderState;
  sentAt: string | null;
}

@Entity('conference_timings')
export class ConferenceTimingRecord {
  @PrimaryColumn('uuid', { name: 'conference_id' }) conferenceId: string;
  @Column('text', { name: 'local_authority' }) localAuthority: string;
  @Column('timestamptz', { name: 'scheduled_start' }) scheduledStart: Date;
  @Column('text', { name: 'participation_option' }) participationOption: ParticipationOption;
  @Column('text') stage: ConferenceStage;
  @Column('timestamptz', { name: 'concluded_at', nullable: true }) concludedAt: Date | null;
  @Column('timestamptz', { name: 'contingency_at', nullable: true }) contingencyAt: Date | null;
  @Column('jsonb', { name: 'contingency_tasks' }) contingencyTasks: string[];
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('deadlines')
export class DeadlineRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'conference_id' }) conferenceId: string;
  @Column('text', { name: 'local_authority' }) localAuthority: string;
  @Column('text') kind: string;
  @Column('text') description: string;
  @Column('text') status: DeadlineStatus;
  @Column('int') version: number;
  @Column('timestamptz', { name: 'due_at' }) dueAt: Date;
  @Column('timestamptz', { name: 'conference_start' }) conferenceStart: Date;
  @Column('jsonb') reminders: StoredReminder[];
  @Column('jsonb') alert: Role[];
  @Column('jsonb') responsible: Role[];
  @Column('timestamptz', { name: 'met_at', nullable: true }) metAt: Date | null;
  @Column('timestamptz', { name: 'breached_at', nullable: true }) breachedAt: Date | null;
  @Column('timestamptz', { name: 'stood_down_at', nullable: true }) stoodDownAt: Date | null;
  @Column('text', { name: 'status_reason', nullable: true }) statusReason: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('deadline_satisfactions')
export class DeadlineSatisfactionRecord {
  @PrimaryColumn('uuid', { name: 'conference_id' }) conferenceId: string;
  @PrimaryColumn('text') kind: string;
  @Column('timestamptz', { name: 'satisfied_at' }) satisfiedAt: Date;
  @Column('text', { name: 'event_type' }) eventType: string;
  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' }) recordedAt: Date;
}

@Entity('deadline_policy_overrides')
export class PolicyOverrideRecord {
  @PrimaryColumn('text', { name: 'local_authority' }) localAuthority: string;
  @PrimaryColumn('text') kind: string;
  @Column('jsonb') override: PolicyOverride;
  @Column('text', { name: 'updated_by' }) updatedBy: string;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

export const SCHEDULING_ENTITIES = [ConferenceTimingRecord, DeadlineRecord, DeadlineSatisfactionRecord, PolicyOverrideRecord];
