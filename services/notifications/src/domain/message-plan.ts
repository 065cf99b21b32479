import {
  FamilyRoles,
  type ConferenceScheduled,
  type DeadlineBreached,
  type DeadlineReminderDue,
  type DeliveryRequested,
  type ParticipantSnapshot,
  type RiskEscalated,
  type Role,
} from '@cpc/contracts';
import { contactHold, type HoldReason } from './contact-hold';
import type { MessageTemplateId } from './message-templates';
import { templateFor } from './render-template';
import type { RoutedRecipient } from './routing';

/** What a conference looks like to this service: when, what, and whom to write to. */
export interface ConferenceFacts {
  conferenceId: string;
  localAuthority: string;
  kind: string;
  scheduledStart: Date;
  participationOption: string;
  participants: ParticipantSnapshot[];
  /** The conference's lifecycle state as last heard (R-LIFE); SCHEDULED until told otherwise. */
  status?: string;
}

/** One message to send, before it is recorded: everything but the password, which stays sealed. */
export interface PlannedMessage {
  /** Unique per (cause, recipient, template): a redelivered event plans the same keys (inbox + unique index). */
  dedupeKey: string;
  conferenceId: string;
  template: MessageTemplateId;
  channel: 'EMAIL' | 'SMS';
  recipient: string;
  recipientRole: Role;
  personalisation: Record<string, string>;
  /** The participant the message is for, where it is for one. */
  participantId?: string;
  /** Recorded HELD, not sent, for this reason (R-CONTACT); released when the reason goes. */
  hold?: HoldReason;
  deliveryId?: string;
  documentId?: string;
  sealedSecret?: string;
}

const ZONE = 'Europe/London';
// Made once: toLocaleDateString builds a new formatter each call (~57 us against ~1 us), 4 % of the service's CPU (issue 15).
const DATE = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' });
const date = (at: Date) => DATE.format(at);
const time = (at: Date) => TIME.format(at);
const stamp = (at: Date) => `${date(at)} at ${time(at)}`;
const fullName = (p: ParticipantSnapshot) => `${p.firstName} ${p.lastName}`;
/** The conference as staff messages name it, e.g. ICPC-1A2B3C4D. */
export const reference = (facts: Pick<ConferenceFacts, 'kind' | 'conferenceId'>) =>
  `${facts.kind}-${facts.conferenceId.slice(0, 8).toUpperCase()}`;

function socialWorker(facts: ConferenceFacts): { socialWorkerName: string; socialWorkerPhone: string } {
  const sw = facts.participants.find((p) => p.role === 'SOCIAL_WORKER');
  return { socialWorkerName: sw ? fullName(sw) : 'your social worker', socialWorkerPhone: sw?.mobile ?? 'the number on your last letter' };
}

const JOIN_DETAILS = 'Your social worker will send you the link to join the online meeting, and can help you test it beforehand.';

/**
 * R-PREP-11 / R-PART: each participant is invited by the channel agreed with them; families in plain
 * language (email or text), professionals by email with when their report is due (R-PREP-3).
 */
