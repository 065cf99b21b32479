import {
  ConferenceKinds,
  ParticipationOptions,
  TEAM_MAX_LENGTH,
  TEAM_PATTERN,
  type ConferenceKind,
  type ParticipationOption,
} from '@cpc/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsBoolean,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import type { ChildInput, ScheduleConferenceInput } from '../application/conference-inputs';
import { ParticipantDto } from './participant.dto';

/** ISO 8601 with an explicit offset or Z (API.md: "scheduledStart (ISO 8601 with offset)"). */
export const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An instant in that form that is also on the calendar: 2026-13-01 or 25:00 or 30 February is a 400
 * naming the field, not an Invalid Date that fails later (a 500 from PostgreSQL, issue 11).
 */
export function isInstantWithOffset(value: unknown): boolean {
  if (typeof value !== 'string' || !INSTANT_WITH_OFFSET.test(value) || Number.isNaN(Date.parse(value))) return false;
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

/** class-validator decorator for `isInstantWithOffset`. */
export const IsInstantWithOffset = (options: ValidationOptions) =>
  ValidateBy({ name: 'isInstantWithOffset', validator: { validate: isInstantWithOffset } }, options);

export const TEAM_DESCRIPTION =
  'The locality team of your local authority the conference belongs to (issue 14 "Teams"): one line, at most 60 characters, ' +
  'no control characters, no leading or trailing spaces.';

/** A team name (TEAM_PATTERN): a 400 naming the field otherwise. */
export const IsTeamName = () => (target: object, property: string) => {
  IsString()(target, property);
  MaxLength(TEAM_MAX_LENGTH)(target, property);
  Matches(TEAM_PATTERN, {
    message: `${property} must be one line of at most ${TEAM_MAX_LENGTH} characters, without control characters or leading/trailing spaces`,
  })(target, property);
};

export class ChildDto implements ChildInput {
  @ApiProperty({ example: 'Amy' }) @IsString() @IsNotEmpty() @MaxLength(100) firstName: string;
  @ApiProperty({ example: 'Stone' }) @IsString() @IsNotEmpty() @MaxLength(100) lastName: string;
  @ApiProperty({ example: '2018-04-02', format: 'date' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfBirth must be a date (YYYY-MM-DD)' })
  dateOfBirth: string;
}

export class ScheduleConferenceDto implements ScheduleConferenceInput {
  @ApiProperty({ enum: ConferenceKinds }) @IsIn(ConferenceKinds) kind: ConferenceKind;
  @ApiProperty({ example: 'LBHF', description: "Must be the caller's own local authority." })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  localAuthority: string;
  @ApiProperty({ type: [ChildDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ChildDto)
  children: ChildDto[];
  @ApiProperty({ example: '2026-12-01T10:00:00+00:00' })
  @IsInstantWithOffset({ message: 'scheduledStart must be ISO 8601 with an offset, e.g. 2026-12-01T10:00:00+00:00' })
  scheduledStart: string;
  @ApiProperty({ minimum: 15, maximum: 480 }) @IsInt() @Min(15) @Max(480) durationMinutes: number;
  @ApiPropertyOptional({ enum: ParticipationOptions, default: 'FULL' })
  @IsOptional()
  @IsIn(ParticipationOptions)
  participationOption?: ParticipationOption;
  @ApiPropertyOptional({ description: 'Required for THREE_PART (R-OPT-2).' })
  @ValidateIf((o: ScheduleConferenceDto) => o.participationOption === 'THREE_PART')
  @IsString()
  @IsNotEmpty({ message: 'optionRationale is required for a THREE_PART conference (R-OPT-2)' })
  @MaxLength(4000)
  optionRationale?: string;
  @ApiPropertyOptional({ maxLength: TEAM_MAX_LENGTH, example: 'North locality', description: TEAM_DESCRIPTION })
  @IsOptional()
  @IsTeamName()
  team?: string;
  @ApiPropertyOptional({ description: 'ICPC: when the strategy discussion was held.' })
  @IsOptional()
  @IsInstantWithOffset({ message: 'strategyDiscussionAt must be ISO 8601 with an offset' })
  strategyDiscussionAt?: string;
  @ApiPropertyOptional({ description: 'RCPC: the conference this one reviews.' })
  @IsOptional()
  @IsUUID()
  previousConferenceId?: string;
  @ApiPropertyOptional({ description: "R-OPT-2: the chair's recorded agreement to THREE_PART (a CHAIR caller agrees by scheduling)." })
  @IsOptional()
  @IsBoolean()
  chairAgreed?: boolean;
  @ApiPropertyOptional({ type: [ParticipantDto], description: 'Participants known when scheduling (R-PART).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ParticipantDto)
  participants?: ParticipantDto[];
}
