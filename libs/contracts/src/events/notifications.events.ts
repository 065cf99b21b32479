import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID } from 'class-validator';
import { Channels, type Channel } from '../vocabulary';

/** Recipient contact details never appear in these events, only masked (R-DEL-PWD, data minimisation). */
export class NotificationEvent {
  @IsUUID() conferenceId: string;
  @IsUUID() notificationId: string;
  @IsOptional() @IsUUID() deliveryId?: string;
  @IsString() template: string;
  @IsIn(Channels) channel: Channel;
  @IsString() recipientMasked: string;
  @IsInt() attempts: number;
  @IsISO8601() at: string;
}

export class NotificationSent extends NotificationEvent {
  /**
   * The provider reports the final state later (GOV.UK Notify's delivery receipts): the message is
   * settled only by NotificationDelivered or NotificationFailed. False for SMTP, where acceptance is final.
   */
  @IsOptional() @IsBoolean() awaitingReceipt?: boolean;
}
export class NotificationDelivered extends NotificationEvent {}
export class NotificationFailed extends NotificationEvent {
  @IsString() reason: string;
  @IsIn(['PERMANENT', 'TEMPORARY']) failure: 'PERMANENT' | 'TEMPORARY';
}
