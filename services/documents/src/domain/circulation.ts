import { DomainError, FamilyRoles, type Channel, type RecipientReason, type RecipientStatus, type Role } from '@cpc/contracts';

/** R-DEL-PRO: who receives the professionals' copy, whole and unredacted. */
export const PROFESSIONAL_RECIPIENT_ROLES: readonly Role[] = ['CHAIR', 'SOCIAL_WORKER', 'PROFESSIONAL', 'TEAM_MANAGER'];
/** R-DEL-PAR: who receives the parents' copy, redacted and password protected. */
export const PARENT_RECIPIENT_ROLES: readonly Role[] = ['PARENT'];
/** R-RED-DV: who is told to advise the victim when content was withheld in a sensitive case. */
export const VICTIM_ADVISER_ROLES: readonly Role[] = ['CHAIR', 'SOCIAL_WORKER'];

/** The facts of a participant that decide what circulation sends them (a ParticipantSnapshot satisfies it). */
export interface CirculationParticipant {
  participantId: string;
  role: Role;
  email?: string;
  mobile?: string;
  /** R-CONTACT: the chair confirmed email and mobile with the parent. */
  contactConfirmed?: boolean;
}

export type CopyKind = 'PROFESSIONAL_COPY' | 'PARENT_COPY';

/**
 * One message of a circulation to one recipient. HELD: kept back and not requested (R-CONTACT);
 * PENDING: asked of notifications; SENT: the provider accepted it (final unless a receipt is awaited);
 * DELIVERED: the provider's receipt said delivered; FAILED: it will not arrive; STOOD_DOWN: a later
 * circulation replaced a message still held.
 */
export type MessageStatus = 'HELD' | 'PENDING' | 'SENT' | 'DELIVERED' | 'FAILED' | 'STOOD_DOWN';

export interface PlannedMessage {
  channel: Extract<Channel, 'EMAIL' | 'SMS'>;
  template: 'PLAN_TO_PROFESSIONALS_EMAIL' | 'PARENT_DOCUMENT_EMAIL' | 'PARENT_DOCUMENT_PASSWORD_SMS' | 'ADVISE_VICTIM_NOTE_EMAIL';
  copy: CopyKind;
  /** R-DEL-PWD: the text that carries the parent copy's password; never the email. */
  carriesPassword: boolean;
}

/** Who gets what, and whether it can go now: the circulation decided before anything is stored. */
export interface RecipientPlan {
  participant: CirculationParticipant;
  messages: PlannedMessage[];
  /** HELD or FAILED at once, with the reason; undefined when every message can be requested now. */
  initial?: { status: Extract<RecipientStatus, 'HELD' | 'FAILED'>; reasonCode: RecipientReason; reason: string };
}

/** A refusal to circulate: nobody the plan could go to. */
export class NoRecipientsError extends DomainError {
  constructor() {
    super(
      'unprocessable',
      'no-recipients',
      'Nobody to send the plan to',
      'The conference has no professional or parent participants to send the plan to (R-DEL-PRO, R-DEL-PAR).',
    );
  }
}

/**
 * R-DEL-PRO, R-DEL-PAR, R-DEL-PWD, R-CONTACT, R-RED-DV: every recipient the conference holds for
 * the plan, and the messages each gets.
 * - Professionals (PROFESSIONAL_RECIPIENT_ROLES): the whole plan by email.
 * - Parents: the redacted, password-protected copy by email and its password by SMS, two channels.
 *   A parent with no email or no mobile cannot be sent it (FAILED, NO_EMAIL / NO_MOBILE); a parent
 *   whose contact details the chair has not confirmed is HELD (HELD_CONTACT_UNCONFIRMED) until they are.
 * - R-RED-DV: where content was withheld in a sensitive case, the chair and SW are told to advise the victim.
 * Family members other than parents, children and other roles receive nothing from circulation.
 */
