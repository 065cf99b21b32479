import {
  Audiences,
  RecipientReasons,
  RecipientStatuses,
  ParticipantRoles,
  ReportKinds,
  type Audience,
  type ReportKind,
} from '@cpc/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type {
  PlanSummary,
  PutPlanInput,
  ReportShare,
  ShareReportInput,
  SubmitReportInput,
  SubmittedReport,
} from '../application/document-inputs';
import type { DocumentSection, NamedPerson, SectionClassification, SectionSensitivity } from '../domain';

/**
 * Limits of one document, stated so an oversize one is refused with a 400 naming the field rather
 * than stored in part: at most 200 sections, a heading of 200 characters, a section of 100,000
 * characters (a 30-page minutes document is about 90,000 in all); the whole body is also bounded
 * by HTTP_BODY_LIMIT_BYTES (1 MiB by default, 413 beyond).
 */
export const DOCUMENT_LIMITS = { sections: 200, headingChars: 200, sectionChars: 100_000, recipients: 50, people: 50 } as const;

export class SectionDto implements DocumentSection {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(DOCUMENT_LIMITS.headingChars) heading: string;
  @ApiProperty() @IsString() @MaxLength(DOCUMENT_LIMITS.sectionChars) text: string;
  @ApiProperty({ enum: ['OPEN', 'CONFIDENTIAL'] }) @IsIn(['OPEN', 'CONFIDENTIAL']) classification: SectionClassification; // R-CLASS
  @ApiPropertyOptional({ enum: ['DOMESTIC_ABUSE'] }) @IsOptional() @IsIn(['DOMESTIC_ABUSE']) sensitivity?: SectionSensitivity; // R-DV
}

/** R-RED-INIT: someone the document speaks of who is not a participant; their names, addresses and date of birth never reach the family's copy. */
export class NamedPersonDto implements NamedPerson {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) firstName: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) lastName: string;
  @ApiPropertyOptional({ type: [String], description: 'Other names they go by' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  knownAs?: string[];
  @ApiPropertyOptional({ example: '1961-05-20' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/u)
  dateOfBirth?: string;
  @ApiPropertyOptional({ type: [String], example: ['3 Elm Street, London W12 8QT'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(300, { each: true })
  addresses?: string[];
}

class SectionsBody {
  @ApiProperty({ type: [SectionDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'sections must hold at least one section' })
  @ArrayMaxSize(DOCUMENT_LIMITS.sections)
  @ValidateNested({ each: true })
  @Type(() => SectionDto)
  sections: SectionDto[];

  @ApiPropertyOptional({
    type: [NamedPersonDto],
    description:
      "People the document names who are not participants (R-RED-INIT): redacted from every family copy like the case's own people",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DOCUMENT_LIMITS.people)
  @ValidateNested({ each: true })
  @Type(() => NamedPersonDto)
  people?: NamedPersonDto[];
}

export class SubmitReportDto extends SectionsBody implements SubmitReportInput {
  @ApiProperty({ enum: ReportKinds }) @IsIn(ReportKinds) kind: ReportKind;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) agency?: string;
}

export class ShareReportDto implements ShareReportInput {
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

export class PutPlanDto extends SectionsBody implements PutPlanInput {
  /** R-RED-DV: the chair marks the case sensitive (also taken from ConferenceConcluded.sensitiveCase). */
  @ApiPropertyOptional() @IsOptional() @IsBoolean() sensitiveCase?: boolean;
}

export class ReportView implements SubmittedReport {
  @ApiProperty() id: string;
  @ApiProperty() conferenceId: string;
  @ApiProperty({ enum: ReportKinds }) kind: ReportKind;
  @ApiPropertyOptional() agency?: string;
  @ApiProperty() version: number;
  @ApiProperty() sectionCount: number;
  @ApiProperty() submittedAt: string;
}

export class ShareView implements ReportShare {
  @ApiProperty() id: string;
  @ApiProperty() reportId: string;
  @ApiProperty() reportVersion: number;
  @ApiProperty({ enum: Audiences }) audience: Audience;
  @ApiProperty({ type: [String] }) recipients: string[];
  @ApiProperty({ type: [Number] }) sections: number[];
  @ApiProperty({ description: 'R-NOTDAY: shared on the day of the conference (allowed, flagged)' }) late: boolean;
  @ApiProperty() sharedAt: string;
}

export class PlanView implements PlanSummary {
  @ApiProperty() id: string;
  @ApiProperty() conferenceId: string;
  @ApiProperty() version: number;
  @ApiProperty() sensitiveCase: boolean;
  @ApiProperty() sectionCount: number;
}

export class CirculationMessageView {
  @ApiProperty() deliveryId: string;
  @ApiProperty({ enum: ['EMAIL', 'SMS'] }) channel: string;
  @ApiProperty() template: string;
  @ApiProperty({ enum: ['HELD', 'PENDING', 'SENT', 'DELIVERED', 'FAILED', 'STOOD_DOWN'] }) status: string;
  @ApiProperty() documentId: string;
}

export class CirculationRecipientView {
  @ApiProperty() participantId: string;
  @ApiProperty({ enum: ParticipantRoles }) recipientRole: string;
  @ApiPropertyOptional({ nullable: true, type: String }) recipientName: string | null;
  @ApiProperty({
    enum: RecipientStatuses,
    description:
      'PENDING: being sent; SENT: every message left (and, through GOV.UK Notify, was delivered); HELD: kept back, see reasonCode; FAILED: will not arrive, see reasonCode',
  })
  status: string;
  @ApiPropertyOptional({ enum: RecipientReasons }) reasonCode?: string;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty({ type: [CirculationMessageView] }) messages: CirculationMessageView[];
}

/** R-POST-3, R-CONTACT: one circulation of the plan, by recipient. The password of a parent copy is never returned. */
export class CirculationView {
  @ApiProperty() id: string;
  @ApiProperty() conferenceId: string;
  @ApiProperty() planVersion: number;
  @ApiProperty() startedAt: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'When PlanCirculated went out: no recipient was still PENDING' })
  announcedAt: string | null;
  @ApiProperty({ description: 'Every recipient is SENT: R-POST-3 is met' }) complete: boolean;
  @ApiProperty({ type: [CirculationRecipientView] }) recipients: CirculationRecipientView[];
  @ApiProperty({ type: [CirculationMessageView], description: 'Every message of the circulation, as in recipients[].messages' })
  deliveries: (CirculationMessageView & { recipientRole: string; participantId: string })[];
}

export class CirculationListView {
  @ApiProperty({ type: [CirculationView] }) items: CirculationView[];
}
