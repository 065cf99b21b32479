import type { ParticipantSnapshot } from './events/conference.events';
import { FamilyRoles } from './vocabulary';

/**
 * R-CONTACT: delivery to a family member needs their contact details confirmed by the chair. When a
 * change withdraws that confirmation (a new email or mobile), whatever has not yet gone to them is held
 * again until the chair confirms once more. The documents service (its circulation view) and the
 * notifications service (its messages) both act on the same ParticipantUpdated event, so both ask this
 * one question and record this one reason.
 */
export function mustHoldAgain(participant: Pick<ParticipantSnapshot, 'role' | 'contactConfirmed'>): boolean {
  return participant.contactConfirmed !== true && FamilyRoles.includes(participant.role);
}

/** The reason both services record on a message held again (R-CONTACT). */
export const HeldAgainReason = 'held again: contact details changed after confirmation';
