import type { ChildSnapshot, ParticipantSnapshot } from '@cpc/contracts';
import type { NamedPerson } from '../domain/named-person';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * What documents knows of a conference from conference events: who the case's people are and
 * where they live, so the family's copy can be redacted without calling back (R-RED-INIT).
 */
@Entity('case_identities')
export class CaseIdentityRecord {
  @PrimaryColumn('uuid', { name: 'conference_id' }) conferenceId: string;
  @Column('text', { name: 'local_authority' }) localAuthority: string;
  @Column('timestamptz', { name: 'scheduled_start' }) scheduledStart: Date;
  @Column('jsonb') children: ChildSnapshot[];
  @Column('jsonb', { default: () => "'[]'" }) participants: ParticipantSnapshot[];
  /** People a report or the plan names who are not participants (R-RED-INIT). */
  @Column('jsonb', { name: 'named_people', default: () => "'[]'" }) namedPeople: NamedPerson[];
  @Column('boolean', { name: 'sensitive_case', default: false }) sensitiveCase: boolean;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
