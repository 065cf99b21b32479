import type { CirculationRecipient, Role } from '@cpc/contracts';
import type { ConferenceFacts, PlannedMessage } from './message-plan';
import { reference } from './message-plan';
import { initialsOf, type RoutedRecipient } from './routing';

const ROLE_WORDS: Partial<Record<Role, string>> = { PARENT: 'parent', CHILD: 'child', FAMILY_MEMBER: 'family member' };

/**
 * The chair is told of each circulation recipient the plan did not reach: HELD because their
 * contact is unconfirmed (R-CONTACT), or FAILED (R-DEL-PAR, R-DEL-PWD). The person is named by role
 * and initials only. One message per (circulation, participant, kind) to each chair recipient, so
 * PlanCirculated and a later CirculationRecipientUpdated for the same person do not alert twice.
 */
export function circulationAlertsFor(
  facts: ConferenceFacts,
  circulationId: string,
  results: readonly CirculationRecipient[],
  chairs: readonly RoutedRecipient[],
): PlannedMessage[] {
  const planned: PlannedMessage[] = [];
  for (const result of results) {
    const held = result.status === 'HELD' && result.reasonCode === 'HELD_CONTACT_UNCONFIRMED';
    const failed = result.status === 'FAILED';
    if (!held && !failed) continue;
    const person = facts.participants.find((p) => p.participantId === result.participantId);
    const about = {
      conferenceReference: reference(facts),
      participantRole: ROLE_WORDS[result.recipientRole] ?? result.recipientRole.toLowerCase().replace(/_/g, ' '),
      participantInitials: initialsOf(person),
    };
    const template = held ? ('PLAN_HELD_CONTACT_UNCONFIRMED_EMAIL' as const) : ('PLAN_DELIVERY_FAILED_EMAIL' as const);
    for (const chair of chairs) {
      planned.push({
        dedupeKey: `circulation:${circulationId}:${result.participantId}:${template}:${chair.key}`,
        conferenceId: facts.conferenceId,
        template,
        channel: 'EMAIL',
        recipient: chair.email,
        recipientRole: chair.role,
        ...(chair.source === 'PARTICIPANT' ? { participantId: chair.key } : {}),
        personalisation: {
          recipientName: chair.name,
          ...about,
          ...(failed ? { reason: failureWords(result) } : {}),
        },
      });
    }
  }
  return planned;
}

/** Plain words for why a recipient failed; the contract's reason text carries no name or contact. */
function failureWords(result: CirculationRecipient): string {
  switch (result.reasonCode) {
    case 'NO_EMAIL':
      return 'no email address is recorded for them';
    case 'NO_MOBILE':
      return 'no mobile number is recorded for them, so the password text cannot be sent';
    default:
      return result.reason?.trim() || 'the provider reported the message failed';
  }
}
