import { NotFoundProblem } from '@cpc/http';
import type { EntityManager } from 'typeorm';
import type { CaseIdentity } from '../domain';
import { CaseIdentityRecord } from '../infrastructure/case-identity.entity';

/**
 * The conference as documents knows it from conference events. One of another local authority is
 * "not found": its existence is not disclosed. `lock` holds the row for the caller's transaction.
 */
export async function findConference(
  manager: EntityManager,
  conferenceId: string,
  localAuthority: string,
  lock = false,
): Promise<CaseIdentityRecord> {
  const record = await manager.findOne(CaseIdentityRecord, {
    where: { conferenceId },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!record || record.localAuthority !== localAuthority) throw new NotFoundProblem('Conference', conferenceId);
  return record;
}

/** R-RED-INIT: the people and addresses the family's copy must not show. */
export function caseIdentityOf(record: CaseIdentityRecord): CaseIdentity {
  return {
    people: [
      ...record.children.map((child) => ({
        firstName: child.firstName,
        lastName: child.lastName,
        knownAs: child.knownAs,
        dateOfBirth: child.dateOfBirth,
        role: 'CHILD' as const,
      })),
      ...record.participants.map((p) => ({ firstName: p.firstName, lastName: p.lastName, knownAs: p.knownAs, role: p.role })),
    ],
    addresses: record.participants.flatMap((p) => p.addresses ?? []),
  };
}