export function invitationsFor(facts: ConferenceFacts, participants: readonly ParticipantSnapshot[], cause: string): PlannedMessage[] {
  const planned: PlannedMessage[] = [];
  const start = facts.scheduledStart;
  for (const participant of participants) {
    const family = FamilyRoles.includes(participant.role);
    const base = {
      conferenceId: facts.conferenceId,
      recipientRole: participant.role,
      participantId: participant.participantId,
      // R-CONTACT: a family member's invitation waits until the chair has confirmed their contact details.
      hold: contactHold(participant.role, participant),
    };
    const key = (template: string) => `${cause}:${participant.participantId}:${template}`;
    if (family) {
      if (participant.role === 'CHILD' && participant.invited === false) continue; // R-CHILD: only where appropriate
      const bySms = participant.preferredChannel === 'SMS' ? participant.mobile : undefined;
      if (bySms) {
        planned.push({
          ...base,
          dedupeKey: key('INVITATION_FAMILY_SMS'),
          template: 'INVITATION_FAMILY_SMS',
          channel: 'SMS',
          recipient: bySms,
          personalisation: { meetingDate: date(start), meetingTime: time(start), joinDetails: JOIN_DETAILS, ...socialWorker(facts) },
        });
      } else if (participant.email) {
        planned.push({
          ...base,
          dedupeKey: key('INVITATION_FAMILY_EMAIL'),
          template: 'INVITATION_FAMILY_EMAIL',
          channel: 'EMAIL',
          recipient: participant.email,
          personalisation: {
            recipientName: fullName(participant),
            meetingDate: date(start),
            meetingTime: time(start),
            joinDetails: JOIN_DETAILS,
            ...socialWorker(facts),
            ...(participant.needsInterpreter && participant.language ? { interpreterLanguage: participant.language } : {}),
          },
        });
      }
    } else if (participant.email && participant.role !== 'SYSTEM') {
      planned.push({
        ...base,
        dedupeKey: key('INVITATION_PROFESSIONAL_EMAIL'),
        template: 'INVITATION_PROFESSIONAL_EMAIL',
        channel: 'EMAIL',
        recipient: participant.email,
        personalisation: {
          recipientName: fullName(participant),
          conferenceKind: facts.kind === 'ICPC' ? 'initial child protection conference' : 'review child protection conference',
          conferenceReference: reference(facts),
          meetingDate: date(start),
          meetingTime: time(start),
          joinDetails: 'The meeting link is in your calendar invitation from the conference team.',
          reportsDueBy: stamp(new Date(start.getTime() - 24 * 3600_000)),
        },
      });
    }
  }
  return planned;
}

export function invitationsOnScheduled(facts: ConferenceFacts, event: ConferenceScheduled, eventId: string): PlannedMessage[] {
  return invitationsFor(facts, event.participants ?? [], eventId);
}

/** A reminder before a deadline falls due, to the roles the policy names (routed by R-ROUTE). */
export function remindersFor(
  facts: ConferenceFacts,
  event: DeadlineReminderDue,
  eventId: string,
  recipients: readonly RoutedRecipient[],
): PlannedMessage[] {
  return recipients.map((r) => ({
    dedupeKey: `${eventId}:${r.key}:DEADLINE_REMINDER_PROFESSIONAL_EMAIL`,
    conferenceId: facts.conferenceId,
    template: 'DEADLINE_REMINDER_PROFESSIONAL_EMAIL' as const,
    channel: 'EMAIL' as const,
    recipient: r.email,
    recipientRole: r.role,
    ...participantOf(r),
    personalisation: {
      recipientName: r.name,
      whatIsDue: `${event.description} (${event.kind})`,
      dueAt: stamp(new Date(event.dueAt)),
      conferenceReference: reference(facts),
      conferenceStart: stamp(event.conferenceStart ? new Date(event.conferenceStart) : facts.scheduledStart),
    },
  }));
}

/** A deadline missed: the chair and team manager (or whom the policy names) are alerted (routed by R-ROUTE). */
export function breachAlertsFor(
  facts: ConferenceFacts,
  event: DeadlineBreached,
  eventId: string,
  recipients: readonly RoutedRecipient[],
): PlannedMessage[] {
  return recipients.map((r) => ({
    dedupeKey: `${eventId}:${r.key}:DEADLINE_BREACH_ALERT_EMAIL`,
    conferenceId: facts.conferenceId,
    template: 'DEADLINE_BREACH_ALERT_EMAIL' as const,
    channel: 'EMAIL' as const,
    recipient: r.email,
    recipientRole: r.role,
    ...participantOf(r),
    personalisation: {
      recipientName: r.name,
      stepName: event.description,
      ruleId: event.kind,
      dueAt: stamp(new Date(event.dueAt)),
      responsible: (event.responsible ?? []).join(', ') || 'see the policy',
      conferenceReference: reference(facts),
      conferenceStart: stamp(event.conferenceStart ? new Date(event.conferenceStart) : facts.scheduledStart),
    },
  }));
}

