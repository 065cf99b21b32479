import { FamilyRoles, type ParticipantSnapshot, type Role } from '@cpc/contracts';

/** Why a message is recorded but not sent. */
export type HoldReason = 'HELD_CONTACT_UNCONFIRMED';

/**
 * R-CONTACT: the social worker supplies a family member's phone and email and the chair confirms
 * them with the family; nothing is sent to a family member before that. A participant this service
 * does not know is not held here (the sender, documents, holds its own deliveries).
 */
export function contactHold(role: Role, participant: ParticipantSnapshot | undefined): HoldReason | undefined {
  if (!FamilyRoles.includes(role) || !participant) return undefined;
  return participant.contactConfirmed === true ? undefined : 'HELD_CONTACT_UNCONFIRMED';
}

const NOT_STARTED = new Set(['SCHEDULED', 'POSTPONED']);

/** A held invitation is still worth sending: the conference has not begun, ended or been called off. */
export function invitationStillUseful(status: string, scheduledStart: Date, now: Date): boolean {
  return NOT_STARTED.has(status) && scheduledStart.getTime() > now.getTime();
}
