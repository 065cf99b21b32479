import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, ValidateNested } from 'class-validator';
import { Channels, Roles, type Channel, type Role } from '../vocabulary';

export const ReportKinds = ['SOCIAL_WORK', 'POLICE', 'AGENCY'] as const;
export type ReportKind = (typeof ReportKinds)[number];
export const Audiences = ['FAMILY', 'PROFESSIONALS'] as const;
export type Audience = (typeof Audiences)[number];

export class ReportSubmitted {
  @IsUUID() conferenceId: string;
  @IsUUID() reportId: string;
  @IsIn(ReportKinds) kind: ReportKind;
  @IsOptional() @IsString() agency?: string;
  @IsInt() version: number;
  @IsISO8601() submittedAt: string;
  @IsString() submittedBy: string;
}

/** R-SHARE: who shared what version with whom, and when. Never carries section text. */
export class ReportShared {
  @IsUUID() conferenceId: string;
  @IsUUID() reportId: string;
  @IsUUID() shareId: string;
  @IsIn(ReportKinds) reportKind: ReportKind;
  @IsInt() reportVersion: number;
  @IsIn(Audiences) audience: Audience;
  @IsArray() @IsString({ each: true }) recipients: string[];
  @IsInt() sectionsShared: number;
  @IsISO8601() sharedAt: string;
  @IsString() sharedBy: string;
  /** R-NOTDAY: shared on the day of the conference (allowed, flagged). */
  @IsBoolean() late: boolean;
}

export class PlanUpdated {
  @IsUUID() conferenceId: string;
  @IsUUID() planId: string;
  @IsInt() version: number;
  @IsBoolean() sensitiveCase: boolean;
}

/**
 * Documents asks notifications to deliver one document to one recipient. The document is fetched
 * by id over the authenticated internal API; the password of a parent's copy travels only
 * encrypted for the notifications service's key (ARCHITECTURE.md "Secrets never travel in plain text").
 */
export class DeliveryRequested {
  @IsUUID() conferenceId: string;
  @IsUUID() deliveryId: string;
  @IsUUID() documentId: string;
  @IsString() template: string;
  @IsOptional() @IsUUID() participantId?: string;
  @IsIn(Roles) recipientRole: Role;
  @IsString() recipientName: string;
  @IsOptional() @IsString() email?: string;
  @IsOptional() @IsString() mobile?: string;
  @IsIn(Channels) channel: Channel;
  /** The document password sealed for the notifications service (sealSecret, RSA-OAEP): never plain text on Kafka. */
  @IsOptional() @IsString() passwordCiphertext?: string;
}

export class CirculationResult {
  @IsUUID() deliveryId: string;
  @IsIn(Roles) recipientRole: Role;
  @IsString() recipientName: string;
  @IsIn(['SENT', 'FAILED']) status: 'SENT' | 'FAILED';
  @IsOptional() @IsString() error?: string;
}

export class PlanCirculated {
  @IsUUID() conferenceId: string;
  @IsUUID() planId: string;
  @IsInt() planVersion: number;
  @IsISO8601() circulatedAt: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => CirculationResult) results: CirculationResult[];
}