/** R-ESC / R-POST-2: increased risk goes to the team manager (the conference's, else the directory's, R-ROUTE). */
export function escalationsFor(
  facts: ConferenceFacts,
  _event: RiskEscalated,
  eventId: string,
  recipients: readonly RoutedRecipient[],
): PlannedMessage[] {
  const chair = facts.participants.find((p) => p.role === 'CHAIR');
  return recipients.map((r) => ({
    dedupeKey: `${eventId}:${r.key}:RISK_ESCALATION_EMAIL`,
    conferenceId: facts.conferenceId,
    template: 'RISK_ESCALATION_EMAIL' as const,
    channel: 'EMAIL' as const,
    recipient: r.email,
    recipientRole: r.role,
    ...participantOf(r),
    personalisation: {
      teamManagerName: r.name,
      chairName: chair ? fullName(chair) : 'the chair',
      conferenceReference: reference(facts),
      conferenceDate: date(facts.scheduledStart),
      recordLink: `conference ${facts.conferenceId}`,
    },
  }));
}

const participantOf = (r: RoutedRecipient) => (r.source === 'PARTICIPANT' ? { participantId: r.key } : {});

/**
 * R-DEL-PRO / R-DEL-PAR / R-DEL-PWD: one delivery the documents service asked for. The parent's
 * password SMS carries only the sealed password; it is opened when the text is sent.
 */
export function deliveryFor(facts: ConferenceFacts | undefined, event: DeliveryRequested): PlannedMessage | string {
  const template = event.template as MessageTemplateId;
  try {
    templateFor(template);
  } catch {
    return `unknown template ${event.template}`;
  }
  const channel = event.channel === 'SMS' ? 'SMS' : 'EMAIL';
  const recipient = channel === 'SMS' ? event.mobile : event.email;
  if (!recipient) return `no ${channel === 'SMS' ? 'mobile number' : 'email address'} for ${event.recipientRole}`;
  if (template === 'PARENT_DOCUMENT_PASSWORD_SMS' && !event.passwordCiphertext) return 'the password text has no sealed password';
  const start = facts?.scheduledStart;
  const meetingDate = start ? date(start) : 'your recent meeting';
  const sw = facts ? socialWorker(facts) : { socialWorkerName: 'your social worker', socialWorkerPhone: 'the number on your last letter' };
  const personalisation: Record<string, string> = {
    recipientName: event.recipientName,
    meetingDate,
    conferenceDate: meetingDate,
    conferenceReference: facts ? reference(facts) : event.conferenceId.slice(0, 8).toUpperCase(),
    documentVersion: '1',
    mobileEnding: event.mobile ? event.mobile.slice(-3) : '—',
    ...sw,
  };
  const { required, optional } = templateFor(template);
  const allowed = new Set([...required, ...optional]);
  return {
    dedupeKey: `delivery:${event.deliveryId}`,
    conferenceId: event.conferenceId,
    template,
    channel,
    recipient,
    recipientRole: event.recipientRole,
    // Only what the template takes; the password is added at send time, opened from the sealed copy.
    personalisation: Object.fromEntries(Object.entries(personalisation).filter(([key]) => allowed.has(key))),
    participantId: event.participantId,
    // R-CONTACT: a family member's document and password wait for confirmed contact details, whoever asked.
    hold: contactHold(
      event.recipientRole,
      facts?.participants.find((p) => p.participantId === event.participantId),
    ),
    deliveryId: event.deliveryId,
    documentId: template === 'PARENT_DOCUMENT_PASSWORD_SMS' ? undefined : event.documentId,
    sealedSecret: event.passwordCiphertext,
  };
}
