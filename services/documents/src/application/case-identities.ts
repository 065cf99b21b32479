import {
  DomainError,
  type ConferenceConcluded,
  type ConferenceRescheduled,
  type ConferenceScheduled,
  type ParticipantAdded,
  type ParticipantSnapshot,
} from '@cpc/contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseIdentity, CasePerson, NamedPerson } from '../domain';
import type { CaseIdentityRecord } from '../infrastructure/case-identity.entity';
import { CaseIdentityStore } from '../infrastructure/case-identity.store';
import { CirculationProgress } from './circulation-progress';

/**
 * R-RED-INIT: the people and addresses the family's copy must not show, whichever door they came in
 * by: the children and participants of the schedule request, participants added or updated later,
 * and people named in a report or the plan.
 */
export function caseIdentityOf(record: CaseIdentityRecord): CaseIdentity {
  const named = record.namedPeople ?? [];
  return {
    people: [
      ...record.children.map((child): CasePerson => ({
        firstName: child.firstName,
        lastName: child.lastName,
        knownAs: child.knownAs,
        dateOfBirth: child.dateOfBirth,
        role: 'CHILD',
      })),
      ...record.participants.map((p): CasePerson => ({ firstName: p.firstName, lastName: p.lastName, knownAs: p.knownAs, role: p.role })),
      ...named.map((p): CasePerson => ({
        firstName: p.firstName,
        lastName: p.lastName,
        knownAs: p.knownAs,
        dateOfBirth: p.dateOfBirth,
        role: 'FAMILY_MEMBER',
      })),
    ],
    addresses: [...record.participants.flatMap((p) => p.addresses ?? []), ...named.flatMap((p) => p.addresses ?? [])],
  };
}

/** The case identity kept current from conference events (R-RED-INIT), with the participants circulation sends to. */
@Injectable()
export class CaseIdentities {
  constructor(
    private readonly store: CaseIdentityStore,
    private readonly progress: CirculationProgress,
  ) {}

  /**
   * The conference as documents knows it from conference events. One of another local authority is
   * "not found": its existence is not disclosed. `lock` holds the row for the caller's transaction.
   */
  async conference(manager: EntityManager, conferenceId: string, localAuthority: string, lock = false): Promise<CaseIdentityRecord> {
    const record = await this.store.find(manager, conferenceId, lock);
    if (!record || record.localAuthority !== localAuthority) throw DomainError.notFound('Conference', conferenceId);
    return record;
  }

  /** Every participant the schedule request named is known from the first event on, like one added later. */
  async scheduled(manager: EntityManager, data: ConferenceScheduled): Promise<void> {
    await this.store.saveScheduled(manager, {
      conferenceId: data.conferenceId,
      localAuthority: data.localAuthority,
      scheduledStart: new Date(data.scheduledStart),
      children: data.children,
      participants: data.participants ?? [],
    });
  }

  /** R-NOTDAY: "the day" moves with the conference. */
  async rescheduled(manager: EntityManager, data: ConferenceRescheduled): Promise<void> {
    await this.store.reschedule(manager, data.conferenceId, new Date(data.scheduledStart));
  }

  /**
   * A participant joins or changes: replaced by id, so the latest names, contact details and addresses
   * win. R-CONTACT: a parent held at circulation is sent what was held once their contact is confirmed;
   * what is not yet sent to one whose confirmation was withdrawn is held again.
   */
  async participant(manager: EntityManager, data: ParticipantAdded): Promise<void> {
    const { conferenceId, participant } = data;
    const record = await this.store.find(manager, conferenceId, true);
    // Conference events share one key, so ConferenceScheduled precedes its participants; without it there is nothing to join.
    if (!record) throw new Error(`participant for unknown conference ${conferenceId}`);
    const participants: ParticipantSnapshot[] = [
      ...record.participants.filter((p) => p.participantId !== participant.participantId),
      participant,
    ];
    await this.store.replaceParticipants(manager, conferenceId, participants);
    await this.progress.holdAgain(manager, conferenceId, participant);
    await this.progress.releaseHeld(manager, record.localAuthority, conferenceId, participant);
  }

  /** R-RED-DV: the chair's mark at conclusion; it never clears a mark already set on the plan. */
  async concluded(manager: EntityManager, data: ConferenceConcluded): Promise<void> {
    if (!data.sensitiveCase) return;
    await this.store.markSensitive(manager, data.conferenceId);
  }

  /** R-RED-INIT: people a report or the plan names who are not participants (a new partner, a grandparent) join the case identity. */
  async named(manager: EntityManager, record: CaseIdentityRecord, people: readonly NamedPerson[]): Promise<void> {
    // A plan is PUT again and again with the same people: each person is kept once, not once per version.
    const key = (p: NamedPerson) => JSON.stringify([p.firstName, p.lastName, p.knownAs ?? [], p.dateOfBirth ?? null, p.addresses ?? []]);
    const held = new Set((record.namedPeople ?? []).map(key));
    const fresh = people.filter((p) => !held.has(key(p)) && held.add(key(p)));
    if (fresh.length === 0) return;
    await this.store.replaceNamedPeople(manager, record.conferenceId, [...(record.namedPeople ?? []), ...fresh]);
  }
}
