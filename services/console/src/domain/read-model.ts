import type { ConferenceKind, ConferenceStatus, DeadlineStatus, ParticipationOption, Role } from '@cpc/contracts';

/** One conference as operations staff see it (README "Operations console"). */
export interface ConferenceView {
  id: string;
  localAuthority: string;
  kind: ConferenceKind;
  status: ConferenceStatus;
  participationOption: ParticipationOption;
  /** The locality team, when an event names one (none does yet: issue 14 "Teams"). */
  team: string | null;
  chairName: string | null;
  scheduledStart: Date;
  durationMinutes: number;
  /** The children's names as the conference holds them (no date of birth). */
  children: string[];
  warnings: string[];
  /** R-CYCLE-ICPC: the strategy discussion that started the section 47 enquiry, as scheduled (null: not given). */
  strategyDiscussionAt: Date | null;
  updatedAt: Date;
}

/** A participant with contacts masked: the console never holds an email, mobile or address. */
export interface ParticipantView {
  participantId: string;
  conferenceId: string;
  localAuthority: string;
  role: Role;
  name: string;
  agency: string | null;
  emailMasked: string | null;
  mobileMasked: string | null;
  preferredChannel: string | null;
  contactConfirmed: boolean;
  language: string | null;
  needsInterpreter: boolean;
  supportNeeds: string[];
  userId: string | null;
}

export interface DeadlineView {
  id: string;
  conferenceId: string;
  localAuthority: string;
  /** The rule id, e.g. R-PREP-3. */
  rule: string;
  /** The rule in plain words, as scheduling's policy states it. */
  description: string;
  responsible: Role[];
  dueAt: Date;
  status: DeadlineStatus;
  version: number;
  metAt: Date | null;
  breachedAt: Date | null;
  stoodDownReason: string | null;
}

export type TimelineCategory = 'conference' | 'deadline' | 'document' | 'delivery';

/** One event of a conference, from any service, in plain words. */
export interface TimelineEntry {
  eventId: string;
  conferenceId: string;
  localAuthority: string;
  occurredAt: Date;
  source: string;
  type: string;
  category: TimelineCategory;
  title: string;
  detail: string;
}

export interface CirculationView {
  id: string;
  conferenceId: string;
  localAuthority: string;
  planId: string;
  planVersion: number;
  circulatedAt: Date;
  complete: boolean;
  updatedAt: Date;
}

export interface RecipientView {
  circulationId: string;
  participantId: string;
  conferenceId: string;
  localAuthority: string;
  role: Role;
  status: 'PENDING' | 'SENT' | 'HELD' | 'FAILED';
  reasonCode: string | null;
  reason: string | null;
  deliveryIds: string[];
  updatedAt: Date;
}

export interface NotificationView {
  id: string;
  conferenceId: string;
  localAuthority: string;
  deliveryId: string | null;
  template: string;
  channel: string;
  recipientMasked: string;
  status: 'SENT' | 'DELIVERED' | 'FAILED';
  failure: 'PERMANENT' | 'TEMPORARY' | null;
  reason: string | null;
  attempts: number;
  at: Date;
}
