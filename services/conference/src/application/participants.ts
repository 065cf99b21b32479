import { DomainError, type ParticipantSnapshot } from '@cpc/contracts';
import { randomUUID } from 'node:crypto';
import { ukMobileToE164 } from '../domain/contact-details';
import type { ParticipantCorrection } from '../domain/participant-contact';
import type { ParticipantInput } from './conference-inputs';

/**
 * R-PART / R-CONTACT / R-CHILD: a participant as stored and as sent in events. The mobile must be a
 * UK mobile (the document password goes to it by SMS) and is kept in E.164; contact starts
 * unconfirmed until the chair confirms it with the parent; a child's advocate referral continues.
 */
export function participantSnapshot(dto: ParticipantInput, field = 'mobile'): ParticipantSnapshot {
  const mobile = dto.mobile === undefined ? undefined : ukMobileToE164(dto.mobile);
  if (mobile === null) throw DomainError.invalid([{ field, message: 'must be a UK mobile number, e.g. 07700 900123 or +44 7700 900123' }]);
  const snapshot: ParticipantSnapshot = {
    participantId: randomUUID(),
    role: dto.role,
    firstName: dto.firstName,
    lastName: dto.lastName,
    invited: dto.invited ?? true,
    contactConfirmed: false,
  };
  const optional: Partial<ParticipantSnapshot> = {
    knownAs: dto.knownAs,
    email: dto.email,
    mobile,
    preferredChannel: dto.preferredChannel ?? (dto.email ? 'EMAIL' : mobile ? 'SMS' : undefined),
    agency: dto.agency,
    language: dto.language,
    needsInterpreter: dto.needsInterpreter,
    supportNeeds: dto.supportNeeds,
    addresses: dto.addresses,
    userId: dto.userId,
    advocateReferral: dto.advocateReferral ?? (dto.role === 'CHILD' ? true : undefined),
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(snapshot, { [key]: value });
  return snapshot;
}

/**
 * R-PART / R-CONTACT: a correction as the domain applies it. Validated as when adding: a mobile given
 * must be a UK mobile (kept in E.164), and a correction must change something.
 */
export function participantCorrection(input: ParticipantCorrection): ParticipantCorrection {
  const fields = Object.entries(input).filter(([, value]) => value !== undefined);
  if (fields.length === 0) throw DomainError.invalid([{ field: 'body', message: 'must correct at least one field' }]);
  const correction: ParticipantCorrection = Object.fromEntries(fields);
  if (typeof input.mobile === 'string') {
    const mobile = ukMobileToE164(input.mobile);
    if (mobile === null)
      throw DomainError.invalid([{ field: 'mobile', message: 'must be a UK mobile number, e.g. 07700 900123 or +44 7700 900123' }]);
    correction.mobile = mobile;
  }
  return correction;
}
