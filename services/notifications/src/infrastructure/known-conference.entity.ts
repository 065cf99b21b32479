import type { ParticipantSnapshot } from '@cpc/contracts';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** What notifications knows of a conference: when it is and whom to write to (R-PART, R-PREP-11). */
@Entity('known_conferences')
export class KnownConferenceRecord {
  @PrimaryColumn('uuid', { name: 'conference_id' }) conferenceId: string;
  @Column('text', { name: 'local_authority' }) localAuthority: string;
  @Column('text') kind: string;
  @Column('timestamptz', { name: 'scheduled_start' }) scheduledStart: Date;
  @Column('text', { name: 'participation_option' }) participationOption: string;
  @Column('jsonb', { default: () => "'[]'" }) participants: ParticipantSnapshot[];
  /** The lifecycle state as last heard (R-LIFE): whether a held invitation is still worth sending. */
  @Column('text', { default: 'SCHEDULED' }) status: string;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
