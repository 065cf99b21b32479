import type { ChildSnapshot, ParticipantSnapshot, ConferenceKind, ConferenceStatus, ParticipationOption } from '@cpc/contracts';
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
  /** The locality team of the local authority (issue 14 "Teams"). */
  @Column('text', { nullable: true }) team: string | null;
  @Column('jsonb') children: ChildSnapshot[];
  @Column('timestamptz', { name: 'strategy_discussion_at', nullable: true }) strategyDiscussionAt: Date | null;
  @Column('uuid', { name: 'previous_conference_id', nullable: true }) previousConferenceId: string | null;
  @Column('jsonb') warnings: string[];
  @Column('text', { name: 'created_by' }) createdBy: string;
  /** R-OPT-2: the chair's recorded agreement to THREE_PART. */
  @Column('boolean', { name: 'option_chair_agreed', default: false }) optionChairAgreed: boolean;
  @Column('jsonb', { default: () => "'[]'" }) participants: ParticipantSnapshot[];
  @Column('jsonb', { default: () => "'[]'" }) preparation: PreparationRecord[];
  @Column('jsonb', { nullable: true }) postponement: PostponementRecord | null;
  @Column('jsonb', { nullable: true }) contingency: ContingencyRecord | null;
  @Column('text', { name: 'pause_reason', nullable: true }) pauseReason: string | null;
  @Column('jsonb', { nullable: true }) outcome: OutcomeRecord | null;
  @Column('jsonb', { nullable: true }) debrief: DebriefRecord | null;
  /** Optimistic concurrency: a write with a stale version is refused (412), never a silent overwrite. */
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** R-PREP-1, R-PREP-2, R-PREP-3, R-PREP-4, R-PREP-5, R-PREP-6, R-PREP-7, R-PREP-8, R-PREP-9, R-PREP-10, R-PREP-11, R-ROOM, R-NOREC: who recorded the step, when, with what notes. */
export interface PreparationRecord {
  step: string;
  completedAt: string;
  completedBy: string;
  notes: string | null;
  chairAgreed?: boolean;
}

/** R-POSTPONE: a request and the approvals by role. */
export interface PostponementRecord {
  rationale: string;
  requestedBy: string;
  requestedAt: string;
  approvals: { role: string; by: string; at: string }[];
}

export interface ContingencyRecord {
  reason: string;
  tasks: string[];
  at: string;
  by: string;
}

export interface OutcomeRecord {
  decision: string;
  planSummary: string;
  decisionAnalysis: string | null;
  increasedRisk: boolean;
  sensitiveCase: boolean;
  concludedAt: string;
  concludedBy: string;
}

export interface DebriefRecord {
  heldAt: string;
  heldBy: string;
  understood: boolean;
  viewsHeard: boolean;
  safetyPlanConfirmed: boolean;
  notes: string | null;
}
