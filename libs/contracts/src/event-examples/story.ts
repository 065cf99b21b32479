import { exampleUuid } from '../asyncapi-examples';
import type { ChildSnapshot, ParticipantSnapshot } from '../events/conference.events';
import type { Role } from '../vocabulary';

/**
 * The one case every AsyncAPI example belongs to, so the examples read as a real conference would: an
 * ICPC in LBHF for Amy Stone, moved to a three-part conference (R-OPT-2) because of domestic abuse
 * between the parents, rescheduled once, concluded with increased risk, its plan circulated to the
 * professionals and the mother at once while the father is held until the chair confirms his contact
 * details (R-CONTACT), then released. Instants are UTC; in December London time is UTC too.
 */
export const story = {
  localAuthority: 'LBHF',
  strategyDiscussionAt: '2026-11-19T14:00:00.000Z',
  firstStart: '2026-12-07T10:00:00.000Z',
  start: '2026-12-08T10:00:00.000Z',
  planId: exampleUuid('plan'),
  circulationId: exampleUuid('circulation'),
  circulatedAt: '2026-12-09T09:00:00.000Z',
  decision: 'Child protection plan under the category of emotional abuse',
};

/** The people of the case (the mobiles are Ofcom's drama numbers, the domains reserved for examples). */
export const child: ChildSnapshot = { childId: exampleUuid('child Amy'), firstName: 'Amy', lastName: 'Stone', dateOfBirth: '2018-04-02' };

export const people = {
  chair: {
    participantId: exampleUuid('chair'),
    role: 'CHAIR',
    firstName: 'Clara',
    lastName: 'Okafor',
    email: 'clara.okafor@lbhf.example',
    preferredChannel: 'EMAIL',
    userId: 'chair.lbhf',
  },
  socialWorker: {
    participantId: exampleUuid('social worker'),
    role: 'SOCIAL_WORKER',
    firstName: 'Priya',
    lastName: 'Shah',
    email: 'priya.shah@lbhf.example',
    mobile: '+447700900461',
    preferredChannel: 'EMAIL',
    userId: 'social-worker.lbhf',
  },
  police: {
    participantId: exampleUuid('police officer'),
    role: 'PROFESSIONAL',
    firstName: 'Tom',
    lastName: 'Reed',
    email: 'tom.reed@police.example',
    agency: 'Metropolitan Police',
    preferredChannel: 'EMAIL',
    userId: 'dc.reed',
  },
  healthVisitor: {
    participantId: exampleUuid('health visitor'),
    role: 'PROFESSIONAL',
    firstName: 'Hannah',
    lastName: 'Lee',
    email: 'hannah.lee@nhs.example',
    agency: 'Health visiting',
    preferredChannel: 'EMAIL',
  },
  mother: {
    participantId: exampleUuid('mother'),
    role: 'PARENT',
    firstName: 'Sarah',
    lastName: 'Stone',
    email: 'sarah.stone@family.example',
    mobile: '+447700900123',
    preferredChannel: 'EMAIL',
    language: 'en',
    needsInterpreter: false,
    supportNeeds: ['DATA_TOP_UP'],
    addresses: ['14 Example Road, London W6 0XX'],
    contactConfirmed: false,
  },
  father: {
    participantId: exampleUuid('father'),
    role: 'PARENT',
    firstName: 'Daniel',
    lastName: 'Stone',
    email: 'daniel.stone@family.example',
    mobile: '+447700900456',
    preferredChannel: 'SMS',
    supportNeeds: ['AUDIO_ONLY'],
    addresses: ['3 Sample Court, London W12 0YY'],
    contactConfirmed: false,
  },
} satisfies Record<string, ParticipantSnapshot>;

/** The messages of the circulation (DeliveryRequested.deliveryId), one per message each recipient gets. */
export const deliveries = {
  chairPlan: exampleUuid('delivery chair plan'),
  chairAdvise: exampleUuid('delivery chair advise victim'),
  socialWorkerPlan: exampleUuid('delivery social worker plan'),
  socialWorkerAdvise: exampleUuid('delivery social worker advise victim'),
  policePlan: exampleUuid('delivery police plan'),
  healthVisitorPlan: exampleUuid('delivery health visitor plan'),
  motherDocument: exampleUuid('delivery mother document'),
  motherPassword: exampleUuid('delivery mother password'),
  fatherDocument: exampleUuid('delivery father document'),
  fatherPassword: exampleUuid('delivery father password'),
};

/**
 * The deadlines the examples follow: the police report (R-PREP-3), moved with the reschedule and met; the
 * chair's pre-meeting (R-PREP-7), stood down when the conference became three-part; the OPEN police
 * information for the family (R-PREP-4), breached.
 */
export const deadlines = {
  policeReport: {
    deadlineId: exampleUuid('deadline R-PREP-3'),
    kind: 'R-PREP-3',
    description: 'Police report reaches the SW, 24 hours before the start',
    responsible: ['PROFESSIONAL'],
  },
  preMeeting: {
    deadlineId: exampleUuid('deadline R-PREP-7'),
    kind: 'R-PREP-7',
    description: "Chair's pre-meeting with the parents, at least 30 minutes before the start",
    responsible: ['CHAIR'],
  },
  openPoliceInformation: {
    deadlineId: exampleUuid('deadline R-PREP-4'),
    kind: 'R-PREP-4',
    description: 'SW shares the OPEN police information with the family, before the day of the conference',
    responsible: ['SOCIAL_WORKER'],
  },
} satisfies Record<string, { deadlineId: string; kind: string; description: string; responsible: Role[] }>;
