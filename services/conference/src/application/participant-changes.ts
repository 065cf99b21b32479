import { DomainError, type ParticipantSnapshot } from '@cpc/contracts';
import type { Principal } from '@cpc/http';
import { correctParticipant, missingForConfirmation, type ParticipantCorrection } from '../domain/participant-contact';
import type { ConferenceRecord } from '../infrastructure/conference.entity';
import type { ConferenceChange } from './conference-workflow';

const fieldRefusal = (type: string, title: string, field: string, message: string, errors = [{ field, message }]) =>
  new DomainError('unprocessable', type, title, `${field} ${message}`, { errors });

const PARTICIPANTS_OPEN: readonly string[] = ['SCHEDULED', 'POSTPONED', 'IN_PROGRESS', 'PAUSED', 'CONTINGENCY'];
// A correction is still useful after the conference: the plan goes to the parents' contacts (R-POST-3).
const CORRECTIONS_CLOSED: readonly string[] = ['CLOSED', 'CANCELLED'];

/** R-PART: a participant joins while the conference is still being prepared or held. */
export const addParticipant =
  (participant: ParticipantSnapshot): ConferenceChange =>
  (c) => {
    if (!PARTICIPANTS_OPEN.includes(c.status)) {
      throw new DomainError('conflict', 'participants-closed', 'Participants can no longer be added', `The conference is ${c.status}.`, {
        currentStatus: c.status,
      });
    }
    c.participants = [...c.participants, participant];
    return [{ type: 'ParticipantAdded', data: { conferenceId: c.id, participant } }];
  };

/**
 * R-PART / R-CONTACT: corrects a participant's names, contact, channel, language or needs until the
 * conference is closed or cancelled; a change of email or mobile withdraws the chair's confirmation.
 * Emits ParticipantUpdated with the whole new snapshot, and nothing when nothing changed.
 */
export const updateParticipant =
  (participantId: string, correction: ParticipantCorrection): ConferenceChange =>
  (c) => {
    if (CORRECTIONS_CLOSED.includes(c.status)) {
      throw new DomainError(
        'conflict',
        'participants-closed',
        'Participants can no longer be corrected',
        `The conference is ${c.status}.`,
        {
          currentStatus: c.status,
        },
      );
    }
    const current = participantOf(c, participantId);
    const { participant, changed } = correctParticipant(current, correction);
    if (changed.length === 0) return [];
    c.participants = c.participants.map((p) => (p.participantId === participantId ? participant : p));
    return [{ type: 'ParticipantUpdated', data: { conferenceId: c.id, participant } }];
  };

/** R-CONTACT: the chair confirms a participant's contact with them; delivery to parents needs both email and mobile. */
export const confirmContact =
  (participantId: string, caller: Principal): ConferenceChange =>
  (c) => {
    if (!caller.roles.includes('CHAIR'))
      throw DomainError.forbidden('Only the chair confirms contact details with the parents (R-CONTACT).');
    const participant = participantOf(c, participantId);
    const missing = missingForConfirmation(participant);
    if (missing.length > 0) {
      const why =
        participant.role === 'PARENT' ? 'delivery to parents needs both email and mobile (R-CONTACT)' : 'nothing to confirm (R-CONTACT)';
      throw fieldRefusal(
        'no-contact',
        'Contact incomplete',
        'participantId',
        `has no ${missing.join(' and no ')}: ${why}`,
        missing.map((field) => ({ field, message: `is required to confirm: ${why}` })),
      );
    }
    const updated = { ...participant, contactConfirmed: true };
    c.participants = c.participants.map((p) => (p.participantId === participantId ? updated : p));
    return [{ type: 'ParticipantUpdated', data: { conferenceId: c.id, participant: updated } }];
  };

function participantOf(c: ConferenceRecord, participantId: string): ParticipantSnapshot {
  const participant = c.participants.find((p) => p.participantId === participantId);
  if (!participant)
    throw fieldRefusal('unknown-participant', 'No such participant', 'participantId', 'is not a participant of this conference');
  return participant;
}
