import { DeadlineStatuses, ParticipantRoles, type DeadlineStatus, type Role } from '@cpc/contracts';
import { PageNumber, PageSize } from '@cpc/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { DEADLINE_KINDS } from '../domain/default-policy';
import type { ListedDeadline } from '../domain/deadline';

/** ISO 8601 with an explicit offset or Z: an instant, never a server-local guess. */
export const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export class ListDeadlinesQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() conferenceId?: string;
  @ApiPropertyOptional({ enum: DeadlineStatuses }) @IsOptional() @IsIn(DeadlineStatuses) status?: DeadlineStatus;
  @ApiPropertyOptional({ enum: DEADLINE_KINDS, description: 'The rule id, e.g. R-PREP-3' })
  @IsOptional()
  @IsIn(DEADLINE_KINDS)
  kind?: string;
  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z', description: 'Due strictly before this instant' })
  @IsOptional()
  @Matches(INSTANT_WITH_OFFSET, { message: 'dueBefore must be ISO 8601 with an offset' })
  dueBefore?: string;
  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z', description: 'Due at or after this instant' })
  @IsOptional()
  @Matches(INSTANT_WITH_OFFSET, { message: 'dueAfter must be ISO 8601 with an offset' })
  dueAfter?: string;
  @PageNumber() page?: number;
  @PageSize() pageSize?: number;
}

export class SummaryQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 720, default: 24, description: 'The window of "falling due", in hours from now' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(720)
  withinHours?: number;
}

export class ReminderView {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: ParticipantRoles, isArray: true }) remind: Role[];
  @ApiProperty({ enum: ['PLANNED', 'SENT', 'SKIPPED'], description: 'SKIPPED: already past when the deadline was placed' }) state: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt: string | null;
}

export class DeadlineView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) conferenceId: string;
  @ApiProperty() localAuthority: string;
  @ApiProperty({ example: 'R-PREP-3', description: 'The rule id the deadline enforces (DOMAIN.md)' }) kind: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: DeadlineStatuses }) status: DeadlineStatus;
  @ApiProperty({ description: 'Grows each time the deadline moves' }) version: number;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ format: 'date-time' }) conferenceStart: string;
  @ApiProperty({ type: [ReminderView] }) reminders: ReminderView[];
  @ApiProperty({ enum: ParticipantRoles, isArray: true, description: 'Alerted on breach' }) alert: Role[];
  @ApiProperty({ enum: ParticipantRoles, isArray: true }) responsible: Role[];
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) metAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) breachedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) stoodDownAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it stood down, or a note on its breach' }) statusReason: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class DeadlinePageView {
  @ApiProperty({ type: [DeadlineView] }) items: DeadlineView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class FallingDueView {
  @ApiProperty() withinHours: number;
  @ApiProperty({ format: 'date-time' }) until: string;
  @ApiProperty() count: number;
  @ApiProperty({ type: [DeadlineView], description: 'The first 50, soonest first' }) items: DeadlineView[];
}

export class BreachedTodayView {
  @ApiProperty({ format: 'date-time', description: '00:00 Europe/London today' }) since: string;
  @ApiProperty() count: number;
  @ApiProperty({ type: [DeadlineView], description: 'The latest 50' }) items: DeadlineView[];
}

export class DeadlineSummaryView {
  @ApiProperty() localAuthority: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  // A Record is reflected as Object (an empty object in the document): its values are said here.
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'How many deadlines have each status',
    example: { PENDING: 12, MET: 40, BREACHED: 2, STOOD_DOWN: 5 },
  })
  byStatus: Record<string, number>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'integer' } },
    description: 'For each kind (rule id), how many deadlines have each status',
    example: { 'R-PREP-3': { PENDING: 3, MET: 10 } },
  })
  byKind: Record<string, Record<string, number>>;
  @ApiProperty({ type: FallingDueView }) fallingDue: FallingDueView;
  @ApiProperty({ type: BreachedTodayView }) breachedToday: BreachedTodayView;
}

const iso = (value: Date | null) => value?.toISOString() ?? null;

export function presentDeadline(record: ListedDeadline): DeadlineView {
  return {
    id: record.id,
    conferenceId: record.conferenceId,
    localAuthority: record.localAuthority,
    kind: record.kind,
    description: record.description,
    status: record.status,
    version: record.version,
    dueAt: record.dueAt.toISOString(),
    conferenceStart: record.conferenceStart.toISOString(),
    reminders: record.reminders.map((r) => ({ at: r.at.toISOString(), remind: r.remind, state: r.state, sentAt: iso(r.sentAt) })),
    alert: record.alert,
    responsible: record.responsible,
    metAt: iso(record.metAt),
    breachedAt: iso(record.breachedAt),
    stoodDownAt: iso(record.stoodDownAt),
    statusReason: record.statusReason,
    updatedAt: record.updatedAt.toISOString(),
  };
}
