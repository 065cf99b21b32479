import { EXAMPLE_CONFERENCE_ID as conferenceId, exampleUuid } from '../asyncapi-examples';
import type {
  CirculationRecipient,
  CirculationRecipientUpdated,
  DeliveryRequested,
  DeliveryWithdrawn,
  PlanCirculated,
  PlanUpdated,
  ReportShared,
  ReportSubmitted,
} from '../events/documents.events';
import type { NotificationDelivered, NotificationFailed, NotificationSent } from '../events/notifications.events';
import type {
  DeadlineBreached,
  DeadlineMet,
  DeadlineMoved,
  DeadlineReminderDue,
  DeadlineScheduled,
  DeadlineStoodDown,
} from '../events/scheduling.events';
import { maskContact } from '../mask-contact';
import type { EventExample } from './conference-examples';
import { deadlines, deliveries, people, story } from './story';

const at = <T>(time: string, data: T): EventExample<T> => ({ time, data });

/** The police report deadline (R-PREP-3) as placed from the rescheduled start (version 2). */
const policeReport = {
  conferenceId,
  ...deadlines.policeReport,
  dueAt: '2026-12-07T10:00:00.000Z',
  version: 2,
  conferenceStart: story.start,
};

/** R-CONTACT: the father's contact details are not confirmed yet, so nothing goes to him. */
const fatherHeld: CirculationRecipient = {
  participantId: people.father.participantId,
  recipientRole: 'PARENT',
  status: 'HELD',
  reasonCode: 'HELD_CONTACT_UNCONFIRMED',
  reason: 'held until the chair confirms the email and mobile with the parent (R-CONTACT)',
  deliveryIds: [deliveries.fatherDocument, deliveries.fatherPassword],
};

const sent = (participant: { participantId: string; role: CirculationRecipient['recipientRole'] }, ...deliveryIds: string[]) => ({
  participantId: participant.participantId,
  recipientRole: participant.role,
  status: 'SENT' as const,
  deliveryIds,
});

/** A notification's ids: a message of a delivery (documents' DeliveryRequested) carries its deliveryId; an invitation has none. */
const notification = (name: string, deliveryId?: string) => ({
  conferenceId,
  notificationId: exampleUuid(`notification ${name}`),
  ...(deliveryId ? { deliveryId } : {}),
});

