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

/**
 * R-CONTACT, R-POST-3: a message documents asked for (DeliveryRequested) is not to be sent after all:
 * a later circulation of the plan replaced it while it was held, so only the newer version may go.
 * Notifications never sends that delivery, whatever happens to the recipient's contact afterwards.
 */
export class DeliveryWithdrawn {
  @IsUUID() conferenceId: string;
  @IsUUID() deliveryId: string;
  @IsOptional() @IsUUID() participantId?: string;
  /** Plain words for operators; never a name or a contact detail. */
  @IsString() reason: string;
}

/**
 * A recipient's state in a circulation (R-DEL-PRO, R-DEL-PAR, R-CONTACT):
 * - SENT: every message for them left and, where the provider gives receipts (GOV.UK Notify), was delivered;
 * - HELD: not sent, and why (HELD_CONTACT_UNCONFIRMED until the chair confirms a parent's contact details);
 * - FAILED: a message for them could not be delivered (a parent's document without its password is not delivered).
 * PENDING appears only in the REST view, never in an event.
 */
export const RecipientStatuses = ['PENDING', 'SENT', 'HELD', 'FAILED'] as const;
export type RecipientStatus = (typeof RecipientStatuses)[number];
/** SUPERSEDED: a recipient still held when a later circulation of the plan replaced this one. */
export const RecipientReasons = ['HELD_CONTACT_UNCONFIRMED', 'NO_EMAIL', 'NO_MOBILE', 'DELIVERY_FAILED', 'SUPERSEDED'] as const;
export type RecipientReason = (typeof RecipientReasons)[number];

/** One recipient of a circulation, by participant id and role: never a name or a contact detail on Kafka. */
export class CirculationRecipient {
  @IsUUID() participantId: string;
  @IsIn(Roles) recipientRole: Role;
  @IsIn(RecipientStatuses) status: RecipientStatus;
  @IsOptional() @IsIn(RecipientReasons) reasonCode?: RecipientReason;
  /** Plain words for operators; never carries a contact detail or a name. */
  @IsOptional() @IsString() reason?: string;
  /** The messages (DeliveryRequested.deliveryId) that carry the plan to this recipient. */
  @IsArray() @IsUUID('all', { each: true }) deliveryIds: string[];
}

/**
 * The first settlement of a circulation: no recipient is still being sent to. Each recipient the
 * conference holds for the plan is SENT, HELD (with its reason) or FAILED (with its reason).
 * `complete` is true when every recipient is SENT; R-POST-3 is met only then.
 */
export class PlanCirculated {
  @IsUUID() conferenceId: string;
  @IsUUID() circulationId: string;
  @IsUUID() planId: string;
  @IsInt() planVersion: number;
  @IsISO8601() circulatedAt: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => CirculationRecipient) results: CirculationRecipient[];
  @IsBoolean() complete: boolean;
}

/**
 * A recipient's state changed after PlanCirculated: a held parent was released once their contact
 * was confirmed and then sent, or a message a provider accepted was later reported failed.
 */
export class CirculationRecipientUpdated {
  @IsUUID() conferenceId: string;
  @IsUUID() circulationId: string;
  @IsUUID() planId: string;
  @IsInt() planVersion: number;
  @IsISO8601() at: string;
  @ValidateNested() @Type(() => CirculationRecipient) recipient: CirculationRecipient;
  /** Every recipient of the circulation is now SENT (R-POST-3). */
  @IsBoolean() complete: boolean;
}
