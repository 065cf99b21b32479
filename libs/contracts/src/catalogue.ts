import * as conference from './events/conference.events';
import * as documents from './events/documents.events';
import * as notifications from './events/notifications.events';
import * as scheduling from './events/scheduling.events';
import { Topics, type Topic } from './topics';

export interface EventDefinition {
  topic: Topic;
  payload: new () => object;
  schemaVersion: number;
  summary: string;
}

/**
 * Every event type of the system: its topic (the owning service), its payload class and its schema
 * version. Consumers validate against it; the AsyncAPI document is generated from it. To add an
 * event: a payload class in events/<owner>.events.ts, then one line here (README "Add an event type").
 */
export const EventCatalogue = {
  ConferenceScheduled: def(Topics.conference, conference.ConferenceScheduled, 'A conference was scheduled (R-KIND, R-OPT).'),
  ConferenceRescheduled: def(Topics.conference, conference.ConferenceRescheduled, 'The start moved; deadlines move with it.'),
  ParticipationOptionChanged: def(Topics.conference, conference.ParticipationOptionChanged, 'FULL or THREE_PART changed (R-OPT-2).'),
  ConferenceTeamChanged: def(Topics.conference, conference.ConferenceTeamChanged, 'The conference belongs to another locality team now.'),
  ParticipantAdded: def(Topics.conference, conference.ParticipantAdded, 'A participant was invited (R-PART).'),
  ParticipantUpdated: def(Topics.conference, conference.ParticipantUpdated, 'A participant changed, e.g. contact confirmed (R-CONTACT).'),
  PreparationStepCompleted: def(Topics.conference, conference.PreparationStepCompleted, 'A preparation step was recorded (R-PREP-*).'),
  PostponementRequested: def(
    Topics.conference,
    conference.ConferenceStatusChanged,
    'Postponement asked for; needs two approvals (R-POSTPONE).',
  ),
  ConferencePostponed: def(
    Topics.conference,
    conference.ConferenceStatusChanged,
    'Both managers approved (R-POSTPONE); deadlines stand down.',
  ),
  ConferenceCancelled: def(Topics.conference, conference.ConferenceStatusChanged, 'Cancelled; deadlines stand down.'),
  ConferenceStarted: def(Topics.conference, conference.ConferenceStatusChanged, 'The conference began (R-LIFE).'),
  ConferencePaused: def(Topics.conference, conference.ConferenceStatusChanged, 'Paused by the chair with a reason (R-PAUSE).'),
  ConferenceResumed: def(Topics.conference, conference.ConferenceStatusChanged, 'Resumed by the chair (R-PAUSE).'),
  ConferenceConcluded: def(Topics.conference, conference.ConferenceConcluded, 'Outcome recorded (R-OUT).'),
  ConferenceCirculated: def(
    Topics.conference,
    conference.ConferenceStatusChanged,
    'The plan went out after the conference or contingency (R-POST-3, R-CONT).',
  ),
  ConferenceClosed: def(Topics.conference, conference.ConferenceStatusChanged, 'Closed after circulation (R-LIFE).'),
  ContingencyInvoked: def(Topics.conference, conference.ContingencyInvoked, 'The conference cannot go ahead (R-CONT).'),
  RiskEscalated: def(Topics.conference, conference.RiskEscalated, 'Increased risk escalated to the team manager (R-ESC, R-POST-2).'),
  DebriefHeld: def(Topics.conference, conference.DebriefHeld, "The SW's debrief with the parents (R-POST-1)."),

  DeadlineScheduled: def(Topics.scheduling, scheduling.DeadlineScheduled, 'A deadline was created from the policy.'),
  DeadlineMoved: def(Topics.scheduling, scheduling.DeadlineMoved, 'A deadline moved with its conference.'),
  DeadlineMet: def(Topics.scheduling, scheduling.DeadlineMet, 'The step that satisfies a deadline happened.'),
  DeadlineStoodDown: def(Topics.scheduling, scheduling.DeadlineStoodDown, 'Postponed or cancelled: the deadline no longer applies.'),
  DeadlineReminderDue: def(Topics.scheduling, scheduling.DeadlineReminderDue, 'A reminder before a deadline falls due.'),
  DeadlineBreached: def(Topics.scheduling, scheduling.DeadlineBreached, 'A deadline passed unmet: alert the chair and team manager.'),

  ReportSubmitted: def(Topics.documents, documents.ReportSubmitted, 'A report arrived (R-PREP-3, R-PREP-10).'),
  ReportShared: def(Topics.documents, documents.ReportShared, 'A report was shared with an audience (R-SHARE).'),
  PlanUpdated: def(Topics.documents, documents.PlanUpdated, 'The plan and minutes were stored (R-OUT).'),
  DeliveryRequested: def(Topics.documents, documents.DeliveryRequested, 'A document to deliver to one recipient (R-DEL-*).'),
  DeliveryWithdrawn: def(
    Topics.documents,
    documents.DeliveryWithdrawn,
    'A delivery asked for and held is never to be sent: a later circulation replaced it (R-CONTACT, R-POST-3).',
  ),
  PlanCirculated: def(
    Topics.documents,
    documents.PlanCirculated,
    'No recipient is still being sent to: each is SENT, HELD or FAILED, by participant id (R-POST-3, R-CONTACT).',
    2,
  ),
  CirculationRecipientUpdated: def(
    Topics.documents,
    documents.CirculationRecipientUpdated,
    'A recipient of a circulation changed state after PlanCirculated: released and sent, or failed (R-POST-3, R-DEL-PWD).',
  ),

  NotificationSent: def(Topics.notifications, notifications.NotificationSent, 'A message left for its provider.'),
  NotificationDelivered: def(Topics.notifications, notifications.NotificationDelivered, 'The provider confirmed delivery.'),
  NotificationFailed: def(Topics.notifications, notifications.NotificationFailed, 'A message could not be delivered.'),
} satisfies Record<string, EventDefinition>;

export type EventType = keyof typeof EventCatalogue;
export const EventTypes = Object.fromEntries(Object.keys(EventCatalogue).map((k) => [k, k])) as {
  [K in EventType]: K;
};

export function isKnownEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EventCatalogue, type);
}

function def(topic: Topic, payload: new () => object, summary: string, schemaVersion = 1): EventDefinition {
  return { topic, payload, schemaVersion, summary };
}
