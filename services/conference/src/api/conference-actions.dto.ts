import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { ConferenceStatuses, ParticipationOptions, type ConferenceStatus, type ParticipationOption } from '@cpc/contracts';
import type { ConferenceListFilter } from '../application/conference-inputs';
import { IsInstantWithOffset, IsTeamName, TEAM_DESCRIPTION } from './schedule-conference.dto';

export class ReasonDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason: string;
}

export class RescheduleDto extends ReasonDto {
  @ApiProperty({ example: '2026-12-01T10:00:00+00:00' })
  @IsInstantWithOffset({ message: 'scheduledStart must be ISO 8601 with an offset, e.g. 2026-12-01T10:00:00+00:00' })
  scheduledStart: string;
}

export class PostponementDto {
  @ApiProperty({ description: "R-POSTPONE: recorded on the child's record." }) @IsString() @IsNotEmpty() @MaxLength(4000) rationale: string;
}

export class PreparationStepDto {
  @ApiPropertyOptional({ description: 'Required for R-ROOM (who is in the room).' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;
  @ApiPropertyOptional({ description: 'R-PREP-5: the chair agreed the risk assessment.' }) @IsOptional() @IsBoolean() chairAgreed?: boolean;
  @ApiPropertyOptional({ description: 'When it happened; default now.' })
  @IsOptional()
  @IsInstantWithOffset({ message: 'completedAt must be ISO 8601 with an offset' })
  completedAt?: string;
}

export class ConcludeDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) decision: string;
  @ApiProperty({ description: 'Child protection plan summary (R-OUT).' }) @IsString() @IsNotEmpty() @MaxLength(20000) planSummary: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) decisionAnalysis?: string;
  @ApiProperty({ description: 'R-ESC: escalates to the team manager.' }) @IsBoolean() increasedRisk: boolean;
  @ApiPropertyOptional({ description: 'R-RED-DV: redact sensitive content for both parents.' })
  @IsOptional()
  @IsBoolean()
  sensitiveCase?: boolean;
}

export class DebriefDto {
  @ApiProperty() @IsInstantWithOffset({ message: 'heldAt must be ISO 8601 with an offset' }) heldAt: string;
  @ApiProperty() @IsBoolean() understood: boolean;
  @ApiProperty() @IsBoolean() viewsHeard: boolean;
  @ApiProperty() @IsBoolean() safetyPlanConfirmed: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) notes?: string;
}

export class ConferenceListQuery implements ConferenceListFilter {
  @ApiPropertyOptional({ enum: ConferenceStatuses }) @IsOptional() @IsIn(ConferenceStatuses) status?: ConferenceStatus;
  @ApiPropertyOptional({ description: 'Starts at or after (inclusive).' })
  @IsOptional()
  @IsInstantWithOffset({ message: 'from must be ISO 8601 with an offset' })
  from?: string;
  @ApiPropertyOptional({ description: 'Starts before (exclusive).' })
  @IsOptional()
  @IsInstantWithOffset({ message: 'to must be ISO 8601 with an offset' })
  to?: string;
  @ApiPropertyOptional({ description: "The chair participant's userId." }) @IsOptional() @IsString() @MaxLength(200) chair?: string;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page?: number;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize?: number;
}

export class ParticipationOptionDto {
  @ApiProperty({ enum: ParticipationOptions }) @IsIn(ParticipationOptions) participationOption: ParticipationOption;
  @ApiPropertyOptional({ description: 'Required for THREE_PART (R-OPT-2).' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  rationale?: string;
  @ApiPropertyOptional({ description: "R-OPT-2: the chair's agreement (a CHAIR caller agrees by asking)." })
  @IsOptional()
  @IsBoolean()
  chairAgreed?: boolean;
}

export class TeamDto {
  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: 60,
    example: 'North locality',
    description: `${TEAM_DESCRIPTION} \`null\` takes the team away.`,
  })
  @IsDefined({ message: 'team is required (null for no team)' })
  @ValidateIf((o: TeamDto) => o.team !== null)
  @IsTeamName()
  team: string | null;
}
