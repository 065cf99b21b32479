import type { Channel, ConferenceKind, ConferenceStatus, ParticipationOption, Role, SupportNeed } from '@cpc/contracts';

/**
 * What the use cases take, declared here so application/ never imports api/ (STYLE.md §1): the DTOs in
 * api/ implement these, and a listener, a queue or a test can call the same use case without HTTP.
 */

/** R-PART: a participant as offered for the conference, before its mobile is checked (R-CONTACT). */
export interface ParticipantInput {
  role: Role;
  firstName: string;
  lastName: string;
  knownAs?: string[];
  email?: string;
  mobile?: string;
  preferredChannel?: Channel;
  agency?: string;
  language?: string;
  needsInterpreter?: boolean;
  supportNeeds?: SupportNeed[];
  addresses?: string[];
  userId?: string;
  invited?: boolean;
  advocateReferral?: boolean;
}

/** A child the conference is about. */
export interface ChildInput {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
}

/** A request to schedule a conference (instants are ISO 8601 with an offset, already validated). */
export interface ScheduleConferenceInput {
  kind: ConferenceKind;
  localAuthority: string;
  children: ChildInput[];
  scheduledStart: string;
  durationMinutes: number;
  participationOption?: ParticipationOption;
  /** The locality team (issue 14 "Teams"). */
  team?: string;
  optionRationale?: string;
  strategyDiscussionAt?: string;
  previousConferenceId?: string;
  chairAgreed?: boolean;
  participants?: ParticipantInput[];
}

/** Which of the caller's conferences to list, and which page. */
export interface ConferenceListFilter {
  status?: ConferenceStatus;
  from?: string;
  to?: string;
  chair?: string;
  page?: number;
  pageSize?: number;
}
