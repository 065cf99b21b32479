import type { ParticipantSnapshot } from '@cpc/contracts';
import type { EntityManager } from 'typeorm';
import type { ConferenceFacts } from '../domain/message-plan';
import { KnownConferenceRecord } from './known-conference.entity';

/**
 * Every query of known_conferences: what notifications knows of each conference from the conference
 * events (when it is, its status, whom to write to). Rows are the KnownConferenceRecord entity; writes
 * run in the caller's transaction (the inbox's).
 */
export class KnownConferenceStore {
  /** The conference as last heard, or undefined when ConferenceScheduled has not arrived. */
  static async find(manager: EntityManager, conferenceId: string): Promise<ConferenceFacts | undefined> {
    const record = await manager.findOneBy(KnownConferenceRecord, { conferenceId });
    return record ?? undefined;
  }

  /** ConferenceScheduled: the conference as the event states it (a replay writes the same row again). */
  static async remember(manager: EntityManager, facts: ConferenceFacts): Promise<void> {
    await manager.upsert(KnownConferenceRecord, facts, ['conferenceId']);
  }

  static async reschedule(manager: EntityManager, conferenceId: string, scheduledStart: Date, status?: string): Promise<void> {
    await manager.update(KnownConferenceRecord, { conferenceId }, { scheduledStart, ...(status ? { status } : {}) });
  }

  /** R-LIFE: the lifecycle state as last heard. */
  static async setStatus(manager: EntityManager, conferenceId: string, status: string): Promise<void> {
    await manager.update(KnownConferenceRecord, { conferenceId }, { status });
  }

  static async setParticipants(manager: EntityManager, conferenceId: string, participants: ParticipantSnapshot[]): Promise<void> {
    await manager.update(KnownConferenceRecord, { conferenceId }, { participants });
  }
}
