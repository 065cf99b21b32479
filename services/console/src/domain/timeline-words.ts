import type { TimelineCategory } from './read-model';
import { RoleWords, londonTime, whoMustAct } from './plain-words';

export interface TimelineWords {
  category: TimelineCategory;
  title: string;
  detail: string;
}

const STATUS_TITLES: Record<string, string> = {
  PostponementRequested: 'Postponement requested',
  ConferencePostponed: 'Conference postponed',
  ConferenceCancelled: 'Conference cancelled',
  ConferenceStarted: 'Conference started',
  ConferencePaused: 'Conference paused',
  ConferenceResumed: 'Conference resumed',
  ConferenceCirculated: 'Plan circulated',
  ConferenceClosed: 'Conference closed',
};

const role = (value: unknown) => RoleWords[value as keyof typeof RoleWords] ?? String(value ?? 'someone');
const reason = (value: unknown) => (typeof value === 'string' && value.trim() ? ` Reason: ${value.trim()}` : '');

/**
 * One event of any service in plain words for the conference's timeline (issue 14 "Conference": scheduled,
 * steps, reports shared, deadlines met or breached, concluded, each delivery sent, held or failed,
 * circulated, closed). Never a contact detail: the events carry none, notifications only masked ones.
 * A type this console does not know yet still gets a line, so the timeline stays whole.
 */
