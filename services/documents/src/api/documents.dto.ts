import { Audiences, ReportKinds, type Audience, type ReportKind } from '@cpc/contracts';
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
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { SectionClassification, SectionSensitivity } from '../domain';

/**
 * Limits of one document, stated so an oversize one is refused with a 400 naming the field rather
 * than stored in part: at most 200 sections, a heading of 200 characters, a section of 100,000
 * characters (a 30-page minutes document is about 90,000 in all); the whole body is also bounded
 * by HTTP_BODY_LIMIT_BYTES (1 MiB by default, 413 beyond).
 */
export const DOCUMENT_LIMITS = { sections: 200, headingChars: 200, sectionChars: 100_000, recipients: 50 } as const;

export class SectionDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(DOCUMENT_LIMITS.headingChars) heading: string;
  @ApiProperty() @IsString() @MaxLength(DOCUMENT_LIMITS.sectionChars) text: string;
  @ApiProperty({ enum: ['OPEN', 'CONFIDENTIAL'] }) @IsIn(['OPEN', 'CONFIDENTIAL']) classification: SectionClassification; // R-CLASS
  @ApiPropertyOptional({ enum: ['DOMESTIC_ABUSE'] }) @IsOptional() @IsIn(['DOMESTIC_ABUSE']) sensitivity?: SectionSensitivity; // R-DV
}

class SectionsBody {
  @ApiProperty({ type: [SectionDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'sections must hold at least one section' })
  @ArrayMaxSize(DOCUMENT_LIMITS.sections)
  @ValidateNested({ each: true })
  @Type(() => SectionDto)
  sections: SectionDto[];
}

export class SubmitReportDto extends SectionsBody {
  @ApiProperty({ enum: ReportKinds }) @IsIn(ReportKinds) kind: ReportKind;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) agency?: string;
}

export class ShareReportDto {
  @ApiProperty({ enum: Audiences }) @IsIn(Audiences) audience: Audience;
  @ApiProperty({ type: [String], description: 'Who receives it, as named people or addresses' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(DOCUMENT_LIMITS.recipients)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  recipients: string[];
  @ApiPropertyOptional({ type: [Number], description: 'Section indexes to share; default: all the audience may read' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DOCUMENT_LIMITS.sections)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(DOCUMENT_LIMITS.sections, { each: true })
  sections?: number[];
}

export class PutPlanDto extends SectionsBody {
  /** R-RED-DV: the chair marks the case sensitive (also taken from ConferenceConcluded.sensitiveCase). */
  @ApiPropertyOptional() @IsOptional() @IsBoolean() sensitiveCase?: boolean;
}

export class ReportView {
  @ApiProperty() id: string;
  @ApiProperty() conferenceId: string;
  @ApiProperty({ enum: ReportKinds }) kind: ReportKind;
  @ApiPropertyOptional() agency?: string;
  @ApiProperty() version: number;
  @ApiProperty() sectionCount: number;
  @ApiProperty() submittedAt: string;
}

export class ShareView {
  @ApiProperty() id: string;
  @ApiProperty() reportId: string;
  @ApiProperty() reportVersion: number;
  @ApiProperty({ enum: Audiences }) audience: Audience;
  @ApiProperty({ type: [String] }) recipients: string[];
  @ApiProperty({ type: [Number] }) sections: number[];
  @ApiProperty({ description: 'R-NOTDAY: shared on the day of the conference (allowed, flagged)' }) late: boolean;
  @ApiProperty() sharedAt: string;
}

export class PlanView {
  @ApiProperty() id: string;
  @ApiProperty() conferenceId: string;
  @ApiProperty() version: number;
  @ApiProperty() sensitiveCase: boolean;
  @ApiProperty() sectionCount: number;
}

export class CirculationView {
  @ApiProperty() id: string;
  @ApiProperty() conferenceId: string;
  @ApiProperty() planVersion: number;
  @ApiProperty({ description: 'Deliveries requested; the password of a parent copy is never returned' })
  deliveries: { deliveryId: string; recipientRole: string; recipientName: string; channel: string; status: string; documentId?: string }[];
}
