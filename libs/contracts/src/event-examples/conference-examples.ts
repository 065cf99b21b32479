import { EXAMPLE_CONFERENCE_ID as conferenceId } from '../asyncapi-examples';
import type {
  ConferenceConcluded,
  ConferenceRescheduled,
  ConferenceScheduled,
  ConferenceStatusChanged,
  ConferenceTeamChanged,
  ContingencyInvoked,
  DebriefHeld,
  ParticipantAdded,
  ParticipantUpdated,
  ParticipationOptionChanged,
  PreparationStepCompleted,
  RiskEscalated,
} from '../events/conference.events';
import type { ConferenceStatus } from '../vocabulary';
import { child, people, story } from './story';

/** One example: the event's own instant (the envelope's `time`) and its data. */
export interface EventExample<T = object> {
  time: string;
  data: T;
}

const at = <T>(time: string, data: T): EventExample<T> => ({ time, data });

const status = (time: string, to: ConferenceStatus, from: ConferenceStatus, reason?: string): EventExample<ConferenceStatusChanged> =>
  at(time, { conferenceId, status: to, previousStatus: from, ...(reason ? { reason } : {}), at: time });

/** Why a postponement was asked for (R-POSTPONE): a branch the story did not take, shown as it would read. */
const POSTPONEMENT_RATIONALE = 'The mother is in hospital until 10 December and wants to take part; both service managers agree.';

/**
 * conference.events in the story's order. Postponement, cancellation and contingency are the other
 * courses the same conference could have taken; each reads as it would have been sent.
 */
export const conferenceExamples = {
  ConferenceScheduled: at<ConferenceScheduled>('2026-11-23T09:30:00.000Z', {
    conferenceId,
    kind: 'ICPC',
    localAuthority: story.localAuthority,
    scheduledStart: story.firstStart,
    durationMinutes: 90,
    participationOption: 'FULL',
    team: 'Fulham South',
    children: [child],
    strategyDiscussionAt: story.strategyDiscussionAt,
    // R-CYCLE-ICPC: 7 December is the 12th working day after the strategy discussion, within the 15.
    warnings: [],
    participants: [people.chair, people.socialWorker, people.police, people.mother, people.father],
  }),
  ConferenceTeamChanged: at<ConferenceTeamChanged>('2026-11-24T11:15:00.000Z', {
    conferenceId,
    team: 'Hammersmith North',
    previousTeam: 'Fulham South',
  }),
  ParticipantAdded: at<ParticipantAdded>('2026-11-24T15:40:00.000Z', { conferenceId, participant: people.healthVisitor }),
  ParticipationOptionChanged: at<ParticipationOptionChanged>('2026-11-25T10:05:00.000Z', {
    conferenceId,
    participationOption: 'THREE_PART',
    rationale:
      'Domestic abuse between the parents: a non-molestation order keeps the father from the mother, so each meets the chair apart. Chair agreed (R-OPT-2).',
  }),
  ConferenceRescheduled: at<ConferenceRescheduled>('2026-11-26T16:20:00.000Z', {
    conferenceId,
    previousStart: story.firstStart,
    scheduledStart: story.start,
    reason: 'The police officer in the case is giving evidence in court on 7 December.',
    warnings: [],
  }),
  ParticipantUpdated: at<ParticipantUpdated>('2026-11-27T12:00:00.000Z', {
    conferenceId,
    // R-CONTACT: the chair confirmed the mother's email and mobile with her; the father's are not confirmed yet.
    participant: { ...people.mother, contactConfirmed: true },
  }),
  PreparationStepCompleted: at<PreparationStepCompleted>('2026-11-30T14:30:00.000Z', {
    conferenceId,
    step: 'R-PREP-1',
    completedAt: '2026-11-30T14:30:00.000Z',
    completedBy: people.chair.userId,
    notes: 'No interpreter needed; the father joins by telephone (audio only); the mother needs a data top-up.',
  }),
  PostponementRequested: at<ConferenceStatusChanged>('2026-12-02T10:00:00.000Z', {
    conferenceId,
    status: 'SCHEDULED',
    reason: POSTPONEMENT_RATIONALE,
    at: '2026-12-02T10:00:00.000Z',
  }),
  ConferencePostponed: status('2026-12-02T14:30:00.000Z', 'POSTPONED', 'SCHEDULED', POSTPONEMENT_RATIONALE),
  ConferenceCancelled: status(
    '2026-12-03T09:10:00.000Z',
    'CANCELLED',
    'SCHEDULED',
    'The family moved to another local authority, which holds a transfer-in conference.',
  ),
  ContingencyInvoked: at<ContingencyInvoked>('2026-12-08T09:45:00.000Z', {
    conferenceId,
    reason: 'The police officer and the health visitor cannot attend, and the father cannot be reached on the day.',
    tasks: [
      'SW and chair discuss the case',
      'Chair phones key professionals',
      'SW and chair create or update the safety plan; clerk takes notes',
      'SW meets the parents',
      'Plan circulated as after a conference',
    ],
    at: '2026-12-08T09:45:00.000Z',
  }),
  ConferenceStarted: status('2026-12-08T10:02:00.000Z', 'IN_PROGRESS', 'SCHEDULED'),
  ConferencePaused: status(
    '2026-12-08T10:41:00.000Z',
    'PAUSED',
    'IN_PROGRESS',
    'A parent became distressed; paused for ten minutes to calm the situation (R-PAUSE).',
  ),
  ConferenceResumed: status('2026-12-08T10:53:00.000Z', 'IN_PROGRESS', 'PAUSED', 'The parent is ready to go on.'),
  ConferenceConcluded: at<ConferenceConcluded>('2026-12-08T11:46:00.000Z', {
    conferenceId,
    concludedAt: '2026-12-08T11:46:00.000Z',
    decision: story.decision,
    increasedRisk: true,
    // R-RED-DV: both parents' copies are redacted; the chair and the SW are told to advise the mother.
    sensitiveCase: true,
  }),
  RiskEscalated: at<RiskEscalated>('2026-12-08T11:46:00.000Z', {
    conferenceId,
    reason: `Increased risk recorded at conclusion: ${story.decision}`,
    at: '2026-12-08T11:46:00.000Z',
  }),
  DebriefHeld: at<DebriefHeld>('2026-12-09T15:00:00.000Z', {
    conferenceId,
    heldAt: '2026-12-09T15:00:00.000Z',
    heldBy: people.socialWorker.userId,
  }),
  // Recorded when documents' PlanCirculated arrives: `at` is the circulation's instant.
  ConferenceCirculated: at<ConferenceStatusChanged>('2026-12-09T09:00:12.604Z', {
    conferenceId,
    status: 'CIRCULATED',
    previousStatus: 'CONCLUDED',
    at: story.circulatedAt,
  }),
  ConferenceClosed: status('2026-12-11T10:00:00.000Z', 'CLOSED', 'CIRCULATED'),
} satisfies Record<string, EventExample>;