/** scheduling.events, documents.events and notifications.events of the story. */
export const outcomeExamples = {
  DeadlineScheduled: at<DeadlineScheduled>('2026-11-23T09:30:01.214Z', {
    ...policeReport,
    dueAt: '2026-12-06T10:00:00.000Z',
    version: 1,
    status: 'PENDING',
    conferenceStart: story.firstStart,
  }),
  DeadlineStoodDown: at<DeadlineStoodDown>('2026-11-25T10:05:00.872Z', {
    conferenceId,
    ...deadlines.preMeeting,
    dueAt: '2026-12-07T09:30:00.000Z',
    version: 1,
    status: 'STOOD_DOWN',
    conferenceStart: story.firstStart,
    // R-PREP-7 applies to FULL conferences only.
    reason: 'participation option changed to THREE_PART (R-OPT)',
  }),
  DeadlineMoved: at<DeadlineMoved>('2026-11-26T16:20:00.931Z', {
    ...policeReport,
    status: 'PENDING',
    previousDueAt: '2026-12-06T10:00:00.000Z',
  }),
  ReportShared: at<ReportShared>('2026-12-04T15:10:00.000Z', {
    conferenceId,
    reportId: exampleUuid('report social work'),
    shareId: exampleUuid('share social work report with the family'),
    reportKind: 'SOCIAL_WORK',
    reportVersion: 1,
    audience: 'FAMILY',
    recipients: ['Sarah Stone (mother)', 'Daniel Stone (father)'],
    sectionsShared: 4,
    sharedAt: '2026-12-04T15:10:00.000Z',
    sharedBy: people.socialWorker.userId,
    // R-NOTDAY: shared before the day of the conference.
    late: false,
  }),
  DeadlineReminderDue: at<DeadlineReminderDue>('2026-12-06T10:00:00.000Z', {
    ...policeReport,
    status: 'PENDING',
    remind: ['PROFESSIONAL', 'SOCIAL_WORKER'],
  }),
  ReportSubmitted: at<ReportSubmitted>('2026-12-07T08:30:00.000Z', {
    conferenceId,
    reportId: exampleUuid('report police'),
    kind: 'POLICE',
    agency: people.police.agency,
    version: 1,
    submittedAt: '2026-12-07T08:30:00.000Z',
    submittedBy: people.police.userId,
  }),
  DeadlineMet: at<DeadlineMet>('2026-12-07T08:30:00.655Z', { ...policeReport, status: 'MET', metAt: '2026-12-07T08:30:00.000Z' }),
  DeadlineBreached: at<DeadlineBreached>('2026-12-08T00:00:00.412Z', {
    conferenceId,
    ...deadlines.openPoliceInformation,
    // Before the day of the conference (R-NOTDAY): 00:00 in London on 8 December.
    dueAt: '2026-12-08T00:00:00.000Z',
    version: 2,
    status: 'BREACHED',
    conferenceStart: story.start,
    breachedAt: '2026-12-08T00:00:00.412Z',
    alert: ['CHAIR', 'TEAM_MANAGER'],
  }),
  PlanUpdated: at<PlanUpdated>('2026-12-08T16:10:00.000Z', { conferenceId, planId: story.planId, version: 1, sensitiveCase: true }),
  DeliveryRequested: at<DeliveryRequested>('2026-12-09T09:00:00.318Z', {
    conferenceId,
    deliveryId: deliveries.policePlan,
    documentId: exampleUuid('document plan professional copy'),
    template: 'PLAN_TO_PROFESSIONALS_EMAIL',
    participantId: people.police.participantId,
    recipientRole: 'PROFESSIONAL',
    recipientName: `${people.police.firstName} ${people.police.lastName}`,
    email: people.police.email,
    channel: 'EMAIL',
  }),
  NotificationSent: at<NotificationSent>('2026-12-09T09:00:02.140Z', {
    ...notification('mother document', deliveries.motherDocument),
    template: 'PARENT_DOCUMENT_EMAIL',
    channel: 'EMAIL',
    recipientMasked: maskContact(people.mother.email),
    attempts: 1,
    at: '2026-12-09T09:00:02.140Z',
    // Sent over SMTP, where the server's acceptance is final.
    awaitingReceipt: false,
  }),
  NotificationDelivered: at<NotificationDelivered>('2026-12-09T09:00:09.876Z', {
    ...notification('mother password', deliveries.motherPassword),
    template: 'PARENT_DOCUMENT_PASSWORD_SMS',
    channel: 'SMS',
    recipientMasked: maskContact(people.mother.mobile),
    attempts: 1,
    at: '2026-12-09T09:00:09.876Z',
  }),
  PlanCirculated: at<PlanCirculated>('2026-12-09T09:00:12.350Z', {
    conferenceId,
    circulationId: story.circulationId,
    planId: story.planId,
    planVersion: 1,
    circulatedAt: story.circulatedAt,
    results: [
      // R-RED-DV: in this sensitive case the chair and the SW also get the note to advise the mother.
      sent(people.chair, deliveries.chairPlan, deliveries.chairAdvise),
      sent(people.socialWorker, deliveries.socialWorkerPlan, deliveries.socialWorkerAdvise),
      sent(people.police, deliveries.policePlan),
      sent(people.healthVisitor, deliveries.healthVisitorPlan),
      // R-DEL-PAR, R-DEL-PWD: the redacted Word copy by email, its password by SMS.
      sent(people.mother, deliveries.motherDocument, deliveries.motherPassword),
      fatherHeld,
    ],
    // R-POST-3 is met only when every recipient is SENT.
    complete: false,
  }),
  CirculationRecipientUpdated: at<CirculationRecipientUpdated>('2026-12-10T11:20:30.118Z', {
    conferenceId,
    circulationId: story.circulationId,
    planId: story.planId,
    planVersion: 1,
    at: '2026-12-10T11:20:30.118Z',
    // The chair confirmed the father's contact details; his copy and its password went out.
    recipient: sent(people.father, deliveries.fatherDocument, deliveries.fatherPassword),
    complete: true,
  }),
  // Another course: a second version of the plan was circulated while the father was still held.
  DeliveryWithdrawn: at<DeliveryWithdrawn>('2026-12-10T09:05:00.207Z', {
    conferenceId,
    deliveryId: deliveries.fatherDocument,
    participantId: people.father.participantId,
    reason: 'replaced by a later circulation of the plan',
  }),
  NotificationFailed: at<NotificationFailed>('2026-11-24T15:40:04.530Z', {
    ...notification('health visitor invitation'),
    template: 'INVITATION_PROFESSIONAL_EMAIL',
    channel: 'EMAIL',
    recipientMasked: maskContact(people.healthVisitor.email),
    attempts: 1,
    at: '2026-11-24T15:40:04.530Z',
    reason: '550 5.1.1 The email account that you tried to reach does not exist',
    failure: 'PERMANENT',
  }),
} satisfies Record<string, EventExample>;
