import type { ChildSnapshot, ParticipantSnapshot } from '@cpc/contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NamedPerson } from '../domain/named-person';
import { CaseIdentityRecord } from './case-identity.entity';

/** What ConferenceScheduled tells documents of a conference. */
export interface ScheduledCase {
  conferenceId: string;
  localAuthority: string;
  scheduledStart: Date;
  children: ChildSnapshot[];
  participants: ParticipantSnapshot[];
}

/**
 * The case identities (`case_identities`, one row per conference) in PostgreSQL, mapped by the TypeORM
 * entity CaseIdentityRecord. Every method takes the caller's transaction (or the data source's manager
 * for a plain read), so a change and what follows from it commit together.
 */
@Injectable()
export class CaseIdentityStore {
  /** The conference's case identity, or null; `lock` holds the row (FOR UPDATE) until the transaction ends. */
  async find(manager: EntityManager, conferenceId: string, lock = false): Promise<CaseIdentityRecord | null> {
    return manager.findOne(CaseIdentityRecord, {
      where: { conferenceId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** Whether documents has learned of the conference yet (its ConferenceScheduled applied). */
  async known(manager: EntityManager, conferenceId: string): Promise<boolean> {
    return (await manager.count(CaseIdentityRecord, { where: { conferenceId } })) > 0;
  }

  /** Inserts the case identity, or replaces what ConferenceScheduled says of it when the event comes again. */
  async saveScheduled(manager: EntityManager, scheduled: ScheduledCase): Promise<void> {
    await manager.upsert(CaseIdentityRecord, scheduled, ['conferenceId']);
  }

  async reschedule(manager: EntityManager, conferenceId: string, scheduledStart: Date): Promise<void> {
    await manager.update(CaseIdentityRecord, { conferenceId }, { scheduledStart });
  }

  async replaceParticipants(manager: EntityManager, conferenceId: string, participants: ParticipantSnapshot[]): Promise<void> {
    await manager.update(CaseIdentityRecord, { conferenceId }, { participants });
  }

  /** R-RED-DV: marks the case sensitive; nothing here clears the mark. */
  async markSensitive(manager: EntityManager, conferenceId: string): Promise<void> {
    await manager.update(CaseIdentityRecord, { conferenceId }, { sensitiveCase: true });
  }

  async replaceNamedPeople(manager: EntityManager, conferenceId: string, namedPeople: NamedPerson[]): Promise<void> {
    await manager.update(CaseIdentityRecord, { conferenceId }, { namedPeople });
  }
}