export function planRecipients(participants: readonly CirculationParticipant[], adviseVictim: boolean): RecipientPlan[] {
  const plans: RecipientPlan[] = [];
  for (const participant of participants) {
    const messages: PlannedMessage[] = [];
    if (PROFESSIONAL_RECIPIENT_ROLES.includes(participant.role)) {
      messages.push({ channel: 'EMAIL', template: 'PLAN_TO_PROFESSIONALS_EMAIL', copy: 'PROFESSIONAL_COPY', carriesPassword: false });
    }
    if (adviseVictim && VICTIM_ADVISER_ROLES.includes(participant.role)) {
      messages.push({ channel: 'EMAIL', template: 'ADVISE_VICTIM_NOTE_EMAIL', copy: 'PROFESSIONAL_COPY', carriesPassword: false });
    }
    if (PARENT_RECIPIENT_ROLES.includes(participant.role)) {
      messages.push(
        { channel: 'EMAIL', template: 'PARENT_DOCUMENT_EMAIL', copy: 'PARENT_COPY', carriesPassword: false },
        { channel: 'SMS', template: 'PARENT_DOCUMENT_PASSWORD_SMS', copy: 'PARENT_COPY', carriesPassword: true },
      );
    }
    if (messages.length === 0) continue;
    plans.push({ participant, messages, initial: initialHold(participant, messages) });
  }
  if (plans.length === 0) throw new NoRecipientsError();
  return plans;
}

function initialHold(participant: CirculationParticipant, messages: readonly PlannedMessage[]): RecipientPlan['initial'] {
  if (messages.some((m) => m.channel === 'EMAIL') && !participant.email) {
    return { status: 'FAILED', reasonCode: 'NO_EMAIL', reason: 'no email address held' };
  }
  if (messages.some((m) => m.channel === 'SMS') && !participant.mobile) {
    return { status: 'FAILED', reasonCode: 'NO_MOBILE', reason: 'no mobile number held for the password (R-DEL-PWD)' };
  }
  // R-CONTACT: nothing goes to a family member whose email and mobile the chair has not confirmed.
  if (FamilyRoles.includes(participant.role) && participant.contactConfirmed !== true) {
    return {
      status: 'HELD',
      reasonCode: 'HELD_CONTACT_UNCONFIRMED',
      reason: 'held until the chair confirms the email and mobile with the parent (R-CONTACT)',
    };
  }
  return undefined;
}

/** One stored message, as the recipient's state is worked out from it. */
export interface MessageState {
  status: MessageStatus;
  /** The provider reports the final state later (GOV.UK Notify): SENT is not yet settled. */
  awaitingReceipt: boolean;
  reasonCode?: RecipientReason | null;
  error?: string | null;
}

/** A message is settled when nothing more will be learnt of it. */
export function isSettled(message: MessageState): boolean {
  return (
    message.status === 'DELIVERED' ||
    message.status === 'FAILED' ||
    message.status === 'STOOD_DOWN' ||
    (message.status === 'SENT' && !message.awaitingReceipt)
  );
}

/**
 * A recipient's state from their messages (R-DEL-PWD: a parent's document without its password is
 * not delivered): FAILED if any failed, else HELD if any is held, else PENDING while any is unsettled,
 * else SENT.
 */
export function recipientState(messages: readonly MessageState[]): {
  status: RecipientStatus;
  reasonCode?: RecipientReason;
  reason?: string;
} {
  const failed = messages.find((m) => m.status === 'FAILED');
  if (failed) return { status: 'FAILED', reasonCode: failed.reasonCode ?? 'DELIVERY_FAILED', reason: failed.error ?? 'not delivered' };
  if (messages.some((m) => m.status === 'STOOD_DOWN'))
    return { status: 'HELD', reasonCode: 'SUPERSEDED', reason: 'replaced by a later circulation' };
  const held = messages.find((m) => m.status === 'HELD');
  if (held) return { status: 'HELD', reasonCode: held.reasonCode ?? 'HELD_CONTACT_UNCONFIRMED', reason: held.error ?? undefined };
  if (messages.some((m) => !isSettled(m))) return { status: 'PENDING' };
  return { status: 'SENT' };
}

/** R-CONTACT: a held recipient may be released once their contact is confirmed and both details are held. */
export function mayRelease(participant: CirculationParticipant): boolean {
  return participant.contactConfirmed === true && Boolean(participant.email) && Boolean(participant.mobile);
}
