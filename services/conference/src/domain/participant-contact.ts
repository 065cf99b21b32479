import type { Channel, ParticipantSnapshot, SupportNeed } from '@cpc/contracts';

/**
 * A correction of a participant (R-PART): a field given replaces the stored one, `null` clears an
 * optional one, a field left out stays. The mobile is already in E.164 (see contact-details.ts).
 */
export interface ParticipantCorrection {
  firstName?: string;
  lastName?: string;
  knownAs?: string[] | null;
  email?: string | null;
  mobile?: string | null;
  preferredChannel?: Channel | null;
  agency?: string | null;
  language?: string | null;
  needsInterpreter?: boolean | null;
  supportNeeds?: SupportNeed[] | null;
  addresses?: string[] | null;
  invited?: boolean;
  advocateReferral?: boolean | null;
}

export interface CorrectedParticipant {
  participant: ParticipantSnapshot;
  /** The fields whose value really changed. */
  changed: (keyof ParticipantCorrection)[];
}

/** The channels a preferred channel needs a contact for. */
const NEEDS: Record<Channel, 'email' | 'mobile' | 'addresses'> = {
  EMAIL: 'email',
  SECURE_EMAIL: 'email',
  SMS: 'mobile',
  POST: 'addresses',
};

/**
 * Applies a correction. R-CONTACT: the chair confirms email and mobile with the parent, so a change
 * of either withdraws the confirmation until the chair confirms again. A preferred channel left
 * without its contact falls back to email, else SMS (as when the participant was added).
 */
export function correctParticipant(current: ParticipantSnapshot, correction: ParticipantCorrection): CorrectedParticipant {
  const next: Record<string, unknown> = { ...current };
  const changed: (keyof ParticipantCorrection)[] = [];
  for (const [key, value] of Object.entries(correction) as [keyof ParticipantCorrection, unknown][]) {
    if (value === undefined || same(current[key], value)) continue;
    changed.push(key);
    if (value === null) delete next[key];
    else next[key] = value;
  }
  const participant = next as unknown as ParticipantSnapshot;
  const channel = participant.preferredChannel;
  if (channel && !hasContact(participant, NEEDS[channel])) {
    const fallback: Channel | undefined = participant.email ? 'EMAIL' : participant.mobile ? 'SMS' : undefined;
    if (fallback) participant.preferredChannel = fallback;
    else delete participant.preferredChannel;
  }
  // R-CONTACT: changed details must be confirmed again by the chair.
  if (changed.includes('email') || changed.includes('mobile')) participant.contactConfirmed = false;
  return { participant, changed };
}

/**
 * R-CONTACT: what is missing before the chair can confirm a participant's contact. Delivery to
 * parents needs both confirmed (the document by email, its password by SMS, R-DEL-PWD), so a parent
 * needs an email and a mobile; anyone else needs at least one of them.
 */
export function missingForConfirmation(participant: ParticipantSnapshot): ('email' | 'mobile')[] {
  const missing = (['email', 'mobile'] as const).filter((field) => !participant[field]);
  if (participant.role === 'PARENT') return missing;
  return missing.length === 2 ? missing : [];
}

function hasContact(participant: ParticipantSnapshot, field: 'email' | 'mobile' | 'addresses'): boolean {
  const value = participant[field];
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
