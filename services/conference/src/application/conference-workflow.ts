import { DomainError, type EventType } from '@cpc/contracts';
import type { Principal } from '@cpc/http';
import { Outbox } from '@cpc/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ConferenceRecord } from '../infrastructure/conference.entity';
import { ConferenceStore } from '../infrastructure/conference.store';

export interface PendingEvent {
  type: EventType;
  data: object;
}

/** What a change may read besides its own conference, in the same transaction. */
export interface ConferenceReads {
  /** Another conference by id (an RCPC's previous one), in any local authority. */
  conference(id: string): Promise<ConferenceRecord | null>;
}

/** A change to one conference: mutates the record and says which events it produced (may read more in the same transaction). */
export type ConferenceChange = (
  conference: ConferenceRecord,
  now: Date,
  reads: ConferenceReads,
) => PendingEvent[] | Promise<PendingEvent[]>;

/**
 * Every write to a conference goes through here: read it under a row lock in the caller's local
 * authority (another LA's is "not found"), check the caller's If-Match version, apply the change,
 * and commit the row with its events (outbox) in one transaction.
 */
@Injectable()
export class ConferenceWorkflow {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly store: ConferenceStore,
  ) {}

  async change(id: string, caller: Principal, expectedVersion: number | null, apply: ConferenceChange): Promise<ConferenceRecord> {
    return this.dataSource.transaction(async (manager) => {
      const conference = await this.store.lock(manager, id, caller.la);
      if (!conference) throw DomainError.notFound('Conference', id);
      if (expectedVersion !== null && expectedVersion !== conference.version) {
        throw DomainError.stale(`You sent version ${expectedVersion}; the conference is at version ${conference.version}.`, {
          currentVersion: conference.version,
        });
      }
      // R-LIFE: an illegal move throws IllegalTransition, a DomainError naming the current status and what is allowed.
      const events = await apply(conference, new Date(), { conference: (other) => this.store.find(other, undefined, manager) });
      const saved = await this.store.save(manager, conference);
      for (const event of events) {
        await this.outbox.append(manager, {
          type: event.type,
          conferenceId: saved.id,
          localAuthority: saved.localAuthority,
          data: event.data,
        });
      }
      return saved;
    });
  }
}

/** If-Match: "3", W/"3" or 3 → 3; absent → null (no precondition). A malformed one is refused. */
export function versionFromIfMatch(header: string | undefined): number | null {
  if (header === undefined || header === '' || header === '*') return null;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw DomainError.stale(`If-Match must be the conference's version, e.g. "3"; got ${header}.`);
  return Number(match[1]);
}
