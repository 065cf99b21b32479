import { Audiences, ParticipationOptions, ParticipantRoles, ReportKinds, type ParticipationOption, type Role } from '@cpc/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Anchors, OffsetBases, type DeadlineOffset, type DeadlinePolicy } from '../domain/deadline-policy';
import type { PolicyOverride } from '../domain/policy-override';

const ELAPSED = ['BEFORE', 'AFTER'];

export class OffsetDto {
  @ApiProperty({
    enum: OffsetBases,
    description:
      'BEFORE/AFTER: elapsed time from the anchor instant (R-TIME); START_OF_DAY: 00:00 Europe/London on the anchor date (R-NOTDAY); END_OF_WORKING_DAY: 23:59:59 on the nth working day after it (R-POST-3)',
  })
  @IsIn(OffsetBases)
  basis: DeadlineOffset['basis'];
  @ApiPropertyOptional({ example: 'PT24H', description: 'ISO 8601 duration of weeks, days, hours, minutes, seconds (BEFORE, AFTER)' })
  @ValidateIf((o: OffsetDto) => ELAPSED.includes(o.basis))
  @IsString()
  duration?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 60, description: 'END_OF_WORKING_DAY: England and Wales working days after the anchor date' })
  @ValidateIf((o: OffsetDto) => o.basis === 'END_OF_WORKING_DAY')
  @IsInt()
  @Min(0)
  @Max(60)
  workingDays?: number;
}

export class ReminderRuleDto {
  @ApiProperty({ example: 'PT4H', description: 'How long before the deadline (ISO 8601 duration)' }) @IsString() before: string;
  @ApiProperty({ enum: ParticipantRoles, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(ParticipantRoles, { each: true })
  remind: Role[];
  @ApiPropertyOptional({ enum: ParticipationOptions, description: 'Only for conferences with this option' })
  @IsOptional()
  @IsIn(ParticipationOptions)
  option?: ParticipationOption;
}

/** A local authority's change to one kind: any of timing, reminders, alert, on/off. */
export class PolicyOverrideDto {
  @ApiPropertyOptional({ type: OffsetDto }) @IsOptional() @ValidateNested() @Type(() => OffsetDto) offset?: OffsetDto;
  @ApiPropertyOptional({ type: [ReminderRuleDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ReminderRuleDto)
  reminders?: ReminderRuleDto[];
  @ApiPropertyOptional({ enum: ParticipantRoles, isArray: true, description: 'Alerted on breach' })
  @IsOptional()
  @IsArray()
  @IsIn(ParticipantRoles, { each: true })
  alert?: Role[];
  @ApiPropertyOptional({ description: 'false: deadlines of this kind are not created' }) @IsOptional() @IsBoolean() enabled?: boolean;
}

/** One event that satisfies a rule, as the policy returns it (`satisfiedBy[]`): the event and the facts it must carry. */
export class SatisfierView {
  @ApiProperty({ enum: ['PreparationStepCompleted', 'ReportSubmitted', 'ReportShared', 'PlanCirculated', 'DebriefHeld'] }) event: string;
  @ApiPropertyOptional({ example: 'R-PREP-2', description: 'PreparationStepCompleted: the step (named as the rule id it completes)' })
  step?: string;
  @ApiPropertyOptional({ enum: ReportKinds, description: 'ReportSubmitted, ReportShared: the kind of report' }) reportKind?: string;
  @ApiPropertyOptional({ enum: Audiences, description: 'ReportShared: the audience it was shared with' }) audience?: string;
}

export class RuleView {
  @ApiProperty({ example: 'R-PREP-3' }) kind: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: ['PREPARATION', 'AFTER_CONFERENCE', 'CONTINGENCY'] }) phase: string;
  @ApiProperty({ enum: Anchors }) anchor: string;
  @ApiProperty({ type: OffsetDto }) offset: DeadlineOffset;
  @ApiProperty({ enum: ParticipationOptions, isArray: true }) options: ParticipationOption[];
  @ApiProperty({ enum: ParticipantRoles, isArray: true }) responsible: Role[];
  @ApiProperty({ type: [ReminderRuleDto] }) reminders: ReminderRuleDto[];
  @ApiProperty({ enum: ParticipantRoles, isArray: true }) alert: Role[];
  @ApiProperty({
    type: [SatisfierView],
    example: [{ event: 'ReportSubmitted', reportKind: 'POLICE' }],
    description: 'Events that satisfy it',
  })
  satisfiedBy: SatisfierView[];
  @ApiProperty() enabled: boolean;
  @ApiProperty({ description: 'The local authority has overridden the default' }) overridden: boolean;
}

export class PolicyView {
  @ApiProperty() localAuthority: string;
  @ApiProperty({ type: [RuleView] }) rules: RuleView[];
}

export function presentPolicy(policy: DeadlinePolicy): PolicyView {
  return {
    localAuthority: policy.localAuthority,
    rules: policy.rules.map((rule) => ({ ...rule, overridden: policy.overridden.includes(rule.kind) })),
  };
}

/** Only the fields that belong to the chosen basis are kept. */
export function toOverride(dto: PolicyOverrideDto): PolicyOverride {
  const offset = dto.offset;
  return {
    ...(offset ? { offset: toOffset(offset) } : {}),
    ...(dto.reminders
      ? { reminders: dto.reminders.map((r) => ({ before: r.before, remind: r.remind, ...(r.option ? { option: r.option } : {}) })) }
      : {}),
    ...(dto.alert ? { alert: dto.alert } : {}),
    // JSON null is no change, as an absent field is (found by the 10,000-request fuzz: GET /policy then said `enabled: null`).
    ...(typeof dto.enabled === 'boolean' ? { enabled: dto.enabled } : {}),
  };
}

function toOffset(offset: OffsetDto): DeadlineOffset {
  switch (offset.basis) {
    case 'BEFORE':
    case 'AFTER':
      return { basis: offset.basis, duration: offset.duration as string };
    case 'START_OF_DAY':
      return { basis: 'START_OF_DAY' };
    case 'END_OF_WORKING_DAY':
      return { basis: 'END_OF_WORKING_DAY', workingDays: offset.workingDays as number };
  }
}
