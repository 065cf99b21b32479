import { IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID } from 'class-validator';
import { DeadlineStatuses, Roles, type DeadlineStatus, type Role } from '../vocabulary';

/** Common shape of every deadline event: which deadline, of which rule, due when, at which version. */
export class DeadlineEvent {
  @IsUUID() conferenceId: string;
  @IsUUID() deadlineId: string;
  /** The rule id of the deadline kind, e.g. "R-PREP-3". */
  @IsString() kind: string;
  @IsString() description: string;
  @IsISO8601() dueAt: string;
  @IsInt() version: number;
  @IsIn(DeadlineStatuses) status: DeadlineStatus;
  /** The conference's scheduled start this version of the deadline was placed from (for messages). */
  @IsOptional() @IsISO8601() conferenceStart?: string;
  /** Roles who must do the step (the policy's "who"), e.g. PROFESSIONAL for the police report. */
  @IsOptional() @IsArray() @IsIn(Roles, { each: true }) responsible?: Role[];
}

export class DeadlineScheduled extends DeadlineEvent {}
export class DeadlineMoved extends DeadlineEvent {
  @IsISO8601() previousDueAt: string;
}
export class DeadlineMet extends DeadlineEvent {
  @IsISO8601() metAt: string;
}
export class DeadlineStoodDown extends DeadlineEvent {
  @IsString() reason: string;
}
export class DeadlineReminderDue extends DeadlineEvent {
  /** Roles to remind (the policy's "who is reminded when"). */
  @IsArray() @IsIn(Roles, { each: true }) remind: Role[];
}
export class DeadlineBreached extends DeadlineEvent {
  @IsISO8601() breachedAt: string;
  /** Roles to alert: the chair and the team manager by default (DOMAIN.md "Timings"). */
  @IsArray() @IsIn(Roles, { each: true }) alert: Role[];
  @IsOptional() @IsString() note?: string;
}
