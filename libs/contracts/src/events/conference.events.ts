import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  Channels,
  ConferenceKinds,
  ConferenceStatuses,
  ParticipationOptions,
  Roles,
  SupportNeeds,
  type Channel,
  type ConferenceKind,
  type ConferenceStatus,
  type ParticipationOption,
  type Role,
  type SupportNeed,
} from '../vocabulary';
import { TEAM_MAX_LENGTH } from '../vocabulary';

export class ChildSnapshot {
  @IsUUID() childId: string;
  @IsString() @MaxLength(100) firstName: string;
  @IsString() @MaxLength(100) lastName: string;
  @IsOptional() @IsArray() @IsString({ each: true }) knownAs?: string[];
  @IsISO8601({ strict: true }) dateOfBirth: string;
}

/** A participant as the other services need them: to invite, remind, deliver to and redact (R-PART). */
export class ParticipantSnapshot {
  @IsUUID() participantId: string;
  @IsIn(Roles) role: Role;
  @IsString() @MaxLength(100) firstName: string;
  @IsString() @MaxLength(100) lastName: string;
  @IsOptional() @IsArray() @IsString({ each: true }) knownAs?: string[];
  @IsOptional() @IsEmail() email?: string;
  /** E.164, e.g. +447700900123. */
  @IsOptional() @IsString() mobile?: string;
  @IsOptional() @IsIn(Channels) preferredChannel?: Channel;
  @IsOptional() @IsString() agency?: string;
  @IsOptional() @IsString() language?: string;
  @IsOptional() @IsBoolean() needsInterpreter?: boolean;
  @IsOptional() @IsArray() @IsIn(SupportNeeds, { each: true }) supportNeeds?: SupportNeed[];
  /** Addresses the case holds for this person, redacted from the family's copy (R-RED-INIT). */
  @IsOptional() @IsArray() @IsString({ each: true }) addresses?: string[];
  /** R-CONTACT: the chair has confirmed mobile and email with the parent. */
  @IsOptional() @IsBoolean() contactConfirmed?: boolean;
  /** The participant's login (sub) where they have one, e.g. the chair. */
  @IsOptional() @IsString() userId?: string;
  /** R-CHILD: whether a child (or anyone) is invited; a child not invited still has an advocate referral. */
  @IsOptional() @IsBoolean() invited?: boolean;
  @IsOptional() @IsBoolean() advocateReferral?: boolean;
}

export class ConferenceScheduled {
  @IsUUID() conferenceId: string;
  @IsIn(ConferenceKinds) kind: ConferenceKind;
  @IsString() localAuthority: string;
  @IsISO8601({ strict: true }) scheduledStart: string;
  @IsInt() durationMinutes: number;
  @IsIn(ParticipationOptions) participationOption: ParticipationOption;
  /** The locality team of the local authority the conference belongs to (absent: none given; older events have none). */
  @IsOptional() @IsString() @MaxLength(TEAM_MAX_LENGTH) team?: string;
  @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ChildSnapshot) children: ChildSnapshot[];
  @IsOptional() @IsISO8601() strategyDiscussionAt?: string;
  @IsOptional() @IsUUID() previousConferenceId?: string;
  /** National timescales breached (warn, not block): e.g. "ICPC_AFTER_15_WORKING_DAYS". */
  @IsArray() @IsString({ each: true }) warnings: string[];
  /** Participants known when scheduled (names, contacts) for redaction and delivery. */
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => ParticipantSnapshot) participants?: ParticipantSnapshot[];
}

export class ConferenceRescheduled {
  @IsUUID() conferenceId: string;
  @IsISO8601({ strict: true }) previousStart: string;
  @IsISO8601({ strict: true }) scheduledStart: string;
  @IsString() reason: string;
  /** National timescales re-checked for the new date (warn, not block). */
  @IsOptional() @IsArray() @IsString({ each: true }) warnings?: string[];
}

export class ParticipationOptionChanged {
  @IsUUID() conferenceId: string;
  @IsIn(ParticipationOptions) participationOption: ParticipationOption;
  @IsOptional() @IsString() rationale?: string;
}

/** The conference moved to another locality team of its local authority, or lost its team (`team` absent). */
export class ConferenceTeamChanged {
  @IsUUID() conferenceId: string;
  @IsOptional() @IsString() @MaxLength(TEAM_MAX_LENGTH) team?: string;
  @IsOptional() @IsString() @MaxLength(TEAM_MAX_LENGTH) previousTeam?: string;
}

export class ParticipantAdded {
  @IsUUID() conferenceId: string;
  @ValidateNested() @Type(() => ParticipantSnapshot) participant: ParticipantSnapshot;
}

export class ParticipantUpdated extends ParticipantAdded {}

export class PreparationStepCompleted {
  @IsUUID() conferenceId: string;
  /** The rule id of the step, e.g. "R-PREP-7". */
  @IsString() step: string;
  @IsISO8601() completedAt: string;
  @IsString() completedBy: string;
  @IsOptional() @IsString() notes?: string;
}

export class ConferenceStatusChanged {
  @IsUUID() conferenceId: string;
  @IsIn(ConferenceStatuses) status: ConferenceStatus;
  @IsOptional() @IsIn(ConferenceStatuses) previousStatus?: ConferenceStatus;
  @IsOptional() @IsString() reason?: string;
  @IsISO8601() at: string;
}

export class ConferenceConcluded {
  @IsUUID() conferenceId: string;
  @IsISO8601() concludedAt: string;
  @IsString() decision: string;
  @IsBoolean() increasedRisk: boolean;
  /** R-RED-DV: the chair marked the case sensitive; both parents' copies are redacted. */
  @IsBoolean() sensitiveCase: boolean;
}

export class RiskEscalated {
  @IsUUID() conferenceId: string;
  @IsString() reason: string;
  @IsISO8601() at: string;
}

export class ContingencyInvoked {
  @IsUUID() conferenceId: string;
  @IsString() reason: string;
  @IsArray() @IsString({ each: true }) tasks: string[];
  @IsISO8601() at: string;
}

export class DebriefHeld {
  @IsUUID() conferenceId: string;
  @IsISO8601() heldAt: string;
  @IsString() heldBy: string;
}