export function timelineWordsOf(type: string, data: Record<string, any>): TimelineWords {
  switch (type) {
    case 'ConferenceScheduled':
      return conference(
        `${data.kind} scheduled`,
        `For ${londonTime(new Date(data.scheduledStart))}, ${data.participationOption === 'THREE_PART' ? 'three-part option' : 'full participation'}.`,
      );
    case 'ConferenceRescheduled':
      return conference(
        'Conference moved',
        `From ${londonTime(new Date(data.previousStart))} to ${londonTime(new Date(data.scheduledStart))}.${reason(data.reason)}`,
      );
    case 'ParticipationOptionChanged':
      return conference(
        'Participation option changed',
        `Now ${data.participationOption === 'THREE_PART' ? 'three-part (R-OPT-2)' : 'full participation'}.`,
      );
    case 'ConferenceTeamChanged':
      return conference(
        'Team changed',
        data.team
          ? `Now ${data.team}${data.previousTeam ? ` (was ${data.previousTeam})` : ''}.`
          : `No team now${data.previousTeam ? ` (was ${data.previousTeam})` : ''}.`,
      );
    case 'ParticipantAdded':
      return conference('Participant invited', `${role(data.participant?.role)}: ${nameOf(data.participant)}.`);
    case 'ParticipantUpdated':
      return conference(
        'Participant updated',
        `${role(data.participant?.role)}: ${nameOf(data.participant)}${data.participant?.contactConfirmed ? ', contact confirmed (R-CONTACT)' : ''}.`,
      );
    case 'PreparationStepCompleted':
      return conference('Preparation step recorded', `${data.step} recorded.`);
    case 'ConferenceConcluded':
      return conference(
        'Conference concluded',
        `Decision: ${data.decision}.${data.increasedRisk ? ' Risk increased: escalated to the team manager (R-ESC).' : ''}${data.sensitiveCase ? ' Marked sensitive (R-RED-DV).' : ''}`,
      );
    case 'ContingencyInvoked':
      return conference('Contingency invoked', `The conference cannot go ahead (R-CONT).${reason(data.reason)}`);
    case 'RiskEscalated':
      return conference('Risk escalated', `To the team manager (R-ESC, R-POST-2).${reason(data.reason)}`);
    case 'DebriefHeld':
      return conference('Debrief held', 'The social worker debriefed the parents (R-POST-1).');
    case 'DeadlineScheduled':
      return deadline(
        `Deadline set: ${data.kind}`,
        `${data.description}. Due ${londonTime(new Date(data.dueAt))}; ${whoMustAct(data.responsible ?? [])} to act.`,
      );
    case 'DeadlineMoved':
      return deadline(
        `Deadline moved: ${data.kind}`,
        `Now due ${londonTime(new Date(data.dueAt))} (was ${londonTime(new Date(data.previousDueAt))}).`,
      );
    case 'DeadlineMet':
      return deadline(`Deadline met: ${data.kind}`, `${data.description}. Met ${londonTime(new Date(data.metAt))}.`);
    case 'DeadlineStoodDown':
      return deadline(`Deadline stood down: ${data.kind}`, `${data.description}.${reason(data.reason)}`);
    case 'DeadlineReminderDue':
      return deadline(
        `Reminder: ${data.kind}`,
        `${data.description}. Due ${londonTime(new Date(data.dueAt))}; reminded: ${whoMustAct(data.remind ?? [])}.`,
      );
    case 'DeadlineBreached':
      return deadline(
        `Deadline breached: ${data.kind}`,
        `${data.description}. Was due ${londonTime(new Date(data.dueAt))}; alerted: ${whoMustAct(data.alert ?? [])}.`,
      );
    case 'ReportSubmitted':
      return document(
        'Report submitted',
        `${words(data.kind)} report${data.agency ? ` from ${data.agency}` : ''}, version ${data.version}.`,
      );
    case 'ReportShared':
      return document(
        'Report shared',
        `${words(data.reportKind)} report version ${data.reportVersion} shared with ${data.audience === 'FAMILY' ? 'the family' : 'the professionals'}${data.late ? ' on the day of the conference (R-NOTDAY)' : ''}.`,
      );
    case 'PlanUpdated':
      return document('Plan and minutes stored', `Version ${data.version}${data.sensitiveCase ? ', sensitive case (R-RED-DV)' : ''}.`);
    case 'DeliveryRequested':
      return delivery('Delivery requested', `${role(data.recipientRole)} by ${words(data.channel)}.`);
    case 'DeliveryWithdrawn':
      return delivery('Delivery withdrawn', `A held delivery will not be sent: ${data.reason ?? 'replaced'}.`);
    case 'PlanCirculated':
      return delivery(
        data.complete ? 'Plan circulated to everyone' : 'Plan circulated, not to everyone',
        recipientsSummary(data.results ?? []),
      );
    case 'CirculationRecipientUpdated':
      return delivery(
        'Recipient updated',
        `${role(data.recipient?.recipientRole)}: ${words(data.recipient?.status)}${data.recipient?.reasonCode ? ` (${words(data.recipient.reasonCode)})` : ''}.${data.complete ? ' Everyone now has the plan (R-POST-3).' : ''}`,
      );
    case 'NotificationSent':
      return delivery('Message sent', `${words(data.template)} by ${words(data.channel)} to ${data.recipientMasked}.`);
    case 'NotificationDelivered':
      return delivery('Message delivered', `${words(data.template)} by ${words(data.channel)} to ${data.recipientMasked}.`);
    case 'NotificationFailed':
      return delivery(
        'Message failed',
        `${words(data.template)} by ${words(data.channel)} to ${data.recipientMasked}: ${data.reason} (${data.failure === 'PERMANENT' ? 'will not be retried' : 'will be retried'}).`,
      );
    default:
      if (STATUS_TITLES[type]) return conference(STATUS_TITLES[type], `Status now ${words(data.status)}.${reason(data.reason)}`);
      return { category: 'conference', title: words(type), detail: 'An event this console does not describe yet.' };
  }
}

function conference(title: string, detail: string): TimelineWords {
  return { category: 'conference', title, detail };
}
function deadline(title: string, detail: string): TimelineWords {
  return { category: 'deadline', title, detail };
}
function document(title: string, detail: string): TimelineWords {
  return { category: 'document', title, detail };
}
function delivery(title: string, detail: string): TimelineWords {
  return { category: 'delivery', title, detail };
}

function nameOf(participant: { firstName?: string; lastName?: string } | undefined): string {
  return [participant?.firstName, participant?.lastName].filter(Boolean).join(' ') || 'unnamed';
}

/** SOCIAL_WORK -> "Social work"; PlanCirculated -> "Plan circulated". */
export function words(code: unknown): string {
  const text = String(code ?? '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase()
    .trim();
  return text ? text[0].toUpperCase() + text.slice(1) : '';
}

function recipientsSummary(results: { status: string }[]): string {
  const counts = new Map<string, number>();
  for (const { status } of results) counts.set(status, (counts.get(status) ?? 0) + 1);
  const parts = [...counts].map(([status, count]) => `${count} ${words(status).toLowerCase()}`);
  return `${results.length} recipient${results.length === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}.`;
}
